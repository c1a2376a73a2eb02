import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstRows, type GraphStore } from '../../src/domain/graph-store.js';
import type { GraphData } from '../../src/domain/types.js';
import { defaultConfig } from '../../src/config.js';
import { loadSeed } from '../../src/seed/load-seed.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { DatasetReadCache } from '../../src/store/read-cache.js';
import { startTestServer, type TestServer } from '../helpers/http.js';

/**
 * The public graph's reads kept by dataset version (src/store/read-cache.ts), as the API runs on
 * Neo4j: what it keeps, what it shares, and what makes it forget.
 */

/** A store that counts the calls reaching it and can be made to fail or to wait. */
function countingMemory(graph: GraphData) {
  const inner = new MemoryStore(graph);
  const calls: string[] = [];
  let failNext = false;
  let gate: Promise<void> | null = null;
  const store = new Proxy(inner, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        if (property !== 'datasetInfo') calls.push(`${String(property)}:${JSON.stringify(args)}`);
        if (gate) await gate;
        if (failNext && property !== 'datasetInfo') {
          failNext = false;
          throw new Error('database went away');
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as GraphStore;
  return {
    store,
    calls,
    failOnce: () => (failNext = true),
    hold: () => {
      let release!: () => void;
      gate = new Promise<void>((r) => (release = r));
      return () => {
        gate = null;
        release();
      };
    },
  };
}

let seed: GraphData;
beforeAll(async () => {
  seed = await loadSeed();
});

describe('DatasetReadCache', () => {
  it('reads each key from the store once per version, and answers what the store answers', async () => {
    const db = countingMemory(seed);
    const cache = new DatasetReadCache(db.store, { maxBytes: 64 * 1024 * 1024 });
    cache.observe(seed.version);
    const counter = { databaseCalls: 0 };
    const view = cache.view(counter);
    const first = await view.nodes('Requirement', ['iso42001:A.6.2.4', 'soc2:CC6.1', 'nope:1']);
    expect(first.map((r) => r?.id ?? null)).toEqual(['iso42001:A.6.2.4', 'soc2:CC6.1', null]);
    const again = await view.nodes('Requirement', ['soc2:CC6.1', 'nope:1', 'iso42001:A.6.2.4']);
    expect(again.map((r) => r?.id ?? null)).toEqual(['soc2:CC6.1', null, 'iso42001:A.6.2.4']);
    expect(db.calls).toHaveLength(1);
    expect(counter.databaseCalls).toBe(1);
    // A batch with one new key asks the store for that key alone.
    await view.nodes('Requirement', ['soc2:CC6.1', 'soc2:CC6.2']);
    expect(db.calls[1]).toBe('nodes:["Requirement",["soc2:CC6.2"]]');
    // Whole lists and page queries too, each by its own key.
    const query = { filter: { frameworkIds: ['iso42001'] }, page: firstRows(10) };
    const [page] = await view.findRequirements([query]);
    const [pageAgain] = await view.findRequirements([{ filter: { frameworkIds: ['iso42001'] }, page: firstRows(10) }]);
    expect(pageAgain).toBe(page);
    const [other] = await view.findRequirements([{ filter: { frameworkIds: ['iso42001'] }, page: firstRows(5) }]);
    expect(other!.items).toHaveLength(5);
    await view.allNodes('Framework');
    await view.allNodes('Framework');
    expect(db.calls.filter((c) => c.startsWith('findRequirements'))).toHaveLength(2);
    expect(db.calls.filter((c) => c.startsWith('allNodes'))).toHaveLength(1);
    const direct = await new MemoryStore(seed).mappingsOf(['soc2:CC6.1']);
    expect(await view.mappingsOf(['soc2:CC6.1'])).toEqual(direct);
    expect(await view.mappingsOf(['soc2:CC6.1'])).toEqual(direct);
  });

  it('shares one read among concurrent misses of the same key, counted for the request that made it', async () => {
    const db = countingMemory(seed);
    const cache = new DatasetReadCache(db.store, { maxBytes: 64 * 1024 * 1024 });
    cache.observe(seed.version);
    const a = { databaseCalls: 0 };
    const b = { databaseCalls: 0 };
    const release = db.hold();
    const pending = [cache.view(a).mappingsOf(['soc2:CC6.1', 'soc2:CC6.2']), cache.view(b).mappingsOf(['soc2:CC6.2', 'soc2:CC6.1'])];
    release();
    const [fromA, fromB] = await Promise.all(pending);
    expect(fromA![0]).toBe(fromB![1]);
    expect(db.calls).toHaveLength(1);
    expect([a.databaseCalls, b.databaseCalls]).toEqual([1, 0]);
  });

  it('forgets everything when the version changes, and keeps no read begun before the change', async () => {
    const db = countingMemory(seed);
    const cache = new DatasetReadCache(db.store, { maxBytes: 64 * 1024 * 1024 });
    cache.observe('v1');
    const view = cache.view();
    await view.allNodes('Risk');
    cache.observe('v2');
    await view.allNodes('Risk');
    expect(db.calls).toHaveLength(2);
    // A read under v2 still in flight when v3 arrives is answered but not kept for v3.
    const release = db.hold();
    const inFlight = view.allNodes('Evidence');
    cache.observe('v3');
    release();
    await inFlight;
    await view.allNodes('Evidence');
    expect(db.calls.filter((c) => c.startsWith('allNodes:["Evidence"]'))).toHaveLength(2);
  });

  it('keeps nothing while no version is known (store down, a batched seeding under way)', async () => {
    const db = countingMemory(seed);
    const cache = new DatasetReadCache(db.store, { maxBytes: 64 * 1024 * 1024 });
    const view = cache.view();
    await view.allNodes('Risk');
    await view.allNodes('Risk');
    cache.observe('v1');
    await view.allNodes('Risk');
    cache.observe(null);
    await view.allNodes('Risk');
    await view.allNodes('Risk');
    expect(db.calls).toHaveLength(5);
    expect(cache.keptBytes).toBe(0);
  });

  it('keeps no failure: the next read asks the store again', async () => {
    const db = countingMemory(seed);
    const cache = new DatasetReadCache(db.store, { maxBytes: 64 * 1024 * 1024 });
    cache.observe(seed.version);
    const view = cache.view();
    db.failOnce();
    await expect(view.related('children', ['soc2'])).rejects.toThrow('database went away');
    const [children] = await view.related('children', ['soc2']);
    expect(children!.length).toBeGreaterThan(0);
    expect(db.calls).toHaveLength(2);
  });

  it('stays within its byte bound, evicting the least recently used', async () => {
    const db = countingMemory(seed);
    const cache = new DatasetReadCache(db.store, { maxBytes: 40_000 });
    cache.observe(seed.version);
    const view = cache.view();
    const ids = seed.requirements.slice(0, 400).map((r) => r.id);
    for (const id of ids) await view.nodes('Requirement', [id]);
    expect(cache.keptBytes).toBeLessThanOrEqual(40_000);
    expect(cache.keptBytes).toBeGreaterThan(0);
    const before = db.calls.length;
    await view.nodes('Requirement', [ids[0]!]);
    expect(db.calls.length).toBe(before + 1);
  });
});

describe('the API with a read cache (as on Neo4j)', () => {
  let api: TestServer;
  let db: ReturnType<typeof countingMemory>;
  let current: GraphStore;
  let reseeded: GraphStore;

  beforeAll(async () => {
    db = countingMemory(seed);
    // The same graph seeded again with one framework renamed: a new dataset version.
    const renamed: GraphData = { ...seed, version: `${seed.version}-next`, frameworks: seed.frameworks.map((f) => (f.id === 'soc2' ? { ...f, name: 'SOC 2, seeded again' } : f)) };
    reseeded = new MemoryStore(renamed);
    current = db.store;
    const switching = new Proxy({} as GraphStore, {
      get: (_t, property) => {
        const value = Reflect.get(current, property);
        return typeof value === 'function' ? value.bind(current) : value;
      },
    });
    api = await startTestServer(switching, { config: { ...defaultConfig(), resultCacheSize: 0, storeCacheBytes: 16 * 1024 * 1024 } });
  });
  afterAll(() => api.close());

  const coverage = '{ coverage(target: "iso42001", held: ["soc2"], kind: CONTROL) { summary { full partial none } } framework(id: "soc2") { name } }';

  it('answers a repeated analysis with no database read, the same answer as the first', async () => {
    const first = await api.query(coverage, undefined, { 'x-crosswalk-trace': '1' });
    expect(first.errors).toBeUndefined();
    expect(first.extensions?.trace.databaseCalls).toBeGreaterThan(0);
    const again = await api.query(coverage, undefined, { 'x-crosswalk-trace': '1' });
    expect(again.data).toEqual(first.data);
    // Fewer port calls too: the graph around the target is kept for this version (the analysis memo).
    expect(again.extensions?.trace.databaseCalls).toBe(0);
    expect(again.extensions?.trace.storeCalls).toBeLessThan(first.extensions?.trace.storeCalls);
  });

  it('answers the new dataset once the version step reads its version', async () => {
    current = reseeded;
    // Readiness reads the version at once (otherwise the version step re-reads it within 5 s).
    expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
    const after = await api.query(coverage, undefined, { 'x-crosswalk-trace': '1' });
    expect(after.data?.framework.name).toBe('SOC 2, seeded again');
    expect(after.extensions?.trace.databaseCalls).toBeGreaterThan(0);
  });
});
