import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/http.js';

/** Mapping lists filtered by relationship, minimum strength and source, in a chosen order; typed crosswalk rows (issue #17). */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const SET = 'mapping-set:soc2--iso27001';
interface Entry {
  id: string;
  relationship: string;
  strength: number | null;
  source: { id: string };
  from: { id: string };
}
const ENTRIES = `query ($filter: MappingFilter, $orderBy: MappingOrder, $first: Int, $after: String) {
  mappingSet(id: "${SET}") { entries(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id relationship strength source { id } from { id } } } } }`;

async function entries(variables: Record<string, unknown>): Promise<{ totalCount: number; nodes: Entry[]; pageInfo: { hasNextPage: boolean; endCursor: string } }> {
  const response = await server.query(ENTRIES, { first: 500, ...variables });
  expect(response.errors).toBeUndefined();
  return response.data!.mappingSet.entries;
}

describe('mapping filters', () => {
  it('keep only the relationships, strengths and source asked for', async () => {
    const all = await entries({});
    expect(new Set(all.nodes.map((n) => n.relationship)).size).toBeGreaterThan(1);
    const superset = await entries({ filter: { relationships: ['SUPERSET_OF', 'EQUAL'] } });
    expect(superset.nodes.length).toBeGreaterThan(0);
    expect(superset.nodes.every((n) => ['SUPERSET_OF', 'EQUAL'].includes(n.relationship))).toBe(true);
    expect(superset.totalCount).toBe(all.nodes.filter((n) => ['SUPERSET_OF', 'EQUAL'].includes(n.relationship)).length);
    const strong = await entries({ filter: { minStrength: 7 } });
    expect(strong.totalCount).toBe(all.nodes.filter((n) => n.strength !== null && n.strength >= 7).length);
    expect(strong.totalCount).toBeLessThan(all.totalCount);
    const curated = await entries({ filter: { source: 'source:crosswalk-curated', minStrength: 0 } });
    expect(curated.totalCount).toBe(all.nodes.filter((n) => n.source.id === 'source:crosswalk-curated' && n.strength !== null).length);
    const nist = await entries({ filter: { source: 'source:nist-airc-ai-rmf-iso42001' } });
    expect(nist.totalCount).toBe(0);
  });

  it('order strongest first, and page a filtered, ordered list by its own cursors without loss', async () => {
    const ordered = await entries({ orderBy: 'STRENGTH_DESC', filter: { relationships: ['INTERSECTS_WITH', 'SUBSET_OF'] } });
    const strengths = ordered.nodes.map((n) => n.strength ?? -1);
    expect(strengths).toEqual([...strengths].sort((a, b) => b - a));
    const paged: Entry[] = [];
    let after: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof entries>> = await entries({ orderBy: 'STRENGTH_DESC', filter: { relationships: ['SUBSET_OF', 'INTERSECTS_WITH'] }, first: 7, after });
      paged.push(...page.nodes);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    // The same filter written in another order is the same list: its cursors fit.
    expect(paged.map((n) => n.id)).toEqual(ordered.nodes.map((n) => n.id));
  });

  it("refuse an unfiltered list's cursor on a filtered one", async () => {
    const first = await entries({ first: 2 });
    const response = await server.query(ENTRIES, { after: first.pageInfo.endCursor, filter: { minStrength: 5 } });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_CURSOR', reason: 'OTHER_CONNECTION' });
  });

  it('report every fault of a filter together', async () => {
    const response = await server.query(ENTRIES, { filter: { minStrength: 11, source: 'soc2', relationships: [] } });
    const problems = response.errors?.[0]?.extensions?.problems as Array<{ message: string }>;
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/source/),
      expect.stringMatching(/minStrength/),
      expect.stringMatching(/relationships/),
    ]);
  });

  it("read a requirement's relationship filter from that requirement's side", async () => {
    const { data, errors } = await server.query(`{ requirement(id: "iso42001:A.6.2.6") {
      all: mappings(framework: "soc2") { relationship inverse }
      subset: mappings(framework: "soc2", filter: { relationships: [SUBSET_OF, INTERSECTS_WITH] }, orderBy: STRENGTH_DESC) { relationship strength } } }`);
    expect(errors).toBeUndefined();
    const { all, subset } = data!.requirement;
    expect(all.every((m: { inverse: boolean }) => m.inverse)).toBe(true);
    expect(subset.length).toBe(all.filter((m: { relationship: string }) => ['SUBSET_OF', 'INTERSECTS_WITH'].includes(m.relationship)).length);
    expect(subset.every((m: { relationship: string }) => ['SUBSET_OF', 'INTERSECTS_WITH'].includes(m.relationship))).toBe(true);
  });
});

describe('typed crosswalk rows', () => {
  it('carry the relation as an enum, the ids of both requirements and of the mapping, and its rationale', async () => {
    const { data, errors } = await server.query(`{ crosswalk(from: "soc2", to: "iso42001", kind: CONTROL) { rows {
      targetId target { id ref } sourceId source { id ref } sourceRef relation relationship rationale mappingId mappingIds status } } }`);
    expect(errors).toBeUndefined();
    const rows = data!.crosswalk.rows as Array<Record<string, any>>;
    const linked = rows.filter((r) => r.mappingId);
    expect(linked.length).toBeGreaterThan(20);
    for (const row of linked) {
      expect(row.target.id).toBe(row.targetId);
      expect(row.source).toMatchObject({ id: row.sourceId, ref: row.sourceRef });
      expect(row.relation).toBe(row.relationship);
      expect(row.mappingIds).toEqual([row.mappingId]);
    }
    const sample = linked[0]!;
    const mapping = (await server.query(`query ($id: ID!) { mapping(id: $id) { from { id } to { id } relationship rationale } }`, { id: sample.mappingId })).data!.mapping;
    expect(mapping).toEqual({ from: { id: sample.sourceId }, to: { id: sample.targetId }, relationship: sample.relation, rationale: sample.rationale });
    const none = rows.filter((r) => r.status === 'NONE');
    expect(none.length).toBeGreaterThan(0);
    expect(none.every((r) => r.relation === 'NO_RELATIONSHIP' && r.sourceId === null && r.mappingIds.length === 0)).toBe(true);
  });
});
