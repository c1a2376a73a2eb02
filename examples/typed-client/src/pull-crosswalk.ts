/**
 * Pulls a whole crosswalk, the SOC 2 to ISO/IEC 42001 mapping set, in pages of 100 with a typed
 * client (README, "For integrators"): every request is a persisted document sent by id, every page
 * continues after the last row seen (keyset cursors), and a cursor the server can no longer honour
 * (its row removed between two pages) answers INVALID_CURSOR: the client then starts over rather
 * than lose a row.
 *
 *   CROSSWALK_URL=http://localhost:4000/graphql node --import tsx examples/typed-client/src/pull-crosswalk.ts
 */
import { graphql } from './gql/index.js';
import type { MappingSetPageQuery, MappingSetPageQueryVariables } from './gql/graphql.js';

export const MappingSetPage = graphql(`
  query MappingSetPage($set: ID!, $after: String) {
    mappingSet(id: $set) {
      id
      contentHash
      entries(first: 100, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { id contentHash relationship strength rationale from { id title } to { id title } }
      }
    }
  }
`);

type Entry = NonNullable<MappingSetPageQuery['mappingSet']>['entries']['nodes'][number];

interface Response<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** One persisted document by id: the client never sends the query text. */
async function run<T, V>(url: string, document: { __meta__?: { hash: string } }, variables: V): Promise<Response<T>> {
  const documentId = document.__meta__!.hash; // already "sha256:<hex>"
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ documentId, variables }) });
  return (await response.json()) as Response<T>;
}

/** Every mapping of the set, in set order; starts over (at most `restarts` times) when a cursor is refused. */
export async function pullMappingSet(url: string, set: string, options: { restarts?: number; betweenPages?: (page: number) => Promise<void> } = {}): Promise<{ entries: Entry[]; pages: number; restarts: number }> {
  for (let attempt = 0; attempt <= (options.restarts ?? 3); attempt++) {
    const entries: Entry[] = [];
    let after: string | null = null;
    let pages = 0;
    let restart = false;
    for (;;) {
      const page: Response<MappingSetPageQuery> = await run<MappingSetPageQuery, MappingSetPageQueryVariables>(url, MappingSetPage as never, { set, after });
      if (page.errors?.some((e) => e.extensions?.code === 'INVALID_CURSOR')) {
        restart = true;
        break;
      }
      if (page.errors || !page.data?.mappingSet) throw new Error(page.errors?.[0]?.message ?? `no mapping set ${set}`);
      const connection = page.data.mappingSet.entries;
      entries.push(...connection.nodes);
      pages++;
      if (!connection.pageInfo.hasNextPage) return { entries, pages, restarts: attempt };
      after = connection.pageInfo.endCursor ?? null;
      await options.betweenPages?.(pages);
    }
    if (!restart) break;
  }
  throw new Error(`the set kept changing under the client: gave up after ${options.restarts ?? 3} restarts`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.CROSSWALK_URL ?? 'http://localhost:4000/graphql';
  const { entries, pages } = await pullMappingSet(url, 'mapping-set:soc2--iso42001');
  console.log(`${entries.length} mappings in ${pages} pages`);
  for (const e of entries.slice(0, 5)) console.log(`${e.from.id} ${e.relationship} ${e.to.id} (${e.strength ?? '-'})`);
}
