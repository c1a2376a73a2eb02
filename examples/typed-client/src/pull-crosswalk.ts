/**
 * Pulls a whole crosswalk, the SOC 2 to ISO/IEC 42001 mapping set, in pages of 100 with a typed
 * client (README, "For integrators"): every request is a persisted document sent by id, every page
 * continues after the last row seen (keyset cursors), and a cursor the server can no longer honour
 * (its row removed between two pages) answers INVALID_CURSOR: the client then starts over rather
 * than lose a row. The pull keeps the dataset version it was answered with; later, `syncMappingSet`
 * asks `changes(since:)` for what changed after it and applies that to the local copy, fetching only
 * the mappings added or changed.
 *
 *   CROSSWALK_URL=http://localhost:4000/graphql node --import tsx examples/typed-client/src/pull-crosswalk.ts
 */
import { graphql, useFragment } from './gql/index.js';
import type { MappingEntryFragment, MappingSetPageQuery, MappingSetPageQueryVariables, MappingsByIdQuery, MappingsByIdQueryVariables, SyncChangesQuery, SyncChangesQueryVariables } from './gql/graphql.js';

/** What the client keeps of a mapping: the pull and the sync read the same fields. */
export const MappingEntry = graphql(`
  fragment MappingEntry on Mapping { id contentHash relationship strength rationale from { id title } to { id title } }
`);

export const MappingSetPage = graphql(`
  query MappingSetPage($set: ID!, $after: String) {
    dataset { version }
    mappingSet(id: $set) {
      id
      contentHash
      entries(first: 100, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { ...MappingEntry }
      }
    }
  }
`);

export const SyncChanges = graphql(`
  query SyncChanges($since: String!) {
    changes(since: $since) {
      version
      hasMore
      dataset { mappings { added changed removed } }
    }
  }
`);

export const MappingsById = graphql(`
  query MappingsById($ids: [ID!]!) {
    nodes(ids: $ids) { ... on Mapping { ...MappingEntry } }
  }
`);

type Entry = MappingEntryFragment;

/** A local copy of one mapping set: its mappings by id, and the dataset version they are as of. */
export interface LocalMappingSet {
  set: string;
  version: string;
  entries: Map<string, Entry>;
}

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
export async function pullMappingSet(
  url: string,
  set: string,
  options: { restarts?: number; betweenPages?: (page: number) => Promise<void> } = {},
): Promise<{ entries: Entry[]; pages: number; restarts: number; version: string }> {
  for (let attempt = 0; attempt <= (options.restarts ?? 3); attempt++) {
    const entries: Entry[] = [];
    let after: string | null = null;
    let pages = 0;
    let restart = false;
    // The version of the first page: a change during the pull comes after it, so the next sync replays it (applying it twice is harmless).
    let version: string | null = null;
    for (;;) {
      const page: Response<MappingSetPageQuery> = await run<MappingSetPageQuery, MappingSetPageQueryVariables>(url, MappingSetPage as never, { set, after });
      if (page.errors?.some((e) => e.extensions?.code === 'INVALID_CURSOR')) {
        restart = true;
        break;
      }
      if (page.errors || !page.data?.mappingSet) throw new Error(page.errors?.[0]?.message ?? `no mapping set ${set}`);
      const connection = page.data.mappingSet.entries;
      entries.push(...connection.nodes.map((node) => useFragment(MappingEntry, node)));
      version ??= page.data.dataset?.version ?? null;
      pages++;
      if (!connection.pageInfo.hasNextPage) {
        if (version === null) throw new Error('the server did not say which dataset version it answered');
        return { entries, pages, restarts: attempt, version };
      }
      after = connection.pageInfo.endCursor ?? null;
      await options.betweenPages?.(pages);
    }
    if (!restart) break;
  }
  throw new Error(`the set kept changing under the client: gave up after ${options.restarts ?? 3} restarts`);
}

/** A whole pull as a local copy. */
export async function pullLocalCopy(url: string, set: string): Promise<LocalMappingSet> {
  const { entries, version } = await pullMappingSet(url, set);
  return { set, version, entries: new Map(entries.map((e) => [e.id, e])) };
}

/** `nodes(ids:)` takes at most 100 ids a request. */
const IDS_PER_REQUEST = 100;

/**
 * Brings a local copy up to date: `changes(since: <its version>)` names the mappings added, changed
 * and removed since; those of this set (a mapping's id starts with its set's) are fetched by id or
 * dropped, and the copy takes the version the answer is as of. A version the server no longer knows
 * (UNKNOWN_VERSION) is an error here: pull again.
 */
export async function syncMappingSet(url: string, copy: LocalMappingSet): Promise<{ added: number; changed: number; removed: number }> {
  const ofThisSet = (id: string) => id.startsWith(`mapping:${copy.set.slice('mapping-set:'.length)}:`);
  const counts = { added: 0, changed: 0, removed: 0 };
  for (;;) {
    const answer = await run<SyncChangesQuery, SyncChangesQueryVariables>(url, SyncChanges as never, { since: copy.version });
    if (answer.errors || !answer.data?.changes) throw new Error(answer.errors?.[0]?.message ?? 'no answer to changes(since:)');
    const { version, hasMore, dataset } = answer.data.changes;
    if (dataset) {
      const removed = dataset.mappings.removed.filter(ofThisSet);
      const fetch = [...dataset.mappings.added, ...dataset.mappings.changed].filter(ofThisSet);
      for (const id of removed) copy.entries.delete(id);
      for (let i = 0; i < fetch.length; i += IDS_PER_REQUEST) {
        const ids = fetch.slice(i, i + IDS_PER_REQUEST);
        const found = await run<MappingsByIdQuery, MappingsByIdQueryVariables>(url, MappingsById as never, { ids });
        // A mapping gone again since the answer is null (with a NOT_FOUND error for it): dropped like a removed one.
        const nodes = found.data?.nodes ?? [];
        if (!found.data) throw new Error(found.errors?.[0]?.message ?? 'no answer to nodes(ids:)');
        ids.forEach((id, n) => {
          const node = nodes[n];
          if (node && 'id' in node) copy.entries.set(id, useFragment(MappingEntry, node));
          else copy.entries.delete(id);
        });
      }
      counts.added += dataset.mappings.added.filter(ofThisSet).length;
      counts.changed += dataset.mappings.changed.filter(ofThisSet).length;
      counts.removed += removed.length;
    }
    copy.version = version;
    if (!hasMore) return counts;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.CROSSWALK_URL ?? 'http://localhost:4000/graphql';
  const { entries, pages } = await pullMappingSet(url, 'mapping-set:soc2--iso42001');
  console.log(`${entries.length} mappings in ${pages} pages`);
  for (const e of entries.slice(0, 5)) console.log(`${e.from.id} ${e.relationship} ${e.to.id} (${e.strength ?? '-'})`);
}
