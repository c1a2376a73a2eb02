import { ErrorCode } from '../domain/error-codes.js';
import { dimensionsOf, SCOPE_DIMENSION_NAMES, SCOPE_DIMENSIONS, valuesOf, type HeldScope } from '../domain/scope.js';
import type { RequirementKind } from '../domain/types.js';

/**
 * The checks of an analysis request that need no store: one home for the rules the GraphQL API
 * and the CLI share. Each failure is a typed problem naming its argument; GraphQL answers it as
 * BAD_USER_INPUT, the CLI as exit code 2. Lookups (does the framework exist?) stay with each surface,
 * which knows how to suggest.
 */
export interface RequestProblem {
  code: typeof ErrorCode.BAD_USER_INPUT;
  argument: string;
  message: string;
}

/** How a surface writes an argument's name in a message: GraphQL `"held"`, the CLI `--held`. */
export type ArgumentName = (argument: string) => string;
export const quotedArgument: ArgumentName = (argument) => `"${argument}"`;

export const MAX_FRAMEWORKS = 50;

const problem = (argument: string, message: string): RequestProblem => ({ code: ErrorCode.BAD_USER_INPUT, argument, message });

/** A list of framework ids: at least `minimum`, at most MAX_FRAMEWORKS. */
export function frameworkListProblems(ids: readonly string[], argument: string, name: ArgumentName, minimum = 1): RequestProblem[] {
  if (ids.length < minimum) return [problem(argument, `${name(argument)} needs at least ${minimum} framework id${minimum === 1 ? '' : 's'}.`)];
  if (ids.length > MAX_FRAMEWORKS) return [problem(argument, `${name(argument)} takes at most ${MAX_FRAMEWORKS} framework ids.`)];
  return [];
}

/** Coverage and gaps: the held frameworks never include the target, and groups have no coverage. */
export function coverageRequestProblems(request: { target: string; held: readonly string[]; kind?: RequirementKind | null }, name: ArgumentName): RequestProblem[] {
  const problems: RequestProblem[] = [];
  if (request.held.includes(request.target)) {
    problems.push(problem('held', `${name('held')} must not include the target "${request.target}": a framework trivially covers itself.`));
  }
  if (request.kind === 'GROUP') problems.push(problem('kind', `${name('kind')} GROUP has no coverage: coverage is over clauses and controls.`));
  return problems;
}

/** A roadmap's candidates are frameworks not held, and at least one is left. */
export function roadmapRequestProblems(request: { held: readonly string[]; candidates: readonly string[] }, name: ArgumentName): RequestProblem[] {
  const overlapping = request.candidates.filter((c) => request.held.includes(c));
  if (overlapping.length > 0) return [problem('candidates', `${name('candidates')} must not include held frameworks: ${overlapping.join(', ')}.`)];
  if (request.candidates.length === 0) return [problem('held', 'Every framework is already held: there is no candidate left.')];
  return [];
}

/** A crosswalk table: two different frameworks, and no GROUP rows. */
export function crosswalkRequestProblems(request: { from: string; to: string; kind?: RequirementKind | null }, name: ArgumentName): RequestProblem[] {
  const problems = distinctProblems(request.from, request.to, ['from', 'to'], 'frameworks', name);
  if (request.kind === 'GROUP') problems.push(problem('kind', `${name('kind')} GROUP has no crosswalk rows: use CLAUSE or CONTROL.`));
  return problems;
}

/** Two ends of a comparison (overlap, explain, crosswalk) must differ; the problem names the second. */
export function distinctProblems(first: string, second: string, [a, b]: [string, string], what: 'frameworks' | 'requirements', name: ArgumentName): RequestProblem[] {
  return first === second ? [problem(b, `${name(a)} and ${name(b)} must be two different ${what}.`)] : [];
}

/** A held framework's scope as a request gives it, before checking (GraphQL's HeldScope, the CLI's `--held soc2:SECURITY`). */
export interface ScopeInput {
  framework: string;
  categories?: readonly string[] | null;
  roles?: readonly string[] | null;
  riskClasses?: readonly string[] | null;
}

/**
 * Scopes of held frameworks: each names a held framework, once; only the dimensions that framework
 * has (SOC 2 categories, AI Act roles and risk classes), each a non-empty list of known values,
 * SOC 2's including SECURITY. Checked here, once, for GraphQL and the CLI.
 */
export function scopeProblems(scopes: readonly ScopeInput[], held: readonly string[], name: ArgumentName, argument = 'scope', heldArgument = 'held'): RequestProblem[] {
  const problems: RequestProblem[] = [];
  const seen = new Set<string>();
  for (const scope of scopes) {
    const fw = scope.framework;
    if (!held.includes(fw)) problems.push(problem(argument, `${name(argument)} names "${fw}", which is not in ${name(heldArgument)}: give a scope only for a held framework.`));
    if (seen.has(fw)) problems.push(problem(argument, `${name(argument)} gives "${fw}" more than once: give each held framework one scope.`));
    seen.add(fw);
    const own = dimensionsOf(fw);
    for (const dimension of SCOPE_DIMENSION_NAMES) {
      const values = scope[dimension];
      if (values === undefined || values === null) continue;
      if (!own.includes(dimension)) {
        const owner = SCOPE_DIMENSIONS[dimension].frameworkId;
        const has = own.length > 0 ? `it has ${own.join(', ')}` : 'it is held whole or not at all';
        problems.push(problem(argument, `${name(argument)}: "${fw}" has no ${dimension} (${dimension} are for "${owner}"); ${has}.`));
        continue;
      }
      if (values.length === 0) problems.push(problem(argument, `${name(argument)}: ${dimension} of "${fw}" must not be empty; leave it out to mean all.`));
      const known = valuesOf(dimension);
      const unknown = values.filter((v) => !known.includes(v));
      if (unknown.length > 0) problems.push(problem(argument, `${name(argument)}: unknown ${dimension} value "${unknown[0]}" for "${fw}"; known: ${known.join(', ')}.`));
      const missing = SCOPE_DIMENSIONS[dimension].required.filter((r: string) => !values.includes(r));
      if (missing.length > 0 && unknown.length === 0 && values.length > 0) {
        problems.push(problem(argument, `${name(argument)}: ${dimension} of "${fw}" must include ${missing.join(', ')}: every report covers it.`));
      }
    }
  }
  return problems;
}

/** A checked scope input as the domain's HeldScope (only the dimensions given). */
export function toHeldScope(scope: ScopeInput): HeldScope {
  const held: HeldScope = { frameworkId: scope.framework };
  for (const dimension of SCOPE_DIMENSION_NAMES) {
    const values = scope[dimension];
    if (values) held[dimension] = [...new Set(values)];
  }
  return held;
}
