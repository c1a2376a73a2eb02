import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type GraphQLResponse, type TestServer } from '../helpers/http.js';

/**
 * Gaps.itemsPage (issue #22: the gaps view of SP 800-53 answered QUERY_TOO_COMPLEX): the gaps a page
 * at a time, so the explorer's gap list of a large framework stays under the cost limit, which is
 * not raised. Checked against the whole `items` list of the same analysis on the real seed.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const PAGE = `query ($target: ID!, $held: [ID!]!, $inferred: Boolean, $first: Int, $after: String) {
  gaps(target: $target, held: $held, inferred: $inferred) {
    total
    itemsPage(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
      edges { cursor node { rank requirement { id } status } }
      nodes { requirement { id } }
    }
  }
}`;

interface Gap { rank: number; requirement: { id: string }; status: string }

/** Every page of a gap list, concatenated. */
async function allPages(variables: Record<string, unknown>, first: number): Promise<{ gaps: Gap[]; pages: number }> {
  const gaps: Gap[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const response: GraphQLResponse = await server.query(PAGE, { ...variables, first, after });
    expect(response.errors).toBeUndefined();
    const page: { totalCount: number; nodes: Gap[]; edges: Array<{ node: Gap }>; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string } } = response.data!.gaps.itemsPage;
    pages += 1;
    expect(page.totalCount).toBe(response.data!.gaps.total);
    expect(page.nodes.map((n: Gap) => n.requirement.id)).toEqual(page.edges.map((e: { node: Gap }) => e.node.requirement.id));
    expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
    gaps.push(...page.edges.map((e: { node: Gap }) => e.node));
    if (!page.pageInfo.hasNextPage) return { gaps, pages };
    after = page.pageInfo.endCursor;
  }
}

describe('Gaps.itemsPage', () => {
  it('pages through the same gaps as `items`, in the same order, on a small framework', async () => {
    const whole = await server.query(`{ gaps(target: "iso42001", held: ["soc2"]) { items { rank requirement { id } status } } }`);
    expect(whole.errors).toBeUndefined();
    const items = whole.data!.gaps.items as Gap[];
    expect(items.length).toBeGreaterThan(7);
    const paged = await allPages({ target: 'iso42001', held: ['soc2'] }, 7);
    expect(paged.gaps).toEqual(items);
    expect(paged.pages).toBe(Math.ceil(items.length / 7));
  });

  it('answers SP 800-53\'s gaps a page at a time with the explorer\'s fields, where the whole list is over the cost limit', async () => {
    const operation = readFileSync(new URL('../../src/explorer/operations/explorer/gaps.graphql', import.meta.url), 'utf8');
    const first = await server.query(operation, { target: 'nist-800-53', held: ['iso27001'], inferred: true });
    expect(first.errors).toBeUndefined();
    const gaps = first.data!.gaps;
    expect(gaps.total).toBeGreaterThan(500);
    expect(gaps.itemsPage.nodes.length).toBe(50);
    expect(gaps.itemsPage.pageInfo.hasNextPage).toBe(true);
    // The same fields for every gap at once: refused by the cost model, which is why the view pages.
    const nodes = operation.slice(operation.indexOf('nodes {') + 'nodes '.length, operation.lastIndexOf('}', operation.lastIndexOf('}', operation.lastIndexOf('}') - 1) - 1));
    const whole = await server.query(`query ($target: ID!, $held: [ID!]!, $inferred: Boolean) { gaps(target: $target, held: $held, inferred: $inferred) { total items ${nodes} } }`, { target: 'nist-800-53', held: ['iso27001'], inferred: true });
    expect(whole.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    // The next page starts where the first ended, ranks continuing.
    const second = await server.query(operation, { target: 'nist-800-53', held: ['iso27001'], inferred: true, after: gaps.itemsPage.pageInfo.endCursor });
    expect(second.errors).toBeUndefined();
    expect(second.data!.gaps.itemsPage.nodes.map((g: Gap) => g.rank)).toEqual(Array.from({ length: 50 }, (_, i) => 51 + i));
  });

  it('refuses a cursor of another gap list, and a page size out of range', async () => {
    const first = await server.query(PAGE, { target: 'iso42001', held: ['soc2'], first: 2 });
    const cursor = first.data!.gaps.itemsPage.pageInfo.endCursor;
    const other = await server.query(PAGE, { target: 'iso42001', held: ['soc2'], inferred: true, first: 2, after: cursor });
    expect(other.errors?.[0]?.extensions?.code).toBe('INVALID_CURSOR');
    const tooMany = await server.query(PAGE, { target: 'iso42001', held: ['soc2'], first: 501 });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
