import { SCREENSHOTS } from '../helpers/browser.js';
import { useExplorerBrowser } from '../helpers/explorer-browser.js';
import { statusLabel } from '../../src/exports/glossary.js';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The explorer driven in headless Chromium (Debian's package; .ci/run installs it), on the real
 * graph. Any console error or page error fails the test. Screenshots go to test-output/ for a person.
 */

const OUT = SCREENSHOTS;

const e2e = useExplorerBrowser({ width: 1400, height: 1000 });

const { ready } = e2e;

describe('explorer in a real browser', () => {
  it('shows the ISO 42001 Annex A coverage map for SOC 2, coloured by status, with totals', async () => {
    await e2e.page.goto(`${e2e.server.url}/explorer/#/coverage?target=soc2&held=iso27001`);
    await ready('coverage');
    // Choose soc2 -> iso42001 the way a person does: the target, then the held framework, then controls only.
    await e2e.page.selectOption('#target', 'iso42001');
    await ready('coverage');
    await e2e.page.locator('input[name="held"][value="soc2"]').check();
    await e2e.page.locator('input[name="held"][value="iso27001"]').uncheck();
    await e2e.page.selectOption('#kind', 'CONTROL');
    await e2e.page.waitForFunction(() => location.hash.includes('held=soc2') && location.hash.includes('kind=CONTROL') && !location.hash.includes('iso27001'));
    await ready('coverage');
    await e2e.page.waitForSelector('.tile');
    const tiles = e2e.page.locator('.tile');
    expect(await tiles.count()).toBe(38);
    // Every tile tells its own status three ways: the status colour (its left edge), a shape and the glossary's words.
    const tileLooks = await tiles.evaluateAll((els) =>
      els.map((e) => {
        const badge = e.querySelector('.status-badge')!;
        return { status: (e as HTMLElement).dataset.status!, edge: getComputedStyle(e).borderLeftColor, word: badge.querySelector('.status-word')!.textContent, shape: badge.querySelector('svg.status-shape')?.getAttribute('class') ?? '' };
      }),
    );
    const expected: Record<string, string> = { FULL: 'rgb(0, 158, 115)', PARTIAL: 'rgb(230, 159, 0)', NONE: 'rgb(213, 94, 0)', UNASSESSED: 'rgb(138, 143, 153)' };
    for (const look of tileLooks) {
      expect(look.edge, look.status).toBe(expected[look.status]);
      expect(look.word, look.status).toBe(statusLabel(look.status));
      expect(look.shape, look.status).toContain(`shape-${look.status}`);
    }
    expect(new Set(tileLooks.map((l) => l.status)).size).toBeGreaterThan(1);
    const api = await e2e.server.query(`{ coverage(target: "iso42001", held: ["soc2"], kind: CONTROL) { items { requirement { id } status } } }`);
    const statusById = Object.fromEntries(api.data!.coverage.items.map((i: any) => [i.requirement.id, i.status]));
    const shown = await tiles.evaluateAll((els) => els.map((e) => [(e as HTMLElement).dataset.id, (e as HTMLElement).dataset.status]));
    expect(Object.fromEntries(shown)).toEqual(statusById);
    expect(await e2e.page.locator('.group').count()).toBe(9);
    expect(await e2e.page.locator('#totals').textContent()).toMatch(/38 requirements/);
    await e2e.page.screenshot({ path: `${OUT}/coverage-soc2-iso42001.png`, fullPage: true });
  });

  it('narrows a held SOC 2 to its categories: A.8.6 is new with Security only, partial once Availability is ticked', async () => {
    await e2e.page.goto(`${e2e.server.url}/explorer/#/coverage?target=iso27001&held=soc2`);
    await ready('coverage');
    expect(await e2e.page.locator('#scope-controls').textContent()).toMatch(/SOC 2 categories/);
    expect(await e2e.page.locator('.scope-group[data-dimension="roles"]').count()).toBe(0);
    const a86 = e2e.page.locator('.tile[data-id="iso27001:A.8.6"]');
    expect(await a86.getAttribute('data-status')).toBe('PARTIAL');
    await e2e.page.locator('input[name="categories"][value="SECURITY"]').check();
    await e2e.page.waitForFunction(() => location.hash.includes('categories=SECURITY'));
    await ready('coverage');
    await e2e.page.waitForFunction(() => document.querySelector('.tile[data-id="iso27001:A.8.6"]')?.getAttribute('data-status') === 'NONE');
    expect(await e2e.page.locator('#scope-note').textContent()).toMatch(/SOC 2 \(categories: security\)/);
    expect(await a86.getAttribute('title')).toMatch(/1 link\(s\) outside the held scope/);
    await e2e.page.locator('input[name="categories"][value="AVAILABILITY"]').check();
    await e2e.page.waitForFunction(() => location.hash.includes('categories=SECURITY%2CAVAILABILITY'));
    await ready('coverage');
    await e2e.page.waitForFunction(() => document.querySelector('.tile[data-id="iso27001:A.8.6"]')?.getAttribute('data-status') === 'PARTIAL');
    const api = await e2e.server.query(`{ coverage(target: "iso27001", held: ["soc2"], scope: [{framework: "soc2", categories: [SECURITY, AVAILABILITY]}]) { summary { none } } }`);
    expect(await e2e.page.locator('#totals [data-status="NONE"] b').textContent()).toBe(String(api.data!.coverage.summary.none));
    await e2e.page.screenshot({ path: `${OUT}/coverage-soc2-scoped-iso27001.png`, fullPage: true });
  });

  it('offers AI Act roles and risk classes when the AI Act is held, and shows mapping conditions', async () => {
    await e2e.page.goto(`${e2e.server.url}/explorer/#/coverage?target=iso42001&held=eu-ai-act&roles=DEPLOYER&riskClasses=HIGH_RISK`);
    await ready('coverage');
    expect(await e2e.page.locator('input[name="roles"][value="DEPLOYER"]').isChecked()).toBe(true);
    expect(await e2e.page.locator('input[name="riskClasses"][value="HIGH_RISK"]').isChecked()).toBe(true);
    expect(await e2e.page.locator('#scope-note').textContent()).toMatch(/roles: deployer; risk classes: high risk/);
    // A mapping's condition shows beside it in a requirement's reasons.
    await e2e.page.goto(`${e2e.server.url}/explorer/#/requirement/${encodeURIComponent('eu-ai-act:Art.50')}`);
    await ready('requirement');
    expect(await e2e.page.locator('#reasons .condition').allTextContents()).toEqual(['holds when roles: provider', 'holds when roles: provider']);
    await e2e.page.goto(`${e2e.server.url}/explorer/#/coverage?target=iso42001&held=soc2`);
    await ready('coverage');
  });

  it('opens a control: its neighbourhood as a graph and the reasons beside it', async () => {
    await e2e.page.locator('.tile[data-id="iso42001:A.6.2.6"]').click();
    await ready('requirement');
    expect(e2e.page.url()).toContain('#/requirement/iso42001%3AA.6.2.6');
    await e2e.page.waitForFunction(() => (window as any).crosswalkGraph?.nodes > 1);
    const graph = await e2e.page.evaluate(() => (window as any).crosswalkGraph);
    expect(graph.edges).toBeGreaterThan(0);
    const reasons = await e2e.page.locator('#reasons').textContent();
    // Held SOC 2 came along from the map: its three links are the reasons at the top, the rest listed below.
    expect(reasons).toMatch(/Other mappings \(\d+\)/);
    expect(reasons).toMatch(/Disciplines/);
    expect(reasons).toMatch(/Risks mitigated/);
    await e2e.page.screenshot({ path: `${OUT}/requirement-a-6-2-6.png`, fullPage: true });
  });

  it('searches by reference and by words', async () => {
    await e2e.page.fill('#search-input', 'Annex A 6.2.4');
    await e2e.page.press('#search-input', 'Enter');
    await ready('search');
    expect(await e2e.page.locator('main').textContent()).toMatch(/AI system verification and validation/);
    await e2e.page.goto(`${e2e.server.url}/explorer/#/search?q=${encodeURIComponent('human oversight')}`);
    await ready('search');
    expect(await e2e.page.locator('.results li').count()).toBeGreaterThan(1);
  });

  it('draws the overlap matrix of all frameworks as a heat map, linked to coverage maps', async () => {
    await e2e.page.goto(`${e2e.server.url}/explorer/#/matrix`);
    await ready('matrix');
    // One row per framework the API knows, and a link in every cell but the diagonal.
    const api = await e2e.server.query(`{ frameworks { id } }`);
    const n = api.data!.frameworks.length;
    expect(n).toBe(7);
    expect(await e2e.page.locator('#matrix tbody tr').count()).toBe(n);
    expect(await e2e.page.locator('#matrix td a').count()).toBe(n * (n - 1));
    // Unassessed is never shown as zero: every pair no mapping set connects is hatched and says so.
    const matrix = await e2e.server.query(`{ overlapMatrix { cells { summary { total unassessed } } } }`);
    const unassessedPairs = (matrix.data!.overlapMatrix.cells as Array<{ summary: { total: number; unassessed: number } }>).filter((c) => c.summary.unassessed === c.summary.total).length;
    expect(unassessedPairs).toBeGreaterThan(0);
    expect(await e2e.page.locator('#matrix td.unassessed').count()).toBe(unassessedPairs);
    for (const text of await e2e.page.locator('#matrix td.unassessed').allTextContents()) expect(text).toBe('not assessed');
    expect(await e2e.page.locator('.matrix-legend li').count()).toBe(4);
    await e2e.page.screenshot({ path: `${OUT}/matrix.png`, fullPage: true });
    await e2e.page.locator('#matrix td a').first().click();
    await ready('coverage');
    expect(await e2e.page.locator('.tile').count()).toBeGreaterThan(0);
  });

  it('serves the GraphQL IDE locally with example operations', async () => {
    await e2e.page.goto(`${e2e.server.url}/graphql`);
    await e2e.page.waitForSelector('.graphiql-container', { timeout: 15_000 });
    const tabs = await e2e.page.evaluate(() => (window as any).CROSSWALK_EXAMPLES.length);
    expect(tabs).toBeGreaterThanOrEqual(5);
    await e2e.page.screenshot({ path: `${OUT}/graphiql.png` });
  });

  describe('a large framework (SP 800-53): collapsed groups, paging, filter, state in the URL', () => {
    const BASE = '/explorer/#/coverage?target=nist-800-53&held=iso27001';
    let api: { total: number; groups: Array<{ id: string; ref: string; total: number }> };
    const section = (ref: string) => e2e.page.locator(`section.group[data-ref="${ref}"]`);
    /** Waits until no group and no filter is fetching. */
    const settled = () => e2e.page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0);

    beforeAll(async () => {
      const answer = await e2e.server.query(`{ coverage(target: "nist-800-53", held: ["iso27001"]) { summary { total } groups { group { id ref } summary { total } } } }`);
      const c = answer.data!.coverage;
      api = { total: c.summary.total, groups: c.groups.map((g: any) => ({ id: g.group.id, ref: g.group.ref, total: g.summary.total })) };
    });

    it('opens with every family collapsed, counts summing to the API total, and few tiles in the page', async () => {
      await e2e.page.goto(`${e2e.server.url}${BASE}`);
      await ready('coverage');
      expect(api.total).toBeGreaterThan(1000);
      const toggles = e2e.page.locator('.group-toggle');
      expect(await toggles.count()).toBe(api.groups.length);
      expect(new Set(await toggles.evaluateAll((els) => els.map((e) => e.getAttribute('aria-expanded'))))).toEqual(new Set(['false']));
      const counts = await e2e.page.locator('.group-toggle .count').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.count)));
      expect(counts).toEqual(api.groups.map((g) => g.total));
      expect(counts.reduce((a, b) => a + b, 0)).toBe(api.total);
      // Screen readers hear the count in words, as part of the button's name.
      const acTotal = api.groups.find((g) => g.ref === 'AC')!.total;
      expect(await e2e.page.getByRole('button', { name: new RegExp(`^AC\\s+Access Control\\W+${acTotal} requirements$`) }).count()).toBe(1);
      expect(await e2e.page.locator('.tile').count()).toBeLessThan(100 + api.groups.length);
      await e2e.page.screenshot({ path: `${OUT}/explorer-800-53-collapsed.png` });
    });

    it('opens AC with the keyboard: its first page of controls, then "show more" pages the rest', async () => {
      const ac = api.groups.find((g) => g.ref === 'AC')!;
      expect(ac.total).toBeGreaterThan(100);
      await section('AC').locator('.group-toggle').focus();
      await e2e.page.keyboard.press('Enter');
      await settled();
      expect(await section('AC').locator('.group-toggle').getAttribute('aria-expanded')).toBe('true');
      const tiles = section('AC').locator('.tile');
      expect(await tiles.count()).toBe(100);
      expect(await e2e.page.locator('.tile').count()).toBe(100);
      const listed = await e2e.server.query(`{ coverage(target: "nist-800-53", held: ["iso27001"]) { itemsPage(group: "nist-800-53:AC", first: 500) { nodes { requirement { id } status } } } }`);
      const expected = listed.data!.coverage.itemsPage.nodes.map((n: any) => [n.requirement.id, n.status]);
      expect(await tiles.evaluateAll((els) => els.map((e) => [(e as HTMLElement).dataset.id, (e as HTMLElement).dataset.status]))).toEqual(expected.slice(0, 100));
      expect(e2e.page.url()).toMatch(/[?&]open=AC(&|$)/);
      await e2e.page.screenshot({ path: `${OUT}/explorer-800-53-family-open.png`, fullPage: true });
      const more = section('AC').locator('button.more');
      expect(await more.textContent()).toBe(`Show ${ac.total - 100} more`);
      await more.click();
      await settled();
      expect(await tiles.evaluateAll((els) => els.map((e) => [(e as HTMLElement).dataset.id, (e as HTMLElement).dataset.status]))).toEqual(expected);
      expect(await section('AC').locator('button.more').count()).toBe(0);
      // Focus moves to the first new tile, for keyboard users.
      expect(await e2e.page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.id)).toBe(expected[100]![0]);
      expect(e2e.page.url()).toMatch(/[?&]open=AC%3A2(&|$)/);
      // Closing it hides its tiles and drops it from the URL.
      await section('AC').locator('.group-toggle').click();
      expect(await section('AC').locator('.group-toggle').getAttribute('aria-expanded')).toBe('false');
      expect(await e2e.page.locator('.tile').count()).toBe(0);
      expect(e2e.page.url()).not.toMatch(/open=/);
    });

    it('a reload or shared link with open groups shows them open, as many pages as were shown', async () => {
      await e2e.page.goto(`${e2e.server.url}${BASE}&open=${encodeURIComponent('AC:2,AU')}`);
      await ready('coverage');
      const open = await e2e.page.locator('.group-toggle[aria-expanded="true"]').evaluateAll((els) => els.map((e) => e.closest('section')!.dataset.ref));
      expect(open).toEqual(['AC', 'AU']);
      expect(await section('AC').locator('.tile').count()).toBe(api.groups.find((g) => g.ref === 'AC')!.total);
      expect(await section('AU').locator('.tile').count()).toBe(Math.min(100, api.groups.find((g) => g.ref === 'AU')!.total));
      await e2e.page.reload();
      await ready('coverage');
      expect(await e2e.page.locator('.group-toggle[aria-expanded="true"]').count()).toBe(2);
    });

    it('the filter finds AC-2(1), opens its family, and survives a reload', async () => {
      await e2e.page.goto(`${e2e.server.url}${BASE}`);
      await ready('coverage');
      await e2e.page.fill('#tile-filter', 'AC-2(1)');
      await e2e.page.press('#tile-filter', 'Enter');
      await e2e.page.waitForFunction(() => location.hash.includes('filter='));
      await settled();
      await e2e.page.waitForSelector('.tile[data-id="nist-800-53:AC-2(1)"]');
      const shown = await e2e.page.locator('.tile').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id));
      const search = await e2e.server.query(`{ coverage(target: "nist-800-53", held: ["iso27001"]) { itemsPage(search: "AC-2(1)") { nodes { requirement { id } } } } }`);
      expect(shown).toEqual(search.data!.coverage.itemsPage.nodes.map((n: any) => n.requirement.id));
      expect(await section('AC').locator('.group-toggle').getAttribute('aria-expanded')).toBe('true');
      expect(await e2e.page.locator('section.group').count()).toBe(1);
      expect(await e2e.page.locator('#filter-status').textContent()).toMatch(/1 requirement matches, in 1 group/);
      await e2e.page.reload();
      await ready('coverage');
      expect(await e2e.page.inputValue('#tile-filter')).toBe('AC-2(1)');
      expect(await e2e.page.locator('.tile').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id))).toEqual(shown);
      // Words match titles too, across families; clearing the filter brings every family back.
      await e2e.page.fill('#tile-filter', 'audit');
      await e2e.page.press('#tile-filter', 'Enter');
      await e2e.page.waitForFunction(() => location.hash.includes('filter=audit'));
      await settled();
      await e2e.page.waitForFunction(() => /requirements match/.test(document.querySelector('#filter-status')?.textContent ?? ''));
      expect(await e2e.page.locator('section.group').count()).toBeGreaterThan(1);
      await e2e.page.screenshot({ path: `${OUT}/explorer-800-53-filtered.png` });
      await e2e.page.fill('#tile-filter', '');
      await e2e.page.press('#tile-filter', 'Enter');
      await e2e.page.waitForFunction(() => !location.hash.includes('filter='));
      expect(await e2e.page.locator('section.group').count()).toBe(api.groups.length);
      expect(await e2e.page.locator('.tile').count()).toBe(0);
    });

    it('keeps a small framework (SOC 2) as before: every group open, every tile drawn, no toggles or filter', async () => {
      await e2e.page.goto(`${e2e.server.url}/explorer/#/coverage?target=soc2&held=iso27001`);
      await ready('coverage');
      const answer = await e2e.server.query(`{ coverage(target: "soc2", held: ["iso27001"]) { summary { total } groups { group { id } } } }`);
      expect(await e2e.page.locator('.tile').count()).toBe(answer.data!.coverage.summary.total);
      expect(await e2e.page.locator('.group').count()).toBe(answer.data!.coverage.groups.length);
      expect(await e2e.page.locator('.group-toggle').count()).toBe(0);
      expect(await e2e.page.locator('#tile-filter').count()).toBe(0);
    });
  });

  it('logged no console error, page error or off-host request', () => {
    expect(e2e.problems).toEqual([]);
  });
});
