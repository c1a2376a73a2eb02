import type { Browser, Page } from 'playwright-core';
import { openBrowser, SCREENSHOTS, viewReady } from '../helpers/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewQueueFixture, type ReviewQueueFixture } from '../helpers/review-queue.js';
import { startWorkspaceServer, type WorkspaceServer } from '../helpers/workspace-server.js';

/**
 * The explorer's review queue in headless Chromium (issue #21): a reviewer pastes a key, sees the
 * workspace's proposals with both requirements side by side, accepts one; refusals (CONFLICT,
 * FORBIDDEN, a refused key) show in the panel; proposed mappings are drawn dashed in the graph.
 * Any unexpected console error fails the test. Screenshots go to test-output/ for a person.
 */

const OUT = SCREENSHOTS;

let server: WorkspaceServer;
let f: ReviewQueueFixture;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];
/** The one console error expected: Chromium logging the 401 of the refused key test. */
const REFUSED_KEY_LOG = /status of 401/;

beforeAll(async () => {
  server = await startWorkspaceServer();
  f = await reviewQueueFixture(server);
  ({ browser, page } = await openBrowser(server.url, consoleErrors));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const ready = (name: string) => viewReady(page, name);
const proposals = () => page.locator('.proposal');

async function useKey(key: string): Promise<void> {
  await page.fill('#key-input', key);
  await page.click('#key-use');
}

async function forgetKey(): Promise<void> {
  await page.click('#key-forget');
  await page.waitForFunction(() => sessionStorage.getItem('crosswalk.apiKey') === null && !document.getElementById('key-form')!.classList.contains('has-key'));
}

describe('review queue in a real browser', () => {
  it('asks for a key, then shows the queue with the two requirements side by side', async () => {
    await page.goto(`${server.url}/explorer/#/review`);
    await ready('review');
    expect(await page.locator('#review-empty').textContent()).toMatch(/Paste an API key/);
    expect(await page.getAttribute('#key-input', 'type')).toBe('password');
    expect(await page.getAttribute('#key-input', 'name')).toBeNull();

    await useKey(f.keys.reviewer.key);
    await page.waitForSelector('.proposal');
    await ready('review');
    // The key is kept in this tab's sessionStorage only: not in the URL, not left in the field.
    expect(page.url()).not.toContain(f.keys.reviewer.key);
    expect(page.url()).not.toContain(f.keys.reviewer.keyId);
    expect(await page.evaluate(() => sessionStorage.getItem('crosswalk.apiKey'))).toBe(f.keys.reviewer.key);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    expect(await page.inputValue('#key-input')).toBe('');
    await page.waitForFunction(() => document.getElementById('key-status')!.textContent === 'acme · reviewer');

    expect(await proposals().count()).toBe(4);
    expect(await page.locator('#review-count').textContent()).toBe('4');
    const first = proposals().first();
    expect(await first.getAttribute('data-id')).toBe(f.mappingIds[0]);
    const from = first.locator('.req[data-side="from"]');
    const to = first.locator('.req[data-side="to"]');
    expect(await from.locator('.req-id').textContent()).toBe('acme:controls:ACME-01');
    expect(await from.locator('.req-title').textContent()).toBe('Production monitoring');
    expect(await from.locator('.req-summary').textContent()).toMatch(/on-call engineer within one hour/);
    expect(await to.locator('.req-id').textContent()).toBe('soc2:CC7.2');
    expect(await to.locator('.req-summary').textContent()).toMatch(/\w+/);
    // Side by side: the same top edge, `from` left of `to`, neither clipped by the card.
    const [a, b, card] = await Promise.all([from.boundingBox(), to.boundingBox(), first.boundingBox()]);
    expect(a!.y).toBe(b!.y);
    expect(a!.x + a!.width).toBeLessThan(b!.x);
    expect(b!.x + b!.width).toBeLessThanOrEqual(card!.x + card!.width);
    const head = await first.locator('.proposal-head').textContent();
    expect(head).toMatch(/EQUAL/);
    expect(head).toMatch(/strength 10\/10/);
    expect(head).toMatch(/rationale functional/);
    expect(await first.locator('.note').textContent()).toMatch(/Our monitoring control is what CC7.2 asks for/);
    expect(await first.locator('.proposed-by').textContent()).toContain(f.keys.editor.keyId);
    expect(await first.locator('.proposed-by time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    await page.screenshot({ path: `${OUT}/review-queue.png`, fullPage: true });
  });

  it('accepts a proposal with a comment: the queue refreshes and the API records it', async () => {
    const first = proposals().first();
    await first.locator('input[name="comment"]').fill('Same control, same outcome.');
    await first.locator('button.accept').click();
    await page.waitForFunction(() => document.querySelectorAll('.proposal').length === 3);
    await ready('review');
    expect(await page.locator('#review-messages .notice').textContent()).toMatch(/^Accepted: ACME ACME-01 equal SOC 2 CC7.2/);
    expect(await page.locator('#review-count').textContent()).toBe('3');
    expect(await page.locator(`.proposal[data-id="${f.mappingIds[0]}"]`).count()).toBe(0);
    const api = await f.reviewer(`{ requirement(id: "acme:controls:ACME-01") { mappings { mapping { id status review { reviewedBy comment } } } } }`);
    expect(api.data!.requirement.mappings).toEqual([{ mapping: { id: f.mappingIds[0], status: 'ACCEPTED', review: { reviewedBy: f.keys.reviewer.keyId, comment: 'Same control, same outcome.' } } }]);
  });

  it('shows a user error when the set changed since the queue was read, and refreshes the queue', async () => {
    // Another reviewer decides on the next proposal behind this page's back.
    const other = await server.key('acme', 'reviewer');
    const behind = await server.as(other.key)(`mutation ($input: ReviewMappingsInput!) { reviewMappings(input: $input) { userErrors { code } } }`, {
      input: { set: f.set, decisions: [{ id: f.mappingIds[1], decision: 'REJECT' }] },
    });
    expect(behind.data!.reviewMappings.userErrors).toEqual([]);
    await page.locator(`.proposal[data-id="${f.mappingIds[1]}"] button.accept`).click();
    await page.waitForSelector('#review-messages .error');
    await ready('review');
    const message = await page.locator('#review-messages .error').textContent();
    expect(message).toMatch(/^CONFLICT: ACME ACME-02 subset of SOC 2 CC6.1: .*changed since you read it/);
    expect(await proposals().count()).toBe(2);
    await page.screenshot({ path: `${OUT}/review-queue-conflict.png`, fullPage: true });
  });

  it('shows FORBIDDEN to an editor key, which may read the queue but not decide', async () => {
    await forgetKey();
    await ready('review');
    expect(await page.locator('#review-empty').count()).toBe(1);
    await useKey(f.keys.editor.key);
    await page.waitForSelector('.proposal');
    await ready('review');
    expect(await page.locator('.notice.warn').textContent()).toMatch(/editor key may read the queue but not decide/);
    await proposals().first().locator('button.reject').click();
    await page.waitForSelector('#review-messages .error');
    await ready('review');
    expect(await page.locator('#review-messages .error').textContent()).toMatch(/^FORBIDDEN: .*may not run reviewMappings/);
    expect(await proposals().count()).toBe(2);
  });

  it('shows a refused key as UNAUTHENTICATED, in the header and the panel', async () => {
    await forgetKey();
    await useKey(`${f.keys.reviewer.key.slice(0, -4)}AAAA`);
    await page.waitForFunction(() => document.getElementById('key-status')!.textContent === 'key refused (UNAUTHENTICATED)');
    await page.waitForSelector('#review-body .error');
    expect(await page.locator('#review-body .error').textContent()).toMatch(/^UNAUTHENTICATED: The API key was refused/);
    await forgetKey();
  });

  it('draws proposed mappings dashed in the graph, with a legend, and accepted ones solid', async () => {
    await useKey(f.keys.reviewer.key);
    await page.goto(`${server.url}/explorer/#/requirement/${encodeURIComponent('soc2:CC8.1')}`);
    await ready('requirement');
    await page.waitForFunction(() => (window as any).crosswalkGraph?.proposed?.length > 0);
    const graph = await page.evaluate(() => (window as any).crosswalkGraph);
    expect(graph.proposed).toEqual([{ source: 'acme:controls:ACME-03', target: 'soc2:CC8.1', lineStyle: 'dashed' }]);
    expect(await page.locator('#graph-legend').textContent()).toMatch(/proposed mapping, waiting for review \(dashed\)/);
    expect(await page.locator('#proposed li').count()).toBe(1);
    expect(await page.locator('#proposed li').textContent()).toMatch(/PROPOSED ACME ACME-03 intersects with SOC 2 CC8.1 7\/10/);
    await page.screenshot({ path: `${OUT}/graph-proposed-dashed.png`, fullPage: true });
    // A workspace control with only a proposal: two nodes, one dashed edge.
    await page.goto(`${server.url}/explorer/#/requirement/${encodeURIComponent('acme:controls:ACME-03')}`);
    await ready('requirement');
    await page.waitForFunction(() => (window as any).crosswalkGraph?.nodes === 2);
    expect(await page.evaluate(() => (window as any).crosswalkGraph.proposed)).toEqual([{ source: 'acme:controls:ACME-03', target: 'soc2:CC8.1', lineStyle: 'dashed' }]);
    await page.screenshot({ path: `${OUT}/graph-workspace-control-proposed.png`, fullPage: true });
    // The proposal accepted above is now an ordinary mapping: solid, listed, not proposed.
    await page.goto(`${server.url}/explorer/#/requirement/${encodeURIComponent('acme:controls:ACME-01')}`);
    await ready('requirement');
    await page.waitForFunction(() => (window as any).crosswalkGraph?.nodes === 2);
    expect(await page.evaluate(() => (window as any).crosswalkGraph.proposed)).toEqual([]);
    expect(await page.locator('#reasons').textContent()).toMatch(/Mappings \(1\)/);
    // Without a key the workspace is out of sight again.
    await forgetKey();
    await page.goto(`${server.url}/explorer/#/requirement/${encodeURIComponent('soc2:CC8.1')}`);
    await ready('requirement');
    expect(await page.evaluate(() => (window as any).crosswalkGraph.proposed)).toEqual([]);
  });

  it('logged no unexpected console error, page error or off-host request', () => {
    expect(consoleErrors.filter((e) => !REFUSED_KEY_LOG.test(e))).toEqual([]);
  });
});
