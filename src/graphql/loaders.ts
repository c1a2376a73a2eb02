import DataLoader from 'dataloader';
import type { Mapping, NoRelationship } from '../domain/types.js';
import type { GraphStore, NodeLabel, NodeTypes, Relation, RequirementPage, RequirementQuery } from '../domain/graph-store.js';

/**
 * One set of DataLoaders per request (never shared across requests), so every level of a query
 * costs one store round trip whatever the number of items.
 */
export function createLoaders(store: GraphStore) {
  const nodeLoaders = new Map<NodeLabel, DataLoader<string, unknown>>();
  const relationLoaders = new Map<Relation, DataLoader<string, string[]>>();

  function node<L extends NodeLabel>(label: L): DataLoader<string, NodeTypes[L] | null> {
    let loader = nodeLoaders.get(label);
    if (!loader) {
      loader = new DataLoader<string, NodeTypes[L] | null>((ids) => store.nodes(label, ids));
      nodeLoaders.set(label, loader);
    }
    return loader as DataLoader<string, NodeTypes[L] | null>;
  }

  function related(relation: Relation): DataLoader<string, string[]> {
    let loader = relationLoaders.get(relation);
    if (!loader) {
      loader = new DataLoader<string, string[]>((ids) => store.related(relation, ids));
      relationLoaders.set(relation, loader);
    }
    return loader;
  }

  return {
    node,
    related,
    mappingsOf: new DataLoader<string, Mapping[]>((ids) => store.mappingsOf(ids)),
    noRelationshipsOf: new DataLoader<string, NoRelationship[]>((ids) => store.noRelationshipsOf(ids)),
    mappingsInSet: new DataLoader<string, Mapping[]>((ids) => store.mappingsInSet(ids)),
    noRelationshipsInSet: new DataLoader<string, NoRelationship[]>((ids) => store.noRelationshipsInSet(ids)),
    requirementPages: new DataLoader<RequirementQuery, RequirementPage, string>((queries) => store.findRequirements(queries), {
      cacheKeyFn: (query) => JSON.stringify(query),
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** Loads nodes by id and drops the ids that name nothing (links are checked at seed time). */
export async function loadAll<L extends NodeLabel>(loaders: Loaders, label: L, ids: readonly string[]): Promise<Array<NodeTypes[L]>> {
  const nodes = await loaders.node(label).loadMany(ids);
  return nodes.filter((n): n is NodeTypes[L] => {
    if (n instanceof Error) throw n;
    return n !== null;
  });
}
