import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS as BENCH_OPERATIONS } from '../../bench/operations.js';
import { defaultConfig } from '../../src/config.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { StoreUnavailableError, type NodeLabel, type NodeTypes } from '../../src/domain/graph-store.js';
import { loadSeed } from '../../src/seed/load-seed.js';
import { realSeedStore, startTestServer, type TestServer } from '../helpers/http.js';

/**
 * graphql-jit (src/graphql/jit-executor.ts) answers exactly as graphql-js: the same operations sent
 * to a server that compiles every operation on its first run and to one that never compiles give
 * the same JSON, data and errors alike (codes, messages, paths, partial results), and on the default
 * server the compiled second run answers as the first.
 */
const CASES: Array<{ name: string; query: string; variables?: Record<string, unknown> }> = [
  ...BENCH_OPERATIONS,
  { name: 'explain with variables', query: 'query ($from: ID!, $to: ID!) { explain(from: $from, to: $to, maxHops: 3) { paths { hops { from { id } to { id } relationship } } } }', variables: { from: 'soc2:CC6.1', to: 'iso42001:A.6.2.6' } },
  { name: 'fragments, aliases, typename, node interface', query: '{ a: node(id: "soc2:CC6.1") { __typename id ...R } b: node(id: "discipline:risk-management") { __typename id } } fragment R on Requirement { ref title framework { shortName } }' },
  { name: 'skip and include', query: 'query ($x: Boolean!) { requirement(id: "iso42001:A.6.2.4") { id title @include(if: $x) summary @skip(if: $x) } }', variables: { x: true } },
  { name: 'NOT_FOUND with suggestions beside a good field', query: '{ requirement(id: "iso42001:A.6.2.99") { id } frameworks { id } }' },
  { name: 'bad argument values, several at once', query: '{ coverage(target: "nope", held: ["soc2", "soc2"]) { summary { total } } }' },
  { name: 'a bad variable', query: 'query ($k: RequirementKind) { requirements(kind: $k, first: 1) { totalCount } }', variables: { k: 'CONTROLS' } },
  { name: 'a bad DateTime variable', query: 'query ($since: DateTime) { auditLog(since: $since) { __typename } }', variables: { since: 'yesterday' } },
  { name: 'cursor paging', query: '{ requirements(framework: "soc2", first: 3, after: "bm90LWEtY3Vyc29y") { nodes { id } } }' },
  { name: 'custom scalars out', query: '{ dataset { version loadedAt } mappingSources { id url date } }' },
  { name: 'introspection', query: '{ __type(name: "Coverage") { name fields { name type { name kind ofType { name } } } } }' },
  { name: 'ranked search', query: '{ search(q: "impact assessment", held: ["soc2"], first: 5) { totalCount nodes { rank reason requirement { id } title { text matched } status } facets { framework { id } count } } }' },
];

let compiled: TestServer;
let interpreted: TestServer;
let usual: TestServer;
beforeAll(async () => {
  const store = await realSeedStore();
  const config = (jitCompileAfter: number) => defaultConfig({ resultCacheSize: 0, jitCompileAfter, limits: { ...defaultConfig().limits, maxCost: 1_000_000 } });
  [compiled, interpreted, usual] = await Promise.all([startTestServer(store, { config: config(1) }), startTestServer(store, { config: config(0) }), startTestServer(store, { config: config(2) })]);
});
afterAll(async () => Promise.all([compiled, interpreted, usual].map((s) => s.close())));

describe('graphql-jit answers as graphql-js', () => {
  it.each(CASES)('$name', async ({ query, variables }) => {
    const fromJs = await interpreted.query(query, variables);
    const fromJit = await compiled.query(query, variables);
    expect(fromJit).toEqual(fromJs);
    // The default server: graphql-js on the first run, compiled on the second.
    expect(await usual.query(query, variables)).toEqual(fromJs);
    expect(await usual.query(query, variables)).toEqual(fromJs);
  });

  it('reports a store outage inside a compiled operation as graphql-js does (SERVICE_UNAVAILABLE, partial data)', async () => {
    class Failing extends MemoryStore {
      fail = false;
      override async allNodes<L extends Exclude<NodeLabel, 'Requirement'>>(label: L): Promise<Array<NodeTypes[L]>> {
        if (this.fail) throw new StoreUnavailableError('connection lost');
        return super.allNodes(label);
      }
    }
    const store = new Failing(await loadSeed(process.env.CROSSWALK_SEED_DIR));
    const server = await startTestServer(store, { config: defaultConfig({ resultCacheSize: 0, jitCompileAfter: 1 }) });
    try {
      const query = '{ frameworks { id } requirement(id: "soc2:CC6.1") { id } }';
      expect((await server.query(query)).errors).toBeUndefined();
      store.fail = true;
      const answer = await server.query(query);
      expect(answer.data).toEqual({ frameworks: null, requirement: { id: 'soc2:CC6.1' } });
      expect(answer.errors).toEqual([{ message: 'The graph store is unavailable; try again shortly.', path: ['frameworks'], extensions: { code: 'SERVICE_UNAVAILABLE' } }]);
    } finally {
      await server.close();
    }
  });
});
