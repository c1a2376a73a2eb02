import { readFileSync } from 'node:fs';
import { buildSchema, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COST_QUERIES } from '../../bench/cost-queries.js';
import { OPERATIONS } from '../../bench/operations.js';
import { defaultConfig } from '../../src/config.js';
import { exampleOperations, explorerOperations } from '../../src/explorer/operations.js';
import type { GraphStore, RequirementQuery } from '../../src/domain/graph-store.js';
import { CALIBRATION_LEAVES, frameworksNamed, operationCost } from '../../src/graphql/cost.js';
import { FrameworkSizeCache } from '../../src/graphql/framework-sizes.js';
import { loadTypeDefs } from '../../src/graphql/schema.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { fixtureGraph } from '../helpers/fixture-seed.js';
import { realSeedStore, startTestServer, type TestServer } from '../helpers/http.js';
import { startWorkspaceServer } from '../helpers/workspace-server.js';

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

  it('one text asked again with other variables is priced for those variables every time (costs are kept per variables)', async () => {
    const query = `query Q($n: Int) { requirements(first: $n) { ${NESTED} } }`;
    for (let round = 0; round < 2; round++) {
      const small = await server.query(query, { n: 2 });
      expect(small.errors).toBeUndefined();
      await expectRefused(query, { n: 500 });
      await expectRefused(query, { n: 500, nonce: round });
    }
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

/**
 * Issue #16: the lists of an analysis answer that holds one framework's catalog are sized by that
 * framework, read from the data (README, "Query cost"): a coverage of SP 800-53 walks 1,007 items,
 * not UNBOUNDED_LIST, and its weight scales with it. Large frameworks page through itemsPage(first:).
 */
describe('analyses are priced by the size of the framework they answer about', () => {
  const ITEMS = `items { requirement { id mappings { other { id } } } via { requirement { id } relationship } }`;

  it('a coverage of SP 800-53 with nested items is refused, inline and through variables', async () => {
    const inline = await expectRefused(`{ coverage(target: "nist-800-53", held: ["iso27001"]) { ${ITEMS} } }`);
    const variables = await expectRefused(`query Q($target: ID!, $held: [ID!]!) { coverage(target: $target, held: $held) { ${ITEMS} } }`, { target: 'nist-800-53', held: ['iso27001'] });
    expect(variables.extensions!.cost).toBe(inline.extensions!.cost);
    const defaults = await expectRefused(`query Q($target: ID! = "nist-800-53") { coverage(target: $target, held: ["iso27001"]) { ...Items } } fragment Items on Coverage { ${ITEMS} }`);
    expect(defaults.extensions!.cost).toBe(inline.extensions!.cost);
  });

  it('the same through itemsPage(first: 100) is answered', async () => {
    const response = await server.query(`query Q($target: ID!) { coverage(target: $target, held: ["iso27001"]) { itemsPage(first: 100) { totalCount nodes { requirement { id mappings { other { id } } } via { requirement { id } relationship } } } } }`, {
      target: 'nist-800-53',
    });
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    expect(response.data!.coverage.itemsPage.nodes).toHaveLength(100);
    expect(response.data!.coverage.itemsPage.totalCount).toBe(1007);
  });

  it('the same query on ISO 42001 (70 leaves) is answered', async () => {
    const response = await server.query(`{ coverage(target: "iso42001", held: ["soc2"]) { ${ITEMS} } }`);
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    expect(response.data!.coverage.items).toHaveLength(70);
  });

  it('gaps and crosswalk rows of SP 800-53 are sized by it too', async () => {
    await expectRefused(`{ gaps(target: "nist-800-53", held: ["iso27001"]) { items { requirement { id mappings { other { id } } } } } }`);
    await expectRefused(`{ crosswalk(from: "iso27001", to: "nist-800-53") { rows { targetRef } } }`);
  });
});

describe('the price follows the framework, sized once per dataset version', () => {
  const schema = buildSchema(loadTypeDefs().join('\n'));

  async function priced(store: GraphStore, query: string, sizes = new FrameworkSizeCache(), version = 'v1'): Promise<number> {
    const document = parse(query);
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    const known = await sizes.sizes(store, version, frameworksNamed(schema, operation, {}, {}));
    return operationCost(schema, operation, {}, {}, (id) => known.get(id) ?? undefined);
  }

  it('a small fixture framework, ISO 42001 and SP 800-53: weight 700 per 70 leaves, one item per leaf, one group per top-level requirement', async () => {
    const fixture = new MemoryStore(fixtureGraph());
    const real = await realSeedStore();
    const items = (target: string, held: string) => `{ coverage(target: "${target}", held: ["${held}"]) { items { status } } }`;
    const groups = (target: string, held: string) => `{ coverage(target: "${target}", held: ["${held}"]) { groups { summary { total } } } }`;
    // beta: 5 leaves under 1 group; ISO 42001: 70 leaves (the calibration: weight 700 as before); SP 800-53: 1,007 leaves in 20 families.
    expect(await priced(fixture, items('beta', 'alpha'))).toBe(1 + 50 + 1 + 5);
    expect(await priced(real, items('iso42001', 'soc2'))).toBe(1 + 700 + 1 + 70);
    expect(await priced(real, items('nist-800-53', 'iso27001'))).toBe(1 + 10_070 + 1 + 1007);
    expect(await priced(fixture, groups('beta', 'alpha'))).toBe(1 + 50 + 1 + 1 * 2);
    expect(await priced(real, groups('nist-800-53', 'iso27001'))).toBe(1 + 10_070 + 1 + 20 * 2);
    // inferred: 1,000 per 70 leaves; crosswalk by its target (`to`).
    expect(await priced(real, `{ coverage(target: "nist-800-53", held: ["iso27001"], inferred: true) { kind } }`)).toBe(1 + Math.ceil((1000 * 1007) / 70) + 1);
    expect(await priced(real, `{ crosswalk(from: "nist-800-53", to: "iso42001") { rows { targetRef } } }`)).toBe(1 + 2500 + 1 + 70);
  });

  it('an unknown framework is priced at the fallback (ISO 42001-sized) and never crashes', async () => {
    const real = await realSeedStore();
    expect(await priced(real, `{ coverage(target: "no-such-framework", held: ["soc2"]) { items { status } } }`)).toBe(1 + 700 + 1 + CALIBRATION_LEAVES);
    const failing = Object.assign(Object.create(real) as GraphStore, {
      findRequirements: async () => {
        throw new Error('store down');
      },
    });
    expect(await priced(failing, `{ coverage(target: "nist-800-53", held: ["soc2"]) { items { status } } }`)).toBe(1 + 700 + 1 + CALIBRATION_LEAVES);
    const response = await server.query(`{ coverage(target: "no-such-framework", held: ["soc2"]) { items { status } } }`);
    expect(response.errors?.[0]?.extensions?.code).not.toBe('QUERY_TOO_COMPLEX');
    expect(response.status).toBeLessThan(500);
  });

  /** The real store, counting the whole-catalog reads per framework. */
  function countingReads(base: GraphStore): { store: GraphStore; reads: Map<string, number> } {
    const reads = new Map<string, number>();
    const store = Object.assign(Object.create(base) as GraphStore, {
      findRequirements: (queries: readonly RequirementQuery[]) => {
        for (const q of queries) for (const id of q.filter.frameworkIds ?? []) reads.set(id, (reads.get(id) ?? 0) + 1);
        return base.findRequirements(queries);
      },
    });
    return { store, reads };
  }

  it('the store is asked for a framework once per dataset version', async () => {
    const { store, reads } = countingReads(await realSeedStore());
    const sizes = new FrameworkSizeCache();
    const query = `{ a: coverage(target: "nist-800-53", held: ["iso27001"]) { items { status } } b: gaps(target: "nist-800-53", held: ["soc2"]) { items { rank } } }`;
    const first = await priced(store, query, sizes, 'v1');
    expect(await priced(store, query, sizes, 'v1')).toBe(first);
    expect(reads.get('nist-800-53')).toBe(1);
    expect(await priced(store, query, sizes, 'v2')).toBe(first);
    expect(reads.get('nist-800-53')).toBe(2);
  });

  it('through the API, repeated requests read a framework size once', async () => {
    const { store, reads } = countingReads(await realSeedStore());
    const counted = await startTestServer(store, { config: defaultConfig() });
    try {
      const query = `{ coverage(target: "nist-800-53", held: ["iso27001"]) { items { requirement { id mappings { other { id } } } } } }`;
      const costs: number[] = [];
      for (let i = 0; i < 3; i++) {
        const response = await counted.query(query);
        expect(response.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
        costs.push(response.errors![0]!.extensions!.cost);
      }
      expect(new Set(costs).size).toBe(1);
      // Refused before execution: the only reads are the cost's, and only the first request's.
      expect(reads.get('nist-800-53')).toBe(1);
    } finally {
      await counted.close();
    }
  });

  it("a workspace framework is sized from the caller's own view, and again after it grows", async () => {
    const ws = await startWorkspaceServer();
    try {
      const { key } = await ws.key('acme', 'admin');
      const admin = ws.as(key);
      const created = await admin(`mutation { createFramework(input: { id: "acme:big", name: "ACME big catalog" }) { userErrors { code } } }`);
      expect(created.data!.createFramework.userErrors).toEqual([]);
      const upsert = async (from: number, to: number) => {
        const requirements = Array.from({ length: to - from }, (_, i) => ({ ref: `C-${from + i}`, title: `Control ${from + i}` }));
        const response = await admin(`mutation ($input: UpsertRequirementsInput!) { upsertRequirements(input: $input) { userErrors { code } } }`, { input: { framework: 'acme:big', requirements } });
        expect(response.data!.upsertRequirements.userErrors).toEqual([]);
      };
      await upsert(0, 400);
      const query = `{ coverage(target: "acme:big", held: ["soc2"]) { items { requirement { id mappings { other { id mappings { other { id } } } } } } } }`;
      const operation = parse(query).definitions[0] as OperationDefinitionNode;
      const expected = (leaves: number) => operationCost(schema, operation, {}, {}, () => ({ leaves, topLevel: leaves }));
      const refused = await admin(query);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', cost: expected(400), limit: 20_000 });
      // Anonymous callers do not see acme:big: priced at the fallback, under the limit, then refused as unknown.
      const anonymous = await ws.as()(query);
      expect(expected(CALIBRATION_LEAVES)).toBeLessThan(20_000);
      expect(anonymous.errors?.[0]?.extensions?.code).not.toBe('QUERY_TOO_COMPLEX');
      // A write is a new revision of the caller's view: the framework is sized again.
      await upsert(400, 500);
      const grown = await admin(query);
      expect(grown.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', cost: expected(500) });
    } finally {
      await ws.close();
    }
  });
});

const typedClientDocuments = JSON.parse(readFileSync(new URL('../../examples/typed-client/src/gql/persisted-documents.json', import.meta.url), 'utf8')) as Record<string, string>;

/** The existing clients' queries, priced with the real seed's framework sizes, stay within the default limit. */
describe("our own clients' queries stay within the limit with frameworks sized from the data", () => {
  const schema = buildSchema(loadTypeDefs().join('\n'));
  const sizes = new FrameworkSizeCache();

  async function priced(query: string, variables: Record<string, unknown> = {}): Promise<number> {
    const document = parse(query);
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    const fragments = Object.fromEntries(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
    const known = await sizes.sizes(await realSeedStore(), 'seed', frameworksNamed(schema, operation, fragments, variables));
    return operationCost(schema, operation, fragments, variables, (id) => known.get(id) ?? undefined);
  }

  const FRAMEWORKS = ['soc2', 'iso42001', 'iso27001', 'nist-ai-rmf', 'eu-ai-act', 'nist-csf', 'nist-800-53'];
  const explorer = explorerOperations();

  it.each(FRAMEWORKS)("the explorer's coverage of %s (groups, and a page of 100 items), direct and inferred", async (target) => {
    for (const inferred of [false, true]) {
      const held = target === 'soc2' ? ['iso27001'] : ['soc2'];
      expect(await priced(explorer.CoverageGroups!, { target, held, inferred })).toBeLessThanOrEqual(20_000);
      expect(await priced(explorer.CoverageItems!, { target, held, inferred, first: 100 })).toBeLessThanOrEqual(20_000);
      // The source filter's links, asked for small frameworks only (150 items at most, coverage-large.tsx COLLAPSE_ABOVE).
      if (target !== 'nist-800-53') expect(await priced(explorer.CoverageSources!, { target, held, inferred, first: 150 })).toBeLessThanOrEqual(20_000);
    }
  });

  it("the explorer's other operations, the IDE's example tabs and the typed client's documents", async () => {
    for (const text of [...Object.values(explorer), ...exampleOperations(), ...Object.values(typedClientDocuments)]) expect(await priced(text, { first: 100 })).toBeLessThanOrEqual(20_000);
  });

  it("the headline coverage (SOC 2 -> ISO 42001 with items and via) and the benchmark's operations", async () => {
    const headline = COST_QUERIES.find((q) => q.name.includes('(headline)'))!;
    expect(headline.query).toContain('via');
    expect(await priced(headline.query, headline.variables)).toBeLessThanOrEqual(20_000);
    for (const operation of OPERATIONS) expect(await priced(operation.query)).toBeLessThanOrEqual(20_000);
  });
});
