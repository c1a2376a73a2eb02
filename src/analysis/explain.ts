import { seenFrom } from '../domain/coverage.js';
import { pathSearchSteps, relationshipFrom, type ExplainPath, type Hop, type PathSearch } from '../domain/explain.js';
import type { GraphStore } from '../domain/graph-store.js';
import type { Mapping } from '../domain/types.js';
import { NO_PACING, runPaced, type Pacer } from './pacing.js';

/**
 * Why two requirements are connected: gathers the mapping neighbourhood of both ends (one batched
 * store call per level) and the disciplines they address, then enumerates paths (domain/explain.ts).
 */
export async function queryExplain(store: GraphStore, from: string, to: string, maxHops: number, limit: number, pacer: Pacer = NO_PACING): Promise<ExplainPath[]> {
  return (await explainSearch(store, from, to, maxHops, limit, pacer)).paths;
}

/** The paths and the work their search took (bounded: see MAX_PATH_EXPANSIONS), pausing between slices of the search. */
export async function explainSearch(store: GraphStore, from: string, to: string, maxHops: number, limit: number, pacer: Pacer = NO_PACING): Promise<PathSearch> {
  const edges = new Map<string, Hop[]>();
  // Appended in place: copying the list per edge made the shared-discipline cliques cubic.
  const addEdge = (hop: Hop) => {
    const list = edges.get(hop.fromId);
    if (list) list.push(hop);
    else edges.set(hop.fromId, [hop]);
  };
  const walked = new Set<string>();
  const addMappingEdge = (fromId: string, toId: string, mapping: Mapping) => {
    const key = `${mapping.id}|${fromId}`;
    if (walked.has(key)) return;
    walked.add(key);
    addEdge({ kind: 'MAPPING', fromId, toId, mapping, relationship: relationshipFrom(mapping, fromId) });
  };

  // Mapping neighbourhood of `from` (maxHops - 1 levels) and of `to`, one batched call per level.
  const explored = new Set<string>();
  let frontier = [from, to];
  for (let level = 0; level < Math.max(1, maxHops - 1) && frontier.length > 0; level++) {
    const fresh = frontier.filter((id) => !explored.has(id));
    fresh.forEach((id) => explored.add(id));
    if (fresh.length === 0) break;
    const mappings = await store.mappingsOf(fresh);
    const next: string[] = [];
    fresh.forEach((id, i) => {
      for (const mapping of mappings[i]!) {
        const { other } = seenFrom(mapping, id);
        // Both directions: a mapping found from either end can be walked either way.
        addMappingEdge(id, other, mapping);
        addMappingEdge(other, id, mapping);
        if (!explored.has(other)) next.push(other);
      }
    });
    frontier = next;
  }
  frontier.forEach((id) => explored.add(id));

  // Discipline hops among the explored requirements.
  const ids = [...explored];
  const disciplines = await store.related('disciplinesOfRequirement', ids);
  const byDiscipline = new Map<string, string[]>();
  ids.forEach((id, i) =>
    disciplines[i]!.forEach((d) => {
      const members = byDiscipline.get(d);
      if (members) members.push(id);
      else byDiscipline.set(d, [id]);
    }),
  );
  for (const [disciplineId, members] of byDiscipline) {
    for (const a of members) for (const b of members) if (a !== b) addEdge({ kind: 'SHARED_DISCIPLINE', fromId: a, toId: b, disciplineId });
  }
  await pacer.pause(); // building the shared-discipline cliques is itself a few milliseconds
  return runPaced(pathSearchSteps(edges, from, to, maxHops, limit), pacer);
}
