import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetSeedingError, type GraphStore } from '../../src/domain/graph-store.js';
import { circuitBreakerStore } from '../../src/store/circuit-breaker.js';
import { realSeedStore, startTestServer, type TestServer } from '../helpers/http.js';

/**
 * While a batched seeding is writing the dataset (src/store/neo4j/seed-writer.ts; the live leg seeds
 * a real Neo4j), the store says so on datasetInfo: the API answers nothing from the half-written
 * graph (503 SERVICE_UNAVAILABLE with Retry-After, readiness 503) and answers again once it is done.
 */
let seeding = true;
let api: TestServer;

function seedingStore(store: GraphStore): GraphStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property === 'datasetInfo') return async () => (seeding ? Promise.reject(new DatasetSeedingError('2026-11-29T00:00:00.000Z')) : (value as GraphStore['datasetInfo']).call(target));
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

beforeAll(async () => {
  api = await startTestServer(seedingStore(await realSeedStore()));
});
afterAll(() => api.close());

const ask = () => fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ frameworks { id } }' }) });

describe('a dataset being seeded in batches', () => {
  it('is not served: 503 with a code and Retry-After, readiness 503; then served once seeding is done', async () => {
    const refused = await ask();
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    const body = (await refused.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0]!.extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(body.errors[0]!.message).toMatch(/being seeded in batches \(since 2026-11-29/);
    expect((await fetch(`${api.url}/readyz`)).status).toBe(503);
    seeding = false;
    // Readiness reads the store at once, and its answer refreshes the version the API keys on.
    expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
    const served = await ask();
    expect(served.status).toBe(200);
    expect(((await served.json()) as { data: { frameworks: unknown[] } }).data.frameworks.length).toBeGreaterThan(0);
  });

  it('does not open the circuit: the database answers, so the probe closes it', async () => {
    seeding = true;
    const breaker = circuitBreakerStore(seedingStore(await realSeedStore()));
    await expect(breaker.store.datasetInfo()).rejects.toBeInstanceOf(DatasetSeedingError);
    expect(breaker.state().phase).toBe('closed');
    expect(await breaker.probe()).toBe(true);
    expect(breaker.state().phase).toBe('closed');
    seeding = false;
  });
});
