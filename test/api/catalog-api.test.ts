import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/http.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const CONTROL_COUNT = `query ($id: ID!) { framework(id: $id) { requirements(kind: CONTROL, first: 1) { totalCount } } }`;

describe('catalog over HTTP', () => {
  it.each([
    ['iso42001', 38],
    ['soc2', 61],
    ['iso27001', 93],
    ['nist-ai-rmf', 72],
  ])('%s has %i controls', async (id, count) => {
    const { data, errors } = await server.query(CONTROL_COUNT, { id });
    expect(errors).toBeUndefined();
    expect(data!.framework.requirements.totalCount).toBe(count);
  });

  it('answers a requirement with its title, framework, parent and hierarchy', async () => {
    const { data, errors } = await server.query(`{
      requirement(id: "iso42001:A.6.2.4") {
        id ref title kind summary framework { id shortName } parent { id title parent { id } }
        disciplines { id name scope } risks { id category }
      }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.requirement).toMatchObject({
      id: 'iso42001:A.6.2.4',
      ref: 'A.6.2.4',
      title: 'AI system verification and validation',
      kind: 'CONTROL',
      framework: { id: 'iso42001', shortName: 'ISO 42001' },
      parent: { id: 'iso42001:A.6.2', parent: { id: 'iso42001:A.6' } },
    });
    expect(data!.requirement.summary.length).toBeGreaterThan(20);
    expect(data!.requirement.disciplines.length).toBeGreaterThan(0);
    expect(data!.requirement.disciplines[0].id).toMatch(/^discipline:/);
  });

  it('answers NOT_FOUND with the nearest ids for an unknown requirement', async () => {
    const { data, errors } = await server.query(`{ requirement(id: "iso42001:A.6.2.99") { id } }`);
    expect(data!.requirement).toBeNull();
    expect(errors).toHaveLength(1);
    expect(errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', id: 'iso42001:A.6.2.99' });
    expect(errors![0]!.extensions!.suggestions).toContain('iso42001:A.6.2.4');
    expect(errors![0]!.message).toMatch(/Did you mean/);
  });

  it('suggests the right framework for a mistyped framework id, and for a ref under the wrong prefix', async () => {
    const framework = await server.query(`{ framework(id: "iso4201") { id } }`);
    expect(framework.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', suggestions: ['iso42001'] });
    const requirement = await server.query(`{ requirement(id: "iso27002:A.5.15") { id } }`);
    expect(requirement.errors![0]!.extensions!.suggestions).toEqual(['iso27001:A.5.15']);
  });

  it('answers BAD_USER_INPUT for malformed ids and arguments', async () => {
    const cases = [
      `{ requirement(id: "") { id } }`,
      `{ requirement(id: "soc2") { id } }`,
      `{ framework(id: "iso42001:A.2.2") { id } }`,
      `{ node(id: "  ") { id } }`,
      `{ requirements(first: 501) { totalCount } }`,
      `{ requirements(first: -1) { totalCount } }`,
      `{ requirements(search: "${'x'.repeat(201)}") { totalCount } }`,
    ];
    for (const query of cases) {
      const { status, errors } = await server.query(query);
      expect(status, query).toBe(200);
      expect(errors?.[0]?.extensions?.code, query).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(errors)).not.toMatch(/at .*\.ts:\d+/);
    }
  });

  it('answers INVALID_CURSOR for a cursor this API never issued', async () => {
    const { errors } = await server.query(`{ requirements(after: "not-a-cursor") { totalCount } }`);
    expect(errors?.[0]?.extensions).toEqual({ code: 'INVALID_CURSOR', argument: 'after', reason: 'MALFORMED' });
  });

  it('dispatches node(id) on the form of the id', async () => {
    const { data, errors } = await server.query(`{
      a: node(id: "soc2") { __typename id }
      b: node(id: "soc2:CC6.1") { __typename id }
      c: node(id: "discipline:risk-management") { __typename id ... on Discipline { name } }
      d: node(id: "risk:model-drift") { __typename id }
      e: node(id: "source:crosswalk-curated") { __typename id }
      f: node(id: "mapping-set:nist-ai-rmf--iso42001") { __typename id }
      g: node(id: "evidence:risk-register") { __typename id }
    }`);
    expect(errors).toBeUndefined();
    expect(Object.values(data!).map((n: any) => `${n.__typename} ${n.id}`)).toEqual([
      'Framework soc2',
      'Requirement soc2:CC6.1',
      'Discipline discipline:risk-management',
      'Risk risk:model-drift',
      'MappingSource source:crosswalk-curated',
      'MappingSet mapping-set:nist-ai-rmf--iso42001',
      'Evidence evidence:risk-register',
    ]);
    const missing = await server.query(`{ node(id: "discipline:risk-managment") { id } }`);
    expect(missing.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', suggestions: ['discipline:risk-management'] });
  });

  it('pages requirements with cursors and search words', async () => {
    const first = await server.query(`{ requirements(framework: "soc2", kind: CONTROL, first: 10) {
      totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { id } } }`);
    const page = first.data!.requirements;
    expect(page.totalCount).toBe(61);
    expect(page.nodes).toHaveLength(10);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const next = await server.query(`query ($after: String) { requirements(framework: "soc2", kind: CONTROL, first: 60, after: $after) {
      pageInfo { hasNextPage hasPreviousPage } nodes { id } } }`, { after: page.pageInfo.endCursor });
    expect(next.data!.requirements.nodes).toHaveLength(51);
    expect(next.data!.requirements.nodes[0].id).toBe('soc2:CC3.3');
    expect(next.data!.requirements.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const searched = await server.query(`{ requirements(framework: "iso42001", search: "impact assessment") { nodes { id } } }`);
    expect(searched.data!.requirements.nodes.map((n: any) => n.id)).toContain('iso42001:A.5.2');
  });

  it('walks framework -> 100 requirements -> mappings -> other ends in at most 4 store calls', async () => {
    const { data, errors, extensions } = await server.query(
      `{ framework(id: "iso42001") { requirements(first: 100) { nodes { id mappings { relationship strength other { id title } } } } } }`,
      undefined,
      { 'x-crosswalk-trace': '1' },
    );
    expect(errors).toBeUndefined();
    const nodes = data!.framework.requirements.nodes;
    expect(nodes.length).toBeGreaterThan(90);
    expect(nodes.flatMap((n: any) => n.mappings).length).toBeGreaterThan(200);
    expect(extensions!.trace.storeCalls).toBeLessThanOrEqual(4);
  });

  it('reports no trace unless asked', async () => {
    const { extensions } = await server.query(`{ frameworks { id } }`);
    expect(extensions?.trace).toBeUndefined();
  });

  it('shows a mapping from both ends, with the relationship inverted on the far side', async () => {
    const { data } = await server.query(`{
      mappingSets { id fromFramework { id } toFramework { id } source { id } entries(first: 1) { totalCount nodes { id from { id } to { id } relationship } } }
    }`);
    const withMappings = data!.mappingSets.filter((s: any) => s.entries.totalCount > 0);
    expect(withMappings.length).toBeGreaterThan(0);
    for (const set of withMappings) {
      const stored = set.entries.nodes[0];
      const far = await server.query(`query ($id: ID!, $f: ID!) { requirement(id: $id) { mappings(framework: $f) { relationship inverse other { id } mapping { id } } } }`, {
        id: stored.to.id,
        f: set.fromFramework.id,
      });
      const view = far.data!.requirement.mappings.find((m: any) => m.mapping.id === stored.id);
      expect(view.inverse).toBe(true);
      expect(view.other.id).toBe(stored.from.id);
      const inverse: Record<string, string> = { SUBSET_OF: 'SUPERSET_OF', SUPERSET_OF: 'SUBSET_OF' };
      expect(view.relationship).toBe(inverse[stored.relationship] ?? stored.relationship);
    }
  });

  it('links disciplines, risks and evidence back to requirements', async () => {
    const { data, errors } = await server.query(`{
      disciplines(scope: AI) { id scope requirements(framework: "iso42001", first: 5) { totalCount nodes { id framework { id } } } }
      risks(category: AI) { id discipline { id } requirements(first: 3) { totalCount } }
      evidence { id frameworks { id } requirements(first: 500) { totalCount nodes { id } } }
      mappingSources { id name licence mappingSets { id } }
      dataset { version counts { name count } }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.disciplines.every((d: any) => d.scope === 'AI')).toBe(true);
    const used = data!.disciplines.filter((d: any) => d.requirements.totalCount > 0);
    expect(used.length).toBeGreaterThan(0);
    expect(used.flatMap((d: any) => d.requirements.nodes).every((r: any) => r.framework.id === 'iso42001')).toBe(true);
    expect(data!.risks.length).toBeGreaterThan(5);
    for (const e of data!.evidence) expect(e.requirements.totalCount).toBe(e.requirements.nodes.length);
    expect(data!.mappingSources.map((s: any) => s.id)).toContain('source:nist-airc-ai-rmf-iso42001');
    expect(data!.dataset.version).toMatch(/^[0-9a-f]{16}$/);
  });

  it('serves health', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
  });
});
