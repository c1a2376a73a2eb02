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

/** The relationship read from `here`: "here is r other". */
export function relationshipFrom(mapping: Mapping, here: string): Relationship {
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
