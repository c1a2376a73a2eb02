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

const REQUEST_TIMEOUT_MS = 10_000;
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
  // Phases advance by answered requests, not by the clock, so a busy machine changes how long the test
  // takes but never what it checks. "Never hangs" is checked by every request getting an answer: a hang
  // in the store must come back as SERVICE_UNAVAILABLE through the store time-out, not as a stalled socket.
  it('answers SERVICE_UNAVAILABLE while the store fails or hangs, never hangs itself, and recovers', async () => {
    const outcomes: Outcome[] = [];
    let phase = 'ok';
    const readiness: Record<string, number> = {};
    let running = true;
    const worker = async () => {
      while (running) {
        const startedIn = phase;
        const started = performance.now();
        const response = await server.query(`{ frameworks { id } requirement(id: "beta:B1") { title } }`);
        // A request that straddles a phase change says nothing about either phase.
        if (phase === startedIn) outcomes.push({ phase, status: response.status, code: response.errors?.[0]?.extensions?.code ?? null, ms: performance.now() - started });
      }
    };
    const workers = Array.from({ length: 16 }, worker);
    const answered = async (p: string, count: number) => {
      while (outcomes.filter((o) => o.phase === p).length < count) await new Promise((r) => setTimeout(r, 20));
    };
    const PER_PHASE = 24;

    await answered('ok', PER_PHASE);
    phase = 'hang';
    store.mode = 'hang';
    await answered('hang', PER_PHASE);
    readiness.hang = (await fetch(`${server.url}/readyz`)).status;
    phase = 'fail';
    store.mode = 'fail';
    await answered('fail', PER_PHASE);
    readiness.fail = (await fetch(`${server.url}/readyz`)).status;
    phase = 'draining';
    store.mode = 'ok';
    // Readiness probes the store, so once it answers 200 the breaker has seen the store back.
    while ((await fetch(`${server.url}/readyz`)).status !== 200) await new Promise((r) => setTimeout(r, 50));
    await answered('draining', 1);
    phase = 'recovered';
    await answered('recovered', PER_PHASE);
    readiness.recovered = (await fetch(`${server.url}/readyz`)).status;
    running = false;
    await Promise.all(workers);

    const by = (p: string) => outcomes.filter((o) => o.phase === p);
    console.log(
      `outage: ${outcomes.length} requests; ` +
        ['ok', 'hang', 'fail', 'draining', 'recovered'].map((p) => `${p}: ${by(p).length} (${by(p).filter((o) => o.code === 'SERVICE_UNAVAILABLE').length} unavailable, max ${Math.round(Math.max(...by(p).map((o) => o.ms)))} ms)`).join('; '),
    );
    expect(outcomes.every((o) => o.status < 500)).toBe(true);
    expect(by('ok').every((o) => o.code === null)).toBe(true);
    for (const p of ['hang', 'fail']) {
      expect(by(p).every((o) => o.code === 'SERVICE_UNAVAILABLE'), p).toBe(true);
    }
    expect(by('recovered').every((o) => o.code === null)).toBe(true);
    expect(readiness).toEqual({ hang: 503, fail: 503, recovered: 200 });
  });
});
