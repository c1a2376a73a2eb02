// The coverage map of a large framework (SP 800-53: about a thousand requirements in 20 families).
// Its groups start collapsed with their counts; a button opens one, and its tiles come from the API
// a page at a time (Coverage.itemsPage), never the whole framework in one request. The filter asks
// the API for the tiles whose ref or title match and opens their groups. The URL keeps the groups
// open and the filter (&open=AC,SC:2&filter=audit), written with replaceState so nothing redraws.
import { useEffect, useRef, useState } from 'react';
import { ApiError, graphql } from '../api.js';
import { parseHash, setParams } from '../router.js';
import { ErrorBox } from '../ui/query-state.js';
import { filtersActive, passes, type CoverageItemLite, type CoverageState } from './coverage-params.js';
import { Bar, summaryText, Tile, type SummaryLite } from './coverage-tiles.js';

/** Frameworks with more requirements than this start with their groups collapsed. */
export const COLLAPSE_ABOVE = 150;
/** Tiles per page inside a group, and per page of filter matches. */
export const PAGE_SIZE = 100;
/** The API's largest page. */
const MAX_PAGE = 500;
/** Pause after the last keystroke before the filter asks the API. */
const FILTER_DELAY_MS = 250;

/** `AC,SC:2` as Map { AC => 1, SC => 2 }: the groups open, by ref, and how many pages each shows. */
export function parseOpen(value: string | null): Map<string, number> {
  const open = new Map<string, number>();
  for (const part of (value || '').split(',').filter(Boolean)) {
    const colon = part.lastIndexOf(':');
    const pages = colon > 0 ? Number(part.slice(colon + 1)) : NaN;
    if (Number.isInteger(pages) && pages >= 1 && pages <= 100) open.set(part.slice(0, colon), pages);
    else open.set(part, 1);
  }
  return open;
}

export function formatOpen(open: Map<string, number>): string {
  return [...open].map(([ref, pages]) => (pages > 1 ? `${ref}:${pages}` : ref)).join(',');
}

interface GroupState {
  group: { id: string; ref: string; title: string };
  summary: SummaryLite;
  key: string;
  items: CoverageItemLite[];
  after: string | null;
  hasNext: boolean;
  error: ApiError | null;
  busy: boolean;
}

interface Filtered {
  query: string;
  items: CoverageItemLite[];
  after: string | null;
  hasNext: boolean;
  total: number;
}

type Page = { coverage: { itemsPage: { nodes: CoverageItemLite[]; totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } };

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(String(e), 'ERROR'));

export function LargeCoverage(props: {
  coverage: { groups: Array<{ group: { id: string; ref: string; title: string }; summary: SummaryLite }> };
  variables: Record<string, unknown>;
  state: CoverageState;
  params: URLSearchParams;
  hash: string;
  onReady: (hash: string) => void;
  /** Told `open|filter` before this map writes them into the URL, so the parent tells them from a navigation. */
  onWrite: (state: string) => void;
}) {
  const { coverage, variables, state } = props;
  const [groups, setGroups] = useState<GroupState[]>(() =>
    coverage.groups.map((g, index) => ({ ...g, key: `group-${index}`, items: [], after: null, hasNext: true, error: null, busy: false })),
  );
  const byRef = new Map(groups.map((g) => [g.group.ref, g]));
  const [open, setOpen] = useState(() => new Map([...parseOpen(props.params.get('open'))].filter(([ref]) => coverage.groups.some((g) => g.group.ref === ref))));
  const [filtered, setFiltered] = useState<Filtered | null>(null);
  const [filterBusy, setFilterBusy] = useState(false);
  const [filterStatus, setFilterStatus] = useState('');
  const [closedInFilter, setClosedInFilter] = useState<Set<string>>(new Set());
  const [started, setStarted] = useState(false);
  const filterSeq = useRef(0);
  const mounted = useRef(true);
  const [focusNext, setFocusNext] = useState<string | null>(null);
  const filterInput = useRef<HTMLInputElement>(null);
  const typing = useRef<ReturnType<typeof setTimeout>>();
  const groupsRef = useRef(groups);
  groupsRef.current = groups;

  useEffect(() => () => void (mounted.current = false), []);

  const update = (key: string, change: Partial<GroupState>) => setGroups((gs) => gs.map((g) => (g.key === key ? { ...g, ...change } : g)));

  /** Fetches pages of a group until it holds `wanted` items or the group ends; resolves to its items. */
  async function load(key: string, wanted: number): Promise<CoverageItemLite[]> {
    const g = groupsRef.current.find((x) => x.key === key)!;
    update(key, { busy: true, error: null });
    let { items, after, hasNext } = g;
    try {
      while (hasNext && items.length < wanted) {
        const page = await graphql<Page>('CoverageItems', { ...variables, group: g.group.id, first: Math.min(MAX_PAGE, wanted - items.length), after });
        items = [...items, ...page.coverage.itemsPage.nodes];
        after = page.coverage.itemsPage.pageInfo.endCursor;
        hasNext = page.coverage.itemsPage.pageInfo.hasNextPage;
      }
      if (mounted.current) update(key, { items, after, hasNext, busy: false });
    } catch (error) {
      if (mounted.current) update(key, { items, after, hasNext, busy: false, error: asApiError(error) });
    }
    // The state is rendered later: keep the ref in step so a second load in this tick starts from here.
    groupsRef.current = groupsRef.current.map((x) => (x.key === key ? { ...x, items, after, hasNext } : x));
    return items;
  }

  /** Writes the map's own state into the URL without a redraw or a history step. */
  function writeUrl(changes: { open?: string | null; filter?: string | null }) {
    const params = new URLSearchParams(parseHash().params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) params.set(k, v);
      else params.delete(k);
    }
    props.onWrite(`${params.get('open') ?? ''}|${params.get('filter') ?? ''}`);
    setParams(changes, { replace: true });
  }

  function saveOpen(next: Map<string, number>) {
    setOpen(next);
    writeUrl({ open: formatOpen(next) || null });
  }

  async function runFilter(query: string) {
    const seq = ++filterSeq.current;
    setClosedInFilter(new Set());
    writeUrl({ filter: query || null });
    if (!query) {
      setFiltered(null);
      setFilterStatus('');
      setFilterBusy(false);
      return;
    }
    setFilterBusy(true);
    try {
      const page = await graphql<Page>('CoverageItems', { ...variables, search: query, first: PAGE_SIZE });
      if (seq !== filterSeq.current || !mounted.current) return;
      const p = page.coverage.itemsPage;
      const next = { query, items: p.nodes, after: p.pageInfo.endCursor, hasNext: p.pageInfo.hasNextPage, total: p.totalCount };
      setFiltered(next);
      setFilterStatus(describe(next));
    } catch (error) {
      if (seq === filterSeq.current) setFilterStatus(`The filter failed: ${asApiError(error).code}: ${asApiError(error).message}`);
    } finally {
      if (seq === filterSeq.current && mounted.current) setFilterBusy(false);
    }
  }

  async function moreMatches() {
    if (!filtered) return;
    const seq = filterSeq.current;
    const before = filtered.items.length;
    setFilterBusy(true);
    try {
      const page = await graphql<Page>('CoverageItems', { ...variables, search: filtered.query, first: PAGE_SIZE, after: filtered.after });
      if (seq !== filterSeq.current) return;
      const p = page.coverage.itemsPage;
      const next = { ...filtered, items: [...filtered.items, ...p.nodes], after: p.pageInfo.endCursor, hasNext: p.pageInfo.hasNextPage };
      setFiltered(next);
      setFilterStatus(describe(next));
      setFocusNext(next.items[before]?.requirement.id ?? null);
    } catch (error) {
      setFilterStatus(`The filter failed: ${asApiError(error).code}: ${asApiError(error).message}`);
    } finally {
      setFilterBusy(false);
    }
  }

  // First paint: the groups the URL opens, then the filter it carries.
  useEffect(() => {
    const first = async () => {
      await Promise.all([...open].map(([ref, pages]) => load(byRef.get(ref)!.key, pages * PAGE_SIZE)));
      const query = (props.params.get('filter') || '').trim();
      if (query) await runFilter(query);
      if (mounted.current) setStarted(true);
    };
    void first();
    // Once, for the place this map was opened at.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const busy = !started || filterBusy || groups.some((g) => g.busy);
  useEffect(() => {
    if (!busy) props.onReady(props.hash);
  }, [busy, props.hash]); // eslint-disable-line react-hooks/exhaustive-deps

  // Keyboard users carry on from the first new tile after "show more".
  useEffect(() => {
    if (!focusNext) return;
    const tile = document.querySelector<HTMLElement>(`.tile[data-id="${CSS.escape(focusNext)}"]`);
    if (tile) {
      tile.focus();
      setFocusNext(null);
    }
  });

  const matchesOf = (g: GroupState) => (filtered ? filtered.items.filter((i) => i.group.id === g.group.id) : []);
  const isExpanded = (g: GroupState) => (filtered ? !closedInFilter.has(g.group.ref) : open.has(g.group.ref));
  const shownGroups = filtered ? groups.filter((g) => matchesOf(g).length > 0) : groups;
  const active = filtersActive(state.filters);

  const toggle = async (g: GroupState) => {
    const ref = g.group.ref;
    if (filtered) {
      const next = new Set(closedInFilter);
      if (next.has(ref)) next.delete(ref);
      else next.add(ref);
      setClosedInFilter(next);
      return;
    }
    const next = new Map(open);
    if (next.has(ref)) next.delete(ref);
    else next.set(ref, 1);
    saveOpen(next);
    if (next.has(ref) && g.items.length === 0) await load(g.key, PAGE_SIZE);
  };

  const more = async (g: GroupState) => {
    const before = g.items.length;
    const items = await load(g.key, before + PAGE_SIZE);
    const next = new Map(open);
    next.set(g.group.ref, Math.ceil(items.length / PAGE_SIZE));
    setFocusNext(items[before]?.requirement.id ?? null);
    saveOpen(next);
  };

  return (
    <>
      <div className="group-tools">
        <label htmlFor="tile-filter">Filter by id or title</label>
        <input
          id="tile-filter"
          ref={filterInput}
          type="search"
          defaultValue={props.params.get('filter') || ''}
          placeholder="AC-2(1), audit, incident..."
          autoComplete="off"
          spellCheck={false}
          aria-describedby="filter-status"
          onChange={(e) => {
            const value = e.currentTarget.value.trim();
            clearTimeout(typing.current);
            typing.current = setTimeout(() => void runFilter(value), FILTER_DELAY_MS);
          }}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            clearTimeout(typing.current);
            void runFilter(e.currentTarget.value.trim());
          }}
        />
        <span id="filter-status" role="status" className="muted">{filterStatus}</span>
      </div>
      {filtered ? null : <p className="muted" id="groups-note">{groups.length} groups, collapsed: open one to see its requirements, {PAGE_SIZE} at a time.</p>}
      <div id="groups" aria-busy={filterBusy ? 'true' : undefined}>
        {shownGroups.map((g) => {
          const expanded = isExpanded(g);
          const items = (filtered ? matchesOf(g) : g.items).filter((i) => passes(i, state.filters));
          const s = g.summary;
          const countNumber = filtered ? matchesOf(g).length : s.total;
          return (
            <section className="group collapsible" key={g.key} data-group={g.group.id} data-ref={g.group.ref} data-key={g.key} aria-busy={g.busy ? 'true' : undefined}>
              <div className="group-head">
                <button type="button" className="group-toggle" id={`${g.key}-toggle`} aria-expanded={expanded} aria-controls={`${g.key}-tiles`} onClick={() => void toggle(g)}>
                  <span className="chevron" aria-hidden="true" />
                  <b>{g.group.ref}</b> <span className="group-title">{g.group.title}</span>
                  <span className="count" data-count={countNumber}>
                    <span aria-hidden="true">{filtered ? `${countNumber} of ${s.total}` : s.total}</span>
                    <span className="sr-only">{filtered ? `, ${countNumber} matching of ${s.total} requirements` : `, ${s.total} requirements`}</span>
                  </span>
                </button>
                <Bar summary={s} /> <span className="muted">{summaryText(s)}</span>
              </div>
              <div className="tiles" id={`${g.key}-tiles`} hidden={!expanded}>
                {expanded ? items.map((i) => <Tile key={i.requirement.id} item={i} held={state.held} inferred={state.inferred} />) : null}
              </div>
              {expanded && active ? <p className="muted">{items.length} of the {filtered ? matchesOf(g).length : g.items.length} loaded match the filters.</p> : null}
              {expanded && g.error && !filtered ? <ErrorBox error={g.error} /> : null}
              {expanded && !filtered && g.hasNext && g.items.length > 0 ? (
                <p className="more-row">
                  <button type="button" className="more button" disabled={g.busy} aria-describedby={`${g.key}-shown`} onClick={() => void more(g)}>
                    Show {Math.min(PAGE_SIZE, s.total - g.items.length)} more
                  </button>{' '}
                  <span className="muted" id={`${g.key}-shown`}>{g.items.length} of {s.total} shown</span>
                </p>
              ) : null}
            </section>
          );
        })}
      </div>
      {filtered?.hasNext ? (
        <p id="filter-more-row" className="more-row">
          <button type="button" id="filter-more" className="button" disabled={filterBusy} onClick={() => void moreMatches()}>
            Show {PAGE_SIZE} more matches
          </button>
        </p>
      ) : null}
    </>
  );
}

function describe(f: Filtered): string {
  const groupCount = new Set(f.items.map((i) => i.group.id)).size;
  return f.total === 0
    ? `Nothing matches "${f.query}".`
    : `${f.total} ${f.total === 1 ? 'requirement matches' : 'requirements match'}${f.hasNext ? `, the first ${f.items.length} shown` : ''}, in ${groupCount} ${groupCount === 1 ? 'group' : 'groups'}.`;
}
