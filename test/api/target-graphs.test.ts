import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryCoverage, type TargetGraph } from '../../src/analysis/coverage-query.js';
import { defaultConfig } from '../../src/config.js';
import { TargetGraphIndex } from '../../src/graphql/target-graphs.js';
import { VersionedMemo } from '../../src/graphql/versioned-memo.js';
import { countingStore } from '../../src/store/counting-store.js';
import { realSeedStore, startTestServer, type TestServer } from '../helpers/http.js';

/**
 * Analyses keep the graph around each target framework per dataset version (graphql/target-graphs.ts,
 * CROSSWALK_ANALYSIS_MEMO): the answers are those computed from scratch, whatever was asked before;
 * a question about a target already gathered reads only what depends on the question.
 */
describe('target graphs kept per version', () => {
  let withMemo: TestServer;
  let without: TestServer;
  beforeAll(async () => {
    const base = { ...defaultConfig(), resultCacheSize: 0, limits: { ...defaultConfig().limits, maxCost: 100_000 } };
    [withMemo, without] = await Promise.all([startTestServer(undefined, { config: base }), startTestServer(undefined, { config: { ...base, analysisMemo: false } })]);
  });
  afterAll(async () => {
    await Promise.all([withMemo.close(), without.close()]);
  });

  const items = 'summary { full partial none unassessed notImplemented } items { requirement { id } status via { requirement { id } relationship strength inferred } outOfScope { requirement { id } } }';
  const QUESTIONS = [
    `{ coverage(target: "iso42001", held: ["soc2"]) { ${items} } }`,
    `{ coverage(target: "iso42001", held: ["soc2"], kind: CONTROL) { ${items} } }`,
    `{ coverage(target: "iso42001", held: ["soc2", "eu-ai-act"], inferred: true) { ${items} } }`,
    `{ coverage(target: "iso42001", held: ["soc2"], scope: [{ framework: "soc2", categories: [SECURITY] }]) { ${items} } }`,
    `{ coverage(target: "iso42001", held: ["soc2"], implemented: ["soc2:CC6.1", "soc2:CC7.2"]) { ${items} } }`,
    `{ coverage(target: "iso27001", held: ["iso42001"], inferred: true) { ${items} } }`,
    '{ gaps(target: "iso42001", held: ["soc2"]) { total items { rank requirement { id } risks { id } } } }',
    '{ overlap(a: "soc2", b: "iso27001", inferred: true) { aCoversB { summary { full partial } } bCoversA { summary { full partial } } sharedDisciplines { discipline { id } } } }',
    '{ roadmap(held: ["soc2"]) { framework { id } rank } }',
    '{ overlapMatrix(frameworks: ["soc2", "iso42001", "iso27001"], inferred: true) { cells { from { id } to { id } summary { full partial none } } } }',
  ];

  it('answers every question as from scratch, asked in order and again in reverse', async () => {
    for (const query of [...QUESTIONS, ...[...QUESTIONS].reverse()]) {
      const [kept, fresh] = await Promise.all([withMemo.query(query), without.query(query)]);
      expect(kept.errors, query).toBeUndefined();
      expect(kept.data, query).toEqual(fresh.data);
    }
  });

  it('a new question about a target already gathered reads only what the question adds', async () => {
    const calls = async (server: TestServer, query: string) => (await server.query(query, undefined, { 'x-crosswalk-trace': '1' })).extensions!.trace.storeCalls as number;
    const first = `{ coverage(target: "nist-ai-rmf", held: ["soc2"]) { summary { full } } }`;
    const other = `{ coverage(target: "nist-ai-rmf", held: ["iso27001", "iso42001"]) { summary { full } } }`;
    await calls(withMemo, first);
    const kept = await calls(withMemo, other);
    const cold = await calls(without, other);
    expect(kept).toBeLessThan(cold);
  });
});

describe('VersionedMemo', () => {
  it('computes a value once for a burst of callers, and again for a new version', async () => {
    const memo = new VersionedMemo<{ n: number }>(10);
    let computed = 0;
    const compute = async () => {
      computed++;
      await new Promise((r) => setTimeout(r, 10));
      return { n: computed };
    };
    const burst = await Promise.all(Array.from({ length: 8 }, () => memo.at('v1')!.value('k', compute)));
    expect(new Set(burst)).toEqual(new Set([{ n: 1 }].map(() => burst[0])));
    expect(computed).toBe(1);
    expect(memo.at('v1')!.get('k')).toBe(burst[0]);
    expect(memo.at('v2')!.get('k')).toBeUndefined();
    await memo.at('v2')!.value('k', compute);
    expect(computed).toBe(2);
    expect(memo.at(null)).toBeNull();
  });

  it('a waiter computes the value itself when the first computation failed, and a failure is never kept', async () => {
    const memo = new VersionedMemo<{ n: number }>(10);
    let release!: () => void;
    const failing = memo.at('v1')!.value('k', () => new Promise((_, reject) => (release = () => reject(new Error('deadline')))));
    const waiter = memo.at('v1')!.value('k', async () => ({ n: 7 }));
    release();
    await expect(failing).rejects.toThrow('deadline');
    expect(await waiter).toEqual({ n: 7 });
    expect(memo.at('v1')!.get('k')).toEqual({ n: 7 });
  });

  it('keeps at most its bound of entries', async () => {
    const memo = new VersionedMemo<{ n: number }>(3);
    for (let n = 0; n < 5; n++) await memo.at('v1')!.value(`k${n}`, async () => ({ n }));
    expect([0, 1, 2, 3, 4].filter((n) => memo.at('v1')!.get(`k${n}`) !== undefined)).toEqual([2, 3, 4]);
  });
});

describe('TargetGraphIndex over the store port', () => {
  it('gathers a target once per version and kind, and the coverage it gives is the one computed from scratch', async () => {
    const store = await realSeedStore();
    const trace = { storeCalls: 0 };
    const counted = countingStore(store, trace);
    const index = new TargetGraphIndex();
    const request = { target: 'iso42001', held: ['soc2'] };
    const plain = await queryCoverage(store, request);
    expect(await queryCoverage(counted, { ...request, targetGraphs: index.at('v1') })).toEqual(plain);
    const cold = trace.storeCalls;
    trace.storeCalls = 0;
    expect(await queryCoverage(counted, { ...request, targetGraphs: index.at('v1') })).toEqual(plain);
    expect(trace.storeCalls).toBeLessThan(cold);
    trace.storeCalls = 0;
    await queryCoverage(counted, { ...request, kind: 'CONTROL', targetGraphs: index.at('v1') });
    expect(trace.storeCalls).toBe(cold); // another kind is another graph
    const graphs: TargetGraph[] = [];
    await index.at('v2')!.graph('iso42001', null, async () => (graphs.push({} as TargetGraph), {} as TargetGraph));
    expect(graphs).toHaveLength(1); // a new version gathers again
  });
});
