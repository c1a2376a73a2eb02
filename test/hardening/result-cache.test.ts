import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { HEAP_PER_JSON_BYTE } from '../../src/graphql/result-cache.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { fixtureGraph } from '../helpers/fixture-seed.js';
import { startTestServer } from '../helpers/http.js';

/**
 * Issue #16, finding 3: the result cache was keyed on every variable sent and held 1,000 entries of
 * any size, so a nonce variable made each request a new entry and the heap grew without bound.
 */
const TRACE = { 'x-crosswalk-trace': '1' };

describe('result cache bounded in bytes and keyed on declared variables', () => {
  it('an undeclared variable (a nonce) does not make a new entry', async () => {
    const server = await startTestServer(new MemoryStore(fixtureGraph()), { config: defaultConfig({ resultCacheSize: 10 }) });
    try {
      const query = 'query C($held: [ID!]!) { coverage(target: "beta", held: $held) { summary { full } } }';
      const first = await server.query(query, { held: ['alpha'], nonce: 1 }, TRACE);
      const second = await server.query(query, { held: ['alpha'], nonce: 2 }, TRACE);
      expect(first.extensions!.trace.storeCalls).toBeGreaterThan(0);
      expect(second.extensions!.trace.storeCalls).toBe(0);
      expect(second.data).toEqual(first.data);
      const other = await server.query(query, { held: ['gamma'], nonce: 3 }, TRACE);
      expect(other.extensions!.trace.storeCalls).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });

  it('the scope is part of the key, as a declared variable and inline: a narrower scope never gets a wider one\'s answer', async () => {
    const server = await startTestServer(undefined, { config: defaultConfig({ resultCacheSize: 10 }) });
    try {
      const query = 'query S($scope: [HeldScope!]) { coverage(target: "iso27001", held: ["soc2"], scope: $scope) { summary { none } } }';
      const wide = await server.query(query, { scope: null }, TRACE);
      const narrow = await server.query(query, { scope: [{ framework: 'soc2', categories: ['SECURITY'] }] }, TRACE);
      expect(narrow.extensions!.trace.storeCalls).toBeGreaterThan(0);
      expect(narrow.data!.coverage.summary.none).toBeGreaterThan(wide.data!.coverage.summary.none);
      const again = await server.query(query, { scope: [{ framework: 'soc2', categories: ['SECURITY'] }] }, TRACE);
      expect(again.extensions!.trace.storeCalls).toBe(0);
      expect(again.data).toEqual(narrow.data);
      const inline = (categories: string) => `{ coverage(target: "iso27001", held: ["soc2"], scope: [{framework: "soc2", categories: [${categories}]}]) { summary { none } } }`;
      const inlineNarrow = await server.query(inline('SECURITY'), undefined, TRACE);
      const inlineWide = await server.query(inline('SECURITY, AVAILABILITY'), undefined, TRACE);
      expect(inlineWide.extensions!.trace.storeCalls).toBeGreaterThan(0);
      expect(inlineWide.data!.coverage.summary.none).toBeLessThan(inlineNarrow.data!.coverage.summary.none);
    } finally {
      await server.close();
    }
  });

  it('an answer bigger than the byte budget is not kept; a small one is', async () => {
    const server = await startTestServer(new MemoryStore(fixtureGraph()), { config: defaultConfig({ resultCacheSize: 10, resultCacheBytes: 512 }) });
    try {
      const big = `{ requirements(first: 100) { nodes { id title summary framework { id name } } } }`;
      const bigFirst = await server.query(big, undefined, TRACE);
      expect(JSON.stringify(bigFirst.data).length).toBeGreaterThan(512);
      expect((await server.query(big, undefined, TRACE)).extensions!.trace.storeCalls).toBeGreaterThan(0);
      const small = `{ frameworks { id } }`;
      await server.query(small, undefined, TRACE);
      expect((await server.query(small, undefined, TRACE)).extensions!.trace.storeCalls).toBe(0);
    } finally {
      await server.close();
    }
  });
});

describe('result cache bounded in heap, not only in JSON', () => {
  it('counts an answer at HEAP_PER_JSON_BYTE times its JSON: a budget above its JSON but below that does not keep it', async () => {
    const query = '{ frameworks { id name } }';
    const probe = await startTestServer(new MemoryStore(fixtureGraph()), { config: defaultConfig({ resultCacheSize: 0 }) });
    const { data } = await probe.query(query);
    await probe.close();
    const json = Buffer.byteLength(JSON.stringify({ data }));
    const storeCallsOnRepeat = async (budget: number) => {
      const server = await startTestServer(new MemoryStore(fixtureGraph()), { config: defaultConfig({ resultCacheSize: 10, resultCacheBytes: budget }) });
      try {
        await server.query(query, undefined, TRACE);
        return (await server.query(query, undefined, TRACE)).extensions!.trace.storeCalls as number;
      } finally {
        await server.close();
      }
    };
    expect(await storeCallsOnRepeat(json * 2)).toBeGreaterThan(0);
    expect(await storeCallsOnRepeat(json * HEAP_PER_JSON_BYTE + 200)).toBe(0);
  });
});

describe('query text limited in bytes, comments included', () => {
  it('refuses a query padded with comments with QUERY_TOO_LARGE', async () => {
    const server = await startTestServer(new MemoryStore(fixtureGraph()), { config: defaultConfig() });
    try {
      const padded = `{ frameworks { id } }\n${'# padding\n'.repeat(3_000)}`;
      const response = await server.query(padded);
      expect(response.status).toBe(413);
      expect(response.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_LARGE');
      expect((await server.query(`{ frameworks { id } }\n# a comment`)).errors).toBeUndefined();
    } finally {
      await server.close();
    }
  });
});
