import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, viewReady } from '../helpers/browser.js';
import { reviewQueueFixture, type ReviewQueueFixture } from '../helpers/review-queue.js';
import { startWorkspaceServer, type WorkspaceServer } from '../helpers/workspace-server.js';

/**
 * A view's download button with an API key pasted: a link cannot send the key, so the explorer
 * fetches the file with it and saves it; the file then holds the workspace's own framework, which an
 * anonymous download of the same URL is refused (404, another workspace's or no framework alike).
 */

let server: WorkspaceServer;
let fixture: ReviewQueueFixture;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  server = await startWorkspaceServer();
  fixture = await reviewQueueFixture(server);
  ({ browser, page } = await openBrowser(server.url, problems, { width: 1280, height: 800 }));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('downloads with a key', () => {
  it('saves the workspace\'s table, fetched with the key', async () => {
    await page.goto(`${server.url}/explorer/#/compare?frameworks=soc2`);
    await viewReady(page, 'compare');
    await page.evaluate((key) => sessionStorage.setItem('crosswalk.apiKey', key), fixture.keys.reader.key);
    await page.goto(`${server.url}/explorer/#/compare?frameworks=acme:controls,soc2`);
    await page.reload();
    await viewReady(page, 'compare');
    const href = await page.locator('.table-export a[data-format="xlsx"]').getAttribute('href');
    expect(href).toBe(`/export/tables/compare.xlsx?frameworks=${encodeURIComponent('acme:controls,soc2')}`);
    // Without the key the same URL names a framework the public graph does not have.
    expect((await fetch(`${server.url}${href}`)).status).toBe(404);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.table-export a[data-format="xlsx"]').click()]);
    expect(download.suggestedFilename()).toBe('compare-acme-controls-soc2.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('compare')!;
    const names = sheet.getColumn(1).values.slice(2).map(String);
    const { data } = await server.as(fixture.keys.reader.key)('{ compare(frameworks: ["acme:controls", "soc2"]) { framework { name } requirementCount } }');
    expect(names).toEqual(data!.compare.map((c: { framework: { name: string } }) => c.framework.name));
    expect(await page.locator('.table-export .error').count()).toBe(0);
  });

  it('says what the API refused, with its code, when the download fails', async () => {
    const { key, keyId } = await server.key('acme', 'reader');
    await page.evaluate((k) => sessionStorage.setItem('crosswalk.apiKey', k), key);
    await page.goto(`${server.url}/explorer/#/compare?frameworks=soc2,iso42001`);
    await page.reload();
    await viewReady(page, 'compare');
    // Revoked once the view has drawn: the download is the next request, and is refused.
    await server.data.keys.revoke(keyId);
    await page.locator('.table-export a[data-format="csv"]').click();
    await page.waitForSelector('.table-export .error');
    expect(await page.locator('.table-export .error').textContent()).toContain('UNAUTHENTICATED');
  });
});
