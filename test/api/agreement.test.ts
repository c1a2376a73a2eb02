import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { fixtureGraph, fixtureSeed } from '../helpers/fixture-seed.js';
import { startTestServer, type TestServer } from '../helpers/http.js';

/**
 * Where sources agree, over HTTP. The fixture gains a second publisher's set between alpha and beta
 * that contradicts the curated one on A1-B1 and agrees with it on A2-B2; the fixture itself already
 * holds one contradiction (A3 SUPERSET_OF B4 inferred through gamma, where alpha--beta examined every
 * beta requirement and links nothing to B4).
 */

let server: TestServer;
beforeAll(async () => {
  const seed = fixtureSeed();
  (seed.sources as unknown[]).push({ id: 'other', name: 'Other', publisher: 'Another publisher', date: null, url: null, licence: 'Public domain', description: 'A second opinion.' });
  seed.mappings['beta--alpha'] = {
    id: 'beta--alpha',
    name: 'beta to alpha',
    source: 'other',
    from: 'beta',
    to: 'alpha',
    comprehensive: [],
    description: 'A second publisher on the same two frameworks.',
    mappings: [
      { from: 'B1', to: 'A1', relationship: 'SUPERSET_OF', strength: 7, rationale: 'SEMANTIC', note: 'Planted: the reverse containment.' },
      { from: 'B2', to: 'A2', relationship: 'INTERSECTS_WITH', strength: 5, rationale: 'SEMANTIC', note: 'Planted: agrees with the curated set.' },
    ],
    noRelationship: [],
  };
  server = await startTestServer(new MemoryStore(fixtureGraph(seed)));
});
afterAll(async () => {
  await server.close();
});

const ok = async (query: string) => {
  const response = await server.query(query);
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!;
};
const codeOf = async (query: string) => (await server.query(query)).errors?.[0]?.extensions?.code;

describe('disagreements', () => {
  it('lists the planted contradiction and the fixture\'s own, with every line of evidence', async () => {
    const { disagreements } = await ok(`{ disagreements(a: "alpha", b: "beta", first: 10) {
      from { id } to { id } agreement conflicts
      claims { kind relationship strength via { id } mappingSets { id } sources { id } reason } } }`);
    expect(disagreements.map((d: { from: { id: string }; to: { id: string } }) => `${d.from.id} ${d.to.id}`)).toEqual(['alpha:A1 beta:B1', 'alpha:A3 beta:B4']);
    const [planted, fixtures] = disagreements;
    expect(planted.claims).toEqual([
      { kind: 'DIRECT', relationship: 'SUPERSET_OF', strength: 8, via: null, mappingSets: [{ id: 'mapping-set:alpha--beta' }], sources: [{ id: 'source:curated' }], reason: null },
      { kind: 'DIRECT', relationship: 'SUBSET_OF', strength: 7, via: null, mappingSets: [{ id: 'mapping-set:beta--alpha' }], sources: [{ id: 'source:other' }], reason: null },
    ]);
    expect(planted.conflicts).toEqual([[0, 1]]);
    expect(fixtures.claims.map((c: { kind: string; relationship: string | null; via: { id: string } | null }) => [c.kind, c.relationship, c.via?.id ?? null])).toEqual([
      ['INFERRED', 'SUPERSET_OF', 'gamma:G1'],
      ['NOTHING_FOUND', null, null],
    ]);
    // The same question asked the other way round finds the same pairs.
    const reverse = await ok(`{ disagreements(a: "beta", b: "alpha") { from { id } to { id } } }`);
    expect(reverse.disagreements.map((d: { from: { id: string }; to: { id: string } }) => `${d.from.id} ${d.to.id}`).sort()).toEqual(['beta:B1 alpha:A1', 'beta:B4 alpha:A3']);
  });

  it('annotates mappings with their agreement and the lines compatible with them', async () => {
    const data = await ok(`{ mappingSets { id mappings(first: 10) { nodes { from { id } to { id } agreement { agreement agreeingLines } } } } }`);
    const curated = data.mappingSets.find((s: { id: string }) => s.id === 'mapping-set:alpha--beta');
    expect(curated.mappings.nodes).toEqual([
      { from: { id: 'alpha:A1' }, to: { id: 'beta:B1' }, agreement: { agreement: 'DISAGREE', agreeingLines: 1 } },
      { from: { id: 'alpha:A2' }, to: { id: 'beta:B2' }, agreement: { agreement: 'AGREE', agreeingLines: 2 } },
    ]);
  });

  it('annotates coverage reasons, and a disagreement never changes a status', async () => {
    const data = await ok(`{ coverage(target: "beta", held: ["alpha"], inferred: true) { items { requirement { id } status via { requirement { id } agreement } } } }`);
    const byId = Object.fromEntries(data.coverage.items.map((i: { requirement: { id: string } }) => [i.requirement.id, i]));
    // Both publishers' links are listed, each marked as disputed; the curated SUPERSET_OF still makes it FULL.
    const disputed = { requirement: { id: 'alpha:A1' }, agreement: 'DISAGREE' };
    expect(byId['beta:B1']).toEqual({ requirement: { id: 'beta:B1' }, status: 'FULL', via: [disputed, disputed] });
    const agreed = { requirement: { id: 'alpha:A2' }, agreement: 'AGREE' };
    expect(byId['beta:B2']).toMatchObject({ status: 'PARTIAL', via: [agreed, agreed] });
    expect(byId['beta:B4'].status).toBe('FULL');
  });

  it('answers one pair, or null when no line speaks about it', async () => {
    const data = await ok(`{ linked: pairAgreement(from: "alpha:A2", to: "beta:B2") { agreement claims { kind } } unlinked: pairAgreement(from: "alpha:A1", to: "beta:B5") { agreement } }`);
    expect(data.linked).toEqual({ agreement: 'AGREE', claims: [{ kind: 'DIRECT' }, { kind: 'DIRECT' }] });
    expect(data.unlinked).toBeNull();
  });

  it.each([
    ['the same framework twice', `{ disagreements(a: "alpha", b: "alpha") { agreement } }`, 'BAD_USER_INPUT'],
    ['an unknown framework', `{ disagreements(a: "alpha", b: "nope") { agreement } }`, 'NOT_FOUND'],
    ['first out of range', `{ disagreements(a: "alpha", b: "beta", first: 0) { agreement } }`, 'BAD_USER_INPUT'],
    ['a pair inside one framework', `{ pairAgreement(from: "alpha:A1", to: "alpha:A2") { agreement } }`, 'BAD_USER_INPUT'],
    ['an unknown requirement', `{ pairAgreement(from: "alpha:A1", to: "beta:B99") { agreement } }`, 'NOT_FOUND'],
  ])('refuses %s with a code', async (_name, query, code) => {
    expect(await codeOf(query)).toBe(code);
  });
});
