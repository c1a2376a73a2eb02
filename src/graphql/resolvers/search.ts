import { rankedSearch, statusesGivenHeld } from '../../analysis/ranked-search.js';
import { markedParts, snippet } from '../../domain/search-ranking.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { checkFrameworkList } from '../analysis-args.js';
import { badInput, checkAll } from '../errors.js';
import type { SearchHitModel, SearchStatusLookup } from '../models.js';
import { connectionResolvers, slicePage, toPaging } from '../pagination.js';
import { searchDocumentOf, searchStemmer } from '../search-words.js';

export const MAX_QUERY_LENGTH = 200;
export const MAX_SEARCH_PAGE = 100;

export const searchResolvers: Resolvers = {
  Query: {
    search: async (_root, { q, framework, kind, held, first, after }, ctx) => {
      // Every faulty argument at once (README, "Conventions for integrators").
      const [frameworks, heldIds, , paging] = await checkAll([
        () => (framework == null ? null : checkFrameworkList(ctx, framework, 'framework')),
        () => (held == null ? null : checkFrameworkList(ctx, held, 'held')),
        () => {
          if (q.length > MAX_QUERY_LENGTH) throw badInput(`"q" is at most ${MAX_QUERY_LENGTH} characters; got ${q.length}.`, 'q');
          if (q.trim().length === 0) throw badInput('"q" must hold a reference or a word.', 'q');
        },
        () => {
          const limit = first ?? 20;
          if (!Number.isInteger(limit) || limit < 0 || limit > MAX_SEARCH_PAGE) throw badInput(`"first" must be between 0 and ${MAX_SEARCH_PAGE}; got ${first}.`, 'first');
          // The cursor belongs to this exact list: same words, frameworks and kind (held changes no hit).
          const listed = framework == null ? null : [...new Set(framework)].sort();
          return toPaging(['search', q.trim(), listed, kind ?? null], limit, after);
        },
      ] as const);
      const result = await rankedSearch(ctx.store, { q: q.trim(), frameworks, kind: kind ?? null, stem: searchStemmer, documentOf: searchDocumentOf });
      const page = slicePage(
        result.hits.map((hit, i) => ({ hit, rank: i + 1 })),
        paging,
        ({ hit }) => hit.requirement.id,
      );
      let pending: ReturnType<SearchStatusLookup> | undefined;
      const statuses: SearchStatusLookup = () =>
        (pending ??= heldIds === null ? Promise.resolve(null) : statusesGivenHeld(ctx.store, page.items.map(({ hit }) => hit.requirement), heldIds));
      const items: SearchHitModel[] = page.items.map(({ hit, rank }) => ({ ...hit, rank, document: result.documentOf(hit.requirement), terms: result.terms, statuses }));
      return { ...page, items, facets: result.facets, terms: result.terms.distinct };
    },
  },
  SearchResults: {
    ...connectionResolvers<SearchHitModel>(),
    facets: (r) => r.facets,
    terms: (r) => r.terms,
  },
  SearchHit: {
    title: (hit) => markedParts(hit.requirement.title, hit.document.title, hit.terms),
    snippet: (hit) => snippet(hit.requirement.summary, hit.document.summary, hit.terms),
    status: async (hit) => (await hit.statuses())?.get(hit.requirement.id) ?? null,
  },
  SearchFacet: {
    framework: async (facet, _args, ctx) => (await ctx.loaders.node('Framework').load(facet.frameworkId))!,
  },
};
