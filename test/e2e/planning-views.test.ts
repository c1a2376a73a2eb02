import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS } from '../helpers/browser.js';
import { useExplorerBrowser } from '../helpers/explorer-browser.js';
import { csvCells, csvRows, downloadTable } from '../helpers/table-downloads.js';

/**
 * The planning and catalogue views in headless Chromium on the real graph: gaps, evidence plan,
 * roadmap, compare, explain, and the discipline, risk and evidence pages. Each view's content is
 * checked against the API's own answer for the same arguments (never hard-coded numbers), its
 * download links against /export/tables, and its loading and error states.
 */

const e2e = useExplorerBrowser();

const { open } = e2e;

async function api<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const answer = await e2e.server.query(query, variables);
  expect(answer.errors).toBeUndefined();
  return answer.data as T;
}

const attribute = (selector: string, name: string) => e2e.page.locator(selector).evaluateAll((els, n) => els.map((e) => e.getAttribute(n)), name);
const hrefOf = (selector: string) => e2e.page.locator(selector).getAttribute('href');

/** A download link's file, fetched as the browser would (anonymous). */
async function download(href: string | null): Promise<{ status: number; type: string | null; bytes: Buffer }> {
  expect(href).toBeTruthy();
  return downloadTable(e2e.server.url, href);
}
const cells = csvCells;

describe('gaps', () => {
  it('lists what the API calls new, in its order, with its status, links and a download of the same list', async () => {
    await open('#/gaps?target=iso42001&held=soc2', 'gaps');
    const { gaps } = await api(`{ gaps(target: "iso42001", held: ["soc2"]) { total none unassessed items { rank status requirement { id } disciplines { id } risks { id } } } }`);
    expect(gaps.items.length).toBeGreaterThan(0);
    expect(await attribute('#gap-list > li', 'data-id')).toEqual(gaps.items.map((g: any) => g.requirement.id));
    expect(await attribute('#gap-list > li', 'data-status')).toEqual(gaps.items.map((g: any) => g.status));
    expect(await attribute('#gap-list > li', 'data-rank')).toEqual(gaps.items.map((g: any) => String(g.rank)));
    expect(await e2e.page.locator('#gap-totals').textContent()).toMatch(new RegExp(`^${gaps.total}\\s*gaps`));
    // Status in words and shape, and a legend for the colours.
    expect(await e2e.page.locator('#gap-list > li .status-word').first().textContent()).toBeTruthy();
    expect(await e2e.page.locator('#legend li').count()).toBeGreaterThanOrEqual(2);
    // The first gap's disciplines and risks link to their pages.
    const first = gaps.items[0];
    const links = await e2e.page.locator('#gap-list > li').first().locator('.gap-facts a').evaluateAll((els) => els.map((e) => e.getAttribute('href')));
    for (const d of first.disciplines) expect(links).toContain(`#/disciplines/${encodeURIComponent(d.id)}`);
    for (const r of first.risks) expect(links).toContain(`#/risks/${encodeURIComponent(r.id)}`);
    // The download holds the same gaps, in the same order.
    expect(await hrefOf('.table-export a[data-format="csv"]')).toBe('/export/tables/gaps.csv?target=iso42001&held=soc2');
    const csv = await download(await hrefOf('.table-export a[data-format="csv"]'));
    expect(csv.status).toBe(200);
    expect(csvRows(csv.bytes).map((r) => cells(r)[1])).toEqual(await e2e.page.locator('#gap-list > li .gap-ref').allTextContents());
    await e2e.page.screenshot({ path: `${SCREENSHOTS}/gaps.png`, fullPage: false });
  });

  it('follows the controls, keeps focus on the one used, and carries scope and inference into the download', async () => {
    await open('#/gaps?target=iso42001&held=soc2&categories=SECURITY', 'gaps');
    expect(await hrefOf('.table-export a[data-format="xlsx"]')).toBe(`/export/tables/gaps.xlsx?target=iso42001&held=${encodeURIComponent('soc2:SECURITY')}`);
    const box = e2e.page.locator('input[name="held"][value="iso27001"]');
    await box.focus();
    await box.check();
    await e2e.page.waitForFunction(() => location.hash.includes('held=soc2%2Ciso27001') || location.hash.includes('held=soc2,iso27001'));
    await e2e.ready('gaps');
    expect(await e2e.page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('iso27001');
    const { gaps } = await api(`{ gaps(target: "iso42001", held: ["soc2", "iso27001"], scope: [{ framework: "soc2", categories: [SECURITY] }]) { items { requirement { id } } } }`);
    expect(await attribute('#gap-list > li', 'data-id')).toEqual(gaps.items.map((g: any) => g.requirement.id));
    await e2e.page.locator('input[name="inferred"]').check();
    await e2e.ready('gaps');
    const xlsx = await download(await hrefOf('.table-export a[data-format="xlsx"]'));
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const { gaps: inferred } = await api(`{ gaps(target: "iso42001", held: ["soc2", "iso27001"], scope: [{ framework: "soc2", categories: [SECURITY] }], inferred: true) { items { requirement { ref } } } }`);
    const sheet = book.getWorksheet('gaps')!;
    expect(sheet.rowCount - 1).toBe(inferred.items.length);
    expect(await e2e.page.locator('#gap-list > li').count()).toBe(inferred.items.length);
  });

  it('shows a loading state while the answer is on its way, and an error with its code and suggestions', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await e2e.page.route('**/graphql', async (route) => {
      if ((route.request().postData() ?? '').includes('query Gaps')) await held;
      await route.continue();
    });
    await e2e.page.goto(`${e2e.server.url}/explorer/#/gaps?target=iso27001&held=soc2`);
    await e2e.page.waitForSelector('#gaps-result [data-loading="true"]');
    expect(await e2e.page.evaluate(() => document.body.dataset.ready)).toBeUndefined();
    release();
    await e2e.ready('gaps');
    await e2e.page.unroute('**/graphql');
    await open('#/gaps?target=iso4200&held=soc2', 'error');
    expect(await e2e.page.locator('.error').getAttribute('data-code')).toBe('NOT_FOUND');
    expect(await e2e.page.locator('.error .suggestions a').first().getAttribute('href')).toContain('target=iso42001');
  });
});

describe('the coverage map\'s downloads', () => {
  it('offer the coverage table and, with one framework held, its crosswalk, both as the API counts them', async () => {
    await open('#/coverage?target=iso42001&held=soc2&kind=CONTROL', 'coverage');
    const { coverage, crosswalk } = await api(`{ coverage(target: "iso42001", held: ["soc2"], kind: CONTROL) { items { requirement { ref } status } } crosswalk(from: "soc2", to: "iso42001", kind: CONTROL) { rows { targetRef } } }`);
    const tables = await attribute('.coverage-exports .table-export', 'data-table');
    expect(tables).toEqual(['coverage', 'crosswalk']);
    const csv = await download(await hrefOf('.table-export[data-table="coverage"] a[data-format="csv"]'));
    expect(csvRows(csv.bytes).map((r) => [cells(r)[1], cells(r)[3]])).toEqual(coverage.items.map((i: any) => [i.requirement.ref, i.status]));
    const xlsx = await download(await hrefOf('.table-export[data-table="crosswalk"] a[data-format="xlsx"]'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect(book.getWorksheet('crosswalk')!.rowCount - 1).toBe(crosswalk.rows.length);
    // Two frameworks held: no crosswalk (it is between two frameworks), the coverage table for both.
    await e2e.page.locator('input[name="held"][value="iso27001"]').check();
    await e2e.ready('coverage');
    expect(await attribute('.coverage-exports .table-export', 'data-table')).toEqual(['coverage']);
    expect(await hrefOf('.table-export[data-table="coverage"] a[data-format="xlsx"]')).toBe(`/export/tables/coverage.xlsx?target=iso42001&held=${encodeURIComponent('soc2,iso27001')}&kind=CONTROL`);
  });
});

describe('evidence plan', () => {
  it('ranks the artefacts as the API does, with per-framework counts, a legend and downloads', async () => {
    await open('#/evidence-plan?frameworks=iso42001,soc2', 'evidence-plan');
    const { evidencePlan } = await api(`{ evidencePlan(frameworks: ["iso42001", "soc2"]) { items { rank evidence { id } requirementCount perFramework { framework { id } count } } unevidenced { id } } }`);
    expect(await attribute('#plan-list > li', 'data-id')).toEqual(evidencePlan.items.map((i: any) => i.evidence.id));
    expect(await attribute('#plan-list > li', 'data-count')).toEqual(evidencePlan.items.map((i: any) => String(i.requirementCount)));
    const bars = await e2e.page.locator('#plan-list > li').first().locator('.plan-bars li').evaluateAll((els) => els.map((e) => [e.getAttribute('data-framework'), e.getAttribute('data-count')]));
    expect(bars).toEqual(evidencePlan.items[0].perFramework.map((p: any) => [p.framework.id, String(p.count)]));
    expect(await attribute('#legend li', 'data-key')).toEqual(['iso42001', 'soc2']);
    expect(await e2e.page.locator('#unevidenced').textContent()).toContain(`(${evidencePlan.unevidenced.length})`);
    const csv = await download(await hrefOf('.table-export a[data-format="csv"]'));
    expect(csvRows(csv.bytes)).toHaveLength(evidencePlan.items.length);
    await e2e.page.locator('input[name="frameworks"][value="eu-ai-act"]').check();
    await e2e.ready('evidence-plan');
    expect(await hrefOf('.table-export a[data-format="xlsx"]')).toBe(`/export/tables/evidence.xlsx?frameworks=${encodeURIComponent('iso42001,soc2,eu-ai-act')}`);
    await open('#/evidence-plan?frameworks=iso42001,soc2', 'evidence-plan');
    await e2e.page.screenshot({ path: `${SCREENSHOTS}/evidence-plan.png` });
  });
});

describe('roadmap and compare', () => {
  it('roadmap: the candidates in the API\'s order with their counts and work left', async () => {
    await open('#/roadmap?held=soc2', 'roadmap');
    const { roadmap } = await api(`{ roadmap(held: ["soc2"]) { rank framework { id } marginalWork coverage { total } } }`);
    expect(await attribute('#roadmap tbody tr', 'data-framework')).toEqual(roadmap.map((s: any) => s.framework.id));
    expect(await attribute('#roadmap td.work', 'data-work')).toEqual(roadmap.map((s: any) => String(s.marginalWork)));
    const csv = await download(await hrefOf('.table-export a[data-format="csv"]'));
    expect(csvRows(csv.bytes)).toHaveLength(roadmap.length);
    expect(await e2e.page.locator('#roadmap tbody tr').first().locator('a').first().getAttribute('href')).toContain(`#/gaps?target=${roadmap[0].framework.id}`);
  });

  it('compare: a column per framework with the API\'s facts and counts', async () => {
    await open('#/compare?frameworks=iso42001,soc2,nist-800-53', 'compare');
    const { compare } = await api(`{ compare(frameworks: ["iso42001", "soc2", "nist-800-53"]) { framework { id } issuer requirementCount } }`);
    expect(await attribute('#compare thead th[data-framework]', 'data-framework')).toEqual(compare.map((c: any) => c.framework.id));
    expect(await e2e.page.locator('#compare tr[data-row="requirementCount"] td').allTextContents()).toEqual(compare.map((c: any) => String(c.requirementCount)));
    expect(await e2e.page.locator('#compare tr[data-row="issuer"] td').allTextContents()).toEqual(compare.map((c: any) => c.issuer));
    const xlsx = await download(await hrefOf('.table-export a[data-format="xlsx"]'));
    expect(xlsx.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });
});

describe('explain', () => {
  it('draws each path the API finds, requirement by requirement, with its hops and a legend', async () => {
    await open('#/explain?from=soc2%3ACC6.1&to=iso42001%3AA.6.2.6', 'explain');
    const { explain } = await api(`{ explain(from: "soc2:CC6.1", to: "iso42001:A.6.2.6", maxHops: 3, first: 10) { length hops { kind relationship from { id } to { id } } } }`);
    expect(explain.length).toBeGreaterThan(0);
    const paths = e2e.page.locator('#paths > li');
    expect(await paths.count()).toBe(explain.length);
    for (let i = 0; i < explain.length; i++) {
      const ids = await paths.nth(i).locator('.path-node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
      expect(ids).toEqual([explain[i].hops[0].from.id, ...explain[i].hops.map((h: any) => h.to.id)]);
      expect(await paths.nth(i).locator('.path-hop').evaluateAll((els) => els.map((e) => e.getAttribute('data-relationship') || e.getAttribute('data-kind')))).toEqual(
        explain[i].hops.map((h: any) => (h.kind === 'MAPPING' ? h.relationship : 'SHARED_DISCIPLINE')),
      );
    }
    expect(await attribute('#legend li', 'data-key')).toContain('INTERSECTS_WITH');
    await e2e.page.screenshot({ path: `${SCREENSHOTS}/explain.png` });
    // Asking for another pair from the form.
    await e2e.page.fill('#explain-to', 'iso27001:A.5.15');
    await e2e.page.click('#explain-form button[type="submit"]');
    await e2e.page.waitForFunction(() => decodeURIComponent(location.hash).includes('to=iso27001:A.5.15'));
    await e2e.ready('explain');
    const again = await api(`{ explain(from: "soc2:CC6.1", to: "iso27001:A.5.15", maxHops: 3, first: 10) { length } }`);
    expect(await e2e.page.locator('#paths > li, #no-path').count()).toBe(Math.max(1, again.explain.length));
  });

  it('an unknown requirement is an error with its code and links to what was meant', async () => {
    await open('#/explain?from=soc2%3ACC6.11&to=iso42001%3AA.6.2.6', 'error');
    expect(await e2e.page.locator('.error').getAttribute('data-code')).toBe('NOT_FOUND');
    expect(await e2e.page.locator('.error .suggestions a').count()).toBeGreaterThan(0);
  });
});

describe('disciplines, risks and evidence pages', () => {
  it('lists each with the API\'s counts, and an entry\'s page lists its requirements by framework', async () => {
    const lists = await api(`{ disciplines { id requirements(first: 0) { totalCount } } risks { id } evidence { id } }`);
    await open('#/disciplines', 'disciplines');
    expect(await attribute('#catalog-list tbody tr', 'data-id')).toEqual(lists.disciplines.map((d: any) => d.id));
    expect(await e2e.page.locator('#catalog-list tbody td[data-count]').allTextContents()).toEqual(lists.disciplines.map((d: any) => String(d.requirements.totalCount)));
    await open('#/risks', 'risks');
    expect(await attribute('#catalog-list tbody tr', 'data-id')).toEqual(lists.risks.map((r: any) => r.id));
    await open('#/evidence', 'evidence');
    expect(await attribute('#catalog-list tbody tr', 'data-id')).toEqual(lists.evidence.map((e: any) => e.id));

    await open('#/disciplines', 'disciplines');
    await e2e.page.locator(`#catalog-list a[href="#/disciplines/${encodeURIComponent('discipline:risk-management')}"]`).click();
    await e2e.ready('disciplines-entry');
    const { node } = await api(`{ node(id: "discipline:risk-management") { ... on Discipline { name risks { id } requirements(first: 200) { totalCount nodes { id } } } } }`);
    expect(await e2e.page.locator('h1').textContent()).toContain(node.name);
    expect(await e2e.page.title()).toContain(node.name);
    const shown = await e2e.page.locator('.entry-framework li[data-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    expect(shown.sort()).toEqual(node.requirements.nodes.map((r: any) => r.id).sort());
    expect(await e2e.page.locator('#requirements-heading').textContent()).toContain(`(${node.requirements.totalCount}`);
    for (const r of node.risks) expect(await e2e.page.locator(`.entry-facts a[href="#/risks/${encodeURIComponent(r.id)}"]`).count()).toBe(1);
    await e2e.page.screenshot({ path: `${SCREENSHOTS}/discipline.png` });
    // The framework filter narrows the list and the download.
    await e2e.page.selectOption('#framework-filter', 'iso42001');
    await e2e.ready('disciplines-entry');
    const narrowed = await api(`{ node(id: "discipline:risk-management") { ... on Discipline { requirements(framework: "iso42001", first: 200) { nodes { id } } } } }`);
    expect(await e2e.page.locator('.entry-framework li[data-id]').count()).toBe(narrowed.node.requirements.nodes.length);
    const csv = await download(await hrefOf('.table-export a[data-format="csv"]'));
    expect(csvRows(csv.bytes)).toHaveLength(narrowed.node.requirements.nodes.length);
    // A requirement link opens its e2e.page.
    await e2e.page.locator('.entry-framework li[data-id] a').first().click();
    await e2e.ready('requirement');
  });

  it('a risk and an evidence artefact e2e.page, and an unknown id', async () => {
    const { node: risk } = await api(`{ node(id: "risk:model-drift") { ... on Risk { name discipline { id } requirements(first: 200) { totalCount } } } }`);
    await open(`#/risks/${encodeURIComponent('risk:model-drift')}`, 'risks-entry');
    expect(await e2e.page.locator('h1').textContent()).toContain(risk.name);
    expect(await e2e.page.locator('#requirements-heading').textContent()).toContain(`(${risk.requirements.totalCount}`);
    const { node: evidence } = await api(`{ node(id: "evidence:risk-register") { ... on Evidence { name frameworks { id } } } }`);
    await open(`#/evidence/${encodeURIComponent('evidence:risk-register')}`, 'evidence-entry');
    expect(await e2e.page.locator('h1').textContent()).toContain(evidence.name);
    expect(await attribute('.entry-facts .fw-chip', 'data-framework')).toEqual(evidence.frameworks.map((f: any) => f.id));
    await open(`#/risks/${encodeURIComponent('risk:no-such-riks')}`, 'error');
    expect(await e2e.page.locator('[data-code="NOT_FOUND"]').count()).toBe(1);
  });
});

it('logged no console error, page error or off-host request', () => {
  expect(e2e.problems).toEqual([]);
});
