import { ErrorCode } from '../domain/error-codes.js';
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
