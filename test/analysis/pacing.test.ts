import { describe, expect, it } from 'vitest';
import { explainSearch } from '../../src/analysis/explain.js';
import { queryOverlapMatrix } from '../../src/analysis/overlap.js';
import { AnalysisTimeoutError, deadlineAfter, eventLoopPacer, NO_DEADLINE, NO_PACING, type Pacer } from '../../src/analysis/pacing.js';
import { HOPS_PER_SLICE } from '../../src/domain/explain.js';
import { formatError } from '../../src/graphql/errors.js';
import { createLogger } from '../../src/logger.js';
import { realSeedStore } from '../helpers/http.js';

/**
 * Issue #16: the request timeout must hold for CPU-bound work. The long analyses run in slices and
 * pause between them; a pause hands the event loop over and stops the work once the request's
 * deadline has passed. Asserted by counted pauses and a fake clock, never by elapsed time.
 */
const FROM = 'iso42001:A.6.2.7';
const TO = 'iso42001:6.1.2';

function countingPacer(inner: Pacer = NO_PACING): Pacer & { pauses: number } {
  const pacer = {
    pauses: 0,
    async pause() {
      pacer.pauses++;
      await inner.pause();
    },
  };
  return pacer;
}

describe('paced analyses', () => {
  it('the full explain search pauses every slice of hops examined, and answers as an unpaced one', async () => {
    const store = await realSeedStore();
    const pacer = countingPacer();
    const paced = await explainSearch(store, FROM, TO, 4, 1_000_000, pacer);
    const unpaced = await explainSearch(store, FROM, TO, 4, 1_000_000);
    // Each expansion examines at least one hop, so the search's slices are at least expansions / slice.
    expect(pacer.pauses).toBeGreaterThanOrEqual(Math.floor(paced.expansions / HOPS_PER_SLICE) + 1);
    expect(pacer.pauses).toBeGreaterThan(5);
    expect(paced).toEqual(unpaced);
  });

  it('hands the event loop to others while it runs (unpaced, it would not)', async () => {
    const store = await realSeedStore();
    const order = async (pacer: Pacer) => {
      const seen: string[] = [];
      setImmediate(() => seen.push('other request'));
      await explainSearch(store, FROM, TO, 4, 1_000_000, pacer).then(() => seen.push('search'));
      await new Promise((resolve) => setImmediate(resolve));
      return seen;
    };
    expect(await order(eventLoopPacer(NO_DEADLINE))).toEqual(['other request', 'search']);
    expect(await order(NO_PACING)).toEqual(['search', 'other request']);
  });

  it('stops with AnalysisTimeoutError at the first pause past the deadline (fake clock: each turn of the loop takes 1 s)', async () => {
    const store = await realSeedStore();
    let now = 0;
    const deadline = deadlineAfter(5_000, () => now);
    const pacer = countingPacer(
      eventLoopPacer(deadline, async () => {
        now += 1_000;
      }),
    );
    await expect(explainSearch(store, FROM, TO, 4, 1_000_000, pacer)).rejects.toBeInstanceOf(AnalysisTimeoutError);
    expect(pacer.pauses).toBe(5);
  });

  it('an abandoned deadline (the client left, or the timeout answered) stops the work at the next pause', async () => {
    const store = await realSeedStore();
    const deadline = deadlineAfter(60_000, () => 0);
    const pacer = countingPacer(eventLoopPacer(deadline, async () => {}));
    deadline.abandon();
    await expect(explainSearch(store, FROM, TO, 4, 1_000_000, pacer)).rejects.toBeInstanceOf(AnalysisTimeoutError);
    expect(pacer.pauses).toBe(1);
  });

  it('a coverage matrix pauses once per cell and stops mid-matrix past the deadline', async () => {
    const store = await realSeedStore();
    const frameworks = ['soc2', 'iso42001', 'iso27001', 'nist-ai-rmf'];
    const all = countingPacer();
    expect(await queryOverlapMatrix(store, frameworks, true, all)).toHaveLength(12);
    expect(all.pauses).toBe(12);
    let now = 0;
    const stopping = countingPacer(eventLoopPacer(deadlineAfter(3, () => now), async () => void now++));
    await expect(queryOverlapMatrix(store, frameworks, true, stopping)).rejects.toBeInstanceOf(AnalysisTimeoutError);
    expect(stopping.pauses).toBe(3);
  });

  it('reaches clients as REQUEST_TIMEOUT, not an internal error', () => {
    const formatted = formatError({ message: 'stopped', path: ['explain'] }, new AnalysisTimeoutError(), createLogger('silent'));
    expect(formatted.extensions?.code).toBe('REQUEST_TIMEOUT');
    expect(formatted.message).toMatch(/time limit/);
  });
});
