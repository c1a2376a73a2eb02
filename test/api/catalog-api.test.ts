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

describe('the NIST catalogs imported from OSCAL, over HTTP', () => {
  it.each([
    ['nist-csf', 106, 28],
    ['nist-800-53', 1007, 20],
  ])('%s answers %i CONTROL-kind requirements and %i groups', async (id, controls, groups) => {
    const { data, errors } = await server.query(
      `query ($id: ID!) { framework(id: $id) { controls: requirements(kind: CONTROL, first: 1) { totalCount } groups: requirements(kind: GROUP, first: 1) { totalCount } } }`,
      { id },
    );
    expect(errors).toBeUndefined();
    expect(data!.framework.controls.totalCount).toBe(controls);
    expect(data!.framework.groups.totalCount).toBe(groups);
  });

  it('answers an SP 800-53 base control with its enhancements as children, and an enhancement under it', async () => {
    const { data, errors } = await server.query(`{
      base: requirement(id: "nist-800-53:AC-2") { kind tags parent { id kind } children { id } }
      enhancement: requirement(id: "nist-800-53:AC-2(1)") { kind title parent { id } disciplines { id } }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.base).toMatchObject({ kind: 'CONTROL', parent: { id: 'nist-800-53:AC', kind: 'GROUP' } });
    expect(data!.base.tags).toEqual(['LOW', 'MODERATE', 'HIGH', 'control']);
    expect(data!.base.children.map((c: { id: string }) => c.id)).toContain('nist-800-53:AC-2(1)');
    expect(data!.enhancement).toMatchObject({ kind: 'CONTROL', title: 'Automated System Account Management', parent: { id: 'nist-800-53:AC-2' } });
    expect(data!.enhancement.disciplines.map((d: { id: string }) => d.id)).toEqual(['discipline:access-control']);
  });

  it('coverage of CSF 2.0 for an ISO 27001 holder rests on NIST\'s informative references, named as the source', async () => {
    const { data, errors } = await server.query(`{
      coverage(target: "nist-csf", held: ["iso27001"]) {
        summary { total full partial none unassessed }
        items { requirement { id } status via { requirement { id } relationship strength sources { id name publisher } } }
      }
    }`);
    expect(errors).toBeUndefined();
    const { summary, items } = data!.coverage;
    expect(summary.total).toBe(106);
    // RELATED pairs are not a set relation: they give partial coverage at most, never FULL.
    expect(summary.full).toBe(0);
    expect(summary.partial).toBe(106);
    const item = items.find((i: { requirement: { id: string } }) => i.requirement.id === 'nist-csf:GV.OC-01');
    expect(item.via.map((v: { requirement: { id: string } }) => v.requirement.id)).toEqual(expect.arrayContaining(['iso27001:4.1', 'iso27001:6.1.1']));
    for (const link of item.via) {
      expect(link).toMatchObject({ relationship: 'RELATED', strength: null });
      expect(link.sources).toEqual([expect.objectContaining({ id: 'source:nist-csf-informative-references', publisher: expect.stringMatching(/^NIST/) })]);
    }
  });

  it('coverage of SP 800-53 for an ISO 27001 holder: the OLIR pairs cover some, the rest is unassessed rather than new', async () => {
    const { data, errors } = await server.query(`{ coverage(target: "nist-800-53", held: ["iso27001"]) { summary { total full partial none unassessed } } }`);
    expect(errors).toBeUndefined();
    const { summary } = data!.coverage;
    expect(summary.total).toBe(1007);
    expect(summary.partial).toBe(220);
    expect(summary).toMatchObject({ full: 0, none: 0, unassessed: 1007 - 220 });
  });

  it('coverage of CSF 2.0 for a SOC 2 holder: every subcategory has a status, and every status its reasons, from the curated set', async () => {
    const { data, errors } = await server.query(`{ coverage(target: "nist-csf", held: ["soc2"]) {
      summary { total full partial none unassessed }
      items { requirement { id } status via { requirement { id } relationship strength sources { id } } noRelationships { reason mappingSet { id } } } } }`);
    expect(errors).toBeUndefined();
    const { summary, items } = data!.coverage;
    expect(summary.total).toBe(106);
    expect(summary.unassessed).toBe(0);
    for (const item of items) {
      if (item.status === 'NONE') expect(item.noRelationships.map((n: { mappingSet: { id: string } }) => n.mappingSet.id), item.requirement.id).toContain('mapping-set:soc2--nist-csf');
      else expect(item.via.length, item.requirement.id).toBeGreaterThan(0);
      for (const link of item.via) expect(link.sources.map((s: { id: string }) => s.id)).toEqual(['source:crosswalk-curated']);
    }
    expect(items.find((i: { requirement: { id: string } }) => i.requirement.id === 'nist-csf:GV.RM-07').status).toBe('NONE');
  });
});
