import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/http.js';

/**
 * Coverage.itemsPage (issue #20, the explorer at SP 800-53 scale): the items of a coverage a page at
 * a time, optionally of one top-level group or matching a search, so a client never has to fetch a
 * thousand items with their links in one request. Checked against the whole `items` list of the same
 * coverage on the real seed.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const PAGE = `query ($group: ID, $search: String, $first: Int, $after: String) {
  coverage(target: "nist-800-53", held: ["iso27001"]) {
    itemsPage(group: $group, search: $search, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
      edges { cursor node { requirement { id ref } group { id } status } }
      nodes { requirement { id } }
    }
  }
}`;

interface Item { requirement: { id: string; ref: string }; group: { id: string }; status: string }

async function page(variables: Record<string, unknown>) {
  const response = await server.query(PAGE, variables);
  return response;
}

describe('Coverage.itemsPage', () => {
  let whole: Item[];
  let groups: Array<{ group: { id: string }; summary: { total: number } }>;
  beforeAll(async () => {
    const response = await server.query(`{ coverage(target: "nist-800-53", held: ["iso27001"]) { items { requirement { id ref } group { id } status } groups { group { id } summary { total } } } }`);
    whole = response.data!.coverage.items;
    groups = response.data!.coverage.groups;
    expect(whole.length).toBeGreaterThan(1000);
  });

  it('pages through one group in catalog order, ending where the group summary says', async () => {
    const ac = groups.find((g) => g.group.id === 'nist-800-53:AC')!;
    expect(ac.summary.total).toBeGreaterThan(100);
    const seen: Item[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const response = await page({ group: 'nist-800-53:AC', first: 50, after });
      expect(response.errors).toBeUndefined();
      const connection = response.data!.coverage.itemsPage;
      expect(connection.totalCount).toBe(ac.summary.total);
      expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(connection.nodes.map((n: any) => n.requirement.id)).toEqual(connection.edges.map((e: any) => e.node.requirement.id));
      seen.push(...connection.edges.map((e: any) => e.node));
      after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
      pages += 1;
    } while (after !== null);
    expect(pages).toBe(Math.ceil(ac.summary.total / 50));
    expect(seen).toEqual(whole.filter((i) => i.group.id === 'nist-800-53:AC'));
  });

  it('without a group, the first pages are the first items of the whole list', async () => {
    const first = (await page({ first: 100 })).data!.coverage.itemsPage;
    expect(first.totalCount).toBe(whole.length);
    expect(first.edges.map((e: any) => e.node)).toEqual(whole.slice(0, 100));
    const second = (await page({ first: 100, after: first.pageInfo.endCursor })).data!.coverage.itemsPage;
    expect(second.edges.map((e: any) => e.node)).toEqual(whole.slice(100, 200));
  });

  it('keeps the items whose ref or title hold every word of the search', async () => {
    const found = (await page({ search: 'AC-2(1)' })).data!.coverage.itemsPage;
    const refs = found.edges.map((e: any) => e.node.requirement.ref);
    expect(refs).toContain('AC-2(1)');
    expect(refs).toEqual(whole.filter((i) => i.requirement.ref.toLowerCase().includes('ac-2(1)')).map((i) => i.requirement.ref));
    const words = (await page({ search: 'account MANAGEMENT' })).data!.coverage.itemsPage;
    expect(words.totalCount).toBeGreaterThan(0);
    expect(words.edges.map((e: any) => e.node.requirement.ref)).toContain('AC-2');
    const none = (await page({ search: 'no such words anywhere zzz' })).data!.coverage.itemsPage;
    expect(none).toMatchObject({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('refuses an unknown group, a long search, a page size out of range and a cursor of another list, with codes', async () => {
    const unknown = await page({ group: 'soc2:CC6' });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'group' });
    const long = await page({ search: 'x'.repeat(201) });
    expect(long.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'search' });
    const big = await page({ first: 501 });
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    const ac = (await page({ group: 'nist-800-53:AC', first: 5 })).data!.coverage.itemsPage;
    const other = await page({ group: 'nist-800-53:SC', first: 5, after: ac.pageInfo.endCursor });
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_CURSOR', reason: 'OTHER_CONNECTION' });
  });

  it('is priced by its page size: a page of 100 with links fits the cost limit, 500 with deep nesting does not', async () => {
    const ok = await server.query(`{ coverage(target: "nist-800-53", held: ["iso27001"]) { itemsPage(first: 100) { nodes { requirement { id ref title } group { id } status inferred outOfScope { requirement { id } } } } } }`);
    expect(ok.errors).toBeUndefined();
    const heavy = await server.query(`{ coverage(target: "nist-800-53", held: ["iso27001"]) { itemsPage(first: 500) { nodes { requirement { id ref title } via { requirement { id title mappings { other { id title } } } } groundwork { requirement { id } } } } } }`);
    expect(heavy.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
  });
});
