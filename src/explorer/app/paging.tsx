// "More" for a list the API answers a page at a time (first/after): the pages already shown stay on
// screen while the next one loads, and a new list (another query, filter or held list: another
// `listKey`) starts again from its first page. The view keeps its controls mounted, so focus stays.
import { useState } from 'react';

export interface MorePages<T> {
  /** The cursor to ask the next page after; null for the first page. */
  after: string | null;
  /** The items of the pages before the one asked for, to draw above it (and while it loads). */
  earlier: T[];
  /** Asks for the page after `endCursor`, keeping `shown` (every item drawn so far) above it. */
  more: (shown: T[], endCursor: string) => void;
}

export function useMorePages<T>(listKey: string): MorePages<T> {
  const [pages, setPages] = useState<{ key: string; after: string | null; earlier: T[] }>({ key: listKey, after: null, earlier: [] });
  const current = pages.key === listKey ? pages : { key: listKey, after: null, earlier: [] as T[] };
  return { after: current.after, earlier: current.earlier, more: (shown, endCursor) => setPages({ key: listKey, after: endCursor, earlier: shown }) };
}

/**
 * "Show N more". It stays in place (inert) while the next page loads, so keyboard focus stays on it
 * and the visitor can press it again for the page after; it goes once the last page is shown.
 * `next`: the cursor to continue after, null when there is no next page, undefined while loading.
 */
export function MoreButton({ id, loading, next, count, onMore }: { id: string; loading: boolean; next: string | null | undefined; count: number; onMore: (cursor: string) => void }) {
  if (next === null || (next === undefined && !loading)) return null;
  return (
    <p className="more-row">
      <button type="button" className="button" id={id} aria-disabled={loading} onClick={() => (next ? onMore(next) : undefined)}>
        {loading ? 'Loading more...' : `Show ${count} more`}
      </button>
    </p>
  );
}
