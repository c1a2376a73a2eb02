import type { CoverageSummary } from './coverage.js';

/**
 * Which framework next: candidates ranked by the marginal work they add given what is held.
 * Work weights each requirement by its status: FULL 0, PARTIAL 0.5, NOT_IMPLEMENTED 1, NONE 1, UNASSESSED 1
 * (unknown is counted as work until someone assesses it).
 */
export const STATUS_WORK = { FULL: 0, PARTIAL: 0.5, NOT_IMPLEMENTED: 1, NONE: 1, UNASSESSED: 1 } as const;

export interface RoadmapStep {
  frameworkId: string;
  rank: number;
  coverage: CoverageSummary;
  /** Requirement-equivalents of work left, by the weights above. */
  marginalWork: number;
  /** marginalWork as a share of the candidate's requirements. */
  marginalShare: number;
}

export function marginalWork(summary: CoverageSummary): number {
  return summary.partial * STATUS_WORK.PARTIAL + summary.notImplemented * STATUS_WORK.NOT_IMPLEMENTED + summary.none * STATUS_WORK.NONE + summary.unassessed * STATUS_WORK.UNASSESSED;
}

/** One unranked step for a candidate, from its coverage by the held frameworks. */
export function stepOf(frameworkId: string, coverage: CoverageSummary): RoadmapStep {
  const work = marginalWork(coverage);
  return { frameworkId, rank: 0, coverage, marginalWork: work, marginalShare: coverage.total === 0 ? 0 : Math.round((work / coverage.total) * 10_000) / 10_000 };
}

/** Least absolute work first; ties by share, then id. */
export function rankSteps(steps: RoadmapStep[]): RoadmapStep[] {
  return [...steps]
    .sort((a, b) => a.marginalWork - b.marginalWork || a.marginalShare - b.marginalShare || a.frameworkId.localeCompare(b.frameworkId))
    .map((s, i) => ({ ...s, rank: i + 1 }));
}
