import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { StoreUnavailableError, type NodeLabel, type NodeTypes } from '../../src/domain/graph-store.js';
import type { DatasetInfo } from '../../src/domain/types.js';
import { fixtureGraph } from '../helpers/fixture-seed.js';
import { startTestServer, type TestServer } from '../helpers/http.js';

/** A store that can start failing or hanging mid-load, then recover. */
class FlakyStore extends MemoryStore {
  mode: 'ok' | 'fail' | 'hang' = 'ok';
  private async gate(): Promise<void> {
    if (this.mode === 'fail') throw new StoreUnavailableError('database connection lost');
    if (this.mode === 'hang') await new Promise(() => {});
  }
  override async nodes<L extends NodeLabel>(label: L, ids: readonly string[]): Promise<Array<NodeTypes[L] | null>> {
    await this.gate();
    return super.nodes(label, ids);
  }
  override async allNodes<L extends Exclude<NodeLabel, 'Requirement'>>(label: L): Promise<Array<NodeTypes[L]>> {
    await this.gate();
    return super.allNodes(label);
  }
  override async datasetInfo(): Promise<DatasetInfo> {
    await this.gate();
    return super.datasetInfo();
  }
}

const REQUEST_TIMEOUT_MS = 2000;
let store: FlakyStore;
let server: TestServer;
beforeAll(async () => {
  store = new FlakyStore(fixtureGraph());
  const base = defaultConfig();
  // Result cache off: this test is about what reaches the store. With it on, identical queries are
  // answered from the dataset they were computed on until the version check (every 5 s) fails.
  server = await startTestServer(store, { config: { ...base, resultCacheSize: 0, http: { ...base.http, storeTimeoutMs: 300, requestTimeoutMs: REQUEST_TIMEOUT_MS } } });
});
afterAll(async () => {
  await server.close();
});

interface Outcome {
  phase: string;
  status: number;
  code: string | null;
  ms: number;
}

describe('store outage under load', () => {
  it('answers SERVICE_UNAVAILABLE while the store fails or hangs, never hangs itself, and recovers', async () => {
    const outcomes: Outcome[] = [];
    let phase = 'ok';
    const readiness: Record<string, number> = {};
    let running = true;
    const worker = async () => {
      while (running) {
        const started = performance.now();
        const response = await server.query(`{ frameworks { id } requirement(id: "beta:B1") { title } }`);
        outcomes.push({ phase, status: response.status, code: response.errors?.[0]?.extensions?.code ?? null, ms: performance.now() - started });
      }
    };
    const workers = Array.from({ length: 16 }, worker);
    const at = (ms: number) => new Promise((r) => setTimeout(r, ms));

    await at(500);
    phase = 'hang';
    store.mode = 'hang';
    await at(900);
    readiness.hang = (await fetch(`${server.url}/readyz`)).status;
    phase = 'fail';
    store.mode = 'fail';
    await at(600);
    readiness.fail = (await fetch(`${server.url}/readyz`)).status;
    store.mode = 'ok';
    await at(400); // requests started during the fault drain out
    phase = 'recovered';
    await at(600);
    readiness.recovered = (await fetch(`${server.url}/readyz`)).status;
    running = false;
    await Promise.all(workers);

    const by = (p: string) => outcomes.filter((o) => o.phase === p);
    console.log(
      `outage: ${outcomes.length} requests; ` +
        ['ok', 'hang', 'fail', 'recovered'].map((p) => `${p}: ${by(p).length} (${by(p).filter((o) => o.code === 'SERVICE_UNAVAILABLE').length} unavailable, max ${Math.round(Math.max(...by(p).map((o) => o.ms)))} ms)`).join('; '),
    );
    expect(outcomes.every((o) => o.status < 500)).toBe(true);
    expect(Math.max(...outcomes.map((o) => o.ms))).toBeLessThan(REQUEST_TIMEOUT_MS);
    expect(by('ok').every((o) => o.code === null)).toBe(true);
    for (const p of ['hang', 'fail']) {
      expect(by(p).length, p).toBeGreaterThan(0);
      expect(by(p).every((o) => o.code === 'SERVICE_UNAVAILABLE' || o.code === null), p).toBe(true);
      expect(by(p).some((o) => o.code === 'SERVICE_UNAVAILABLE'), p).toBe(true);
    }
    expect(by('recovered').length).toBeGreaterThan(0);
    expect(by('recovered').every((o) => o.code === null)).toBe(true);
    expect(readiness).toEqual({ hang: 503, fail: 503, recovered: 200 });
  });
});
