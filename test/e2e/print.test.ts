import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS } from '../helpers/browser.js';
import { useExplorerBrowser } from '../helpers/explorer-browser.js';

/**
 * The print stylesheet (src/explorer/app/print.css): the coverage map and a requirement page
 * printed, in colour and in black and white. On paper the chrome and the graph are gone (nothing
 * drawn over the text), every tile says its status by shape and word as well as colour, colours are
 * kept (print-color-adjust: exact), every mapping of the requirement is in the text, and Chromium
 * makes a PDF of it.
 */

const e2e = useExplorerBrowser();

const visible = (selector: string) => e2e.page.locator(selector).evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null || getComputedStyle(e).position === 'fixed').length);
/** Prints the page as black-and-white: the page greyed, as a monochrome printer renders it. */
const greyed = () => e2e.page.addStyleTag({ content: 'html { filter: grayscale(1) !important; }' });

/** How many pages a PDF has: its /Type /Page objects. */
const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;

describe('printing the coverage map', () => {
  it('keeps every tile with its status in shape, word and colour, and drops the screen chrome', async () => {
    await e2e.open('#/coverage?target=iso42001&held=soc2&kind=CONTROL', 'coverage');
    const api = await e2e.server.query(`{ coverage(target: "iso42001", held: ["soc2"], kind: CONTROL) { items { requirement { id } status } } }`);
    const items = api.data!.coverage.items as Array<{ requirement: { id: string }; status: string }>;
    const onScreen = await e2e.page.locator('.tile').evaluateAll((els) => els.map((e) => getComputedStyle(e).borderLeftColor));
    await e2e.page.emulateMedia({ media: 'print' });
    for (const hidden of ['.app-header', '#coverage-form', '.skip-link']) expect(await visible(hidden), hidden).toBe(0);
    const tiles = e2e.page.locator('.tile');
    expect(await tiles.count()).toBe(items.length);
    const printed = await tiles.evaluateAll((els) =>
      els.map((e) => {
        const word = e.querySelector('.status-word') as HTMLElement | null;
        const shape = e.querySelector('.status-shape') as SVGElement | null;
        const box = shape?.getBoundingClientRect();
        return {
          id: (e as HTMLElement).dataset.id,
          status: (e as HTMLElement).dataset.status,
          word: word && word.offsetParent !== null ? word.textContent : null,
          shape: box ? box.width > 0 && box.height > 0 : false,
          adjust: getComputedStyle(e).printColorAdjust,
          colour: getComputedStyle(e).borderLeftColor,
        };
      }),
    );
    const statusById = Object.fromEntries(items.map((i) => [i.requirement.id, i.status]));
    const words: Record<string, string> = { FULL: 'Full', PARTIAL: 'Partial', NONE: 'New: assessed, nothing found', UNASSESSED: 'Not assessed' };
    for (const tile of printed) {
      expect(tile.status).toBe(statusById[tile.id!]);
      expect(tile.word, tile.id).toBe(words[tile.status!]);
      expect(tile.shape, tile.id).toBe(true);
      expect(tile.adjust).toBe('exact');
    }
    // The status colours are the screen's (light theme): colour printers print them.
    expect(printed.map((t) => t.colour)).toEqual(onScreen);
    // The legend prints too.
    expect(await visible('#legend li')).toBeGreaterThanOrEqual(4);
    await e2e.page.screenshot({ path: `${SCREENSHOTS}/print-coverage.png`, fullPage: true });
    await greyed();
    await e2e.page.screenshot({ path: `${SCREENSHOTS}/print-coverage-bw.png`, fullPage: true });
    const pdf = await e2e.page.pdf({ format: 'A4', printBackground: true });
    expect(pdfPages(pdf)).toBeGreaterThanOrEqual(1);
    await e2e.page.emulateMedia({ media: 'screen' });
  });

  it('prints in the light palette even when the screen is dark', async () => {
    await e2e.page.evaluate(() => localStorage.setItem('crosswalk.theme', 'dark'));
    await e2e.page.goto(`${e2e.server.url}/explorer/#/coverage?target=iso42001&held=soc2&kind=CONTROL`);
    await e2e.page.reload();
    await e2e.ready('coverage');
    const dark = await e2e.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await e2e.page.emulateMedia({ media: 'print' });
    expect(await e2e.page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
    expect(await e2e.page.evaluate(() => getComputedStyle(document.querySelector('.tile-title')!).color)).toBe('rgb(0, 0, 0)');
    expect(dark).not.toBe('rgb(255, 255, 255)');
    await e2e.page.emulateMedia({ media: 'screen' });
    await e2e.page.evaluate(() => localStorage.setItem('crosswalk.theme', 'light'));
  });
});

describe('printing a requirement page', () => {
  it('lists the verdict and every mapping in the text, with no graph over it', async () => {
    await e2e.open(`#/requirement/${encodeURIComponent('iso42001:A.6.2.6')}?held=soc2`, 'requirement');
    const api = await e2e.server.query(`{ requirement(id: "iso42001:A.6.2.6") { mappings { mapping { id } other { id } } } }`);
    expect(api.errors).toBeUndefined();
    const others = new Set((api.data!.requirement.mappings as Array<{ other: { id: string } }>).map((m) => m.other.id));
    expect(others.size).toBeGreaterThan(0);
    expect(await visible('.graph-box')).toBe(1);
    await e2e.page.emulateMedia({ media: 'print' });
    expect(await visible('.graph-box')).toBe(0);
    expect(await visible('#graph-heading')).toBe(0);
    expect(await visible('.app-header')).toBe(0);
    expect(await visible('#held-form')).toBe(0);
    // Every mapped requirement is named in the printed text: in the verdict's reasons or in the list.
    const text = await e2e.page.evaluate(() => (document.querySelector('main') as HTMLElement).innerText);
    const links = await e2e.page.locator('main a[href^="#/requirement/"]').evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => decodeURIComponent(e.getAttribute('href')!.split('/')[2]!.split('?')[0]!)));
    for (const id of others) expect(links, id).toContain(id);
    // The status is in words, with its shape.
    expect(await visible('.verdict .status-word')).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/Partial|Full|New: assessed, nothing found|Not assessed/);
    await e2e.page.screenshot({ path: `${SCREENSHOTS}/print-requirement.png`, fullPage: true });
    await greyed();
    await e2e.page.screenshot({ path: `${SCREENSHOTS}/print-requirement-bw.png`, fullPage: true });
    const pdf = await e2e.page.pdf({ format: 'A4', printBackground: true });
    expect(pdfPages(pdf)).toBeGreaterThanOrEqual(1);
    await e2e.page.emulateMedia({ media: 'screen' });
  });
});

it('logged no console error, page error or off-host request', () => {
  expect(e2e.problems).toEqual([]);
});
