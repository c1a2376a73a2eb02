// The coverage map of a large framework (SP 800-53: about a thousand requirements in 20 families).
// Its groups start collapsed with their counts; a button opens one, and its tiles come from the API a
// page at a time (Coverage.itemsPage), never the whole framework in one request. The filter asks the
// API for the tiles whose ref or title match and opens their groups. The URL keeps the groups open
// and the filter (#/coverage?..&open=AC,SC:2&filter=audit), so a reload or a shared link shows the
// same view; it is updated with replaceState, so opening a group does not redraw the page.

import { graphql } from './api.js';
import { escape } from './html.js';
import { OPERATIONS } from './operations.js';
import { barHtml, summaryText, tileHtml } from './tiles.js';

/** Frameworks with more requirements than this start with their groups collapsed. */
export const COLLAPSE_ABOVE = 150;
/** Tiles per page inside a group, and per page of filter matches. */
export const PAGE_SIZE = 100;
/** The API's largest page. */
const MAX_PAGE = 500;
/** Pause after the last keystroke before the filter asks the API. */
const FILTER_DELAY_MS = 250;

/** `AC,SC:2` as Map { AC => 1, SC => 2 }: the groups open, by ref, and how many pages each shows. */
export function parseOpen(value) {
  const open = new Map();
  for (const part of (value || '').split(',').filter(Boolean)) {
    const colon = part.lastIndexOf(':');
    const pages = colon > 0 ? Number(part.slice(colon + 1)) : NaN;
    if (Number.isInteger(pages) && pages >= 1 && pages <= 100) open.set(part.slice(0, colon), pages);
    else open.set(part, 1);
  }
  return open;
}

export function formatOpen(open) {
  return [...open].map(([ref, pages]) => (pages > 1 ? `${ref}:${pages}` : ref)).join(',');
}

/** The coverage hash's parameters with `changes` applied (null removes one), without a redraw. */
function replaceHashParams(changes) {
  const [path, query = ''] = location.hash.split('?');
  const params = new URLSearchParams(query);
  for (const [key, value] of Object.entries(changes)) {
    if (value) params.set(key, value);
    else params.delete(key);
  }
  history.replaceState(null, '', `${path}?${params}`);
}

/**
 * Draws the groups of `coverage` (answered without items) into `container` and keeps them live.
 * Resolves once the groups open in the URL and the filter are drawn, so the view is ready.
 */
export async function largeCoverage({ container, coverage, base, params, heldParam, isCurrent }) {
  const groups = coverage.groups.map((g, index) => ({ ...g, key: `group-${index}`, items: [], after: null, hasNext: true, error: null }));
  const byRef = new Map(groups.map((g) => [g.group.ref, g]));
  const open = new Map([...parseOpen(params.get('open'))].filter(([ref]) => byRef.has(ref)));
  /** The filter's answer: { query, items, after, hasNext, total, error }; null without a filter. */
  let filtered = null;
  /** Groups closed by hand while a filter shows them. */
  const closedInFilter = new Set();
  let filterSeq = 0;

  container.insertAdjacentHTML('beforeend', `
    <div class="group-tools">
      <label for="tile-filter">Filter by id or title</label>
      <input id="tile-filter" type="search" value="${escape(params.get('filter') || '')}" placeholder="AC-2(1), audit, incident..." autocomplete="off" spellcheck="false" aria-describedby="filter-status">
      <span id="filter-status" role="status" class="muted"></span>
    </div>
    <p class="muted" id="groups-note">${groups.length} groups, collapsed: open one to see its requirements, ${PAGE_SIZE} at a time.</p>
    <div id="groups" aria-live="off"></div>
    <p id="filter-more-row" class="more-row" hidden><button type="button" id="filter-more">Show ${PAGE_SIZE} more matches</button></p>`);
  const groupsEl = container.querySelector('#groups');
  const filterInput = container.querySelector('#tile-filter');
  const filterStatus = container.querySelector('#filter-status');
  const filterMoreRow = container.querySelector('#filter-more-row');

  const sectionOf = (g) => groupsEl.querySelector(`section[data-key="${g.key}"]`);
  const matchesOf = (g) => filtered.items.filter((i) => i.group.id === g.group.id);
  const isExpanded = (g) => (filtered ? !closedInFilter.has(g.group.ref) : open.has(g.group.ref));

  function sectionHtml(g) {
    const s = g.summary;
    const count = filtered ? `<span aria-hidden="true">${matchesOf(g).length} of ${s.total}</span><span class="sr-only">, ${matchesOf(g).length} matching of ${s.total} requirements</span>` : `<span aria-hidden="true">${s.total}</span><span class="sr-only">, ${s.total} requirements</span>`;
    return `<section class="group collapsible" data-group="${escape(g.group.id)}" data-ref="${escape(g.group.ref)}" data-key="${g.key}">
      <header>
        <button type="button" class="group-toggle" id="${g.key}-toggle" aria-expanded="false" aria-controls="${g.key}-tiles">
          <span class="chevron" aria-hidden="true"></span><b>${escape(g.group.ref)}</b> <span class="group-title">${escape(g.group.title)}</span>
          <span class="count" data-count="${filtered ? matchesOf(g).length : s.total}">${count}</span>
        </button>
        ${barHtml(s)} <span class="muted">${summaryText(s)}</span>
      </header>
      <div class="tiles" id="${g.key}-tiles" hidden></div>
    </section>`;
  }

  /** Brings one section in line with the state: expanded or not, its tiles, its "show more". */
  function paint(g) {
    const section = sectionOf(g);
    if (!section) return;
    const expanded = isExpanded(g);
    section.classList.toggle('open', expanded);
    section.querySelector('.group-toggle').setAttribute('aria-expanded', String(expanded));
    const tiles = section.querySelector('.tiles');
    tiles.hidden = !expanded;
    section.querySelector('.more-row')?.remove();
    section.querySelector('.error')?.remove();
    if (!expanded) {
      tiles.innerHTML = '';
      return;
    }
    const items = filtered ? matchesOf(g) : g.items;
    tiles.innerHTML = items.map((i) => tileHtml(i, heldParam)).join('');
    if (g.error && !filtered) tiles.insertAdjacentHTML('afterend', `<div class="error" role="alert"><b>${escape(g.error.code || 'Error')}</b>: ${escape(g.error.message)}</div>`);
    else if (!filtered && g.hasNext && g.items.length > 0) {
      const next = Math.min(PAGE_SIZE, g.summary.total - g.items.length);
      tiles.insertAdjacentHTML('afterend', `<p class="more-row"><button type="button" class="more" aria-describedby="${g.key}-shown">Show ${next} more</button> <span class="muted" id="${g.key}-shown">${g.items.length} of ${g.summary.total} shown</span></p>`);
    }
  }

  function drawAll() {
    const shown = filtered ? groups.filter((g) => matchesOf(g).length > 0) : groups;
    groupsEl.innerHTML = shown.map(sectionHtml).join('');
    shown.forEach(paint);
    container.querySelector('#groups-note').hidden = Boolean(filtered);
    filterMoreRow.hidden = !(filtered && filtered.hasNext);
  }

  /** Fetches pages of `g` until it holds `wanted` items or the group ends. */
  async function load(g, wanted) {
    const section = sectionOf(g);
    section?.setAttribute('aria-busy', 'true');
    g.error = null;
    try {
      while (g.hasNext && g.items.length < wanted) {
        const { coverage: c } = await graphql(OPERATIONS.CoverageItems, { ...base, group: g.group.id, first: Math.min(MAX_PAGE, wanted - g.items.length), after: g.after });
        g.items.push(...c.itemsPage.nodes);
        g.after = c.itemsPage.pageInfo.endCursor;
        g.hasNext = c.itemsPage.pageInfo.hasNextPage;
      }
    } catch (error) {
      g.error = error;
    } finally {
      sectionOf(g)?.removeAttribute('aria-busy');
    }
  }

  function saveOpen() {
    if (isCurrent()) replaceHashParams({ open: formatOpen(open) });
  }

  async function runFilter(query) {
    const seq = ++filterSeq;
    closedInFilter.clear();
    if (isCurrent()) replaceHashParams({ filter: query });
    if (!query) {
      filtered = null;
      filterStatus.textContent = '';
      drawAll();
      return;
    }
    groupsEl.setAttribute('aria-busy', 'true');
    try {
      const { coverage: c } = await graphql(OPERATIONS.CoverageItems, { ...base, search: query, first: PAGE_SIZE });
      if (seq !== filterSeq || !isCurrent()) return;
      filtered = { query, items: c.itemsPage.nodes, after: c.itemsPage.pageInfo.endCursor, hasNext: c.itemsPage.pageInfo.hasNextPage, total: c.itemsPage.totalCount };
      drawAll();
      describeFilter();
    } catch (error) {
      if (seq !== filterSeq) return;
      filterStatus.textContent = `The filter failed: ${error.code || 'error'}: ${error.message}`;
    } finally {
      if (seq === filterSeq) groupsEl.removeAttribute('aria-busy');
    }
  }

  function describeFilter() {
    const groupCount = new Set(filtered.items.map((i) => i.group.id)).size;
    filterStatus.textContent = filtered.total === 0
      ? `Nothing matches "${filtered.query}".`
      : `${filtered.total} ${filtered.total === 1 ? 'requirement matches' : 'requirements match'}${filtered.hasNext ? `, the first ${filtered.items.length} shown` : ''}, in ${groupCount} ${groupCount === 1 ? 'group' : 'groups'}.`;
  }

  groupsEl.addEventListener('click', async (event) => {
    const button = event.target.closest('button');
    const section = button?.closest('section[data-key]');
    if (!button || !section) return;
    const g = groups.find((x) => x.key === section.dataset.key);
    if (button.classList.contains('group-toggle')) {
      const ref = g.group.ref;
      if (filtered) {
        if (closedInFilter.has(ref)) closedInFilter.delete(ref);
        else closedInFilter.add(ref);
        paint(g);
        return;
      }
      if (open.has(ref)) open.delete(ref);
      else open.set(ref, 1);
      saveOpen();
      paint(g);
      if (open.has(ref) && g.items.length === 0) {
        await load(g, PAGE_SIZE);
        paint(g);
      }
    } else if (button.classList.contains('more')) {
      const before = g.items.length;
      button.disabled = true;
      await load(g, before + PAGE_SIZE);
      open.set(g.group.ref, Math.ceil(g.items.length / PAGE_SIZE));
      saveOpen();
      paint(g);
      // Keyboard users carry on from the first new tile.
      const first = g.items[before];
      if (first) sectionOf(g)?.querySelector(`.tile[data-id="${CSS.escape(first.requirement.id)}"]`)?.focus();
    }
  });

  container.querySelector('#filter-more').addEventListener('click', async (event) => {
    const seq = filterSeq;
    const before = filtered.items.length;
    event.currentTarget.disabled = true;
    groupsEl.setAttribute('aria-busy', 'true');
    try {
      const { coverage: c } = await graphql(OPERATIONS.CoverageItems, { ...base, search: filtered.query, first: PAGE_SIZE, after: filtered.after });
      if (seq !== filterSeq) return;
      filtered.items.push(...c.itemsPage.nodes);
      filtered.after = c.itemsPage.pageInfo.endCursor;
      filtered.hasNext = c.itemsPage.pageInfo.hasNextPage;
      drawAll();
      describeFilter();
      const first = filtered.items[before];
      if (first) groupsEl.querySelector(`.tile[data-id="${CSS.escape(first.requirement.id)}"]`)?.focus();
    } catch (error) {
      filterStatus.textContent = `The filter failed: ${error.code || 'error'}: ${error.message}`;
    } finally {
      groupsEl.removeAttribute('aria-busy');
      container.querySelector('#filter-more').disabled = false;
    }
  });

  let typing;
  filterInput.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => runFilter(filterInput.value.trim()), FILTER_DELAY_MS);
  });
  filterInput.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    clearTimeout(typing);
    runFilter(filterInput.value.trim());
  });

  // First paint: every group collapsed but those the URL opens, then their tiles and the filter.
  drawAll();
  await Promise.all([...open].map(async ([ref, pages]) => {
    const g = byRef.get(ref);
    await load(g, pages * PAGE_SIZE);
    paint(g);
  }));
  const query = (params.get('filter') || '').trim();
  if (query) await runFilter(query);
}
