import type { Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { statusLabel } from '../../src/exports/glossary.js';
import { SCREENSHOTS, viewReady } from '../helpers/browser.js';
import { useExplorerBrowser } from '../helpers/explorer-browser.js';
import { startTestServer } from '../helpers/http.js';
import { fixtureGraph } from '../helpers/fixture-seed.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';

/**
 * The faults issue #22 found in the explorer's views, each driven in Chromium on the real graph.
 * Every test here failed on the vanilla explorer it replaces (state bugs, focus, titles, status by
 * colour alone, cut tile titles, the requirement page burying what is held, the graph's collisions).
 */

const e2e = useExplorerBrowser();

const { ready, open } = e2e;
const activeDescription = () => e2e.page.evaluate(() => {
  const a = document.activeElement as HTMLInputElement | null;
  return a ? `${a.tagName.toLowerCase()}#${a.id}[name=${a.getAttribute('name')}][value=${a.getAttribute('value')}]` : 'none';
});

/** What the requirement page's graph reports on window.crosswalkGraph (src/explorer/app/views/requirement-graph.tsx). */
interface GraphHook {
  nodes: number;
  edges: number;
  boxes: Array<{ id: string; kind: string; column: string; colour: string; x1: number; y1: number; x2: number; y2: number }>;
  edgeStyles: Array<{ relationship: string; lineStyle: string; arrow: string; width: number; label: string }>;
  zoom: number;
}

/** The body of a GraphQL request, parsed. */
const bodyOf = (route: Route) => {
  try {
    return JSON.parse(route.request().postData() ?? '{}') as { query?: string; variables?: Record<string, unknown> };
  } catch {
    return {};
  }
};

describe('coverage map state', () => {
  it('unticking the last held framework leaves nothing held and says so: SOC 2 is never ticked again', async () => {
    await open('#/coverage?target=iso42001&held=soc2', 'coverage');
    await e2e.page.locator('input[name="held"][value="soc2"]').uncheck();
    await e2e.page.waitForFunction(() => /[?&]held=(&|$)/.test(location.hash));
    await ready('coverage');
    expect(await e2e.page.locator('input[name="held"]:checked').count()).toBe(0);
    expect(await e2e.page.locator('#nothing-held').textContent()).toMatch(/Nothing held/);
    expect(await e2e.page.locator('.tile').count()).toBe(0);
    // A reload of that URL says the same: held= is "nothing", not "the default".
    await e2e.page.reload();
    await ready('coverage');
    expect(await e2e.page.locator('input[name="held"]:checked').count()).toBe(0);
    expect(await e2e.page.locator('#nothing-held').count()).toBe(1);
  });

  it('keeps keyboard focus on the control just changed (held framework, kind, status filter)', async () => {
    await open('#/coverage?target=iso42001&held=soc2', 'coverage');
    await e2e.page.locator('input[name="held"][value="iso27001"]').focus();
    await e2e.page.keyboard.press('Space');
    await e2e.page.waitForFunction(() => location.hash.includes('iso27001'));
    await ready('coverage');
    expect(await activeDescription()).toBe('input#[name=held][value=iso27001]');
    await e2e.page.locator('#kind').focus();
    await e2e.page.keyboard.press('ArrowDown');
    await e2e.page.waitForFunction(() => location.hash.includes('kind='));
    await ready('coverage');
    expect(await activeDescription()).toMatch(/^select#kind/);
    await e2e.page.locator('input[name="status"][value="PARTIAL"]').focus();
    await e2e.page.keyboard.press('Space');
    await e2e.page.waitForFunction(() => location.hash.includes('status=PARTIAL'));
    await ready('coverage');
    expect(await activeDescription()).toBe('input#[name=status][value=PARTIAL]');
  });

  it('shows a loading state while the answer is on its way', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await e2e.page.route('**/graphql', async (route) => {
      if (bodyOf(route).query?.includes('query CoverageGroups')) await held;
      await route.continue().catch(() => undefined);
    });
    try {
      await e2e.page.goto(`${e2e.server.url}/explorer/#/coverage?target=iso27001&held=soc2`);
      await e2e.page.waitForSelector('#coverage-result [data-loading="true"]');
      expect(await e2e.page.locator('#coverage-result [role="status"]').textContent()).toMatch(/Counting coverage/);
      expect(await e2e.page.evaluate(() => document.body.dataset.ready)).toBeUndefined();
      release();
      await ready('coverage');
      expect(await e2e.page.locator('#coverage-result [data-loading="true"]').count()).toBe(0);
    } finally {
      release();
      await e2e.page.unroute('**/graphql');
    }
  });

  it('filters tiles by status, relationship, strength and source, and keeps the filters in the URL', async () => {
    await open('#/coverage?target=iso42001&held=soc2,nist-ai-rmf', 'coverage');
    const all = await e2e.page.locator('.tile').count();
    const api = await e2e.server.query(`{ coverage(target: "iso42001", held: ["soc2", "nist-ai-rmf"]) { summary { partial } items { requirement { id } status via { relationship strength sources { name } } } } }`);
    const items = api.data!.coverage.items as Array<{ requirement: { id: string }; status: string; via: Array<{ relationship: string; strength: number | null; sources: Array<{ name: string }> }> }>;
    expect(all).toBe(items.length);
    await e2e.page.locator('input[name="status"][value="PARTIAL"]').check();
    await e2e.page.waitForFunction(() => location.hash.includes('status=PARTIAL'));
    await ready('coverage');
    expect(new Set(await e2e.page.locator('.tile').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.status)))).toEqual(new Set(['PARTIAL']));
    expect(await e2e.page.locator('.tile').count()).toBe(api.data!.coverage.summary.partial);
    await e2e.page.locator('input[name="status"][value="PARTIAL"]').uncheck();
    await e2e.page.selectOption('#min-strength', '6');
    await e2e.page.waitForFunction(() => location.hash.includes('minStrength=6'));
    await ready('coverage');
    const strong = items.filter((i) => i.via.some((l) => (l.strength ?? 0) >= 6)).map((i) => i.requirement.id);
    expect(strong.length).toBeGreaterThan(0);
    expect(await e2e.page.locator('.tile').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id))).toEqual(strong);
    await e2e.page.selectOption('#min-strength', '');
    await e2e.page.selectOption('#rel', 'RELATED');
    await ready('coverage');
    const related = items.filter((i) => i.via.some((l) => l.relationship === 'RELATED')).map((i) => i.requirement.id);
    expect(related.length).toBeGreaterThan(0);
    expect(await e2e.page.locator('.tile').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id))).toEqual(related);
    await e2e.page.selectOption('#rel', '');
    const source = 'Crosswalk curated mappings';
    await e2e.page.selectOption('#source', source);
    await e2e.page.waitForFunction(() => location.hash.includes('source='));
    await ready('coverage');
    const curated = items.filter((i) => i.via.some((l) => l.sources.some((s) => s.name === source))).map((i) => i.requirement.id);
    expect(curated.length).toBeLessThan(items.length);
    expect(await e2e.page.locator('.tile').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id))).toEqual(curated);
    // A reload keeps the filter.
    await e2e.page.reload();
    await ready('coverage');
    expect(await e2e.page.locator('#source').inputValue()).toBe(source);
    expect(await e2e.page.locator('.tile').count()).toBe(curated.length);
  });

  it('the readiness toggle asks the API with `implemented`: held requirements not in place leave NOT_IMPLEMENTED', async () => {
    await open('#/coverage?target=iso42001&held=soc2&kind=CONTROL', 'coverage');
    await e2e.page.locator('input[name="readiness"]').check();
    await e2e.page.waitForFunction(() => location.hash.includes('readiness=1'));
    await ready('coverage');
    const none = await e2e.server.query(`{ coverage(target: "iso42001", held: ["soc2"], kind: CONTROL, implemented: []) { summary { notImplemented } } }`);
    expect(none.data!.coverage.summary.notImplemented).toBeGreaterThan(0);
    expect(await e2e.page.locator('.tile[data-status="NOT_IMPLEMENTED"]').count()).toBe(none.data!.coverage.summary.notImplemented);
    expect(await e2e.page.locator('#totals .pill-total[data-status="NOT_IMPLEMENTED"]').textContent()).toMatch(new RegExp(statusLabel('NOT_IMPLEMENTED')));
    await e2e.page.fill('#implemented', 'soc2:CC7.2, soc2:CC8.1');
    await e2e.page.press('#implemented', 'Enter');
    await e2e.page.waitForFunction(() => location.hash.includes('implemented='));
    await ready('coverage');
    const some = await e2e.server.query(`{ coverage(target: "iso42001", held: ["soc2"], kind: CONTROL, implemented: ["soc2:CC7.2", "soc2:CC8.1"]) { summary { notImplemented partial } } }`);
    expect(await e2e.page.locator('.tile[data-status="NOT_IMPLEMENTED"]').count()).toBe(some.data!.coverage.summary.notImplemented);
    expect(await e2e.page.locator('.tile[data-status="PARTIAL"]').count()).toBe(some.data!.coverage.summary.partial);
  });
});

describe('coverage tiles', () => {
  it('never cut a title: each shows the whole title the API has, without ellipsis or overflow', async () => {
    await open('#/coverage?target=iso42001&held=soc2&kind=CONTROL', 'coverage');
    const api = await e2e.server.query(`{ coverage(target: "iso42001", held: ["soc2"], kind: CONTROL) { items { requirement { id title } } } }`);
    const titles = Object.fromEntries(api.data!.coverage.items.map((i: any) => [i.requirement.id, i.requirement.title]));
    const shown = await e2e.page.locator('.tile').evaluateAll((els) =>
      els.map((e) => {
        const t = e.querySelector('.tile-title') as HTMLElement;
        const style = getComputedStyle(t);
        return { id: (e as HTMLElement).dataset.id!, text: t.textContent, ellipsis: style.textOverflow === 'ellipsis', overflowX: t.scrollWidth > t.clientWidth + 1, overflowY: t.scrollHeight > t.clientHeight + 1, tileOverflow: e.scrollHeight > (e as HTMLElement).clientHeight + 1 || e.scrollWidth > (e as HTMLElement).clientWidth + 1 };
      }),
    );
    expect(shown).toHaveLength(38);
    for (const s of shown) expect(s, s.id).toEqual({ id: s.id, text: titles[s.id], ellipsis: false, overflowX: false, overflowY: false, tileOverflow: false });
    // Also on a phone.
    await e2e.page.setViewportSize({ width: 390, height: 844 });
    try {
      const narrow = await e2e.page.locator('.tile-title').evaluateAll((els) => els.filter((t) => t.scrollWidth > t.clientWidth + 1).length);
      expect(narrow).toBe(0);
    } finally {
      await e2e.page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('tell status by shape and words, not colour alone, in the tiles, the totals and a legend; status labels are not buttons', async () => {
    await open('#/coverage?target=iso42001&held=soc2', 'coverage');
    const badges = await e2e.page.locator('.status-badge').evaluateAll((els) =>
      els.map((e) => {
        const style = getComputedStyle(e);
        return { status: (e as HTMLElement).dataset.status!, word: e.querySelector('.status-word')?.textContent ?? '', shape: Boolean(e.querySelector('svg.status-shape')), borderWidth: style.borderTopWidth, background: style.backgroundColor, cursor: style.cursor, inButton: Boolean(e.closest('button')) };
      }),
    );
    expect(badges.length).toBeGreaterThan(38);
    for (const b of badges) {
      expect(b.word, b.status).toBe(statusLabel(b.status));
      expect(b.shape, b.status).toBe(true);
      // A label, not a pill that looks pressable: no border, no fill of its own, no pointer, never in a button.
      expect(b.borderWidth, b.status).toBe('0px');
      expect(b.background, b.status).toBe('rgba(0, 0, 0, 0)');
      expect(b.inButton, b.status).toBe(false);
    }
    const totalsCursor = await e2e.page.locator('#totals .status-badge').evaluateAll((els) => els.map((e) => getComputedStyle(e).cursor));
    expect(new Set(totalsCursor)).toEqual(new Set(['auto']));
    // Each status has a shape of its own, and the legend names every status drawn.
    const shapes = await e2e.page.locator('#legend .status-badge').evaluateAll((els) => els.map((e) => e.querySelector('svg')!.innerHTML));
    expect(new Set(shapes).size).toBe(shapes.length);
    expect(await e2e.page.locator('#legend .status-word').allTextContents()).toEqual(['Full', 'Partial', 'New: assessed, nothing found', 'Not assessed']);
    // The tile's name, as a screen reader hears it, includes its status.
    const a626 = e2e.page.locator('.tile[data-id="iso42001:A.6.2.6"]');
    expect(await e2e.page.getByRole('link', { name: /A\.6\.2\.6 AI system operation and monitoring Partial/ }).count()).toBe(1);
    expect(await a626.locator('.strength').getAttribute('data-strength')).toBe('5');
  });
});

describe('requirement page', () => {
  it('A.6.2.6 with SOC 2 held: PARTIAL at the top, its three SOC 2 reasons first, in the first screen', async () => {
    await open('#/coverage?target=iso42001&held=soc2', 'coverage');
    await e2e.page.locator('.tile[data-id="iso42001:A.6.2.6"]').click();
    await ready('requirement');
    expect(e2e.page.url()).toMatch(/held=soc2/);
    const verdict = e2e.page.locator('#verdict');
    expect(await verdict.getAttribute('data-status')).toBe('PARTIAL');
    expect(await verdict.locator('.status-badge .status-word').first().textContent()).toBe('Partial');
    expect(await verdict.locator('h2').textContent()).toMatch(/^Given SOC 2:/);
    const api = await e2e.server.query(`{ coverage(target: "iso42001", held: ["soc2"]) { itemsPage(search: "A.6.2.6") { nodes { requirement { id } via { requirement { id } } } } } }`);
    const via = api.data!.coverage.itemsPage.nodes.find((n: any) => n.requirement.id === 'iso42001:A.6.2.6').via.map((l: any) => l.requirement.id);
    expect(via).toHaveLength(3);
    const reasons = await e2e.page.locator('#why > li').evaluateAll((els) => els.map((e) => [(e as HTMLElement).dataset.held, (e as HTMLElement).dataset.framework]));
    expect(reasons).toEqual(via.map((id: string) => [id, 'soc2']));
    // At the top: the verdict and its reasons come before the graph and the other mappings, and the verdict is on the first screen.
    const [v, graph, rest] = await Promise.all([verdict.boundingBox(), e2e.page.locator('#graph').boundingBox(), e2e.page.locator('#reasons').boundingBox()]);
    expect(v!.y).toBeLessThan(800);
    expect(v!.y).toBeLessThan(graph!.y);
    expect(graph!.y).toBeLessThan(rest!.y);
    const firstReason = await e2e.page.locator('#why > li').first().boundingBox();
    expect(firstReason!.y + firstReason!.height).toBeLessThan(800);
    // The reasons are not repeated in the list below.
    const others = await e2e.page.locator('#mappings li').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.other));
    for (const id of via) expect(others).not.toContain(id);
    await e2e.page.screenshot({ path: `${SCREENSHOTS}/requirement-a626-held-soc2.png` });
  });

  it('draws the path of an inferred status, hop by hop (on the fixture graph: the real seed composes no link soundly)', async () => {
    const fixture = await startTestServer(new MemoryStore(fixtureGraph()));
    const other = await e2e.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    other.on('pageerror', (e) => errors.push(e.message));
    other.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    try {
      const api = await fixture.query(`{ coverage(target: "beta", held: ["alpha"], inferred: true) { items { requirement { id } status inferred via { inferred path { id } } } } }`);
      const item = api.data!.coverage.items.find((i: any) => i.requirement.id === 'beta:B4');
      expect(item.inferred).toBe(true);
      await other.goto(`${fixture.url}/explorer/#/requirement/${encodeURIComponent('beta:B4')}?held=alpha&inferred=1`);
      await viewReady(other, 'requirement');
      expect(await other.locator('#verdict').getAttribute('data-status')).toBe(item.status);
      expect(await other.locator('#verdict .status-inferred').count()).toBe(1);
      const path = other.locator('#why > li').first().locator('.path');
      expect(await path.getAttribute('aria-label')).toMatch(/Inferred path/);
      const hops = await path.locator('.hop').evaluateAll((els) => els.map((e) => decodeURIComponent((e as HTMLAnchorElement).hash.split('/')[2]!.split('?')[0]!)));
      expect(hops).toEqual(item.via[0].path.map((p: any) => p.id));
      expect(await path.locator('.arrow').count()).toBe(hops.length - 1);
      // Without inference the same requirement is not covered by that path.
      await other.locator('input[name="inferred"]').uncheck();
      await other.waitForFunction(() => !location.hash.includes('inferred=1'));
      await viewReady(other, 'requirement');
      expect(await other.locator('#verdict .path').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await other.close();
      await fixture.close();
    }
  });

  it('a slow answer never overwrites a newer view: the URL says A.6.2.6 and A.6.2.6 is drawn', async () => {
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    let delayed = 0;
    await e2e.page.route('**/graphql', async (route) => {
      if (bodyOf(route).variables?.id === 'iso42001:A.5.2') {
        delayed += 1;
        await slow;
      }
      await route.continue().catch(() => undefined);
    });
    try {
      await e2e.page.goto(`${e2e.server.url}/explorer/#/requirement/${encodeURIComponent('iso42001:A.5.2')}`);
      await e2e.page.waitForFunction(() => document.querySelector('[data-loading="true"]') !== null);
      expect(delayed).toBe(1);
      await e2e.page.evaluate(() => (location.hash = `#/requirement/${encodeURIComponent('iso42001:A.6.2.6')}`));
      await ready('requirement');
      release();
      // Give the released answer every chance to land.
      await e2e.page.waitForTimeout(500);
      await ready('requirement');
      expect(e2e.page.url()).toContain('A.6.2.6');
      expect(await e2e.page.locator('h1').textContent()).toMatch(/A\.6\.2\.6/);
      expect(await e2e.page.title()).toMatch(/A\.6\.2\.6/);
      const focus = await e2e.page.evaluate(() => ((window as any).crosswalkGraph as GraphHook).boxes.find((b) => b.kind === 'focus')!.id);
      expect(focus).toBe('iso42001:A.6.2.6');
    } finally {
      release();
      await e2e.page.unroute('**/graphql');
    }
  });

  it('an unknown id answers NOT_FOUND with its suggestions as links', async () => {
    await open(`#/requirement/${encodeURIComponent('iso42001:A.6.2.66')}`, 'error');
    expect(await e2e.page.locator('.error .error-code').textContent()).toBe('NOT_FOUND');
    const links = e2e.page.locator('.error .suggestions a');
    expect(await links.count()).toBeGreaterThan(1);
    expect(await links.first().textContent()).toBe('iso42001:A.6.2.6');
    await links.first().click();
    await ready('requirement');
    expect(await e2e.page.locator('h1').textContent()).toMatch(/A\.6\.2\.6/);
  });
});

describe('neighbourhood graph', () => {
  it('has no overlapping labels, one column per node kind and per framework, distinct framework colours and relationship styles, a legend, zoom and fit, and fits the viewport', async () => {
    await open(`#/requirement/${encodeURIComponent('iso42001:A.6.2.6')}?held=soc2`, 'requirement');
    const g: GraphHook = await e2e.page.evaluate(() => (window as any).crosswalkGraph);
    expect(g.nodes).toBeGreaterThan(20);
    // No two nodes' boxes (label included) overlap.
    const overlaps: string[] = [];
    for (const [i, a] of g.boxes.entries()) {
      for (const b of g.boxes.slice(i + 1)) {
        if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) overlaps.push(`${a.id} / ${b.id}`);
      }
    }
    expect(overlaps).toEqual([]);
    // Kinds and frameworks each in a column of their own: columns do not share any horizontal span.
    const columns = new Map<string, { x1: number; x2: number; kinds: Set<string> }>();
    for (const b of g.boxes.filter((x) => x.kind !== 'header')) {
      const c = columns.get(b.column) ?? { x1: Infinity, x2: -Infinity, kinds: new Set<string>() };
      c.x1 = Math.min(c.x1, b.x1);
      c.x2 = Math.max(c.x2, b.x2);
      c.kinds.add(b.kind);
      columns.set(b.column, c);
    }
    expect([...columns.keys()].sort()).toEqual(['discipline', 'evidence', 'focus', 'fw:eu-ai-act', 'fw:iso27001', 'fw:nist-ai-rmf', 'fw:soc2', 'risk']);
    for (const c of columns.values()) expect(c.kinds.size).toBe(1);
    const spans = [...columns.values()].sort((a, b) => a.x1 - b.x1);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.x1).toBeGreaterThanOrEqual(spans[i - 1]!.x2);
    // Held frameworks first, right of the requirement.
    const order = [...columns.entries()].filter(([k]) => k.startsWith('fw:')).sort((a, b) => a[1].x1 - b[1].x1).map(([k]) => k);
    expect(order[0]).toBe('fw:soc2');
    // A colour per framework.
    const colourOf = new Map<string, Set<string>>();
    for (const b of g.boxes.filter((x) => x.kind === 'requirement')) colourOf.set(b.column, (colourOf.get(b.column) ?? new Set()).add(b.colour));
    for (const set of colourOf.values()) expect(set.size).toBe(1);
    expect(new Set([...colourOf.values()].map((s) => [...s][0])).size).toBe(colourOf.size);
    // Relationship types drawn differently; strength on the edge.
    const styleOf = new Map(g.edgeStyles.map((e) => [e.relationship, `${e.lineStyle}/${e.arrow}`]));
    expect(styleOf.get('INTERSECTS_WITH')).not.toBe(styleOf.get('RELATED'));
    for (const e of g.edgeStyles.filter((x) => x.relationship === 'INTERSECTS_WITH')) expect(e.label).toMatch(/\d+\/10$/);
    // A legend for frameworks, links and node kinds.
    const legend = await e2e.page.locator('#graph-legend').textContent();
    for (const words of ['SOC 2', 'NIST AI RMF', 'intersects with', 'related', 'risks mitigated', 'evidence']) expect(legend).toContain(words);
    // Zoom and fit.
    const before = g.zoom;
    await e2e.page.click('#graph-zoom-in');
    const zoomed = await e2e.page.evaluate(() => (window as any).crosswalkGraph.zoom as number);
    expect(zoomed).toBeGreaterThan(before);
    await e2e.page.click('#graph-fit');
    expect(await e2e.page.evaluate(() => (window as any).crosswalkGraph.zoom as number)).toBeCloseTo(before, 5);
    // Its height fits the viewport.
    const box = await e2e.page.locator('#graph').boundingBox();
    expect(box!.height).toBeLessThanOrEqual(800);
    expect(box!.height).toBeGreaterThanOrEqual(240);
    await e2e.page.locator('.graph-box').screenshot({ path: `${SCREENSHOTS}/graph-a626.png` });
  });
});

describe('every view', () => {
  it('has a title of its own', async () => {
    const titles: string[] = [];
    for (const [hash, name] of [
      ['#/coverage?target=iso42001&held=soc2', 'coverage'],
      ['#/coverage?target=iso27001&held=soc2', 'coverage'],
      [`#/requirement/${encodeURIComponent('iso42001:A.6.2.6')}`, 'requirement'],
      ['#/matrix', 'matrix'],
      ['#/search?q=oversight', 'search'],
      ['#/review', 'review'],
    ] as const) {
      await open(hash, name);
      titles.push(await e2e.page.title());
    }
    expect(titles).toEqual([
      'Coverage of ISO 42001 given SOC 2 · Crosswalk explorer',
      'Coverage of ISO 27001 given SOC 2 · Crosswalk explorer',
      'ISO 42001 A.6.2.6 AI system operation and monitoring · Crosswalk explorer',
      'Overlap matrix · Crosswalk explorer',
      'Search: oversight · Crosswalk explorer',
      'Review queue · Crosswalk explorer',
    ]);
  });

  it('has a skip link to the content, first in the tab order', async () => {
    await open('#/matrix', 'matrix');
    await e2e.page.reload();
    await ready('matrix');
    await e2e.page.keyboard.press('Tab');
    expect(await e2e.page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await e2e.page.keyboard.press('Enter');
    expect(await e2e.page.evaluate(() => document.activeElement?.id)).toBe('main');
    expect(e2e.page.url()).toContain('#/matrix');
  });

  it('switches to a dark theme and keeps the choice', async () => {
    await open('#/matrix', 'matrix');
    const light = await e2e.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await e2e.page.click('#theme-toggle');
    expect(await e2e.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await e2e.page.getAttribute('#theme-toggle', 'aria-pressed')).toBe('true');
    const dark = await e2e.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(dark).not.toBe(light);
    await e2e.page.reload();
    await ready('matrix');
    expect(await e2e.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await e2e.page.click('#theme-toggle');
    expect(await e2e.page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
  });

  it('logged no console error, page error or off-host request', () => {
    expect(e2e.problems).toEqual([]);
  });
});
