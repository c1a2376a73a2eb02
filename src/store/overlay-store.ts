import type { GraphStore, NodeLabel, NodeTypes, Relation, RequirementPage, RequirementQuery } from '../domain/graph-store.js';
import type { DatasetInfo, Mapping, NoRelationship } from '../domain/types.js';

/**
 * The graph one workspace sees: the public graph with the workspace's own part laid over it
 * (issue #21). The two hold disjoint nodes (a workspace's ids carry its name), and the layer's
 * mappings may end at public requirements, so every read asks both and joins the answers: nodes
 * from whichever has them, lists end to end (the public catalog first, then the workspace's).
 * Another workspace's layer is never part of it, so its ids are simply not there: NOT_FOUND.
 */
export function overlayStore(base: GraphStore, layer: GraphStore): GraphStore {
  const both = async <T>(read: (store: GraphStore) => Promise<T[][]>): Promise<T[][]> => {
    const [a, b] = await Promise.all([read(base), read(layer)]);
    return a.map((list, i) => (b[i]!.length === 0 ? list : [...list, ...b[i]!]));
  };
  return {
    async nodes<L extends NodeLabel>(label: L, ids: readonly string[]) {
      const found = await base.nodes(label, ids);
      const missing = ids.filter((_, i) => found[i] === null);
      if (missing.length === 0) return found;
      const fromLayer = new Map((await layer.nodes(label, missing)).map((n, i) => [missing[i]!, n]));
      return found.map((n, i) => n ?? fromLayer.get(ids[i]!) ?? null) as Array<NodeTypes[L] | null>;
    },
    async allNodes(label) {
      const [a, b] = await Promise.all([base.allNodes(label), layer.allNodes(label)]);
      return [...a, ...b];
    },
    related: (relation: Relation, ids) => both((s) => s.related(relation, ids)),
    mappingsOf: (ids) => both<Mapping>((s) => s.mappingsOf(ids)),
    noRelationshipsOf: (ids) => both<NoRelationship>((s) => s.noRelationshipsOf(ids)),
    mappingsInSet: (ids) => both<Mapping>((s) => s.mappingsInSet(ids)),
    noRelationshipsInSet: (ids) => both<NoRelationship>((s) => s.noRelationshipsInSet(ids)),
    findRequirements: (queries) => findAcross(base, layer, queries),
    async datasetInfo(): Promise<DatasetInfo> {
      const [a, b] = await Promise.all([base.datasetInfo(), layer.datasetInfo()]);
      const counts = { ...a.counts };
      for (const [key, n] of Object.entries(b.counts)) counts[key] = (counts[key] ?? 0) + n;
      return { version: `${a.version}+${b.version}`, loadedAt: a.loadedAt, counts };
    },
    // The base belongs to the application, the layer to its cache: neither is closed through a view.
    async close() {},
  };
}

/**
 * Keyset pages over the public rows followed by the workspace's. An anchor the public graph does not
 * know is looked for in the layer: the page then continues there.
 */
async function findAcross(base: GraphStore, layer: GraphStore, queries: readonly RequirementQuery[]): Promise<RequirementPage[]> {
  const fromBase = await base.findRequirements(queries);
  const follow = queries.map((q, i): RequirementQuery => {
    const b = fromBase[i]!;
    if (q.page.after !== null && !b.anchorFound) return q;
    return { filter: q.filter, page: { after: null, limit: b.hasMore ? 0 : q.page.limit - b.items.length } };
  });
  const fromLayer = await layer.findRequirements(follow);
  return queries.map((q, i) => {
    const b = fromBase[i]!;
    const l = fromLayer[i]!;
    const totalCount = b.totalCount + l.totalCount;
    if (q.page.after !== null && !b.anchorFound) return { items: l.items, totalCount, hasMore: l.hasMore, anchorFound: l.anchorFound };
    return { items: [...b.items, ...l.items], totalCount, hasMore: b.hasMore || l.hasMore, anchorFound: true };
  });
}
