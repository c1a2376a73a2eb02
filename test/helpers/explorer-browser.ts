import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { openBrowser, viewReady } from './browser.js';
import { startTestServer, type TestServer } from './http.js';

/**
 * The set-up every explorer e2e file on the real graph shares: the API on the real seed, headless
 * Chromium on one page, and the page's problems (console errors, page errors, failed and off-host
 * requests) collected for the file's last test to assert empty. Kept apart from browser.ts because
 * it registers vitest hooks, and scripts/screenshots.ts imports browser.ts outside vitest.
 */
export interface ExplorerBrowser {
  /** The API on the real seed (set in beforeAll). */
  readonly server: TestServer;
  /** The Chromium the page lives in, for a second page (set in beforeAll). */
  readonly browser: Browser;
  /** The one page the tests drive (set in beforeAll). */
  readonly page: Page;
  /** What the page logged that it should not have. */
  readonly problems: string[];
  /** Waits until the explorer says it has drawn `name` (body[data-ready]). */
  ready(name: string): Promise<unknown>;
  /** Goes to /explorer/<hash> and waits until the view `ready` has drawn. */
  open(hash: string, ready: string): Promise<void>;
}

/** Registers the file's beforeAll/afterAll and answers the session they fill in. */
export function useExplorerBrowser(viewport = { width: 1280, height: 800 }): ExplorerBrowser {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  const problems: string[] = [];
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the explorer's ${what} is used before beforeAll started it`);
    return value;
  };

  beforeAll(async () => {
    server = await startTestServer();
    ({ browser, page } = await openBrowser(server.url, problems, viewport));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const session: ExplorerBrowser = {
    get server() {
      return started(server, 'server');
    },
    get browser() {
      return started(browser, 'browser');
    },
    get page() {
      return started(page, 'page');
    },
    problems,
    ready: (name) => viewReady(session.page, name),
    async open(hash, ready) {
      await session.page.goto(`${session.server.url}/explorer/${hash}`);
      await viewReady(session.page, ready);
    },
  };
  return session;
}
