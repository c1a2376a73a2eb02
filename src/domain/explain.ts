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
 * Hops examined between two pauses of a paced search: about 2 ms of work on the bench machine.
 * Examined, not expanded: in a shared-discipline clique most hops are pruned by distance, and a
 * full search examined about 44 hops per expansion (875,000 for the 20,000 expansions).
 */
export const HOPS_PER_SLICE = 20_000;

/**
 * Paths by length, one length at a time: every path of a length is found before ranking it (so ties
 * rank as they would in a full search), and no longer length is searched once `limit` paths are in.
 * The search stops outright after `budget` expansions, answering what it has.
 */
export function searchPaths(edges: ReadonlyMap<string, Hop[]>, from: string, to: string, maxHops: number, limit: number, budget = MAX_PATH_EXPANSIONS): PathSearch {
  const steps = pathSearchSteps(edges, from, to, maxHops, limit, budget, Number.POSITIVE_INFINITY);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same search as a resumable computation: it yields the expansions so far after every `slice`
 * hops examined, so a caller can hand the event loop to others, or give up, between slices. Pure:
 * the caller decides what a pause does (analysis/pacing.ts).
 */
export function* pathSearchSteps(
  edges: ReadonlyMap<string, Hop[]>,
  from: string,
  to: string,
  maxHops: number,
  limit: number,
  budget = MAX_PATH_EXPANSIONS,
  slice = HOPS_PER_SLICE,
): Generator<number, PathSearch, void> {
  const distance = distancesTo(edges, to);
  const disciplineHops = (p: ExplainPath) => p.hops.filter((h) => h.kind === 'SHARED_DISCIPLINE').length;
  const weakest = (p: ExplainPath) => Math.min(...p.hops.map((h) => (h.kind === 'MAPPING' ? (h.mapping.strength ?? 0) : 0)), 10);
  const shortest = distance.get(from);
  const ranked: ExplainPath[] = [];
  let expansions = 0;
  let examined = 0;
  let nextPause = slice;
  for (let length = Math.max(shortest ?? maxHops + 1, 1); length <= maxHops && ranked.length < limit && expansions < budget; length++) {
    // Depth-first over simple paths of exactly `length` hops, on an explicit stack (so it can pause):
    // `visited` and `hops` are the current path; `next[d]` is the next hop to try from depth d.
    const found: ExplainPath[] = [];
    const visited = [from];
    const hops: Hop[] = [];
    const next = [0];
    while (next.length > 0 && expansions < budget) {
      const depth = next.length - 1;
      const at = visited[depth]!;
      const out = at === to || depth === length ? [] : (edges.get(at) ?? []);
      const index = next[depth]!;
      if (index >= out.length) {
        next.pop();
        visited.pop();
        hops.pop();
        continue;
      }
      next[depth] = index + 1;
      const hop = out[index]!;
      if (++examined >= nextPause) {
        nextPause += slice;
        yield expansions;
      }
      const remaining = distance.get(hop.toId);
      if (remaining === undefined || remaining > length - depth - 1 || visited.includes(hop.toId)) continue;
      expansions++;
      visited.push(hop.toId);
      hops.push(hop);
      next.push(0);
      if (hop.toId === to && hops.length === length) found.push({ requirementIds: [...visited], hops: [...hops] });
    }
    // Keys computed once per path, not per comparison.
    const keyed = found.map((path) => ({ path, discipline: disciplineHops(path), weakest: weakest(path) }));
    keyed.sort((a, b) => a.discipline - b.discipline || b.weakest - a.weakest);
    for (const k of keyed) ranked.push(k.path);
  }
  return { paths: ranked.slice(0, limit), expansions };
}

/** Hop counts from every node to `to`, by a reverse breadth-first search. */
function distancesTo(edges: ReadonlyMap<string, Hop[]>, to: string): Map<string, number> {
  const reverse = new Map<string, string[]>();
  for (const hops of edges.values()) {
    for (const h of hops) {
      const list = reverse.get(h.toId);
      if (list) list.push(h.fromId);
      else reverse.set(h.toId, [h.fromId]);
    }
  }
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
