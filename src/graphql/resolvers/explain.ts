import { queryExplain } from '../../analysis/explain.js';
import { distinctProblems, quotedArgument } from '../../analysis/request-checks.js';
import { frameworkIdOf } from '../../domain/ids.js';
import { parseRef, titleMatches } from '../../domain/refs.js';
import { suggestIds } from '../../domain/suggest.js';
import type { Requirement } from '../../domain/types.js';
import { takeSuggestion, type RequestContext } from '../context.js';
import { badInput, throwFirstProblem } from '../errors.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { requireFramework, requireRequirement } from '../lookup.js';
import type { ResolvedRefModel } from '../models.js';

const MAX_REFS = 200;
const MAX_REF_LENGTH = 300;

export const explainResolvers: Resolvers = {
  Query: {
    explain: async (_root, { from, to, maxHops, first }, ctx) => {
      const hops = maxHops ?? 3;
      const limit = first ?? 10;
      if (!Number.isInteger(hops) || hops < 1 || hops > 4) throw badInput('"maxHops" must be between 1 and 4.', 'maxHops');
      if (!Number.isInteger(limit) || limit < 1 || limit > 50) throw badInput('"first" must be between 1 and 50.', 'first');
      await requireRequirement(ctx, from, 'from');
      await requireRequirement(ctx, to, 'to');
      throwFirstProblem(distinctProblems(from, to, ['from', 'to'], 'requirements', quotedArgument));
      return queryExplain(ctx.store, from, to, hops, limit, ctx.pacer);
    },
    resolveRefs: async (_root, { refs, framework }, ctx) => {
      if (refs.length > MAX_REFS) throw badInput(`"refs" takes at most ${MAX_REFS} references.`, 'refs');
      const tooLong = refs.find((r) => r.length > MAX_REF_LENGTH);
      if (tooLong !== undefined) throw badInput(`A reference is at most ${MAX_REF_LENGTH} characters.`, 'refs');
      if (framework != null) await requireFramework(ctx, framework, 'framework');
      return resolveRefs(ctx, refs, framework ?? null);
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

/** Parses every reference, looks all candidates up in one batch, then judges each. */
async function resolveRefs(ctx: RequestContext, refs: readonly string[], framework: string | null): Promise<ResolvedRefModel[]> {
  const parsed = refs.map((r) => parseRef(r, framework));
  const found = await ctx.loaders.node('Requirement').loadMany(parsed.flatMap((p) => p.candidateIds));
  const byId = new Map(found.filter((r): r is Requirement => !!r && !(r instanceof Error)).map((r) => [r.id, r]));
  return Promise.all(
    parsed.map(async (p): Promise<ResolvedRefModel> => {
      const hits = p.candidateIds.map((id) => byId.get(id)).filter((r): r is Requirement => !!r);
      const judged = (requirement: Requirement | null, confidence: ResolvedRefModel['confidence'], candidates: Requirement[]): ResolvedRefModel => ({
        input: p.input,
        requirement,
        confidence,
        candidates,
        citedTitle: p.citedTitle,
        titleMatches: requirement && p.citedTitle ? titleMatches(p.citedTitle, requirement.title) : null,
      });
      if (hits.length === 1) return judged(hits[0]!, 'EXACT', []);
      if (hits.length > 1) {
        const byTitle = p.citedTitle ? hits.filter((h) => titleMatches(p.citedTitle!, h.title)) : [];
        return byTitle.length === 1 ? judged(byTitle[0]!, 'LIKELY', hits.filter((h) => h !== byTitle[0])) : judged(null, 'AMBIGUOUS', hits);
      }
      // Taken before any await, so the first unmatched references in input order get the request's
      // suggestions (context.ts, MAX_SUGGESTIONS_PER_REQUEST); 200 unknown references held the loop over 100 ms.
      if (!takeSuggestion(ctx)) return judged(null, 'NOT_FOUND', []);
      return judged(null, 'NOT_FOUND', await suggestionsFor(ctx, p.candidateIds, p.citedTitle, framework));
    }),
  );
}

/** Near references in the candidate frameworks, or a word search on the cited text. */
async function suggestionsFor(ctx: RequestContext, candidateIds: string[], text: string | null, framework: string | null): Promise<Requirement[]> {
  const frameworks = [...new Set(candidateIds.map(frameworkIdOf))];
  if (frameworks.length > 0) {
    const page = await ctx.loaders.requirementPages.load({ filter: { frameworkIds: frameworks }, page: { offset: 0, limit: 100_000 } });
    const near = new Set(candidateIds.flatMap((id) => suggestIds(id, page.items.map((r) => r.id), 3)));
    return page.items.filter((r) => near.has(r.id));
  }
  if (!text) return [];
  const page = await ctx.loaders.requirementPages.load({
    filter: { search: text, ...(framework ? { frameworkIds: [framework] } : {}) },
    page: { offset: 0, limit: 5 },
  });
  return page.items;
}
