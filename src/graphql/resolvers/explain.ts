import { queryExplain } from '../../analysis/explain.js';
import { distinctProblems, quotedArgument } from '../../analysis/request-checks.js';
import { resolveRefs } from '../../analysis/resolve-refs.js';
import { takeSuggestion, viewContext } from '../context.js';
import { badInput, checkAll, throwProblems } from '../errors.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { requireFramework, requireRequirement } from '../lookup.js';

const MAX_REFS = 200;
const MAX_REF_LENGTH = 300;

export const explainResolvers: Resolvers = {
  Query: {
    explain: async (_root, { from, to, maxHops, first, includeProposed }, outer) => {
      const ctx = await viewContext(outer, includeProposed);
      const hops = maxHops ?? 3;
      const limit = first ?? 10;
      await checkAll([
        () => {
          if (!Number.isInteger(hops) || hops < 1 || hops > 4) throw badInput('"maxHops" must be between 1 and 4.', 'maxHops');
        },
        () => {
          if (!Number.isInteger(limit) || limit < 1 || limit > 50) throw badInput('"first" must be between 1 and 50.', 'first');
        },
        requireRequirement(ctx, from, 'from'),
        requireRequirement(ctx, to, 'to'),
        () => throwProblems(distinctProblems(from, to, ['from', 'to'], 'requirements', quotedArgument)),
      ] as const);
      return queryExplain(ctx.store, from, to, hops, limit, ctx.pacer);
    },
    resolveRefs: async (_root, { refs, framework }, ctx) => {
      if (refs.length > MAX_REFS) throw badInput(`"refs" takes at most ${MAX_REFS} references.`, 'refs');
      const tooLong = refs.find((r) => r.length > MAX_REF_LENGTH);
      if (tooLong !== undefined) throw badInput(`A reference is at most ${MAX_REF_LENGTH} characters.`, 'refs');
      if (framework != null) await requireFramework(ctx, framework, 'framework');
      // Suggestions draw on the request's budget (context.ts, MAX_SUGGESTIONS_PER_REQUEST).
      return resolveRefs(ctx.store, refs, framework ?? null, () => takeSuggestion(ctx));
    },
  },
  ExplainPath: {
    length: (p) => p.hops.length,
  },
  ExplainHop: {
    from: (h, _args, ctx) => ctx.loaders.node('Requirement').load(h.fromId).then((r) => r!),
    to: (h, _args, ctx) => ctx.loaders.node('Requirement').load(h.toId).then((r) => r!),
    relationship: (h) => (h.kind === 'MAPPING' ? h.relationship : null),
    strength: (h) => (h.kind === 'MAPPING' ? h.mapping.strength : null),
    mapping: (h) => (h.kind === 'MAPPING' ? h.mapping : null),
    discipline: (h, _args, ctx) => (h.kind === 'SHARED_DISCIPLINE' ? ctx.loaders.node('Discipline').load(h.disciplineId) : null),
  },
};
