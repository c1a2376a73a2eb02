import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { fixtureGraph } from '../helpers/fixture-seed.js';
import { startTestServer, type TestServer } from '../helpers/http.js';

/**
 * Every root field costs a bounded number of store round trips (README, "Conventions for
 * integrators": one per level of nesting, never one per item): the same query on the small fixture
 * graph (3 frameworks, 9 requirements) and on the real seed (5 frameworks, hundreds of requirements)
 * makes the same number of store calls. Each query asks only for levels both graphs have data at
 * (the fixture's gaps have no evidence, its requirements no risks), since an empty level costs nothing.
 */

interface Ids {
  target: string;
  held: string;
  other: string;
  from: string;
  to: string;
  /** Two requirements joined through a third framework, for explain. */
  pathFrom: string;
  pathTo: string;
  discipline: string;
  set: string;
  mapping: string;
}

const FIXTURE: Ids = { target: 'beta', held: 'alpha', other: 'gamma', from: 'alpha:A1', to: 'beta:B1', pathFrom: 'alpha:A3', pathTo: 'beta:B4', discipline: 'discipline:risk', set: 'mapping-set:alpha--beta', mapping: 'mapping:alpha--beta:alpha:A1->beta:B1' };
const REAL: Ids = { target: 'iso42001', held: 'soc2', other: 'iso27001', from: 'soc2:CC7.2', to: 'iso42001:A.6.2.6', pathFrom: 'soc2:CC7.2', pathTo: 'iso42001:A.6.2.6', discipline: 'discipline:risk-management', set: 'mapping-set:soc2--iso42001', mapping: 'mapping:soc2--iso42001:soc2:CC7.2->iso42001:A.6.2.6' };

const ROOT_FIELDS: Record<string, (ids: Ids) => string> = {
  node: (i) => `{ node(id: "${i.to}") { id ... on Requirement { framework { id } mappings { other { id } } } } }`,
  nodes: (i) => `{ nodes(ids: ["${i.from}", "${i.to}", "${i.target}", "${i.discipline}"]) { id } }`,
  dataset: () => `{ dataset { version counts { name count } } }`,
  coverage: (i) => `{ coverage(target: "${i.target}", held: ["${i.held}"]) { summary { total } groups { group { id } }
    items { requirement { id } group { id } via { requirement { id } sources { id } mappings { id } } noRelationships { reason } groundwork(first: 3) { requirement { id } disciplines { id } } } } }`,
  'coverage (inferred)': (i) => `{ coverage(target: "${i.target}", held: ["${i.held}"], inferred: true) { items { status via { requirement { id } } } } }`,
  gaps: (i) => `{ gaps(target: "${i.target}", held: ["${i.held}"]) { total items { rank requirement { id } disciplines { id } risks { id }
    noRelationships { mappingSet { id } } groundwork { requirement { id } } } } }`,
  crosswalk: (i) => `{ crosswalk(from: "${i.held}", to: "${i.target}") { title rows { targetRef } csv sources { id } } }`,
  disciplines: () => `{ disciplines { id requirements(first: 5) { nodes { id framework { id } } } risks { id } } }`,
  risks: () => `{ risks { id discipline { id } requirements { totalCount nodes { id } } } }`,
  evidence: () => `{ evidence { id frameworks { id } requirements { nodes { id } } } }`,
  disagreements: (i) => `{ disagreements(a: "${i.held}", b: "${i.target}", first: 20) { agreement conflicts } }`,
  pairAgreement: (i) => `{ pairAgreement(from: "${i.from}", to: "${i.to}") { agreement claims { kind relationship mappings { id } sources { id } } } }`,
  explain: (i) => `{ explain(from: "${i.pathFrom}", to: "${i.pathTo}") { length hops { from { id } to { id } discipline { id } } } }`,
  search: (i) => `{ search(q: "requirement", held: ["${i.held}"], first: 20) { totalCount facets { framework { id } count } nodes { requirement { id framework { id } } status title { text } } } }`,
  resolveRefs: (i) => `{ resolveRefs(refs: ["humans in the loop", "manage risk"], framework: "${i.target}") { confidence requirement { id } candidates { id } } }`,
  frameworks: () => `{ frameworks { id mappingSets { id from { id } } topLevel { id } requirements(first: 5) { totalCount } } }`,
  framework: (i) => `{ framework(id: "${i.target}") { id topLevel { id children { id } } mappingSets { id } } }`,
  mappingSources: () => `{ mappingSources { id mappingSets { id } } }`,
  mappingSets: () => `{ mappingSets { id contentHash fromFramework { id } toFramework { id } source { id } entries(first: 5) { nodes { contentHash from { id } to { id } } }
    noRelationships { id requirement { id } otherFramework { id } } } }`,
  mappingSet: (i) => `{ mappingSet(id: "${i.set}") { id contentHash entries(first: 5) { nodes { id from { id } } } } }`,
  mapping: (i) => `{ mapping(id: "${i.mapping}") { id contentHash relationship from { id } to { id } mappingSet { id } } }`,
  overlap: (i) => `{ overlap(a: "${i.held}", b: "${i.target}") { aCoversB { summary { total } } bCoversA { summary { total } } sharedDisciplines { discipline { id } } mappings { totalCount } } }`,
  overlapMatrix: () => `{ overlapMatrix { frameworks { id } cells { from { id } to { id } summary { total } } } }`,
  'overlapMatrix (inferred)': () => `{ overlapMatrix(inferred: true) { cells { summary { total } } } }`,
  evidencePlan: (i) => `{ evidencePlan(frameworks: ["${i.held}", "${i.target}"]) { items { evidence { id } perFramework { framework { id } count } } unevidenced { id } } }`,
  compare: (i) => `{ compare(frameworks: ["${i.held}", "${i.target}", "${i.other}"]) { framework { id } requirementCount } }`,
  roadmap: (i) => `{ roadmap(held: ["${i.held}"]) { framework { id } rank } }`,
  requirement: (i) => `{ requirement(id: "${i.from}") { id parent { id } children { id } disciplines { id } evidence { id }
    mappings { other { id framework { id } } mappingSet { id } source { id } } } }`,
  requirements: (i) => `{ requirements(framework: "${i.target}", first: 100) { totalCount nodes { id mappings { other { id } } } } }`,
};

/**
 * Root fields about the caller's workspace and about sync: they read the workspace's state, its audit
 * journal or the archived manifests rather than walk the graph per level; test/workspace/ and
 * test/api/sync.test.ts cover them.
 */
const WORKSPACE_FIELDS = ['auditLog', 'changes', 'workspace'];

let fixture: TestServer;
let real: TestServer;
beforeAll(async () => {
  // Store calls, not cost, are measured here: the whole catalogue's inferred matrix (seven frameworks,
  // 42 cells) is over the default cost limit, so both servers get a higher one. Each request is
  // measured cold: with the analysis memo on, what an earlier query kept would decide the count.
  const base = defaultConfig();
  const config = { ...base, analysisMemo: false, limits: { ...base.limits, maxCost: 100_000 } };
  [fixture, real] = await Promise.all([startTestServer(new MemoryStore(fixtureGraph()), { config }), startTestServer(undefined, { config })]);
});
afterAll(async () => {
  await Promise.all([fixture.close(), real.close()]);
});

async function storeCalls(server: TestServer, query: string): Promise<number> {
  const { errors, extensions } = await server.query(query, undefined, { 'x-crosswalk-trace': '1' });
  expect(errors).toBeUndefined();
  return extensions!.trace.storeCalls as number;
}

describe('store calls per root field', () => {
  it('cover every root field of the schema', async () => {
    const { data } = await fixture.query(`{ __schema { queryType { fields { name } } } }`);
    const fields = (data!.__schema.queryType.fields as Array<{ name: string }>).map((f) => f.name);
    expect(fields.filter((f) => !(f in ROOT_FIELDS) && !WORKSPACE_FIELDS.includes(f)).sort()).toEqual([]);
  });

  it.each(Object.entries(ROOT_FIELDS))('%s: as many on the real seed as on the fixture', async (_name, query) => {
    const small = await storeCalls(fixture, query(FIXTURE));
    const large = await storeCalls(real, query(REAL));
    expect(small).toBeGreaterThan(0);
    expect(large).toBe(small);
  });

  it('a scope costs one store call more (the scoped catalog, read once), whatever the framework and however many scopes', async () => {
    const items = `summary { total } items { status via { requirement { id } } outOfScope { requirement { id } } groundwork(first: 2) { requirement { id } } }`;
    const plain = await storeCalls(real, `{ coverage(target: "iso42001", held: ["soc2", "eu-ai-act"]) { ${items} } }`);
    const oneScope = await storeCalls(real, `{ coverage(target: "iso42001", held: ["soc2", "eu-ai-act"], scope: [{framework: "soc2", categories: [SECURITY]}]) { ${items} } }`);
    const twoScopes = await storeCalls(
      real,
      `{ coverage(target: "iso42001", held: ["soc2", "eu-ai-act"], scope: [{framework: "soc2", categories: [SECURITY]}, {framework: "eu-ai-act", roles: [DEPLOYER]}]) { ${items} } }`,
    );
    expect(oneScope).toBe(plain + 1);
    expect(twoScopes).toBe(plain + 1);
  });

  it('lists every framework with its mapping sets in two store calls, one per level', async () => {
    expect(await storeCalls(real, `{ frameworks { id mappingSets { id } } }`)).toBe(2);
  });
});
