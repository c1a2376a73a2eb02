import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Headless Chromium for the end-to-end tests (Debian's package; .ci/run installs it). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where screenshots go, for a person to look at. */
export const SCREENSHOTS = 'test-output/screenshots';

/**
 * A browser and a page on which every console error, page error, failed request and request to
 * another host than `serverUrl` (no CDN) is pushed to `problems`, for the test to assert empty.
 */
export async function openBrowser(serverUrl: string, problems: string[], viewport = { width: 1400, height: 1000 }): Promise<{ browser: Browser; page: Page }> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium), as .ci/run does`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  // A fetch of this server's that was aborted is not a failure: the explorer aborts a superseded
  // request on purpose, and a navigation (page.goto, reload) aborts whatever is still in flight.
  // Any other failure, and an aborted document, script or stylesheet, is.
  page.on('requestfailed', (request) => {
    if (request.failure()?.errorText === 'net::ERR_ABORTED' && request.resourceType() === 'fetch' && request.url().startsWith(serverUrl)) return;
    problems.push(`request failed: ${request.url()}`);
  });
  page.on('request', (request) => {
    if (!request.url().startsWith(serverUrl) && !request.url().startsWith('data:')) problems.push(`off-host request: ${request.url()}`);
  });
  return { browser, page };
}

/** Waits until the explorer says it has drawn `name` (body[data-ready]), as every e2e test does between steps. */
export function viewReady(page: Page, name: string) {
  return page.waitForFunction((n) => document.body.dataset.ready === n, name, { timeout: 15_000 });
}
