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
  private readonly computing = new Map<string, Promise<CoverageSummary>>();

  constructor(maxEntries = 20_000) {
    this.entries = new LRUCache({ max: maxEntries });
  }

  /** The memo an analysis reads and fills for one version; null when there is no version to key on. */
  at(version: string | null): PairSummaryMemo | null {
    if (version === null) return null;
    const keyOf = ({ from, to, inferred }: PairKey) => `${version}\0${from}\0${to}\0${inferred ? 'inferred' : 'direct'}`;
    return {
      get: (pair) => this.entries.get(keyOf(pair)),
      known: (pair) => this.entries.has(keyOf(pair)) || this.computing.has(keyOf(pair)),
      summary: async (pair, compute) => {
        const key = keyOf(pair);
        const kept = this.entries.get(key);
        if (kept) return kept;
        const pending = this.computing.get(key);
        if (pending) {
          try {
            return await pending;
          } catch {
            // Whoever computed it failed for reasons of its own (its deadline, its client gone): compute it here.
          }
        }
        return this.compute(key, compute);
      },
    };
  }

  private async compute(key: string, compute: () => Promise<CoverageSummary>): Promise<CoverageSummary> {
    const running = compute();
    this.computing.set(key, running);
    try {
      const summary = await running;
      this.entries.set(key, summary);
      return summary;
    } finally {
      if (this.computing.get(key) === running) this.computing.delete(key);
    }
  }
}
