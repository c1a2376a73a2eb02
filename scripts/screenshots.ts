/**
 * `npm run screenshots`: starts the API on the real seed (with a workspace holding the review
 * fixture's proposals, so the review queue has cards), opens every view of the explorer listed in
 * test/helpers/explorer-views.ts in headless Chromium at 1280x800, and writes
 * docs/screenshots/<name>.png (the README shows them). `-- --dark` also writes <name>-dark.png.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openBrowser, viewReady } from '../test/helpers/browser.js';
import { EXPLORER_VIEWS } from '../test/helpers/explorer-views.js';
import { reviewQueueFixture } from '../test/helpers/review-queue.js';
import { startWorkspaceServer } from '../test/helpers/workspace-server.js';

const OUT = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'docs', 'screenshots');
const dark = process.argv.includes('--dark');

const server = await startWorkspaceServer();
const problems: string[] = [];
const { browser, page } = await openBrowser(server.url, problems, { width: 1280, height: 800 });
try {
  const fixture = await reviewQueueFixture(server);
  mkdirSync(OUT, { recursive: true });
  await page.goto(`${server.url}/explorer/#/matrix`);
  await viewReady(page, 'matrix');
  await page.evaluate((key) => sessionStorage.setItem('crosswalk.apiKey', key), fixture.keys.reviewer.key);
  for (const theme of dark ? ['light', 'dark'] : ['light']) {
    await page.evaluate((t) => localStorage.setItem('crosswalk.theme', t), theme);
    for (const view of EXPLORER_VIEWS) {
      await page.goto(`${server.url}/explorer/${view.hash}`);
      await page.reload();
      await viewReady(page, view.ready);
      // Let the graph's layout and fonts settle before the picture.
      await page.waitForTimeout(300);
      const file = path.join(OUT, `${view.name}${theme === 'dark' ? '-dark' : ''}.png`);
      await page.screenshot({ path: file });
      console.log(`wrote ${path.relative(process.cwd(), file)}`);
    }
  }
  if (problems.length) console.warn(`the pages logged:\n${problems.join('\n')}`);
} finally {
  await browser.close();
  await server.close();
}
