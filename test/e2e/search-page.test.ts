import { describe, expect, it } from 'vitest';
import { explorerOperations } from '../../src/explorer/operations.js';
import { statusLabel } from '../../src/exports/glossary.js';
import { useExplorerBrowser } from '../helpers/explorer-browser.js';

/**
 * The search page in Chromium. With the ranked search operation registered (RankedSearch) the page
 * shows the API's ranking, its marked words, snippets and each hit's status given what is held; the
 * framework filter narrows it. Without it, the reference resolver and the word search, filtered by
 * framework in the page. The test checks whichever the bundle carries, against the API.
 */

const RANKED = 'RankedSearch' in explorerOperations();

const e2e = useExplorerBrowser();

const ids = () => e2e.page.locator('#word-results > li.hit').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id));

describe(`the search page (${RANKED ? 'ranked search' : 'reference and word search'})`, () => {
  it('lists the hits as the API ranks them, and the framework filter keeps one framework', async () => {
    await e2e.open(`#/search?q=${encodeURIComponent('impact assessment')}&held=soc2`, 'search');
    if (RANKED) {
      const api = await e2e.server.query(`query ($q: String!) { search(q: $q, held: ["soc2"], first: 30) { nodes { requirement { id } status title { text matched } } } }`, { q: 'impact assessment' });
      const nodes = api.data!.search.nodes as Array<{ requirement: { id: string }; status: string | null; title: Array<{ text: string; matched: boolean }> }>;
      expect(await ids()).toEqual(nodes.map((n) => n.requirement.id));
      // The matched words are marked, as the API marks them; each hit's status is in words.
      const first = e2e.page.locator('#word-results > li.hit').first();
      expect(await first.locator('.hit-head a mark').allTextContents()).toEqual(nodes[0]!.title.filter((p) => p.matched).map((p) => p.text));
      for (const [i, n] of nodes.slice(0, 10).entries()) {
        const badge = e2e.page.locator('#word-results > li.hit').nth(i).locator('.status-word');
        if (n.status) expect(await badge.textContent()).toBe(statusLabel(n.status));
        else expect(await badge.count()).toBe(0);
      }
      expect(await e2e.page.locator('.hit-snippet mark').count()).toBeGreaterThan(0);
      expect(await e2e.page.locator('input[name="held"][value="soc2"]').isChecked()).toBe(true);
    } else {
      const api = await e2e.server.query(`{ requirements(search: "impact assessment", first: 30) { nodes { id } } }`);
      expect(await ids()).toEqual(api.data!.requirements.nodes.map((n: any) => n.id));
    }
    await e2e.page.focus('#search-framework');
    await e2e.page.selectOption('#search-framework', 'iso42001');
    await e2e.page.waitForFunction(() => location.hash.includes('framework=iso42001'));
    await e2e.ready('search');
    const shown = await ids();
    expect(shown.length).toBeGreaterThan(0);
    for (const id of shown) expect(id).toMatch(/^iso42001:/);
    // Focus stays on the filter just changed.
    expect(await e2e.page.evaluate(() => document.activeElement?.id)).toBe('search-framework');
  });

  it('logged no console error, page error or off-host request', () => {
    expect(e2e.problems).toEqual([]);
  });
});
