import { LRUCache } from 'lru-cache';
import type { CoverageSummary } from '../domain/coverage.js';

/**
 * Coverage summaries of framework pairs (how much of `to` the holder of `from` covers), kept per
 * version of what the caller sees: the public dataset version, or a key's workspace revision
 * (caller-version.ts). An overlap matrix is every pair of a framework list, 42 coverages for seven
 * frameworks, and its answer depends on nothing else, so each pair is computed once per version and
 * matrices over any list of frameworks are assembled from it. Without a version (the store could not
 * say, or a write in this request changed the view) nothing is kept.
 */
export class PairSummaryIndex {
  private readonly entries: LRUCache<string, CoverageSummary>;

  constructor(maxEntries = 20_000) {
    this.entries = new LRUCache({ max: maxEntries });
  }

  get(version: string | null, pair: PairKey): CoverageSummary | undefined {
    return version === null ? undefined : this.entries.get(keyOf(version, pair));
  }

  set(version: string | null, pair: PairKey, summary: CoverageSummary): void {
    if (version !== null) this.entries.set(keyOf(version, pair), summary);
  }
}

export interface PairKey {
  from: string;
  to: string;
  inferred: boolean;
}

const keyOf = (version: string, { from, to, inferred }: PairKey) => `${version}\0${from}\0${to}\0${inferred ? 'inferred' : 'direct'}`;

/** Where a matrix keeps its pairs: the index and the version of what this request reads. */
export interface PairSummaryMemo {
  index: PairSummaryIndex;
  version: string | null;
}
