import { describe, expect, it } from 'vitest';
import { queryOverlapMatrix } from '../../src/analysis/overlap.js';
import { PairSummaryIndex } from '../../src/graphql/pair-summaries.js';
import { countingStore } from '../../src/store/counting-store.js';
import { realSeedStore } from '../helpers/http.js';

/**
 * The overlap matrix keeps each pair's coverage per version of what the caller reads: a matrix asked
 * again, or over other frameworks of the same version, computes only the pairs it has not seen; a new
 * version, or none, computes again. The memo never changes an answer.
 */
describe('overlap matrix pairs kept per version', () => {
  const FRAMEWORKS = ['soc2', 'iso42001', 'iso27001', 'nist-ai-rmf'];

  it('answers exactly as without the memo, and a repeated matrix reads nothing from the store', async () => {
    const store = await realSeedStore();
    const plain = await queryOverlapMatrix(store, FRAMEWORKS, true);
    const index = new PairSummaryIndex();
    const trace = { storeCalls: 0 };
    const counted = countingStore(store, trace);
    expect(await queryOverlapMatrix(counted, FRAMEWORKS, true, undefined, index.at('v1'))).toEqual(plain);
    expect(trace.storeCalls).toBeGreaterThan(0);
    trace.storeCalls = 0;
    expect(await queryOverlapMatrix(counted, FRAMEWORKS, true, undefined, index.at('v1'))).toEqual(plain);
    expect(trace.storeCalls).toBe(0);
  });

  it('computes only the pairs a new framework list adds, and keeps direct and inferred apart', async () => {
    const store = await realSeedStore();
    const index = new PairSummaryIndex();
    await queryOverlapMatrix(store, ['soc2', 'iso42001'], false, undefined, index.at('v1'));
    const trace = { storeCalls: 0 };
    const counted = countingStore(store, trace);
    const three = await queryOverlapMatrix(counted, ['soc2', 'iso42001', 'iso27001'], false, undefined, index.at('v1'));
    expect(three).toEqual(await queryOverlapMatrix(store, ['soc2', 'iso42001', 'iso27001'], false));
    expect(trace.storeCalls).toBeGreaterThan(0); // iso27001's pairs were new
    const direct = index.at('v1')!.get({ from: 'soc2', to: 'iso42001', inferred: false });
    expect(direct).toEqual(three.find((c) => c.from === 'soc2' && c.to === 'iso42001')!.summary);
    expect(index.at('v1')!.get({ from: 'soc2', to: 'iso42001', inferred: true })).toBeUndefined();
  });

  it('keeps nothing without a version, and nothing of one version answers another', async () => {
    const store = await realSeedStore();
    const index = new PairSummaryIndex();
    await queryOverlapMatrix(store, ['soc2', 'iso42001'], false, undefined, index.at(null));
    expect(index.at(null)).toBeNull();
    await queryOverlapMatrix(store, ['soc2', 'iso42001'], false, undefined, index.at('v1'));
    expect(index.at('v1')!.get({ from: 'soc2', to: 'iso42001', inferred: false })).toBeDefined();
    expect(index.at('v2')!.get({ from: 'soc2', to: 'iso42001', inferred: false })).toBeUndefined();
  });

  it('computes each pair once for a burst of cold matrices asked at the same time', async () => {
    const store = await realSeedStore();
    const index = new PairSummaryIndex();
    let computed = 0;
    const memo = index.at('v1')!;
    const counting = { ...memo, summary: (pair: Parameters<typeof memo.summary>[0], compute: () => ReturnType<Parameters<typeof memo.summary>[1]>) => memo.summary(pair, () => (computed++, compute())) };
    const plain = await queryOverlapMatrix(store, FRAMEWORKS, false);
    const answers = await Promise.all(Array.from({ length: 8 }, () => queryOverlapMatrix(store, FRAMEWORKS, false, undefined, counting)));
    for (const answer of answers) expect(answer).toEqual(plain);
    expect(computed).toBe(FRAMEWORKS.length * (FRAMEWORKS.length - 1));
  });

  it('computes a pair itself when the request computing it failed', async () => {
    const store = await realSeedStore();
    const memo = new PairSummaryIndex().at('v1')!;
    const pair = { from: 'soc2', to: 'iso42001', inferred: false };
    let fail!: (e: Error) => void;
    const failing = memo.summary(pair, () => new Promise((_resolve, reject) => (fail = reject)));
    expect(memo.known(pair)).toBe(true);
    const waiting = memo.summary(pair, async () => (await queryOverlapMatrix(store, ['soc2', 'iso42001'], false)).find((c) => c.from === 'soc2')!.summary);
    fail(new Error('deadline passed'));
    await expect(failing).rejects.toThrow('deadline passed');
    expect((await waiting).total).toBeGreaterThan(0);
    expect(memo.get(pair)).toEqual(await waiting);
  });
});
