import type { CoverageSummary } from '../domain/coverage.js';
import type { GraphStore } from '../domain/graph-store.js';
import { frameworkIdOf } from '../domain/ids.js';
import type { Mapping } from '../domain/types.js';
import { coverageOf, targetGraph, type TargetGraph, type TargetGraphMemo } from './coverage-query.js';
import { NO_PACING, type Pacer } from './pacing.js';

/** How far apart two frameworks are, in both directions, and what they share. */

export interface DirectionalOverlap {
  /** The held framework. */
  from: string;
  /** The framework whose requirements are covered. */
  to: string;
  summary: CoverageSummary;
}

export interface SharedDiscipline {
  disciplineId: string;
  countA: number;
  countB: number;
}

export interface Overlap {
  a: string;
  b: string;
  aCoversB: DirectionalOverlap;
  bCoversA: DirectionalOverlap;
  sharedDisciplines: SharedDiscipline[];
  /** Stored mappings between the two, in either direction. */
  mappings: Mapping[];
}

export async function queryOverlap(store: GraphStore, a: string, b: string, inferred = false, pacer: Pacer = NO_PACING, targetGraphs: TargetGraphMemo | null = null): Promise<Overlap> {
  const [graphA, graphB] = await Promise.all([targetGraph(store, a, null, targetGraphs), targetGraph(store, b, null, targetGraphs)]);
  const [bByA, aByB] = await Promise.all([
    coverageOf(store, graphB, { held: [a], inferred, pacer }),
    coverageOf(store, graphA, { held: [b], inferred, pacer }),
  ]);
  return {
    a,
    b,
    aCoversB: { from: a, to: b, summary: bByA.summary },
    bCoversA: { from: b, to: a, summary: aByB.summary },
    sharedDisciplines: await sharedDisciplines(store, graphA, graphB),
    mappings: mappingsBetween(graphA, b),
  };
}

/** Disciplines addressed by leaves of both frameworks, with how many leaves on each side; busiest first. */
async function sharedDisciplines(store: GraphStore, graphA: TargetGraph, graphB: TargetGraph): Promise<SharedDiscipline[]> {
  const idsA = graphA.targets.map((r) => r.id);
  const idsB = graphB.targets.map((r) => r.id);
  const all = await store.related('disciplinesOfRequirement', [...idsA, ...idsB]);
  const count = (lists: string[][]) => {
    const counts = new Map<string, number>();
    for (const list of lists) for (const d of list) counts.set(d, (counts.get(d) ?? 0) + 1);
    return counts;
  };
  const countsA = count(all.slice(0, idsA.length));
  const countsB = count(all.slice(idsA.length));
  return [...countsA.entries()]
    .filter(([d]) => countsB.has(d))
    .map(([disciplineId, countA]) => ({ disciplineId, countA, countB: countsB.get(disciplineId)! }))
    .sort((x, y) => y.countA + y.countB - (x.countA + x.countB) || x.disciplineId.localeCompare(y.disciplineId));
}

function mappingsBetween(graphA: TargetGraph, b: string): Mapping[] {
  const seen = new Map<string, Mapping>();
  for (const mappings of graphA.mappingsOf.values()) {
    for (const m of mappings) if (frameworkIdOf(m.fromId) === b || frameworkIdOf(m.toId) === b) seen.set(m.id, m);
  }
  return [...seen.values()];
}

export interface MatrixCell {
  from: string;
  to: string;
  summary: CoverageSummary;
}

/** One cell of a matrix: how much of `to` the holder of `from` covers. */
export interface PairKey {
  from: string;
  to: string;
  inferred: boolean;
}

/**
 * Pair coverages kept between requests by the caller (for one version of the graph): a port, not a
 * cache of answers. A pair another request is computing now is waited for, not computed again, so a
 * burst of cold matrices costs one computation of each pair rather than one per request.
 */
export interface PairSummaryMemo {
  /** The kept summary, if any. */
  get(pair: PairKey): CoverageSummary | undefined;
  /** Kept, or being computed by some request. */
  known(pair: PairKey): boolean;
  /** The kept summary, or the one being computed, or `compute`'s (then kept). */
  summary(pair: PairKey, compute: () => Promise<CoverageSummary>): Promise<CoverageSummary>;
}

/**
 * Coverage of every framework by every other, for a heat map: one gathered target per framework
 * that still has a pair to compute; pairs already in `memo` for this version are not computed again.
 */
export async function queryOverlapMatrix(
  store: GraphStore,
  frameworks: readonly string[],
  inferred = false,
  pacer: Pacer = NO_PACING,
  memo: PairSummaryMemo | null = null,
  targetGraphs: TargetGraphMemo | null = null,
): Promise<MatrixCell[]> {
  const targetsToGather = frameworks.filter((to) => frameworks.some((from) => from !== to && !memo?.known({ from, to, inferred })));
  // Gathered together up front (on Neo4j each gathering waits on the database), and later on demand
  // for a pair whose computation another request gave up on.
  const gather = (to: string) => targetGraph(store, to, null, targetGraphs);
  const graphs = new Map(targetsToGather.map((f) => [f, gather(f)] as const));
  for (const graph of graphs.values()) graph.catch(() => {});
  const graphOf = (to: string) => graphs.get(to) ?? graphs.set(to, gather(to)).get(to)!;
  const compute = (from: string, to: string) => async () => (await coverageOf(store, await graphOf(to), { held: [from], inferred, pacer })).summary;
  const cells: MatrixCell[] = [];
  for (const from of frameworks) {
    for (const to of frameworks) {
      if (from === to) continue;
      const summary = memo ? await memo.summary({ from, to, inferred }, compute(from, to)) : await compute(from, to)();
      cells.push({ from, to, summary });
    }
  }
  return cells;
}
