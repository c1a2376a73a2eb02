import { describe, expect, it } from 'vitest';
import { statusLabel } from '../../src/exports/glossary.js';
import { SCREENSHOTS } from '../helpers/browser.js';
import { useExplorerBrowser } from '../helpers/explorer-browser.js';
import { csvCells, csvRows, downloadTable } from '../helpers/table-downloads.js';

/**
 * The last of issue #22 in Chromium on the real graph: download buttons on the overlap matrix, the
 * search page and the requirement page (each link checked against the table it fetches), the
 * requirement page's disciplines, risks and evidence as links to their catalogue pages. Every
 * expectation comes from the API's own answer, never from numbers written here.
 */

const e2e = useExplorerBrowser();
const { open } = e2e;

async function api<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const answer = await e2e.server.query(query, variables);
  expect(answer.errors).toBeUndefined();
  return answer.data as T;
}

const FORMATS = ['csv', 'xlsx', 'html', 'md'];
const CONTENT_TYPE: Record<string, RegExp> = { csv: /^text\/csv/, xlsx: /spreadsheetml/, html: /^text\/html/, md: /^text\/markdown/ };

/** The hrefs of one download block's buttons, by format, in the order shown. */
const exportLinks = (block: string) =>
  e2e.page.locator(`${block} .table-export a`).evaluateAll((els) => els.map((e) => [(e as HTMLElement).dataset.format!, e.getAttribute('href')!] as const));

/** Every button of the block is the same table in each of the four formats, and each downloads. */
async function expectFourFormats(block: string, table: string, query: string): Promise<void> {
  const links = await exportLinks(block);
  expect(links.map(([f]) => f)).toEqual(FORMATS);
  for (const [format, href] of links) {
    expect(href).toBe(`/export/tables/${table}.${format}?${query}`);
    const file = await downloadTable(e2e.server.url, href);
    expect(file.status, href).toBe(200);
    expect(file.type, href).toMatch(CONTENT_TYPE[format]!);
  }
}

/** The target refs a crosswalk CSV lists (its first column), each once. */
const crosswalkRefs = async (href: string) => new Set(csvRows((await downloadTable(e2e.server.url, href)).bytes).map((line) => csvCells(line)[0]));

/** Every requirement ref of `target`, as the coverage answer lists them. */
const targetRefs = async (target: string, held: string) => {
  const { coverage } = await api(`query ($t: ID!, $h: [ID!]!) { coverage(target: $t, held: $h) { items { requirement { ref } } } }`, { t: target, h: [held] });
  return new Set((coverage.items as Array<{ requirement: { ref: string } }>).map((i) => i.requirement.ref));
};

describe('downloads on the overlap matrix', () => {
  it('offers the selected pair\'s crosswalk in four formats; choosing another pair moves the outline and the links', async () => {
    await open('#/matrix', 'matrix');
    // With no pair in the URL, the first pair the matrix has assessed is selected and outlined.
    const { overlapMatrix } = await api(`{ overlapMatrix { cells { from { id } to { id } summary { total unassessed } } } }`);
    const first = (overlapMatrix.cells as Array<{ from: { id: string }; to: { id: string }; summary: { total: number; unassessed: number } }>).find((c) => c.from.id !== c.to.id && c.summary.unassessed < c.summary.total)!;
    expect(await e2e.page.locator('#matrix td.selected').getAttribute('data-pair')).toBe(`${first.from.id}>${first.to.id}`);
    await expectFourFormats('#pair-export', 'crosswalk', `from=${first.from.id}&to=${first.to.id}`);

    await e2e.page.focus('#pair-to');
    await e2e.page.selectOption('#pair-to', 'iso42001');
    await e2e.page.focus('#pair-from');
    await e2e.page.selectOption('#pair-from', 'soc2');
    await e2e.page.waitForFunction(() => location.hash.includes('from=soc2') && location.hash.includes('to=iso42001'));
    await e2e.ready('matrix');
    expect(await e2e.page.locator('#matrix td.selected').count()).toBe(1);
    expect(await e2e.page.locator('#matrix td.selected').getAttribute('data-pair')).toBe('soc2>iso42001');
    expect(await e2e.page.evaluate(() => document.activeElement?.id)).toBe('pair-from');
    await expectFourFormats('#pair-export', 'crosswalk', 'from=soc2&to=iso42001');
    // The CSV is the pair's crosswalk: a row for every ISO 42001 requirement.
    const csv = (await exportLinks('#pair-export')).find(([f]) => f === 'csv')![1];
    expect(await crosswalkRefs(csv)).toEqual(await targetRefs('iso42001', 'soc2'));
    // A reload keeps the pair (it is in the URL).
    await e2e.page.reload();
    await e2e.ready('matrix');
    expect(await e2e.page.locator('#pair-from').inputValue()).toBe('soc2');
    expect(await e2e.page.locator('#pair-to').inputValue()).toBe('iso42001');
    await e2e.page.screenshot({ path: `${SCREENSHOTS}/matrix-pair-export.png`, fullPage: true });
  });

  it('never sets a framework against itself: picking the row\'s framework as column moves the row', async () => {
    await open('#/matrix?from=soc2&to=iso42001', 'matrix');
    await e2e.page.selectOption('#pair-to', 'soc2');
    await e2e.page.waitForFunction(() => /[?&]to=soc2/.test(location.hash));
    await e2e.ready('matrix');
    const from = await e2e.page.locator('#pair-from').inputValue();
    expect(from).not.toBe('soc2');
    expect(await exportLinks('#pair-export')).toContainEqual(['csv', `/export/tables/crosswalk.csv?from=${from}&to=soc2`]);
  });
});

describe('downloads on the search page', () => {
  it('with one framework and something held, offers that framework\'s coverage table, the hits among its rows with the same status', async () => {
    await open(`#/search?q=${encodeURIComponent('impact assessment')}&framework=iso42001&held=soc2`, 'search');
    await expectFourFormats('#search-exports', 'coverage', 'target=iso42001&held=soc2');
    const csv = (await exportLinks('#search-exports')).find(([f]) => f === 'csv')![1];
    const rows = new Map(csvRows((await downloadTable(e2e.server.url, csv)).bytes).map((line) => {
      const c = csvCells(line);
      return [c[1], c[3]] as const; // Ref, Coverage
    }));
    const hits = await e2e.page.locator('#word-results > li.hit').evaluateAll((els) =>
      els.map((e) => ({ ref: (e as HTMLElement).dataset.id!.split(':').slice(1).join(':'), status: e.querySelector('.status-word')?.textContent ?? null })),
    );
    // A hit with a status is a requirement the table rows (a group of them has none, and no row).
    const rated = hits.filter((h) => h.status !== null);
    expect(rated.length).toBeGreaterThan(0);
    for (const hit of rated) {
      expect(rows.has(hit.ref), hit.ref).toBe(true);
      expect(statusLabel(rows.get(hit.ref)!), hit.ref).toBe(hit.status);
    }
  });

  it('without a framework or without anything held, says what to choose instead of offering another table', async () => {
    await open(`#/search?q=${encodeURIComponent('impact assessment')}&held=soc2`, 'search');
    expect(await e2e.page.locator('#search-exports .table-export a').count()).toBe(0);
    expect(await e2e.page.locator('#search-exports-none').textContent()).toMatch(/one framework/);
    await e2e.page.selectOption('#search-framework', 'iso42001');
    await e2e.page.waitForFunction(() => location.hash.includes('framework=iso42001'));
    await e2e.ready('search');
    expect(await e2e.page.locator('#search-exports .table-export a').count()).toBe(4);
    await e2e.page.locator('input[name="held"][value="soc2"]').uncheck();
    await e2e.page.waitForFunction(() => !location.hash.includes('held=soc2'));
    await e2e.ready('search');
    expect(await e2e.page.locator('#search-exports .table-export a').count()).toBe(0);
  });
});

describe('the requirement page', () => {
  const A626 = 'iso42001:A.6.2.6';

  it('offers the crosswalk from each held framework to the requirement\'s, with this requirement among its rows', async () => {
    await open(`#/requirement/${encodeURIComponent(A626)}?held=soc2,iso27001`, 'requirement');
    const blocks = e2e.page.locator('#requirement-exports .table-export');
    expect(await blocks.count()).toBe(2);
    const links = await exportLinks('#requirement-exports');
    expect(links.map(([f, h]) => `${f} ${h}`)).toEqual([...FORMATS.map((f) => `${f} /export/tables/crosswalk.${f}?from=soc2&to=iso42001`), ...FORMATS.map((f) => `${f} /export/tables/crosswalk.${f}?from=iso27001&to=iso42001`)]);
    const file = await downloadTable(e2e.server.url, links[0]![1]);
    expect(file.status).toBe(200);
    const mine = csvRows(file.bytes).map(csvCells).filter((c) => c[0] === 'A.6.2.6');
    // As many rows as SOC 2 links to A.6.2.6 (at least one row when none).
    const { requirement } = await api(`{ requirement(id: "${A626}") { mappings { other { framework { id } } } } }`);
    const fromSoc2 = (requirement.mappings as Array<{ other: { framework: { id: string } } }>).filter((m) => m.other.framework.id === 'soc2').length;
    expect(mine.length).toBe(Math.max(1, fromSoc2));
    // Scope and inference go along.
    await open(`#/requirement/${encodeURIComponent(A626)}?held=soc2&categories=SECURITY&inferred=1`, 'requirement');
    expect(await exportLinks('#requirement-exports')).toContainEqual(['xlsx', `/export/tables/crosswalk.xlsx?from=${encodeURIComponent('soc2:SECURITY')}&to=iso42001&inferred=true`]);
  });

  it('with nothing held, says what to tick instead of offering a table', async () => {
    await open(`#/requirement/${encodeURIComponent(A626)}`, 'requirement');
    expect(await e2e.page.locator('#requirement-exports .table-export').count()).toBe(0);
    expect(await e2e.page.locator('#requirement-exports-none').textContent()).toMatch(/Tick what you hold/);
  });

  it('links each discipline, risk and evidence artefact to its catalogue page', async () => {
    await open(`#/requirement/${encodeURIComponent(A626)}`, 'requirement');
    const { requirement } = await api(`{ requirement(id: "${A626}") { disciplines { id name } risks { id name } evidence { id name } } }`);
    const lists = [
      ['#req-disciplines', 'disciplines', requirement.disciplines],
      ['#req-risks', 'risks', requirement.risks],
      ['#req-evidence', 'evidence', requirement.evidence],
    ] as const;
    for (const [list, route, entries] of lists) {
      expect(entries.length, route).toBeGreaterThan(0);
      const links = await e2e.page.locator(`${list} a`).evaluateAll((els) => els.map((e) => [e.textContent, e.getAttribute('href')]));
      expect(links).toEqual(entries.map((x: { id: string; name: string }) => [x.name, `#/${route}/${encodeURIComponent(x.id)}`]));
    }
    // Following one opens the entry's page, which lists this requirement.
    await e2e.page.locator('#req-risks a').first().click();
    await e2e.ready('risks-entry');
    expect(await e2e.page.locator('h1').textContent()).toContain(requirement.risks[0].name);
    expect(await e2e.page.locator(`a[href^="#/requirement/${encodeURIComponent(A626)}"]`).count()).toBeGreaterThan(0);
  });
});

describe('gaps of a large framework (SP 800-53)', () => {
  it('lists the gaps a page at a time instead of QUERY_TOO_COMPLEX, and "more" appends the next page', async () => {
    await open('#/gaps?target=nist-800-53&held=iso27001', 'gaps');
    expect(await e2e.page.locator('#gaps-result .error').count()).toBe(0);
    const ids = () => e2e.page.locator('#gap-list > li').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id));
    const { gaps } = await api(`{ gaps(target: "nist-800-53", held: ["iso27001"]) { total itemsPage(first: 100) { nodes { requirement { id } } } } }`);
    const expected = gaps.itemsPage.nodes.map((n: { requirement: { id: string } }) => n.requirement.id);
    expect(gaps.total).toBeGreaterThan(100);
    expect(await e2e.page.locator('#gap-totals .pill-total b').first().textContent()).toBe(String(gaps.total));
    const firstPage = await ids();
    expect(firstPage).toEqual(expected.slice(0, firstPage.length));
    expect(firstPage.length).toBeLessThan(gaps.total);
    expect(await e2e.page.locator('#gap-shown').textContent()).toBe(`${firstPage.length} of ${gaps.total} shown`);
    await e2e.page.focus('#gaps-more');
    await e2e.page.keyboard.press('Enter');
    await e2e.page.waitForFunction((n) => document.querySelectorAll('#gap-list > li').length > n, firstPage.length);
    await e2e.ready('gaps');
    const both = await ids();
    expect(both).toEqual(expected.slice(0, both.length));
    expect(both.slice(0, firstPage.length)).toEqual(firstPage);
    expect(both.length).toBe(Math.min(2 * firstPage.length, gaps.total));
    expect(await e2e.page.evaluate(() => document.activeElement?.id)).toBe('gaps-more');
    await e2e.page.screenshot({ path: `${SCREENSHOTS}/gaps-800-53.png` });
  });

  it('offers no download buttons the server would refuse: it says why and gives the CLI command that writes the table', async () => {
    await open('#/gaps?target=nist-800-53&held=iso27001', 'gaps');
    const block = e2e.page.locator('.table-export[data-table="gaps"]');
    await e2e.page.waitForSelector('.table-export-too-large[data-table="gaps"]');
    expect(await block.locator('a.button').count()).toBe(0);
    expect(await block.textContent()).toMatch(/too large to build here \(cost [\d,]+, over this server's limit of 20,000\)/);
    expect(await block.locator('code.cli-command').textContent()).toBe('npm run crosswalk -- gaps --target nist-800-53 --held iso27001 --format xlsx -o gaps-nist-800-53-given-iso27001.xlsx');
    await block.scrollIntoViewIfNeeded();
    await e2e.page.screenshot({ path: `${SCREENSHOTS}/gaps-800-53-download.png` });
    // A table within the limit keeps its buttons.
    const checked = e2e.page.waitForResponse((r) => r.url().includes('/export/tables/gaps.xlsx') && r.url().includes('target=iso42001') && r.url().includes('check=1'));
    await open('#/gaps?target=iso42001&held=iso27001', 'gaps');
    expect((await checked).status()).toBe(200);
    await e2e.page.waitForSelector('.table-export[data-table="gaps"] a.button[data-format="xlsx"]');
    expect(await e2e.page.locator('.table-export-too-large').count()).toBe(0);
  });

  it('keeps the shown gaps on screen while the next page loads', async () => {
    await open('#/gaps?target=nist-800-53&held=iso27001', 'gaps');
    const shown = await e2e.page.locator('#gap-list > li').count();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await e2e.page.route('**/graphql', async (route) => {
      await held;
      await route.continue();
    });
    try {
      await e2e.page.click('#gaps-more');
      await e2e.page.waitForFunction(() => document.querySelector('#gaps-more')?.getAttribute('aria-disabled') === 'true');
      expect(await e2e.page.locator('#gap-list > li').count()).toBe(shown);
    } finally {
      release();
    }
    await e2e.page.waitForFunction((n) => document.querySelectorAll('#gap-list > li').length > n, shown);
    await e2e.page.unroute('**/graphql');
  });
});

describe('"more" on the search page', () => {
  it('appends the next hits below the ones shown, which stay on screen while they load', async () => {
    const q = 'access';
    const { search } = await api(`query ($q: String!) { search(q: $q, first: 60) { totalCount nodes { requirement { id } } } }`, { q });
    expect(search.totalCount).toBeGreaterThan(60);
    const expected = search.nodes.map((n: { requirement: { id: string } }) => n.requirement.id);
    await open(`#/search?q=${q}`, 'search');
    const ids = () => e2e.page.locator('#word-results > li.hit').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id));
    const first = await ids();
    expect(first).toEqual(expected.slice(0, 30));
    // Hold the next page's answer: the hits shown must stay while it is on its way.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let asked!: () => void;
    const requested = new Promise<void>((resolve) => (asked = resolve));
    await e2e.page.route('**/graphql', async (route) => {
      asked();
      await held;
      await route.continue();
    });
    try {
      await e2e.page.focus('#search-more');
      await e2e.page.keyboard.press('Enter');
      await requested;
      // The view has drawn its loading state (it is no longer ready), whatever that state shows.
      await e2e.page.waitForFunction(() => document.body.dataset.ready === undefined);
      expect(await ids()).toEqual(first);
      expect(await e2e.page.locator('#search-more').getAttribute('aria-disabled')).toBe('true');
      expect(await e2e.page.locator('#search-summary').textContent()).toMatch(new RegExp(`^${search.totalCount} requirements`));
    } finally {
      release();
    }
    await e2e.page.waitForFunction(() => document.querySelectorAll('#word-results > li.hit').length > 30);
    await e2e.page.unroute('**/graphql');
    await e2e.ready('search');
    expect(await ids()).toEqual(expected);
    expect(await e2e.page.evaluate(() => document.activeElement?.id)).toBe('search-more');
    // A new search starts from its first page again.
    await e2e.page.selectOption('#search-framework', 'nist-800-53');
    await e2e.page.waitForFunction(() => location.hash.includes('framework=nist-800-53'));
    await e2e.ready('search');
    const narrowed = await ids();
    expect(narrowed.length).toBeLessThanOrEqual(30);
    for (const id of narrowed) expect(id).toMatch(/^nist-800-53:/);
  });
});

describe('the neighbourhood graph on a phone (390 px wide)', () => {
  interface Box { id: string; kind: string; label: string; x1: number; y1: number; x2: number; y2: number }
  for (const id of ['iso42001:A.6.2.6', 'soc2:CC6.1']) {
    it(`${id}: fills the width, takes a sensible height, fits on load, labels readable and apart`, async () => {
      const phone = await e2e.browser.newPage({ viewport: { width: 390, height: 844 } });
      const errors: string[] = [];
      phone.on('pageerror', (e) => errors.push(e.message));
      phone.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      try {
        await phone.goto(`${e2e.server.url}/explorer/#/requirement/${encodeURIComponent(id)}?held=soc2`);
        await phone.waitForFunction(() => document.body.dataset.ready === 'requirement');
        const box = (await phone.locator('#graph').boundingBox())!;
        const frame = (await phone.locator('.graph-box').boundingBox())!;
        const g = await phone.evaluate(() => (window as any).crosswalkGraph as { zoom: number; nodes: number; boxes: Box[] });
        expect(g.nodes).toBeGreaterThan(15);
        // The width of the page, and most of the viewport's height without passing it.
        expect(box.width).toBeGreaterThanOrEqual(frame.width - 4);
        expect(box.height).toBeGreaterThanOrEqual(400);
        expect(box.height).toBeLessThanOrEqual(844);
        // Labels (12 px in the drawing) at least 8.5 px on screen: shrunk to a strip they were under 3.
        expect(12 * g.zoom).toBeGreaterThanOrEqual(8.5);
        // Fitted on load: every node and label inside the box, the drawing across most of its width.
        for (const b of g.boxes) {
          expect(b.x1, b.id).toBeGreaterThanOrEqual(-1);
          expect(b.y1, b.id).toBeGreaterThanOrEqual(-1);
          expect(b.x2, b.id).toBeLessThanOrEqual(box.width + 1);
          expect(b.y2, b.id).toBeLessThanOrEqual(box.height + 1);
        }
        const span = Math.max(...g.boxes.map((b) => b.x2)) - Math.min(...g.boxes.map((b) => b.x1));
        expect(span).toBeGreaterThanOrEqual(0.7 * box.width);
        // No two nodes' boxes (label included) overlap.
        const overlaps: string[] = [];
        for (const [i, a] of g.boxes.entries()) for (const b of g.boxes.slice(i + 1)) if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) overlaps.push(`${a.id} / ${b.id}`);
        expect(overlaps).toEqual([]);
        // Strength stays visible: beside each mapped requirement that has one.
        const { requirement } = await api(`query ($id: ID!) { requirement(id: $id) { mappings { strength other { id } } } }`, { id });
        for (const m of (requirement.mappings as Array<{ strength: number | null; other: { id: string } }>).filter((x) => x.strength !== null)) {
          expect(g.boxes.find((b) => b.id === m.other.id)?.label, m.other.id).toMatch(/\d+\/10$/);
        }
        // The zoom buttons sit above the drawing, not over its first header.
        const tools = (await phone.locator('.graph-tools').boundingBox())!;
        expect(tools.y + tools.height).toBeLessThanOrEqual(box.y + 1);
        await phone.locator('.graph-box').screenshot({ path: `${SCREENSHOTS}/graph-phone-${id.replace(/[:.]/g, '-')}.png` });
        expect(errors).toEqual([]);
      } finally {
        await phone.close();
      }
    });
  }
});

it('logged no console error, page error or off-host request', () => {
  expect(e2e.problems).toEqual([]);
});
