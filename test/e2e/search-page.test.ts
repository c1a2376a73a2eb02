import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explorerOperations } from '../../src/explorer/operations.js';
import { statusLabel } from '../../src/exports/glossary.js';
import { openBrowser, viewReady } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/http.js';

/**
 * The search page in Chromium. With the ranked search operation registered (RankedSearch) the page
 * shows the API's ranking, its marked words, snippets and each hit's status given what is held; the
 * framework filter narrows it. Without it, the reference resolver and the word search, filtered by
 * framework in the page. The test checks whichever the bundle carries, against the API.
 */

const RANKED = 'RankedSearch' in explorerOperations();

let server: TestServer;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  ({ browser, page } = await openBrowser(server.url, problems, { width: 1280, height: 800 }));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const ids = () => page.locator('#word-results > li.hit').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id));

describe(`the search page (${RANKED ? 'ranked search' : 'reference and word search'})`, () => {
  it('lists the hits as the API ranks them, and the framework filter keeps one framework', async () => {
    await page.goto(`${server.url}/explorer/#/search?q=${encodeURIComponent('impact assessment')}&held=soc2`);
    await viewReady(page, 'search');
    if (RANKED) {
      const api = await server.query(`query ($q: String!) { search(q: $q, held: ["soc2"], first: 30) { nodes { requirement { id } status title { text matched } } } }`, { q: 'impact assessment' });
      const nodes = api.data!.search.nodes as Array<{ requirement: { id: string }; status: string | null; title: Array<{ text: string; matched: boolean }> }>;
      expect(await ids()).toEqual(nodes.map((n) => n.requirement.id));
      // The matched words are marked, as the API marks them; each hit's status is in words.
      const first = page.locator('#word-results > li.hit').first();
      expect(await first.locator('.hit-head a mark').allTextContents()).toEqual(nodes[0]!.title.filter((p) => p.matched).map((p) => p.text));
      for (const [i, n] of nodes.slice(0, 10).entries()) {
        const badge = page.locator('#word-results > li.hit').nth(i).locator('.status-word');
        if (n.status) expect(await badge.textContent()).toBe(statusLabel(n.status));
        else expect(await badge.count()).toBe(0);
      }
      expect(await page.locator('.hit-snippet mark').count()).toBeGreaterThan(0);
      expect(await page.locator('input[name="held"][value="soc2"]').isChecked()).toBe(true);
    } else {
      const api = await server.query(`{ requirements(search: "impact assessment", first: 30) { nodes { id } } }`);
      expect(await ids()).toEqual(api.data!.requirements.nodes.map((n: any) => n.id));
    }
    await page.focus('#search-framework');
    await page.selectOption('#search-framework', 'iso42001');
    await page.waitForFunction(() => location.hash.includes('framework=iso42001'));
    await viewReady(page, 'search');
    const shown = await ids();
    expect(shown.length).toBeGreaterThan(0);
    for (const id of shown) expect(id).toMatch(/^iso42001:/);
    // Focus stays on the filter just changed.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-framework');
  });

  it('logged no console error, page error or off-host request', () => {
    expect(problems).toEqual([]);
  });
});
