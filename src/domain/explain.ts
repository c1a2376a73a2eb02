import type { GraphStore } from '../store/port.js';
import { seenFrom } from './coverage.js';
import { inverseRelationship } from './relationships.js';
import type { Mapping, Relationship } from './types.js';

/**
 * Why two requirements are connected: paths through mappings, where a hop may also join two
 * requirements that address the same discipline. Shortest first; among equals, fewer discipline
 * hops first, then stronger weakest mapping.
 */

export type Hop =
  | { kind: 'MAPPING'; fromId: string; toId: string; mapping: Mapping; relationship: Relationship }
  | { kind: 'SHARED_DISCIPLINE'; fromId: string; toId: string; disciplineId: string };

export interface ExplainPath {
  requirementIds: string[];
  hops: Hop[];
}

export async function queryExplain(store: GraphStore, from: string, to: string, maxHops: number, limit: number): Promise<ExplainPath[]> {
  const edges = new Map<string, Hop[]>();
  const addEdge = (hop: Hop) => edges.set(hop.fromId, [...(edges.get(hop.fromId) ?? []), hop]);
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
  ids.forEach((id, i) => disciplines[i]!.forEach((d) => byDiscipline.set(d, [...(byDiscipline.get(d) ?? []), id])));
  for (const [disciplineId, members] of byDiscipline) {
    for (const a of members) for (const b of members) if (a !== b) addEdge({ kind: 'SHARED_DISCIPLINE', fromId: a, toId: b, disciplineId });
  }
  return enumeratePaths(edges, from, to, maxHops, limit);
}

/** The relationship read from `here`: "here is r other". */
function relationshipFrom(mapping: Mapping, here: string): Relationship {
  return mapping.fromId === here ? mapping.relationship : inverseRelationship(mapping.relationship);
}

/** Simple paths of at most maxHops hops, shortest first, pruned by distance to the target. */
export function enumeratePaths(edges: ReadonlyMap<string, Hop[]>, from: string, to: string, maxHops: number, limit: number): ExplainPath[] {
  const distance = distancesTo(edges, to);
  const found: ExplainPath[] = [];
  const walk = (at: string, visited: string[], hops: Hop[], budget: number) => {
    if (at === to) {
      found.push({ requirementIds: [...visited], hops: [...hops] });
      return;
    }
    if (budget === 0) return;
    for (const hop of edges.get(at) ?? []) {
      const remaining = distance.get(hop.toId);
      if (remaining === undefined || remaining > budget - 1 || visited.includes(hop.toId)) continue;
      walk(hop.toId, [...visited, hop.toId], [...hops, hop], budget - 1);
    }
  };
  walk(from, [from], [], maxHops);
  const disciplineHops = (p: ExplainPath) => p.hops.filter((h) => h.kind === 'SHARED_DISCIPLINE').length;
  const weakest = (p: ExplainPath) => Math.min(...p.hops.map((h) => (h.kind === 'MAPPING' ? (h.mapping.strength ?? 0) : 0)), 10);
  return found
    .sort((a, b) => a.hops.length - b.hops.length || disciplineHops(a) - disciplineHops(b) || weakest(b) - weakest(a))
    .slice(0, limit);
}

/** Hop counts from every node to `to`, by a reverse breadth-first search. */
function distancesTo(edges: ReadonlyMap<string, Hop[]>, to: string): Map<string, number> {
  const reverse = new Map<string, string[]>();
  for (const hops of edges.values()) for (const h of hops) reverse.set(h.toId, [...(reverse.get(h.toId) ?? []), h.fromId]);
  const distance = new Map([[to, 0]]);
  let frontier = [to];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const prev of reverse.get(id) ?? []) {
        if (!distance.has(prev)) {
          distance.set(prev, distance.get(id)! + 1);
          next.push(prev);
        }
      }
    }
    frontier = next;
  }
  return distance;
}
