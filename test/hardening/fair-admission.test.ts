import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import type { NodeLabel, NodeTypes } from '../../src/domain/graph-store.js';
import { fixtureGraph } from '../helpers/fixture-seed.js';
import { startTestServer, type TestServer } from '../helpers/http.js';

/**
 * Issue #16: one client's backlog must not decide when another client's request runs. A store whose
 * framework lookups wait until the test lets them go makes "running" and "waiting" visible: the order
 * in which lookups reach the store is the order the fair queue gave out its slot.
 */
class GatedStore extends MemoryStore {
  readonly arrived: string[] = [];
  private readonly gates: Array<() => void> = [];
  override async nodes<L extends NodeLabel>(label: L, ids: readonly string[]): Promise<Array<NodeTypes[L] | null>> {
    if (label === 'Framework') {
      this.arrived.push(ids.join(','));
      await new Promise<void>((resolve) => this.gates.push(resolve));
    }
    return super.nodes(label, ids);
  }
  /** Lets the oldest waiting lookup go. */
  release(): void {
    this.gates.shift()?.();
  }
  async waitForArrivals(n: number): Promise<void> {
    while (this.arrived.length < n) await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

let store: GatedStore;
let server: TestServer;
beforeAll(async () => {
  store = new GatedStore(fixtureGraph());
  const base = defaultConfig();
  // One slot and one waiting place per client; the proxy on loopback says who the client is.
  server = await startTestServer(store, { config: { ...base, resultCacheSize: 0, http: { ...base.http, concurrentRequests: 1, waitingPerClient: 1, trustProxy: 'loopback' } } });
});
afterAll(async () => {
  for (let i = 0; i < 10; i++) store.release();
  await server.close();
});

const ask = (client: string, framework: string, body?: string) =>
  fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
    body: body ?? JSON.stringify({ query: `{ framework(id: "${framework}") { id } }` }),
  });

describe('fair admission', () => {
  it('runs the other client next, refuses a client over its queue before reading its body, and answers everyone admitted', async () => {
    const a1 = ask('203.0.113.1', 'alpha');
    await store.waitForArrivals(1); // a1 holds the only slot
    const a2 = ask('203.0.113.1', 'gamma'); // a's one waiting place
    await new Promise((resolve) => setTimeout(resolve, 50));
    const b1 = ask('198.51.100.2', 'beta'); // b waits behind a2 in time, not in turn

    // a3 is over a's queue: refused at once, and before its body is read (it is over the 100 kB
    // body limit, which would answer 413 had the body parser run first).
    const a3 = await ask('203.0.113.1', 'alpha', JSON.stringify({ query: '{ __typename }', padding: 'x'.repeat(200_000) }));
    expect(a3.status).toBe(429);
    expect(a3.headers.get('retry-after')).toBe('1');
    expect((await a3.json()).errors[0].extensions.code).toBe('RATE_LIMITED');

    // Another address is not refused for a's backlog: b is queued, not turned away.
    store.release(); // a1 done: a has used the server, b has not, so b1 runs before a2
    await store.waitForArrivals(2);
    expect(store.arrived[1]).toBe('beta');
    store.release();
    await store.waitForArrivals(3);
    expect(store.arrived[2]).toBe('gamma');
    store.release();

    const answers = await Promise.all([a1, a2, b1].map(async (pending) => {
      const r = await pending;
      return { status: r.status, body: await r.json() };
    }));
    expect(answers.map((a) => a.body.data?.framework?.id)).toEqual(['alpha', 'gamma', 'beta']);
    expect(answers.every((a) => a.status === 200)).toBe(true);
  });

  it('frees the slot of a request whose client hung up while it waited', async () => {
    const arrivedBefore = store.arrived.length;
    const holder = ask('192.0.2.7', 'alpha');
    await store.waitForArrivals(arrivedBefore + 1);
    const controller = new AbortController();
    const gone = fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.8' },
      body: JSON.stringify({ query: '{ framework(id: "beta") { id } }' }),
      signal: controller.signal,
    }).catch(() => 'aborted');
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    expect(await gone).toBe('aborted');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const next = ask('192.0.2.9', 'gamma');
    store.release(); // the holder finishes; the abandoned request must not take the slot
    await store.waitForArrivals(arrivedBefore + 2);
    expect(store.arrived.at(-1)).toBe('gamma');
    store.release();
    expect((await (await next).json()).data.framework.id).toBe('gamma');
    expect((await holder).status).toBe(200);
  });
});
