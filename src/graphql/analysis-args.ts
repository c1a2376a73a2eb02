import { coverageRequestProblems, frameworkListProblems, quotedArgument, scopeProblems, toHeldScope, type ScopeInput } from '../analysis/request-checks.js';
import { expandToLeaves } from '../domain/leaves.js';
import type { HeldScope } from '../domain/scope.js';
import type { Framework, RequirementKind } from '../domain/types.js';
import type { RequestContext } from './context.js';
import { firstRows } from '../domain/graph-store.js';
import { badInput, checkAll, throwProblems } from './errors.js';
import { requireFramework, requireFrameworks, requireRequirement } from './lookup.js';

/**
 * Checks of the arguments the analysis queries share, each failure a coded error naming the argument:
 * the rules shared with the CLI come from analysis/request-checks.ts, the lookups from lookup.ts.
 */

const MAX_IMPLEMENTED = 5000;

export interface AnalysisArgs {
  target: string;
  held: readonly string[];
  scope?: readonly ScopeInput[] | null;
  kind?: RequirementKind | null;
  implemented?: readonly string[] | null;
}

export interface CheckedAnalysisArgs {
  target: Framework;
  held: string[];
  scopes: HeldScope[];
  kind: RequirementKind | null;
  implemented: string[] | null;
}

export async function checkFrameworkList(ctx: RequestContext, ids: readonly string[], argument: string, minimum = 1): Promise<string[]> {
  throwProblems(frameworkListProblems(ids, argument, quotedArgument, minimum));
  const unique = [...new Set(ids)];
  await requireFrameworks(ctx, unique, argument);
  return unique;
}

export async function checkAnalysisArgs(ctx: RequestContext, args: AnalysisArgs): Promise<CheckedAnalysisArgs> {
  // Every faulty argument is reported, not only the first (README, "Conventions for integrators").
  const kind = args.kind ?? null;
  const [target, held] = await checkAll([
    requireFramework(ctx, args.target, 'target'),
    checkFrameworkList(ctx, args.held, 'held'),
    () => throwProblems(coverageRequestProblems({ target: args.target, held: args.held, kind }, quotedArgument)),
    () => throwProblems(args.scope ? scopeProblems(args.scope, [...new Set(args.held)], quotedArgument, 'scope', 'held') : []),
  ] as const);
  const scopes = checkScopes(args.scope ?? null, held);
  if (kind) {
    const [page] = await ctx.loaders.requirementPages.loadMany([{ filter: { frameworkIds: [target.id], kinds: [kind] }, page: { after: null, limit: 0 } }]);
    if (!(page instanceof Error) && page?.totalCount === 0) {
      throw badInput(`${target.shortName} has no ${kind} requirements; try ${kind === 'CLAUSE' ? 'CONTROL' : 'CLAUSE'} or leave "kind" out.`, 'kind');
    }
  }
  return { target, held, scopes, kind, implemented: await checkImplemented(ctx, args.implemented ?? null, held) };
}

/** The scopes of held frameworks (request-checks.ts says what is refused), as the domain takes them. */
export function checkScopes(scope: readonly ScopeInput[] | null, held: readonly string[], heldArgument = 'held'): HeldScope[] {
  if (scope === null) return [];
  throwProblems(scopeProblems(scope, held, quotedArgument, 'scope', heldArgument));
  return scope.map(toHeldScope);
}

async function checkImplemented(ctx: RequestContext, implemented: readonly string[] | null, held: string[]): Promise<string[] | null> {
  if (implemented === null) return null;
  if (implemented.length > MAX_IMPLEMENTED) throw badInput(`"implemented" takes at most ${MAX_IMPLEMENTED} requirement ids.`, 'implemented');
  const unique = [...new Set(implemented)];
  const requirements = await Promise.all(unique.map((id) => requireRequirement(ctx, id, 'implemented')));
  const outside = requirements.filter((r) => !held.includes(r.frameworkId));
  if (outside.length > 0) {
    throw badInput(`"implemented" lists requirements of frameworks not in "held": ${outside.slice(0, 5).map((r) => r.id).join(', ')}.`, 'implemented');
  }
  if (requirements.every((r) => r.kind !== 'GROUP')) return unique;
  // A group stands for every leaf below it: read the catalogs of the frameworks it belongs to, once.
  const frameworkIds = [...new Set(requirements.filter((r) => r.kind === 'GROUP').map((r) => r.frameworkId))];
  const [page] = await ctx.loaders.requirementPages.loadMany([{ filter: { frameworkIds }, page: firstRows() }]);
  if (!page || page instanceof Error) throw page ?? new Error('no catalog page');
  return expandToLeaves(unique, page.items);
}
