import type { PairKey, PairSummaryMemo } from '../analysis/overlap.js';
import type { CoverageSummary } from '../domain/coverage.js';
import { VersionedMemo } from './versioned-memo.js';

/**
 * Coverage summaries of framework pairs (how much of `to` the holder of `from` covers), kept per
 * version of what the caller sees. An overlap matrix is every pair of a framework list, 42 coverages
 * for seven frameworks, and its answer depends on nothing else, so each pair is computed once per
 * version and matrices over any list of frameworks are assembled from it; a burst of cold matrices
 * computes each pair once.
 */
export class PairSummaryIndex {
  private readonly memo: VersionedMemo<CoverageSummary>;

  constructor(maxEntries = 20_000) {
    this.memo = new VersionedMemo(maxEntries);
  }

  /** The memo an analysis reads and fills for one version; null when there is no version to key on. */
  at(version: string | null): PairSummaryMemo | null {
    const values = this.memo.at(version);
    if (!values) return null;
    const keyOf = ({ from, to, inferred }: PairKey) => `${from}\0${to}\0${inferred ? 'inferred' : 'direct'}`;
    return {
      get: (pair) => values.get(keyOf(pair)),
      known: (pair) => values.known(keyOf(pair)),
      summary: (pair, compute) => values.value(keyOf(pair), compute),
    };
  }
}
