import DataLoader from 'dataloader';
import type { GraphStore, Relation, RequirementPage, RequirementQuery } from '../domain/graph-store.js';
import type { Mapping, NodeLabel, NodeTypes, NoRelationship } from '../domain/types.js';

/** The labels small enough to list whole (GraphStore.allNodes). */
type ListedLabel = Exclude<NodeLabel, 'Requirement'>;

/**
 * One set of DataLoaders per request (never shared across requests), so every level of a query
 * costs one store round trip whatever the number of items.
 */
export function createLoaders(store: GraphStore) {
  const nodeLoaders = new Map<NodeLabel, DataLoader<string, unknown>>();
  const relationLoaders = new Map<Relation, DataLoader<string, string[]>>();
  // Whole lists by label: a list asked for by every item of a level (each framework's mapping sets) is read once.
  const lists = new DataLoader<ListedLabel, unknown[]>((labels) => Promise.all(labels.map((label) => store.allNodes(label))));

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
    allNodes: async <L extends ListedLabel>(label: L) => (await lists.load(label)) as Array<NodeTypes[L]>,
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

/**
 * The GraphStore port read through one request's loaders, for the analyses (src/analysis/) and for
 * resolvers: every read of a request shares the same batches and caches, so no path bypasses them.
 */
export function loaderStore(loaders: Loaders, store: GraphStore): GraphStore {
  return {
    nodes: (label, ids) => loadEach(loaders.node(label), ids),
    allNodes: (label) => loaders.allNodes(label),
    related: (relation, ids) => loadEach(loaders.related(relation), ids),
    mappingsOf: (ids) => loadEach(loaders.mappingsOf, ids),
    noRelationshipsOf: (ids) => loadEach(loaders.noRelationshipsOf, ids),
    mappingsInSet: (ids) => loadEach(loaders.mappingsInSet, ids),
    noRelationshipsInSet: (ids) => loadEach(loaders.noRelationshipsInSet, ids),
    findRequirements: (queries) => loadEach(loaders.requirementPages, queries),
    // The dataset version is the store's to say, uncached: it is also the readiness probe.
    datasetInfo: () => store.datasetInfo(),
    // The request does not own the store.
    close: async () => {},
  };
}

/** Loads every key and fails as the store failed, rather than answering an Error in a key's place. */
async function loadEach<K, V, C>(loader: DataLoader<K, V, C>, keys: readonly K[]): Promise<V[]> {
  const values = await loader.loadMany(keys);
  for (const value of values) if (value instanceof Error) throw value;
  return values as V[];
}

/** Loads nodes by id and drops the ids that name nothing (links are checked at seed time). */
export async function loadAll<L extends NodeLabel>(loaders: Loaders, label: L, ids: readonly string[]): Promise<Array<NodeTypes[L]>> {
  const nodes = await loaders.node(label).loadMany(ids);
  return nodes.filter((n): n is NodeTypes[L] => {
    if (n instanceof Error) throw n;
    return n !== null;
  });
}
