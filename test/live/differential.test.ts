import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { startTestServer, type GraphQLResponse, type TestServer } from '../helpers/http.js';
import { realSeedGraph, startTestNeo4j, type TestNeo4j } from './live-neo4j.js';

/**
 * The same GraphQL operations answered by the API on the embedded store and on a live Neo4j seeded
 * from the same seed/: identical JSON, and the same number of store round trips per request. A
 * third server reads the same Neo4j through the read cache, as production on Neo4j does
 * (CROSSWALK_STORE_CACHE_BYTES): asked each question twice, it answers the same JSON both times,
 * the second with no database read.
 */

const LINK = 'requirement { id } relationship strength note inferred path { id } mappings { id } sources { id }';
const OPERATIONS: Record<string, string> = {
  coverage: `{ coverage(target: "iso42001", held: ["soc2"], kind: CONTROL) {
    summary { total full partial none unassessed coveredShare fullShare }
    groups { group { id } summary { total full partial none unassessed } }
    items { requirement { id title } group { id } status inferred via { ${LINK} } noRelationships { reason mappingSet { id } }
      groundwork(first: 3) { requirement { id } disciplines { id } } } } }`,
  coverageInferred: `{ coverage(target: "iso42001", held: ["soc2"], inferred: true) {
    summary { total full partial none unassessed } items { requirement { id } status inferred via { ${LINK} } } } }`,
  coverageImplemented: `{ coverage(target: "iso42001", held: ["soc2", "iso27001"], implemented: ["soc2:CC6.1", "soc2:CC7.2", "iso27001:A.5.1", "iso27001:6.1.2"]) {
    summary { total full partial none unassessed } items { requirement { id } status via { ${LINK} } } } }`,
  coverageScoped: `{ coverage(target: "iso42001", held: ["soc2", "eu-ai-act"], implemented: ["soc2:CC7", "eu-ai-act:Art.26", "eu-ai-act:Art.50"],
    scope: [{framework: "soc2", categories: [SECURITY, AVAILABILITY]}, {framework: "eu-ai-act", roles: [DEPLOYER], riskClasses: [HIGH_RISK]}]) {
    scopes { framework { id } description } summary { total full partial notImplemented none unassessed }
    items { requirement { id } status via { ${LINK} implemented conditions { description } } outOfScope { requirement { id } } } } }`,
  gaps: `{ gaps(target: "iso42001", held: ["soc2", "iso27001"]) { total none unassessed ordering
    items { rank requirement { id } status consequence disciplines { id } risks { id } evidence { id } groundworkCount noRelationships { reason } } } }`,
  overlap: `{ overlap(a: "soc2", b: "iso27001") { aCoversB { summary { total full partial none unassessed } } bCoversA { summary { total full partial none unassessed } }
    sharedDisciplines { discipline { id } countA countB } } }`,
  overlapMatrix: `{ overlapMatrix { cells { from { id } to { id } summary { total full partial none unassessed coveredShare } } } }`,
  evidencePlan: `{ evidencePlan(frameworks: ["soc2", "iso42001", "iso27001"]) { items { rank evidence { id } requirementCount requirements { id } } unevidenced { id } } }`,
  compare: `{ compare(frameworks: ["soc2", "iso42001", "iso27001"]) { framework { id name } kind issuer assessedBy output validity market aiSpecific } }`,
  roadmap: `{ roadmap(held: ["soc2"]) { rank framework { id } coverage { total full partial none unassessed } marginalWork marginalShare } }`,
  explain: `{ explain(from: "soc2:CC7.2", to: "iso42001:A.6.2.6", maxHops: 3, first: 5) { length hops { kind from { id } to { id } relationship strength mapping { id } discipline { id } } } }`,
  resolveRefs: `{ resolveRefs(refs: ["Annex A 6.2.4", "CC 6.1", "GV-1.1", "Art. 14", "A.5.2 AI system impact assessment"]) { input requirement { id } confidence candidates { id } titleMatches } }`,
  search: `{ a: requirements(search: "impact assessment", first: 20) { totalCount nodes { id } }
    b: requirements(search: "access", kind: CONTROL, first: 15) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }
    c: requirements(framework: "eu-ai-act", search: "oversight") { totalCount nodes { id } }
    d: requirements(search: "MODEL drift") { totalCount nodes { id } } }`,
  rankedSearch: `{ a: search(q: "impact assessment", held: ["soc2"], first: 30) { totalCount terms facets { framework { id } count }
      edges { cursor node { rank reason phrase status requirement { id } title { text matched } snippet { clippedStart clippedEnd parts { text matched } } } } }
    b: search(q: "A.6.2.4") { nodes { reason requirement { id } } }
    c: search(q: "assessing", framework: ["iso42001", "nist-800-53"], kind: CONTROL, first: 50) { totalCount nodes { rank reason requirement { id } } } }`,
  nodeById: `{ a: node(id: "iso42001:A.6.2.4") { __typename id } b: node(id: "discipline:risk-management") { __typename id }
    c: node(id: "mapping-set:soc2--iso42001") { __typename id } d: node(id: "soc2") { __typename id } e: node(id: "risk:model-drift") { __typename id } }`,
  catalogPage: `{ framework(id: "iso27001") { id requirements(first: 40, kind: CONTROL) { totalCount pageInfo { hasNextPage endCursor }
    nodes { id ref title parent { id } mappings { relationship strength mapping { id } other { id title framework { id } } } disciplines { id } risks { id } evidence { id } } } } }`,
  crosswalk: `{ crosswalk(from: "soc2", to: "iso42001", kind: CONTROL) { title rows { targetRef status sourceRef relationship strength note mappingSource } csv sources { id } } }`,
  catalogs: `{ frameworks { id name mappingSets { id } } mappingSets { id comprehensive { side } } mappingSources { id } disciplines { id } risks { id } evidence { id } }`,
};

let neo4j: TestNeo4j;
let embedded: TestServer;
let onNeo4j: TestServer;
let onNeo4jCached: TestServer;

beforeAll(async () => {
  neo4j = await startTestNeo4j();
  await neo4j.seed(await realSeedGraph());
  embedded = await startTestServer();
  onNeo4j = await startTestServer(neo4j.store());
  onNeo4jCached = await startTestServer(neo4j.store(), { config: { ...defaultConfig(), resultCacheSize: 0, storeCacheBytes: 64 * 1024 * 1024 } });
});
afterAll(async () => {
  await embedded?.close();
  await onNeo4j?.close();
  await onNeo4jCached?.close();
  await neo4j?.stop();
});

describe('the API answers alike on the embedded store and on a live Neo4j', () => {
  for (const [name, query] of Object.entries(OPERATIONS)) {
    it(name, async () => {
      const trace = { 'x-crosswalk-trace': '1' };
      const [a, b] = await Promise.all([embedded.query(query, {}, trace), onNeo4j.query(query, {}, trace)]);
      expect(a.errors, JSON.stringify(a.errors)).toBeUndefined();
      expect(b.errors, JSON.stringify(b.errors)).toBeUndefined();
      expect(JSON.stringify(a.data).length).toBeGreaterThan(30);
      expect(b.data).toEqual(a.data);
      expect(b.extensions?.trace?.storeCalls).toBe(a.extensions?.trace?.storeCalls);
      const cold = await onNeo4jCached.query(query, {}, trace);
      const warm = await onNeo4jCached.query(query, {}, trace);
      expect(cold.data).toEqual(a.data);
      expect(warm.data).toEqual(a.data);
      expect(warm.extensions?.trace?.databaseCalls).toBe(0);
    });
  }

  it('pages the same way, cursor by cursor', async () => {
    const page = (after: string | null) => `{ requirements(framework: "iso27001", first: 25${after ? `, after: "${after}"` : ''}) { nodes { id } pageInfo { hasNextPage endCursor } } }`;
    let after: string | null = null;
    const seen: string[] = [];
    for (let i = 0; i < 10; i++) {
      const a: GraphQLResponse = await embedded.query(page(after));
      const b: GraphQLResponse = await onNeo4j.query(page(after));
      expect(b.data).toEqual(a.data);
      seen.push(...a.data!.requirements.nodes.map((n: { id: string }) => n.id));
      if (!a.data!.requirements.pageInfo.hasNextPage) break;
      after = a.data!.requirements.pageInfo.endCursor as string;
    }
    expect(seen.length).toBe((await realSeedGraph()).requirements.filter((r) => r.frameworkId === 'iso27001').length);
  });

  it('reports the dataset it serves', async () => {
    const { data } = await onNeo4j.query('{ dataset { version counts { name count } } }');
    expect(data!.dataset.version).toMatch(/^[0-9a-f]{16}$/);
  });
});
