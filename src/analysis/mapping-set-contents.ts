import type { GraphStore } from '../domain/graph-store.js';
import type { Framework, Mapping, MappingSet, MappingSource, NoRelationship, Requirement } from '../domain/types.js';

/**
 * Everything a rendering of one whole mapping set needs (the OSCAL mapping-collection of the CLI's
 * `table --format oscal` and of `GET /export/oscal/<set>.json`): the set, its source and frameworks,
 * its mappings and "nothing found" records in set order, and the requirements they name, read in
 * three batched rounds.
 */
export interface MappingSetContents {
  set: MappingSet;
  source: MappingSource;
  from: Framework;
  to: Framework;
  mappings: Mapping[];
  noRelationships: NoRelationship[];
  requirements: Map<string, Requirement>;
  /** The version of the graph read (with a workspace's part: `<public>+<workspace>@<revision>`). */
  datasetVersion: string;
  /** When that graph was loaded. */
  loadedAt: string;
}

/** The set's contents; null when the store (the caller's view of the graph) has no such set. */
export async function readMappingSet(store: GraphStore, setId: string): Promise<MappingSetContents | null> {
  const [set] = await store.nodes('MappingSet', [setId]);
  if (!set) return null;
  const [[mappings], [noRelationships], [source], [from, to], info] = await Promise.all([
    store.mappingsInSet([set.id]),
    store.noRelationshipsInSet([set.id]),
    store.nodes('MappingSource', [set.sourceId]),
    store.nodes('Framework', [set.fromFrameworkId, set.toFrameworkId]),
    store.datasetInfo(),
  ]);
  const ids = [...new Set([...mappings!.flatMap((m) => [m.fromId, m.toId]), ...noRelationships!.map((n) => n.requirementId)])];
  const requirements = new Map((await store.nodes('Requirement', ids)).filter((r): r is Requirement => r !== null).map((r) => [r.id, r]));
  return { set, source: source!, from: from!, to: to!, mappings: mappings!, noRelationships: noRelationships!, requirements, datasetVersion: info.version, loadedAt: info.loadedAt };
}
