import type { Browser, Page } from 'playwright-core';
import { openBrowser, SCREENSHOTS, viewReady } from '../helpers/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/http.js';

/**
 * The explorer driven in headless Chromium (Debian's package; .ci/run installs it), on the real
 * graph. Any console error or page error fails the test. Screenshots go to test-output/ for a person.
 */

const OUT = SCREENSHOTS;

let server: TestServer;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  ({ browser, page } = await openBrowser(server.url, consoleErrors));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const ready = (name: string) => viewReady(page, name);

describe('explorer in a real browser', () => {
  it('shows the ISO 42001 Annex A coverage map for SOC 2, coloured by status, with totals', async () => {
    await page.goto(`${server.url}/explorer/#/coverage?target=soc2&held=iso27001`);
    await ready('coverage');
    // Choose soc2 -> iso42001 the way a person does: the target, then the held framework, then controls only.
    await page.selectOption('#target', 'iso42001');
    await ready('coverage');
    await page.locator('input[name="held"][value="soc2"]').check();
    await page.locator('input[name="held"][value="iso27001"]').uncheck();
    await page.selectOption('#kind', 'CONTROL');
    await page.waitForFunction(() => location.hash.includes('held=soc2') && location.hash.includes('kind=CONTROL') && !location.hash.includes('iso27001'));
    await ready('coverage');
    await page.waitForSelector('.tile');
    const tiles = page.locator('.tile');
    expect(await tiles.count()).toBe(38);
    // Every tile is coloured by its own status, as the API answered it.
    const tileColours = await tiles.evaluateAll((els) => els.map((e) => [(e as HTMLElement).dataset.status, getComputedStyle(e).backgroundColor]));
    const expected: Record<string, string> = { FULL: 'rgb(46, 125, 50)', PARTIAL: 'rgb(249, 168, 37)', NONE: 'rgb(198, 40, 40)', UNASSESSED: 'rgb(158, 158, 158)' };
    for (const [status, colour] of tileColours) expect(colour, status).toBe(expected[status!]);
    const api = await server.query(`{ coverage(target: "iso42001", held: ["soc2"], kind: CONTROL) { items { requirement { id } status } } }`);
    const statusById = Object.fromEntries(api.data!.coverage.items.map((i: any) => [i.requirement.id, i.status]));
    const shown = await tiles.evaluateAll((els) => els.map((e) => [(e as HTMLElement).dataset.id, (e as HTMLElement).dataset.status]));
    expect(Object.fromEntries(shown)).toEqual(statusById);
    expect(await page.locator('.group').count()).toBe(9);
    expect(await page.locator('#totals').textContent()).toMatch(/38requirements/);
    await page.screenshot({ path: `${OUT}/coverage-soc2-iso42001.png`, fullPage: true });
  });

  it('narrows a held SOC 2 to its categories: A.8.6 is new with Security only, partial once Availability is ticked', async () => {
    await page.goto(`${server.url}/explorer/#/coverage?target=iso27001&held=soc2`);
    await ready('coverage');
    expect(await page.locator('#scope-controls').textContent()).toMatch(/SOC 2 categories/);
    expect(await page.locator('.scope-group[data-dimension="roles"]').count()).toBe(0);
    const a86 = page.locator('.tile[data-id="iso27001:A.8.6"]');
    expect(await a86.getAttribute('data-status')).toBe('PARTIAL');
    await page.locator('input[name="categories"][value="SECURITY"]').check();
    await page.waitForFunction(() => location.hash.includes('categories=SECURITY'));
    await ready('coverage');
    await page.waitForFunction(() => document.querySelector('.tile[data-id="iso27001:A.8.6"]')?.getAttribute('data-status') === 'NONE');
    expect(await page.locator('#scope-note').textContent()).toMatch(/SOC 2 \(categories: security\)/);
    expect(await a86.getAttribute('title')).toMatch(/1 link\(s\) outside the held scope/);
    await page.locator('input[name="categories"][value="AVAILABILITY"]').check();
    await page.waitForFunction(() => location.hash.includes('categories=SECURITY%2CAVAILABILITY'));
    await ready('coverage');
    await page.waitForFunction(() => document.querySelector('.tile[data-id="iso27001:A.8.6"]')?.getAttribute('data-status') === 'PARTIAL');
    const api = await server.query(`{ coverage(target: "iso27001", held: ["soc2"], scope: [{framework: "soc2", categories: [SECURITY, AVAILABILITY]}]) { summary { none } } }`);
    expect(await page.locator('#totals [data-status="NONE"] b').textContent()).toBe(String(api.data!.coverage.summary.none));
    await page.screenshot({ path: `${OUT}/coverage-soc2-scoped-iso27001.png`, fullPage: true });
  });

  it('offers AI Act roles and risk classes when the AI Act is held, and shows mapping conditions', async () => {
    await page.goto(`${server.url}/explorer/#/coverage?target=iso42001&held=eu-ai-act&roles=DEPLOYER&riskClasses=HIGH_RISK`);
    await ready('coverage');
    expect(await page.locator('input[name="roles"][value="DEPLOYER"]').isChecked()).toBe(true);
    expect(await page.locator('input[name="riskClasses"][value="HIGH_RISK"]').isChecked()).toBe(true);
    expect(await page.locator('#scope-note').textContent()).toMatch(/roles: deployer; risk classes: high risk/);
    // A mapping's condition shows beside it in a requirement's reasons.
    await page.goto(`${server.url}/explorer/#/requirement/${encodeURIComponent('eu-ai-act:Art.50')}`);
    await ready('requirement');
    expect(await page.locator('#reasons .condition').allTextContents()).toEqual(['holds when roles: provider', 'holds when roles: provider']);
    await page.goto(`${server.url}/explorer/#/coverage?target=iso42001&held=soc2`);
    await ready('coverage');
  });

  it('opens a control: its neighbourhood as a graph and the reasons beside it', async () => {
    await page.locator('.tile[data-id="iso42001:A.6.2.6"]').click();
    await ready('requirement');
    expect(page.url()).toContain('#/requirement/iso42001%3AA.6.2.6');
    await page.waitForFunction(() => (window as any).crosswalkGraph?.nodes > 1);
    const graph = await page.evaluate(() => (window as any).crosswalkGraph);
    expect(graph.edges).toBeGreaterThan(0);
    const reasons = await page.locator('#reasons').textContent();
    expect(reasons).toMatch(/Mappings \(\d+\)/);
    expect(reasons).toMatch(/Disciplines/);
    expect(reasons).toMatch(/Risks mitigated/);
    await page.screenshot({ path: `${OUT}/requirement-a-6-2-6.png`, fullPage: true });
  });

  it('searches by reference and by words', async () => {
    await page.fill('#search-input', 'Annex A 6.2.4');
    await page.press('#search-input', 'Enter');
    await ready('search');
    expect(await page.locator('main').textContent()).toMatch(/AI system verification and validation/);
    await page.goto(`${server.url}/explorer/#/search?q=${encodeURIComponent('human oversight')}`);
    await ready('search');
    expect(await page.locator('.results li').count()).toBeGreaterThan(1);
  });

  it('draws the overlap matrix of all frameworks as a heat map, linked to coverage maps', async () => {
    await page.goto(`${server.url}/explorer/#/matrix`);
    await ready('matrix');
    // One row per framework the API knows, and a link in every cell but the diagonal.
    const api = await server.query(`{ frameworks { id } }`);
    const n = api.data!.frameworks.length;
    expect(n).toBe(7);
    expect(await page.locator('#matrix tbody tr').count()).toBe(n);
    expect(await page.locator('#matrix td a').count()).toBe(n * (n - 1));
    // Unassessed is never shown as zero: every pair no mapping set connects is hatched and says so.
    const matrix = await server.query(`{ overlapMatrix { cells { summary { total unassessed } } } }`);
    const unassessedPairs = (matrix.data!.overlapMatrix.cells as Array<{ summary: { total: number; unassessed: number } }>).filter((c) => c.summary.unassessed === c.summary.total).length;
    expect(unassessedPairs).toBeGreaterThan(0);
    expect(await page.locator('#matrix td.unassessed').count()).toBe(unassessedPairs);
    for (const text of await page.locator('#matrix td.unassessed').allTextContents()) expect(text).toBe('not assessed');
    expect(await page.locator('.matrix-legend li').count()).toBe(4);
    await page.screenshot({ path: `${OUT}/matrix.png`, fullPage: true });
    await page.locator('#matrix td a').first().click();
    await ready('coverage');
    expect(await page.locator('.tile').count()).toBeGreaterThan(0);
  });

  it('serves the GraphQL IDE locally with example operations', async () => {
    await page.goto(`${server.url}/graphql`);
    await page.waitForSelector('.graphiql-container', { timeout: 15_000 });
    const tabs = await page.evaluate(() => (window as any).CROSSWALK_EXAMPLES.length);
    expect(tabs).toBeGreaterThanOrEqual(5);
    await page.screenshot({ path: `${OUT}/graphiql.png` });
  });

  it('logged no console error, page error or off-host request', () => {
    expect(consoleErrors).toEqual([]);
  });
});
