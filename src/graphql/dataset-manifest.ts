import { createHash } from 'node:crypto';
import { firstRows, type GraphStore } from '../domain/graph-store.js';
import type { DatasetManifest } from '../domain/dataset-manifest.js';
import { globalId, setMemberGlobalId } from '../domain/ids.js';
import { mappingContentHash, mappingSetContentHash, noRelationshipContentHash } from './content-hash.js';

const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32);

/**
 * The manifest of the dataset a store holds now, with the content hashes the API reports
 * (`contentHash` of mappings and sets; requirements and frameworks hashed the same way), read in
 * five batched calls. Only what is public: built over the public store, never a workspace's view.
 */
export async function buildManifest(store: GraphStore): Promise<DatasetManifest> {
  const [info, frameworks, sets, [requirements]] = await Promise.all([
    store.datasetInfo(),
    store.allNodes('Framework'),
    store.allNodes('MappingSet'),
    store.findRequirements([{ filter: {}, page: firstRows() }]),
  ]);
  const setIds = sets.map((s) => s.id);
  const [mappings, nones] = await Promise.all([store.mappingsInSet(setIds), store.noRelationshipsInSet(setIds)]);
  const items: DatasetManifest['items'] = { frameworks: {}, requirements: {}, mappingSets: {}, mappings: {}, noRelationships: {} };
  for (const f of frameworks) items.frameworks[f.id] = hash({ ...f, citations: f.citations });
  for (const r of requirements!.items) items.requirements[r.id] = hash([r.id, r.ref, r.title, r.summary, r.kind, r.parentId, r.tags]);
  sets.forEach((s, i) => {
    items.mappingSets[globalId('MappingSet', s.id)] = mappingSetContentHash(s, mappings[i]!, nones[i]!);
    for (const m of mappings[i]!) items.mappings[setMemberGlobalId('Mapping', m.id)] = mappingContentHash(m);
    for (const n of nones[i]!) items.noRelationships[setMemberGlobalId('NoRelationship', n.id)] = noRelationshipContentHash(n);
  });
  return { version: info.version, items };
}
