import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/axe.js';
import { openBrowser, viewReady } from '../helpers/browser.js';
import { EXPLORER_VIEWS } from '../helpers/explorer-views.js';
import { reviewQueueFixture, type ReviewQueueFixture } from '../helpers/review-queue.js';
import { startWorkspaceServer, type WorkspaceServer } from '../helpers/workspace-server.js';

/**
 * axe-core (WCAG 2 A/AA and best practices) finds no violation on any view of the explorer, at a
 * desktop size and a phone size, in the light and the dark theme, with a reviewer's key pasted so
 * the review queue shows its cards. The views are those of test/helpers/explorer-views.ts.
 */

const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

let server: WorkspaceServer;
let f: ReviewQueueFixture;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  server = await startWorkspaceServer();
  f = await reviewQueueFixture(server);
  ({ browser, page } = await openBrowser(server.url, problems, SIZES[0]));
  await page.goto(`${server.url}/explorer/#/matrix`);
  await viewReady(page, 'matrix');
  await page.evaluate((key) => sessionStorage.setItem('crosswalk.apiKey', key), f.keys.reviewer.key);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('accessibility of every view (axe-core)', () => {
  const cases = EXPLORER_VIEWS.filter((v) => !v.screenshotOnly).flatMap((view) => SIZES.map((size) => [view.name, `${size.width}x${size.height}`, view, size] as const));
  it.each(cases)('%s at %s has no violations, light and dark', async (_name, _size, view, size) => {
    await page.setViewportSize(size);
    for (const theme of ['light', 'dark']) {
      await page.evaluate((t) => localStorage.setItem('crosswalk.theme', t), theme);
      await page.goto(`${server.url}/explorer/${view.hash}`);
      await page.reload();
      await viewReady(page, view.ready);
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      expect(await axeViolations(page), `${view.name} ${theme}`).toEqual([]);
    }
  });

  it('the harness itself finds a planted violation (an unlabelled field, text below 4.5:1)', async () => {
    await page.setViewportSize(SIZES[0]!);
    await page.goto(`${server.url}/explorer/#/matrix`);
    await viewReady(page, 'matrix');
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.type = 'text';
      const faint = document.createElement('p');
      faint.textContent = 'faint words';
      faint.style.color = '#bbbbbb';
      faint.style.background = '#ffffff';
      document.querySelector('main')!.append(input, faint);
    });
    const ids = (await axeViolations(page)).map((v) => v.id);
    expect(ids).toContain('label');
    expect(ids).toContain('color-contrast');
  });

  it('logged no console error, page error or off-host request', () => {
    expect(problems).toEqual([]);
  });
});
