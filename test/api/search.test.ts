import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/http.js';

/**
 * The ranked search over HTTP on the real seed, asked as the explorer asks it (its RankedSearch
 * document): the issue #22 cases, filters, facets, paging, statuses given what you hold, and every
 * limit answered with a code.
 */

const RANKED_SEARCH = readFileSync(new URL('../../src/explorer/operations/explorer/ranked-search.graphql', import.meta.url), 'utf8');

interface Part {
  text: string;
  matched: boolean;
}
interface Hit {
  rank: number;
  reason: string;
  phrase: boolean;
  status: string | null;
  requirement: { id: string; ref: string; kind: string; framework: { id: string; shortName: string } };
  title: Part[];
  snippet: { clippedStart: boolean; clippedEnd: boolean; parts: Part[] };
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

interface Answer {
  totalCount: number;
  terms: string[];
  facets: Array<{ count: number; framework: { id: string; shortName: string } }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  hits: Hit[];
  ids: string[];
}

async function search(variables: Record<string, unknown>): Promise<Answer> {
  const response = await server.query(RANKED_SEARCH, variables);
  expect(response.errors).toBeUndefined();
  const s = response.data!.search;
  const hits = s.edges.map((e: { node: Hit }) => e.node) as Hit[];
  return { totalCount: s.totalCount, terms: s.terms, facets: s.facets, pageInfo: s.pageInfo, hits, ids: hits.map((h) => h.requirement.id) };
}

async function errorOf(query: string, variables?: Record<string, unknown>) {
  const response = await server.query(query, variables);
  expect(response.status).not.toBe(500);
  expect(response.errors?.length).toBeGreaterThan(0);
  return response.errors![0]!;
}

describe('ranking (issue #22)', () => {
  it('"impact assessment": the three "AI system impact assessment" titles rank above "6 Planning"', async () => {
    const { ids, hits } = await search({ q: 'impact assessment', first: 50 });
    const planning = ids.indexOf('iso42001:6');
    expect(planning).toBeGreaterThan(-1);
    for (const id of ['iso42001:6.1.4', 'iso42001:8.4', 'iso42001:A.5.2']) {
      expect(ids.indexOf(id)).toBeGreaterThan(-1);
      expect(ids.indexOf(id)).toBeLessThan(planning);
    }
    expect(hits[planning]!.reason).toBe('SUMMARY');
    expect(hits.find((h) => h.requirement.id === 'iso42001:6.1.4')!.reason).toBe('TITLE');
    // Ranks are the places in the list.
    expect(hits.map((h) => h.rank)).toEqual(hits.map((_h, i) => i + 1));
  });

  it('gives the exact title its own reason, first', async () => {
    const { hits } = await search({ q: 'AI system impact assessment' });
    expect(hits.slice(0, 2).map((h) => [h.reason, h.requirement.id])).toEqual([
      ['TITLE_EXACT', 'iso42001:6.1.4'],
      ['TITLE_EXACT', 'iso42001:8.4'],
    ]);
  });

  it('"assessment" finds the titles that say "Assessing", and marks them', async () => {
    const { ids, hits } = await search({ q: 'assessment', framework: ['iso42001'], first: 100 });
    for (const id of ['iso42001:A.5', 'iso42001:A.5.4', 'iso42001:A.5.5']) expect(ids).toContain(id);
    const a54 = hits.find((h) => h.requirement.id === 'iso42001:A.5.4')!;
    expect(a54.title.filter((p) => p.matched).map((p) => p.text)).toEqual(['Assessing']);
  });

  it('repeats no requirement, within a page or across pages', async () => {
    const whole = await search({ q: 'risk', first: 100 });
    expect(new Set(whole.ids).size).toBe(whole.ids.length);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const next = await search({ q: 'risk', first: 20, after });
      seen.push(...next.ids);
      after = next.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(whole.ids);
  });

  it('an exact reference comes first, once', async () => {
    const { hits } = await search({ q: 'A.6.2.4' });
    expect(hits[0]).toMatchObject({ rank: 1, reason: 'REFERENCE', requirement: { id: 'iso42001:A.6.2.4' } });
    expect(hits.filter((h) => h.requirement.id === 'iso42001:A.6.2.4')).toHaveLength(1);
    const soc2 = await search({ q: 'CC 6.1' });
    expect(soc2.hits[0]).toMatchObject({ reason: 'REFERENCE', requirement: { id: 'soc2:CC6.1' } });
  });

  it('an ambiguous reference puts each reading first; a framework filter keeps its own', async () => {
    const both = await search({ q: 'clause 6.1.2' });
    expect(both.hits.slice(0, 2).map((h) => h.reason)).toEqual(['REFERENCE', 'REFERENCE']);
    expect(new Set(both.ids.slice(0, 2))).toEqual(new Set(['iso27001:6.1.2', 'iso42001:6.1.2']));
    const one = await search({ q: 'clause 6.1.2', framework: ['iso27001'] });
    expect(one.hits[0]).toMatchObject({ reason: 'REFERENCE', requirement: { id: 'iso27001:6.1.2' } });
    expect(one.ids).not.toContain('iso42001:6.1.2');
  });

  it('marks snippets as parts that give the summary back, never as markup', async () => {
    const { hits } = await search({ q: 'impact assessment', first: 30 });
    const summaries = await server.query(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Requirement { id summary } } }`, { ids: hits.map((h) => h.requirement.id) });
    const summaryOf = new Map(summaries.data!.nodes.map((n: { id: string; summary: string }) => [n.id, n.summary]));
    for (const hit of hits) {
      const text = hit.snippet.parts.map((p) => p.text).join('');
      expect(summaryOf.get(hit.requirement.id)).toContain(text);
      expect(text.length).toBeLessThanOrEqual(160);
      for (const part of [...hit.snippet.parts, ...hit.title]) expect(part.text).not.toMatch(/<mark|<b>|<em>/);
    }
    const planning = hits.find((h) => h.requirement.id === 'iso42001:6')!;
    expect(planning.snippet.parts.filter((p) => p.matched).map((p) => p.text.toLowerCase())).toEqual(['impact', 'assessment']);
  });
});

describe('filters and facets', () => {
  it('keeps the asked frameworks in the list and counts every framework in the facets', async () => {
    const all = await search({ q: 'assessment', first: 100 });
    const only = await search({ q: 'assessment', framework: ['iso42001'], first: 100 });
    expect(only.hits.every((h) => h.requirement.framework.id === 'iso42001')).toBe(true);
    expect(only.facets).toEqual(all.facets);
    const facet = (id: string) => only.facets.find((f) => f.framework.id === id)?.count;
    expect(only.totalCount).toBe(facet('iso42001'));
    expect(all.totalCount).toBe(all.facets.reduce((n, f) => n + f.count, 0));
    expect(facet('nist-800-53')).toBeGreaterThan(0);
    // The hits of ISO 42001 keep their order from the unfiltered list.
    expect(only.ids).toEqual(all.ids.filter((id) => id.startsWith('iso42001:')).slice(0, only.ids.length));
  });

  it('filters by kind', async () => {
    const groups = await search({ q: 'assessment', kind: 'GROUP', first: 100 });
    expect(groups.hits.length).toBeGreaterThan(0);
    expect(groups.hits.every((h) => h.requirement.kind === 'GROUP')).toBe(true);
    expect(groups.ids).toContain('iso42001:A.5');
  });

  it('says which words it matched: stemmed, without stop words', async () => {
    const { terms, totalCount } = await search({ q: 'the Assessing of impacts' });
    expect(terms).toEqual(['assess', 'impact']);
    expect(totalCount).toBeGreaterThan(0);
    const stopWordsOnly = await search({ q: 'the of and' });
    expect(stopWordsOnly).toMatchObject({ terms: [], totalCount: 0, hits: [] });
  });
});

describe('status given what you hold', () => {
  it('is each hit\'s coverage status, as coverage answers it', async () => {
    const { hits } = await search({ q: 'assessment', framework: ['iso42001'], held: ['soc2'], first: 100 });
    const coverage = await server.query(`{ coverage(target: "iso42001", held: ["soc2"]) { items { requirement { id } status } } }`);
    const expected = new Map(coverage.data!.coverage.items.map((i: { requirement: { id: string }; status: string }) => [i.requirement.id, i.status]));
    const leaves = hits.filter((h) => h.requirement.kind !== 'GROUP');
    expect(leaves.length).toBeGreaterThan(5);
    for (const hit of leaves) expect(hit.status).toBe(expected.get(hit.requirement.id));
    expect(new Set(leaves.map((h) => h.status))).toContain('NONE');
    // A heading has no status; nor has a requirement of a held framework; nor any hit without held.
    expect(hits.find((h) => h.requirement.id === 'iso42001:A.5')!.status).toBeNull();
    const held = await search({ q: 'monitoring', framework: ['soc2'], held: ['soc2'] });
    expect(held.hits.length).toBeGreaterThan(0);
    expect(held.hits.every((h) => h.status === null)).toBe(true);
    const none = await search({ q: 'assessment', framework: ['iso42001'] });
    expect(none.hits.every((h) => h.status === null)).toBe(true);
  });

  it('is computed for the page at once: store round trips do not grow with the hits', async () => {
    const calls = async (first: number) => {
      const response = await server.query(RANKED_SEARCH, { q: 'risk', held: ['soc2', 'iso27001'], first }, { 'x-crosswalk-trace': '1' });
      expect(response.errors).toBeUndefined();
      expect(response.data!.search.edges).toHaveLength(first);
      return (response.extensions as { trace: { storeCalls: number } }).trace.storeCalls;
    };
    const few = await calls(3);
    const many = await calls(60);
    expect(many).toBe(few);
    expect(many).toBeLessThan(15);
  });
});

describe('limits and bad input', () => {
  const SEARCH = `query($q: String!, $first: Int, $framework: [ID!], $held: [ID!], $after: String) { search(q: $q, first: $first, framework: $framework, held: $held, after: $after) { totalCount } }`;

  it('refuses a query over 200 characters, and a blank one, with BAD_USER_INPUT on "q"', async () => {
    const long = await errorOf(SEARCH, { q: 'a'.repeat(201) });
    expect(long.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'q' });
    const blank = await errorOf(SEARCH, { q: '   ' });
    expect(blank.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'q' });
    const ok = await server.query(SEARCH, { q: `${'risk '.repeat(40)}`.slice(0, 200) });
    expect(ok.errors).toBeUndefined();
  });

  it('takes first from 0 to 100, however it is written', async () => {
    for (const first of [101, -1]) {
      expect((await errorOf(SEARCH, { q: 'risk', first })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    }
    expect((await errorOf(`{ search(q: "risk", first: 101) { totalCount } }`)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    const zero = await server.query(`{ search(q: "risk", first: 0) { totalCount nodes { rank } } }`);
    expect(zero.data!.search.nodes).toEqual([]);
    expect(zero.data!.search.totalCount).toBeGreaterThan(0);
    const byDefault = await server.query(`{ search(q: "risk") { nodes { rank } } }`);
    expect(byDefault.data!.search.nodes).toHaveLength(20);
  });

  it('answers an unknown framework NOT_FOUND and reports every faulty argument at once', async () => {
    const unknown = await errorOf(SEARCH, { q: 'risk', framework: ['iso4200'] });
    expect(unknown.extensions).toMatchObject({ code: 'NOT_FOUND' });
    const several = await errorOf(SEARCH, { q: 'a'.repeat(300), first: 500, held: ['nope'] });
    const problems = several.extensions!.problems as Array<{ code: string; argument?: string; id?: string }>;
    expect(problems.map((p) => p.argument ?? `${p.code} ${p.id}`).sort()).toEqual(['NOT_FOUND nope', 'first', 'q']);
  });

  it('refuses a cursor of another search and a malformed one with INVALID_CURSOR', async () => {
    const page = await search({ q: 'risk', first: 2 });
    const other = await errorOf(SEARCH, { q: 'access', after: page.pageInfo.endCursor });
    expect(other.extensions).toMatchObject({ code: 'INVALID_CURSOR', reason: 'OTHER_CONNECTION' });
    const bad = await errorOf(SEARCH, { q: 'risk', after: 'not-a-cursor' });
    expect(bad.extensions).toMatchObject({ code: 'INVALID_CURSOR', reason: 'MALFORMED' });
  });

  it('is priced by the cost limit: the explorer\'s page passes, many searches in one query do not', async () => {
    const page = await server.query(RANKED_SEARCH, { q: 'risk', held: ['soc2'], first: 100 });
    expect(page.errors).toBeUndefined();
    const aliases = Array.from({ length: 8 }, (_v, i) => `s${i}: search(q: "risk ${i}", first: 100) { nodes { title { text } } }`).join('\n');
    const many = await errorOf(`{ ${aliases} }`);
    expect(many.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
  });
});
