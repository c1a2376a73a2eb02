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

/** The calibrated weights (bench/RESULTS.md, "Cost calibration") still let an integrator's everyday pages through. */
describe('the pages an integrator needs pass the limit, however `first` is written', () => {
  const MAPPING_SET = (first: string) =>
    `node(id: "mapping-set:soc2--iso42001") { ... on MappingSet { mappings${first} { totalCount nodes { id relationship strength rationale note from { id ref title } to { id ref title } } } } }`;
  const CATALOG = (first: string) =>
    `framework(id: "iso27001") { requirements${first} { totalCount nodes { id ref title summary mappings { relationship strength other { id ref title } } } } }`;

  async function expectAccepted(query: string, variables: Record<string, unknown> | undefined, path: (data: any) => { nodes: unknown[] }, expected: number) {
    const response = await server.query(query, variables);
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    expect(path(response.data).nodes).toHaveLength(expected);
  }

  it.each([
    ['inline', (f: (x: string) => string) => `{ ${f('(first: 100)')} }`, undefined],
    ['from a variable', (f: (x: string) => string) => `query Q($n: Int) { ${f('(first: $n)')} }`, { n: 100 }],
    ['from a variable default', (f: (x: string) => string) => `query Q($n: Int = 100) { ${f('(first: $n)')} }`, undefined],
  ] as const)('a mapping-set page of 100 with both requirements, and a catalog page of 100 with nested mappings: first %s', async (_how, write, variables) => {
    const sets = await server.query('{ node(id: "mapping-set:soc2--iso42001") { ... on MappingSet { mappings { totalCount } } } }');
    const mappingCount = Math.min(100, sets.data!.node.mappings.totalCount);
    expect(mappingCount).toBeGreaterThan(50);
    await expectAccepted(write(MAPPING_SET), variables, (d) => d.node.mappings, mappingCount);
    await expectAccepted(write(CATALOG), variables, (d) => d.framework.requirements, 100);
  });

  it('a mapping-set page at the schema default (100) is accepted', async () => {
    await expectAccepted(`{ ${MAPPING_SET('')} }`, undefined, (d) => d.node.mappings, 100);
  });

  it('8 aliases of explain(maxHops: 4) are refused (the issue #16 attack); one is answered', async () => {
    const explain = (i: number) => `e${i}: explain(from: "iso42001:A.6.2.7", to: "iso42001:6.1.2", maxHops: 4) { length hops { from { id } to { id } } }`;
    await expectRefused(`{ ${Array.from({ length: 8 }, (_, i) => explain(i)).join(' ')} }`);
    const one = await server.query(`{ ${explain(0)} }`);
    expect(one.errors).toBeUndefined();
    expect(one.data!.e0.length).toBeGreaterThan(0);
  });
});
