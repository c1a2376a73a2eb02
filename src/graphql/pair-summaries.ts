import { LRUCache } from 'lru-cache';
import type { PairKey, PairSummaryMemo } from '../analysis/overlap.js';
import type { CoverageSummary } from '../domain/coverage.js';

/**
 * Coverage summaries of framework pairs (how much of `to` the holder of `from` covers), kept per
 * version of what the caller sees: the public dataset version, or a key's workspace revision
 * (caller-version.ts; the includeProposed view has a version of its own). An overlap matrix is every
 * pair of a framework list, 42 coverages for seven frameworks, and its answer depends on nothing
 * else, so each pair is computed once per version and matrices over any list of frameworks are
 * assembled from it. Without a version (the store could not say, or a write in this request changed
 * the view) nothing is kept. One per server, bounded in entries.
 */
export class PairSummaryIndex {
  private readonly entries: LRUCache<string, CoverageSummary>;

  constructor(maxEntries = 20_000) {
    this.entries = new LRUCache({ max: maxEntries });
  }

  /** The memo an analysis reads and fills for one version; null when there is no version to key on. */
  at(version: string | null): PairSummaryMemo | null {
    if (version === null) return null;
    const keyOf = ({ from, to, inferred }: PairKey) => `${version}\0${from}\0${to}\0${inferred ? 'inferred' : 'direct'}`;
    return {
      get: (pair) => this.entries.get(keyOf(pair)),
      set: (pair, summary) => void this.entries.set(keyOf(pair), summary),
    };
  }
}
