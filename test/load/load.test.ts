import { mkdirSync, writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/http.js';

/**
 * A bounded load on loopback: 64 connections for 15 s (LOAD_SECONDS to change) over a mix of the
 * headline queries on the real graph. Zero errors and zero non-2xx; the figures go to the output
 * and to test-output/load.json. No timing assertion: speed is measured by `npm run bench`.
 */

const SECONDS = Number(process.env.LOAD_SECONDS ?? 15);
const MIX = {
  coverage: `{ coverage(target: "iso42001", held: ["soc2"], kind: CONTROL) { summary { full partial none unassessed } items { status via { requirement { id } relationship } } } }`,
  gaps: `{ gaps(target: "iso42001", held: ["soc2", "iso27001"]) { total items { rank requirement { id } risks { id } } } }`,
  requirement: `{ requirement(id: "iso42001:A.6.2.4") { title mappings { relationship other { id } } } }`,
  catalog: `{ framework(id: "soc2") { requirements(first: 50) { nodes { id title } } } }`,
  overlap: `{ overlap(a: "soc2", b: "iso27001") { aCoversB { summary { coveredShare } } bCoversA { summary { coveredShare } } } }`,
};

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('load on loopback', () => {
  it('each query of the mix answers without errors', async () => {
    for (const [name, query] of Object.entries(MIX)) {
      const response = await server.query(query);
      expect(response.errors, name).toBeUndefined();
    }
  });

  it(`serves 64 connections for ${SECONDS} s with zero errors and zero non-2xx`, async () => {
    const result = await autocannon({
      url: `${server.url}/graphql`,
      connections: 64,
      duration: SECONDS,
      // A time-out here means a stalled server, not a slow one: generous, so a busy machine is not a failure.
      timeout: 60,
      requests: Object.values(MIX).map((query) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })),
    });
    const figures = {
      connections: 64,
      seconds: SECONDS,
      requests: result.requests.total,
      requestsPerSecond: result.requests.average,
      latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
    };
    console.log(`load: ${JSON.stringify(figures)}`);
    mkdirSync('test-output', { recursive: true });
    writeFileSync('test-output/load.json', `${JSON.stringify(figures, null, 2)}\n`);
    expect(result.requests.total).toBeGreaterThan(0);
    expect(result.errors).toBe(0);
    expect(result.timeouts).toBe(0);
    expect(result.non2xx).toBe(0);
  }, (SECONDS + 30) * 1000);
});
