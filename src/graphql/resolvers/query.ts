import type { Resolvers } from '../generated/resolvers-types.js';
import { badInput } from '../errors.js';
import { requireNode } from '../lookup.js';

/** Most ids one `nodes` call looks up; more is a scrape, not a page. */
export const MAX_NODE_IDS = 100;

export const queryResolvers: Resolvers = {
  Query: {
    node: (_root, { id }, ctx) => requireNode(ctx, id),
    // A failed id becomes an error at its position only; graphql-js reports a returned Error as such.
    nodes: (_root, { ids }, ctx) => {
      if (ids.length > MAX_NODE_IDS) throw badInput(`"ids" takes at most ${MAX_NODE_IDS} ids.`, 'ids');
      return Promise.all(ids.map((id) => requireNode(ctx, id).catch((error: unknown) => error as never)));
    },
    dataset: (_root, _args, ctx) => ctx.store.datasetInfo(),
  },
  Dataset: {
    counts: (info) => Object.entries(info.counts).map(([name, count]) => ({ name, count })),
  },
  Node: {
    // Domain objects carry no type tag; each node type has one field no other has.
    __resolveType: (node) => {
      if ('issuer' in node) return 'Framework';
      if ('frameworkId' in node) return 'Requirement';
      if ('scope' in node) return 'Discipline';
      if ('category' in node) return 'Risk';
      if ('publisher' in node) return 'MappingSource';
      if ('fromFrameworkId' in node) return 'MappingSet';
      if ('relationship' in node) return 'Mapping';
      if ('reason' in node) return 'NoRelationship';
      return 'Evidence';
    },
  },
};
