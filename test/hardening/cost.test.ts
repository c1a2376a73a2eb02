import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { startTestServer, type TestServer } from '../helpers/http.js';

/**
 * Issue #16, finding 1: the cost limit counted `first` only when written inline. One cost model now
 * runs after variables are coerced, so however the query is written the same work costs the same.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(undefined, { config: defaultConfig() });
});
afterAll(async () => {
  await server.close();
});

const NESTED = `nodes { id mappings { other { id mappings { other { id mappings { other { id } } } } } } }`;

async function expectRefused(query: string, variables?: Record<string, unknown>) {
  const response = await server.query(query, variables);
  expect(response.status).toBe(400);
  expect(response.data).toBeUndefined();
  const error = response.errors?.[0];
  expect(error?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  expect(error?.extensions?.limit).toBe(20_000);
  expect(error?.extensions?.cost).toBeGreaterThan(20_000);
  return error!;
}

describe('the cost limit applies however the query is written', () => {
  it('inline first', async () => {
    await expectRefused(`{ requirements(first: 500) { ${NESTED} } }`);
  });

  it('first from a variable', async () => {
    await expectRefused(`query Q($n: Int) { requirements(first: $n) { ${NESTED} } }`, { n: 500 });
  });

  it('first from a variable default', async () => {
    await expectRefused(`query Q($n: Int = 500) { requirements(first: $n) { ${NESTED} } }`);
  });

  it('first from an unused nonce and a fragment on the connection', async () => {
    const error = await expectRefused(`query Q($n: Int) { requirements(first: $n) { ...Page } } fragment Page on RequirementConnection { ${NESTED} }`, { n: 500, nonce: 1 });
    const inline = await expectRefused(`{ requirements(first: 500) { ${NESTED} } }`);
    expect(error.extensions!.cost).toBe(inline.extensions!.cost);
  });

  it('aliases add up', async () => {
    const one = `requirements(first: $n) { nodes { id mappings { other { id mappings { other { id } } } } } }`;
    const single = await server.query(`query Q($n: Int) { a: ${one} }`, { n: 50 });
    expect(single.errors).toBeUndefined();
    await expectRefused(`query Q($n: Int) { ${Array.from({ length: 20 }, (_, i) => `a${i}: ${one}`).join(' ')} }`, { n: 50 });
  });

  it('analyses are weighed: many deep explains are refused', async () => {
    const explain = (i: number) => `e${i}: explain(from: "iso42001:A.6.2.7", to: "iso42001:6.1.2", maxHops: $hops) { length hops { from { id } to { id } } }`;
    await expectRefused(`query Q($hops: Int) { ${Array.from({ length: 12 }, (_, i) => explain(i)).join(' ')} }`, { hops: 4 });
  });

  it('a small page with variables is answered', async () => {
    const response = await server.query(`query Q($n: Int) { requirements(first: $n) { ${NESTED} } }`, { n: 2 });
    expect(response.errors).toBeUndefined();
    expect(response.data!.requirements.nodes).toHaveLength(2);
  });
});
