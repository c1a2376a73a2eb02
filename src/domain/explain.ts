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

/**
 * Most steps one path search may take (a step: following one hop). Shared-discipline hops make
 * cliques, where simple paths grow factorially with maxHops; the bound keeps a request's work fixed.
 */
export const MAX_PATH_EXPANSIONS = 20_000;

export interface PathSearch {
  paths: ExplainPath[];
  /** Hops followed; at most MAX_PATH_EXPANSIONS (or the budget given). */
  expansions: number;
}

/** Simple paths of at most maxHops hops, shortest first, pruned by distance to the target. */
export function enumeratePaths(edges: ReadonlyMap<string, Hop[]>, from: string, to: string, maxHops: number, limit: number): ExplainPath[] {
  return searchPaths(edges, from, to, maxHops, limit).paths;
}

/**
 * Paths by length, one length at a time: every path of a length is found before ranking it (so ties
 * rank as they would in a full search), and no longer length is searched once `limit` paths are in.
 * The search stops outright after `budget` expansions, answering what it has.
 */
export function searchPaths(edges: ReadonlyMap<string, Hop[]>, from: string, to: string, maxHops: number, limit: number, budget = MAX_PATH_EXPANSIONS): PathSearch {
  const distance = distancesTo(edges, to);
  const found: ExplainPath[] = [];
  let expansions = 0;
  const walk = (at: string, visited: string[], hops: Hop[], left: number, length: number): void => {
    if (at === to) {
      if (hops.length === length) found.push({ requirementIds: [...visited], hops: [...hops] });
      return;
    }
    if (left === 0) return;
    for (const hop of edges.get(at) ?? []) {
      const remaining = distance.get(hop.toId);
      if (remaining === undefined || remaining > left - 1 || visited.includes(hop.toId)) continue;
      if (expansions >= budget) return;
      expansions++;
      walk(hop.toId, [...visited, hop.toId], [...hops, hop], left - 1, length);
    }
  };
  const disciplineHops = (p: ExplainPath) => p.hops.filter((h) => h.kind === 'SHARED_DISCIPLINE').length;
  const weakest = (p: ExplainPath) => Math.min(...p.hops.map((h) => (h.kind === 'MAPPING' ? (h.mapping.strength ?? 0) : 0)), 10);
  const shortest = distance.get(from);
  const ranked: ExplainPath[] = [];
  for (let length = Math.max(shortest ?? maxHops + 1, 1); length <= maxHops && ranked.length < limit && expansions < budget; length++) {
    found.length = 0;
    walk(from, [from], [], length, length);
    ranked.push(...found.sort((a, b) => disciplineHops(a) - disciplineHops(b) || weakest(b) - weakest(a)));
  }
  return { paths: ranked.slice(0, limit), expansions };
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
