import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { fixtureGraph } from '../helpers/fixture-seed.js';
import { startTestServer, type TestServer } from '../helpers/http.js';

/** Every analysis query over HTTP on the small fixture graph, where each answer can be worked out by hand. */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(new MemoryStore(fixtureGraph()));
});
afterAll(async () => {
  await server.close();
});

const ok = async (query: string, variables?: Record<string, unknown>) => {
  const response = await server.query(query, variables);
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!;
};

const codeOf = async (query: string) => (await server.query(query)).errors?.[0]?.extensions?.code;

describe('coverage', () => {
  it('answers every leaf with status, reasons and summaries', async () => {
    const data = await ok(`{ coverage(target: "beta", held: ["alpha"]) {
      target { id } held { id } inferred
      summary { total full partial none unassessed coveredShare fullShare }
      groups { group { id } summary { total } }
      items { requirement { id } status inferred
        via { requirement { id } relationship strength note sources { id } inferred path { id } mappings { id } }
        noRelationships { reason otherFramework { id } }
        groundwork { requirement { id } disciplines { id } } } } }`);
    const c = data.coverage;
    expect(c.summary).toEqual({ total: 5, full: 1, partial: 1, none: 3, unassessed: 0, coveredShare: 0.4, fullShare: 0.2 });
    expect(c.groups).toEqual([{ group: { id: 'beta:B' }, summary: { total: 5 } }]);
    const b1 = c.items[0];
    expect(b1).toMatchObject({ requirement: { id: 'beta:B1' }, status: 'FULL', inferred: false });
    expect(b1.via).toEqual([
      {
        requirement: { id: 'alpha:A1' },
        relationship: 'SUPERSET_OF',
        strength: 8,
        note: expect.stringContaining('A1'),
        sources: [{ id: 'source:curated' }],
        inferred: false,
        path: null,
        mappings: [{ id: 'mapping:alpha--beta:alpha:A1->beta:B1' }],
      },
    ]);
    // A2 addresses "risk" like B1 but is not already the reason: it is groundwork.
    expect(b1.groundwork.map((g: any) => g.requirement.id)).toEqual(['alpha:A2']);
    const b3 = c.items[2];
    expect(b3.status).toBe('NONE');
    expect(b3.noRelationships).toEqual([{ reason: 'Nothing in alpha speaks to oversight.', otherFramework: { id: 'alpha' } }]);
    expect(b3.groundwork.map((g: any) => g.requirement.id)).toEqual(['alpha:A3']);
  });

  it('infers through a pivot when asked, with the path', async () => {
    const data = await ok(`{ coverage(target: "beta", held: ["alpha"], inferred: true) {
      items { requirement { id } status inferred via { inferred relationship strength path { id } sources { id } mappings { id } } } } }`);
    const b4 = data.coverage.items.find((i: any) => i.requirement.id === 'beta:B4');
    expect(b4).toMatchObject({ status: 'FULL', inferred: true });
    expect(b4.via[0]).toEqual({
      inferred: true,
      relationship: 'SUPERSET_OF',
      strength: 6,
      path: [{ id: 'alpha:A3' }, { id: 'gamma:G1' }, { id: 'beta:B4' }],
      sources: [{ id: 'source:curated' }],
      mappings: [{ id: 'mapping:alpha--gamma:alpha:A3->gamma:G1' }, { id: 'mapping:gamma--beta:gamma:G1->beta:B4' }],
    });
  });

  it('checks readiness against implemented requirements only', async () => {
    const data = await ok(`{ coverage(target: "beta", held: ["alpha"], implemented: ["alpha:A2"]) { summary { full partial notImplemented none }
      items { requirement { ref } status via { requirement { id } implemented } } } }`);
    // B1 is covered by A1, held but not implemented: NOT_IMPLEMENTED, naming A1; no longer a silent NONE.
    expect(data.coverage.summary).toEqual({ full: 0, partial: 1, notImplemented: 1, none: 3 });
    const b1 = data.coverage.items.find((i: { requirement: { ref: string } }) => i.requirement.ref === 'B1');
    expect(b1).toEqual({ requirement: { ref: 'B1' }, status: 'NOT_IMPLEMENTED', via: [{ requirement: { id: 'alpha:A1' }, implemented: false }] });
  });

  it.each([
    ['unknown framework', `{ coverage(target: "betta", held: ["alpha"]) { summary { total } } }`, 'NOT_FOUND'],
    ['unknown held framework', `{ coverage(target: "beta", held: ["alfa"]) { summary { total } } }`, 'NOT_FOUND'],
    ['target also held', `{ coverage(target: "beta", held: ["alpha", "beta"]) { summary { total } } }`, 'BAD_USER_INPUT'],
    ['empty held', `{ coverage(target: "beta", held: []) { summary { total } } }`, 'BAD_USER_INPUT'],
    ['kind not present', `{ coverage(target: "beta", held: ["alpha"], kind: CLAUSE) { summary { total } } }`, 'BAD_USER_INPUT'],
    ['kind GROUP', `{ coverage(target: "beta", held: ["alpha"], kind: GROUP) { summary { total } } }`, 'BAD_USER_INPUT'],
    ['implemented outside held', `{ coverage(target: "beta", held: ["alpha"], implemented: ["gamma:G1"]) { summary { total } } }`, 'BAD_USER_INPUT'],
    ['implemented unknown', `{ coverage(target: "beta", held: ["alpha"], implemented: ["alpha:A9"]) { summary { total } } }`, 'NOT_FOUND'],
    ['gaps with empty held', `{ gaps(target: "beta", held: []) { total } }`, 'BAD_USER_INPUT'],
  ])('refuses %s with a code', async (_name, query, code) => {
    expect(await codeOf(query)).toBe(code);
  });
});

describe('gaps', () => {
  it('lists NONE and UNASSESSED, most consequential first, with disciplines, risks and evidence', async () => {
    const data = await ok(`{ gaps(target: "beta", held: ["alpha"]) { total none unassessed ordering
      items { rank requirement { id } status consequence groundworkCount disciplines { id } risks { id } evidence { id } noRelationships { reason } } } }`);
    const g = data.gaps;
    expect(g).toMatchObject({ total: 3, none: 3, unassessed: 0 });
    expect(g.ordering).toMatch(/consequence/);
    expect(g.items.map((i: any) => i.requirement.id)).toEqual(['beta:B3', 'beta:B4', 'beta:B5']);
    expect(g.items[0]).toMatchObject({ rank: 1, consequence: 3, disciplines: [{ id: 'discipline:oversight' }], risks: [{ id: 'risk:drift' }] });
  });
});

describe('overlap, matrix, evidence plan, compare, roadmap', () => {
  it('measures overlap in both directions with shared disciplines and the mapped pairs', async () => {
    const data = await ok(`{ overlap(a: "alpha", b: "beta") {
      aCoversB { from { id } to { id } summary { total full partial } }
      bCoversA { summary { total full partial none unassessed } }
      sharedDisciplines { discipline { id } countA countB }
      mappings { totalCount nodes { id } } } }`);
    const o = data.overlap;
    expect(o.aCoversB).toEqual({ from: { id: 'alpha' }, to: { id: 'beta' }, summary: { total: 5, full: 1, partial: 1 } });
    // alpha--beta is comprehensive on beta only: the alpha side A3 was never examined.
    expect(o.bCoversA.summary).toEqual({ total: 3, full: 0, partial: 2, none: 0, unassessed: 1 });
    expect(o.sharedDisciplines).toEqual([
      { discipline: { id: 'discipline:risk' }, countA: 2, countB: 4 },
      { discipline: { id: 'discipline:oversight' }, countA: 1, countB: 1 },
    ]);
    expect(o.mappings.totalCount).toBe(2);
    expect(await codeOf(`{ overlap(a: "alpha", b: "alpha") { a { id } } }`)).toBe('BAD_USER_INPUT');
  });

  it('fills the matrix for every ordered pair', async () => {
    const data = await ok(`{ overlapMatrix { frameworks { id } cells { from { id } to { id } summary { coveredShare } } } }`);
    expect(data.overlapMatrix.frameworks.map((f: any) => f.id)).toEqual(['alpha', 'beta', 'gamma']);
    expect(data.overlapMatrix.cells).toHaveLength(6);
    expect(data.overlapMatrix.cells.find((c: any) => c.from.id === 'alpha' && c.to.id === 'beta').summary.coveredShare).toBe(0.4);
    expect(await codeOf(`{ overlapMatrix(frameworks: ["alpha"]) { cells { from { id } } } }`)).toBe('BAD_USER_INPUT');
  });

  it('plans evidence by reuse across the chosen frameworks', async () => {
    const data = await ok(`{ evidencePlan(frameworks: ["alpha", "beta"]) { items { rank evidence { id } requirementCount perFramework { framework { id } count } } unevidenced { id } } }`);
    expect(data.evidencePlan.items).toEqual([
      { rank: 1, evidence: { id: 'evidence:register' }, requirementCount: 2, perFramework: [{ framework: { id: 'alpha' }, count: 1 }, { framework: { id: 'beta' }, count: 1 }] },
    ]);
    expect(data.evidencePlan.unevidenced).toHaveLength(6);
  });

  it('compares facts and computed figures side by side', async () => {
    const data = await ok(`{ compare(frameworks: ["alpha", "beta"]) { framework { id } kind issuer requirementCount aiDisciplineShare } }`);
    expect(data.compare).toEqual([
      { framework: { id: 'alpha' }, kind: 'CERTIFICATION', issuer: 'Test body', requirementCount: 3, aiDisciplineShare: 0.3333 },
      { framework: { id: 'beta' }, kind: 'CERTIFICATION', issuer: 'Test body', requirementCount: 5, aiDisciplineShare: 0.2 },
    ]);
  });

  it('ranks the next frameworks by marginal work', async () => {
    const data = await ok(`{ roadmap(held: ["alpha"]) { rank framework { id } marginalWork marginalShare coverage { total } } }`);
    // gamma: G1 is EQUAL to A3 (0), G2 unassessed (1) = 1; beta: 1 partial (0.5) + 3 none = 3.5.
    expect(data.roadmap).toEqual([
      { rank: 1, framework: { id: 'gamma' }, marginalWork: 1, marginalShare: 0.5, coverage: { total: 2 } },
      { rank: 2, framework: { id: 'beta' }, marginalWork: 3.5, marginalShare: 0.7, coverage: { total: 5 } },
    ]);
    expect(await codeOf(`{ roadmap(held: ["alpha"], candidates: ["alpha"]) { rank } }`)).toBe('BAD_USER_INPUT');
  });
});

describe('explain and resolveRefs', () => {
  it('finds paths through mappings and shared disciplines, shortest first', async () => {
    const data = await ok(`{ explain(from: "alpha:A3", to: "beta:B4", maxHops: 2) { length hops { kind from { id } to { id } relationship strength discipline { id } } } }`);
    expect(data.explain[0]).toEqual({
      length: 2,
      hops: [
        { kind: 'MAPPING', from: { id: 'alpha:A3' }, to: { id: 'gamma:G1' }, relationship: 'EQUAL', strength: 10, discipline: null },
        { kind: 'MAPPING', from: { id: 'gamma:G1' }, to: { id: 'beta:B4' }, relationship: 'SUPERSET_OF', strength: 6, discipline: null },
      ],
    });
    // Read from B4 the stored "G1 SUPERSET_OF B4" is "B4 SUBSET_OF G1"; both also address "risk".
    const reverse = await ok(`{ explain(from: "beta:B4", to: "gamma:G1", maxHops: 1) { hops { kind relationship } } }`);
    expect(reverse.explain).toEqual([{ hops: [{ kind: 'MAPPING', relationship: 'SUBSET_OF' }] }, { hops: [{ kind: 'SHARED_DISCIPLINE', relationship: null }] }]);
    const viaDiscipline = await ok(`{ explain(from: "alpha:A3", to: "beta:B3", maxHops: 1) { hops { kind discipline { id } } } }`);
    expect(viaDiscipline.explain).toEqual([{ hops: [{ kind: 'SHARED_DISCIPLINE', discipline: { id: 'discipline:oversight' } }] }]);
    expect(await codeOf(`{ explain(from: "alpha:A3", to: "beta:B4", maxHops: 9) { length } }`)).toBe('BAD_USER_INPUT');
  });
});

describe('crosswalk table over GraphQL', () => {
  it('answers rows, CSV and Markdown for integrators', async () => {
    const data = await ok(`{ crosswalk(from: "alpha", to: "beta") { title rows { targetRef status sourceRef relationship strength basis note } csv markdown sources { id } } }`);
    const table = data.crosswalk;
    expect(table.rows).toHaveLength(5);
    expect(table.rows[0]).toEqual({ targetRef: 'B1', status: 'FULL', sourceRef: 'A1', relationship: 'SUPERSET_OF', strength: 8, basis: 'SEMANTIC', note: expect.stringContaining('core practice') });
    expect(table.csv.split('\r\n')[0]).toBe('Target ref,Target title,Coverage,Source ref,Source title,Relationship,Strength,Basis,Inferred via,Note,Mapping source,Agreeing sources');
    expect(table.csv.trim().split('\r\n')).toHaveLength(6);
    expect(table.markdown).toContain('| B3 | Requirement B3 | New: assessed, nothing found |');
    expect(table.sources).toEqual([{ id: 'source:curated' }]);
    expect(await codeOf(`{ crosswalk(from: "alpha", to: "alpha") { title } }`)).toBe('BAD_USER_INPUT');
  });
});
