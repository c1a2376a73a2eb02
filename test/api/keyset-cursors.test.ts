import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphData } from '../../src/domain/types.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { fixtureGraph } from '../helpers/fixture-seed.js';
import { startTestServer, type TestServer } from '../helpers/http.js';

/**
 * Keyset cursors that survive change (issue #17): a cursor names its row and its connection, so a
 * row removed from an earlier page between two requests shifts nothing (an offset cursor skipped the
 * row after the page), a cursor whose row is gone answers INVALID_CURSOR rather than a silent skip,
 * and a cursor is refused on any connection but the one that issued it.
 */

/** The graph without one requirement and everything that touches it: the data changed between two requests. */
function without(requirementId: string): GraphData {
  const graph = fixtureGraph();
  return {
    ...graph,
    requirements: graph.requirements.filter((r) => r.id !== requirementId),
    mappings: graph.mappings.filter((m) => m.fromId !== requirementId && m.toId !== requirementId),
    noRelationships: graph.noRelationships.filter((n) => n.requirementId !== requirementId),
    addresses: graph.addresses.filter(([r]) => r !== requirementId),
    mitigates: graph.mitigates.filter(([r]) => r !== requirementId),
    evidences: graph.evidences.filter(([, r]) => r !== requirementId),
  };
}

const CONTROLS = `query ($after: String) { requirements(framework: "beta", kind: CONTROL, first: 2, after: $after) {
  totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id } } } }`;

let before: TestServer;
let withoutB1: TestServer;
let withoutB2: TestServer;
beforeAll(async () => {
  [before, withoutB1, withoutB2] = await Promise.all([
    startTestServer(new MemoryStore(fixtureGraph())),
    startTestServer(new MemoryStore(without('beta:B1'))),
    startTestServer(new MemoryStore(without('beta:B2'))),
  ]);
});
afterAll(async () => {
  await Promise.all([before.close(), withoutB1.close(), withoutB2.close()]);
});

const ids = (connection: { edges: Array<{ node: { id: string } }> }) => connection.edges.map((e) => e.node.id);

describe('keyset cursors', () => {
  it('page through a list with each edge cursor naming its own place', async () => {
    const first = (await before.query(CONTROLS)).data!.requirements;
    expect(ids(first)).toEqual(['beta:B1', 'beta:B2']);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, endCursor: first.edges[1].cursor });
    const fromFirstEdge = (await before.query(CONTROLS, { after: first.edges[0].cursor })).data!.requirements;
    expect(ids(fromFirstEdge)).toEqual(['beta:B2', 'beta:B3']);
    const last = (await before.query(CONTROLS, { after: (await before.query(CONTROLS, { after: first.pageInfo.endCursor })).data!.requirements.pageInfo.endCursor })).data!.requirements;
    expect(ids(last)).toEqual(['beta:B5']);
    expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('skip no row when a row of an earlier page is removed between two requests', async () => {
    const first = (await before.query(CONTROLS)).data!.requirements;
    expect(ids(first)).toEqual(['beta:B1', 'beta:B2']);
    // beta:B1 goes; an offset cursor ("from the 3rd row") would now start at beta:B4 and skip beta:B3.
    const next = await withoutB1.query(CONTROLS, { after: first.pageInfo.endCursor });
    expect(next.errors).toBeUndefined();
    expect(ids(next.data!.requirements)).toEqual(['beta:B3', 'beta:B4']);
    expect(next.data!.requirements.totalCount).toBe(4);
  });

  it('answer INVALID_CURSOR, never a silent skip, when the cursor row itself is gone', async () => {
    const first = (await before.query(CONTROLS)).data!.requirements;
    const next = await withoutB2.query(CONTROLS, { after: first.pageInfo.endCursor });
    expect(next.data).toEqual({ requirements: null });
    expect(next.errors?.[0]?.extensions).toEqual({ code: 'INVALID_CURSOR', argument: 'after', reason: 'ROW_GONE' });
  });

  it('are refused on another connection or filter, whatever list issued them', async () => {
    const controls = (await before.query(CONTROLS)).data!.requirements.pageInfo.endCursor as string;
    const entries = (await before.query(`{ mappingSet(id: "mapping-set:alpha--beta") { entries(first: 1) { pageInfo { endCursor } } } }`)).data!.mappingSet.entries.pageInfo.endCursor as string;
    const response = await before.query(`query ($c: String, $e: String) {
      clauses: requirements(framework: "beta", kind: CLAUSE, after: $c) { totalCount }
      otherFramework: requirements(framework: "alpha", kind: CONTROL, after: $c) { totalCount }
      setCursorOnRequirements: requirements(framework: "beta", kind: CONTROL, after: $e) { totalCount }
      discipline: node(id: "discipline:oversight") { ... on Discipline { requirements(after: $c) { totalCount } } }
      sameList: framework(id: "beta") { requirements(kind: CONTROL, first: 1, after: $c) { nodes { id } } }
    }`, { c: controls, e: entries });
    const reasons = Object.fromEntries(response.errors!.map((e) => [e.path![0], [e.extensions!.code, e.extensions!.reason]]));
    expect(reasons).toEqual({
      clauses: ['INVALID_CURSOR', 'OTHER_CONNECTION'],
      otherFramework: ['INVALID_CURSOR', 'OTHER_CONNECTION'],
      setCursorOnRequirements: ['INVALID_CURSOR', 'OTHER_CONNECTION'],
      discipline: ['INVALID_CURSOR', 'OTHER_CONNECTION'],
    });
    // The same rows under another field (Framework.requirements, Query.requirements): the cursor fits.
    expect(response.data!.sameList.requirements.nodes).toEqual([{ id: 'beta:B3' }]);
  });

  it("page a set's mappings by keyset too: a removed mapping's cursor is refused", async () => {
    const query = `query ($after: String) { mappingSet(id: "mapping-set:alpha--beta") { entries(first: 1, after: $after) { pageInfo { endCursor } nodes { id } } } }`;
    const first = (await before.query(query)).data!.mappingSet.entries;
    expect(first.nodes).toEqual([{ id: 'mapping:alpha--beta:alpha:A1->beta:B1' }]);
    expect((await before.query(query, { after: first.pageInfo.endCursor })).data!.mappingSet.entries.nodes).toEqual([{ id: 'mapping:alpha--beta:alpha:A2->beta:B2' }]);
    const gone = await withoutB1.query(query, { after: first.pageInfo.endCursor });
    expect(gone.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_CURSOR', reason: 'ROW_GONE' });
  });
});
