import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { StoreUnavailableError, type NodeLabel, type NodeTypes } from '../../src/domain/graph-store.js';
import { fixtureGraph } from '../helpers/fixture-seed.js';
import { startTestServer, type TestServer } from '../helpers/http.js';

/** A store whose every call can be made to fail, to see how the API answers faults. */
class FaultyStore extends MemoryStore {
  fault: Error | null = null;
  override async nodes<L extends NodeLabel>(label: L, ids: readonly string[]): Promise<Array<NodeTypes[L] | null>> {
    if (this.fault) throw this.fault;
    return super.nodes(label, ids);
  }
  override async datasetInfo() {
    if (this.fault) throw this.fault;
    return super.datasetInfo();
  }
}

let store: FaultyStore;
let server: TestServer;
const logged: string[] = [];
beforeAll(async () => {
  store = new FaultyStore(fixtureGraph());
  const log = createLogger('info', { write: (line: string) => logged.push(line) });
  server = await startTestServer(store, { log });
});
afterAll(async () => {
  await server.close();
});

describe('faults', () => {
  it('answers an unexpected fault as INTERNAL_SERVER_ERROR with no details, and logs it whole', async () => {
    logged.length = 0;
    store.fault = new TypeError('secret internals at /srv/app/db.ts:42');
    const response = await server.query(`{ requirement(id: "alpha:A1") { id } }`);
    store.fault = null;
    expect(response.status).toBe(200);
    expect(response.errors).toEqual([{ message: 'Internal server error', path: ['requirement'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
    expect(JSON.stringify(response)).not.toMatch(/secret|db\.ts|stack/);
    const errors = logged.map((l) => JSON.parse(l)).filter((l) => l.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0].msg).toBe('unexpected error');
    expect(errors[0].err.message).toMatch(/secret internals/);
    expect(errors[0].err.stack).toMatch(/TypeError/);
  });

  it('answers a store outage as SERVICE_UNAVAILABLE and readiness as 503, then recovers', async () => {
    store.fault = new StoreUnavailableError('connection refused');
    const response = await server.query(`{ framework(id: "alpha") { id } }`);
    expect(response.errors?.[0]?.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE' });
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
    store.fault = null;
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const again = await server.query(`{ framework(id: "alpha") { id } }`);
    expect(again.data).toEqual({ framework: { id: 'alpha' } });
  });

  it('answers malformed requests with coded errors', async () => {
    const syntax = await server.query(`{ framework(id: "alpha") { id `);
    expect(syntax.status).toBe(400);
    expect(syntax.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const unknownField = await server.query(`{ framework(id: "alpha") { colour } }`);
    expect(unknownField.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const wrongType = await server.query(`query ($first: Int) { requirements(first: $first) { totalCount } }`, { first: 'ten' });
    expect(wrongType.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badJson = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toEqual({ errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
  });
});

describe('HTTP edges', () => {
  it('answers an oversized body with 413 and a code', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ frameworks { id } }`, variables: { pad: 'x'.repeat(200_000) } }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
  });

  it('answers an unknown route with 404 in JSON', async () => {
    const response = await fetch(`${server.url}/nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
  });
});
