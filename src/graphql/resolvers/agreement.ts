import { queryPairAgreements } from '../../analysis/agreement.js';
import { distinctProblems, quotedArgument } from '../../analysis/request-checks.js';
import { agreeingLines, type PairAgreement } from '../../domain/agreement.js';
import { frameworkIdOf } from '../../domain/ids.js';
import type { RequestContext } from '../context.js';
import { badInput, checkAll, throwProblems } from '../errors.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { loadAll } from '../loaders.js';
import { requireFramework, requireRequirement } from '../lookup.js';

const MAX_DISAGREEMENTS = 500;

/**
 * Each framework pair's agreement analysis, once per request: a page of a hundred mappings, or a
 * coverage answer's reasons, all read the same one or two analyses.
 */
const perRequest = new WeakMap<RequestContext, Map<string, Promise<Map<string, PairAgreement>>>>();

function agreementsBetween(ctx: RequestContext, from: string, to: string): Promise<Map<string, PairAgreement>> {
  let memo = perRequest.get(ctx);
  if (!memo) perRequest.set(ctx, (memo = new Map()));
  const key = `${from}\u0000${to}`;
  let pairs = memo.get(key);
  if (!pairs) {
    pairs = queryPairAgreements(ctx.store, from, to).then((list) => new Map(list.map((p) => [`${p.fromId}\u0000${p.toId}`, p])));
    memo.set(key, pairs);
  }
  return pairs;
}

async function pairOf(ctx: RequestContext, fromId: string, toId: string): Promise<PairAgreement | null> {
  const pairs = await agreementsBetween(ctx, frameworkIdOf(fromId), frameworkIdOf(toId));
  return pairs.get(`${fromId}\u0000${toId}`) ?? null;
}

export const agreementResolvers: Resolvers = {
  Query: {
    disagreements: async (_root, { a, b, first }, ctx) => {
      const limit = first ?? 100;
      await checkAll([
        () => {
          if (!Number.isInteger(limit) || limit < 1 || limit > MAX_DISAGREEMENTS) throw badInput(`"first" must be between 1 and ${MAX_DISAGREEMENTS}.`, 'first');
        },
        requireFramework(ctx, a, 'a'),
        requireFramework(ctx, b, 'b'),
        () => throwProblems(distinctProblems(a, b, ['a', 'b'], 'frameworks', quotedArgument)),
      ] as const);
      const pairs = await agreementsBetween(ctx, a, b);
      return [...pairs.values()].filter((p) => p.agreement === 'DISAGREE').slice(0, limit);
    },
    pairAgreement: async (_root, { from, to }, ctx) => {
      await checkAll([
        requireRequirement(ctx, from, 'from'),
        requireRequirement(ctx, to, 'to'),
        () => throwProblems(distinctProblems(frameworkIdOf(from), frameworkIdOf(to), ['from', 'to'], 'frameworks', quotedArgument)),
      ] as const);
      return pairOf(ctx, from, to);
    },
  },
  PairAgreement: {
    from: (p, _args, ctx) => ctx.loaders.node('Requirement').load(p.fromId).then((r) => r!),
    to: (p, _args, ctx) => ctx.loaders.node('Requirement').load(p.toId).then((r) => r!),
  },
  SourceClaim: {
    via: (c, _args, ctx) => (c.pivotId ? ctx.loaders.node('Requirement').load(c.pivotId) : null),
    mappingSets: (c, _args, ctx) => loadAll(ctx.loaders, 'MappingSet', c.setIds),
    sources: (c, _args, ctx) => loadAll(ctx.loaders, 'MappingSource', c.sourceIds),
  },
  Mapping: {
    agreement: async (m, _args, ctx) => {
      const pair = (await pairOf(ctx, m.fromId, m.toId))!;
      const own = pair.claims.find((c) => c.kind === 'DIRECT' && c.mappings[0]!.id === m.id)!;
      return { agreement: pair.agreement, agreeingLines: agreeingLines(own, pair.claims), claims: pair.claims };
    },
  },
  CoverageLink: {
    agreement: async (link, _args, ctx) => (await pairOf(ctx, link.heldId, link.path.at(-1)!))?.agreement ?? 'SINGLE_SOURCE',
  },
};
