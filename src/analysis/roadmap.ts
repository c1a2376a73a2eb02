import type { GraphStore } from '../domain/graph-store.js';
import { rankSteps, stepOf, type RoadmapStep } from '../domain/roadmap.js';
import type { HeldScope } from '../domain/scope.js';
import { queryCoverage, type TargetGraphMemo } from './coverage-query.js';
import { NO_PACING, type Pacer } from './pacing.js';

/** Which framework next: each candidate's coverage by the held frameworks, ranked by the work left. */
export async function queryRoadmap(
  store: GraphStore,
  held: readonly string[],
  candidates: readonly string[],
  inferred = false,
  scopes: readonly HeldScope[] = [],
  pacer: Pacer = NO_PACING,
  targetGraphs: TargetGraphMemo | null = null,
): Promise<RoadmapStep[]> {
  const results = await Promise.all(candidates.map((target) => queryCoverage(store, { target, held, inferred, scopes, pacer, targetGraphs })));
  return rankSteps(results.map((r) => stepOf(r.target, r.summary)));
}
