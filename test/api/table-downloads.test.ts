import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { runCli } from '../../src/cli/crosswalk.js';
import { tableQueryText } from '../../src/graphql/table-cost.js';
import { realSeedStore } from '../helpers/http.js';
import { startWorkspaceServer, type Client, type WorkspaceServer } from '../helpers/workspace-server.js';

/**
 * The table downloads (issue #22): GET /export/tables/<table>.<format> answers what the CLI writes
 * for the same arguments (read back with exceljs for XLSX), refuses bad input with a coded 4xx,
 * prices a table as GraphQL prices the same query, and shows a keyed caller its own workspace only.
 */

let server: WorkspaceServer;
let acmeKey: string;
let globexKey: string;
const dir = mkdtempSync(path.join(tmpdir(), 'crosswalk-tables-'));

beforeAll(async () => {
  // These tests ask for many refused tables in a row: the penalty box (tested in
  // test/hardening/penalty-box.test.ts) would box the test's address part-way through.
  server = await startWorkspaceServer({ config: { http: { ...defaultConfig().http, refusalsLimit: 0 } } });
  acmeKey = (await server.key('acme', 'admin')).key;
  globexKey = (await server.key('globex', 'reader')).key;
  const acme = server.as(acmeKey);
  await ok(acme, 'mutation { createFramework(input: { id: "acme:controls", name: "ACME controls" }) { userErrors { code } } }');
  await ok(acme, 'mutation { upsertRequirements(input: { framework: "acme:controls", requirements: [{ ref: "OPS-01", title: "Monitoring" }] }) { userErrors { code } } }');
  const editor = server.as((await server.key('acme', 'editor')).key);
  await ok(editor, 'mutation { createMappingSet(input: { from: "acme:controls", to: "soc2" }) { userErrors { code } } }');
  const proposed = await ok(
    editor,
    `mutation { proposeMappings(input: { set: "mapping-set:acme:controls--soc2", mappings: [
      { from: "acme:controls:OPS-01", to: "soc2:CC7.2", relationship: SUPERSET_OF, strength: 9, rationale: FUNCTIONAL, note: "Watches for anomalies and more." } ] }) { mappings { id } userErrors { code } } }`,
  );
  const decisions = proposed.proposeMappings.mappings.map((m: { id: string }) => `{ id: "${m.id}", decision: ACCEPT }`).join(', ');
  await ok(server.as((await server.key('acme', 'reviewer')).key), `mutation { reviewMappings(input: { set: "mapping-set:acme:controls--soc2", decisions: [${decisions}] }) { userErrors { code } } }`);
});
afterAll(() => server.close());

async function ok(client: Client, mutation: string): Promise<Record<string, any>> {
  const response = await client(mutation);
  expect(response.errors).toBeUndefined();
  for (const payload of Object.values(response.data!)) expect((payload as { userErrors: unknown[] }).userErrors).toEqual([]);
  return response.data!;
}

async function get(pathAndQuery: string, key?: string) {
  const response = await fetch(`${server.url}${pathAndQuery}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

async function errorOf(pathAndQuery: string, key?: string) {
  const response = await get(pathAndQuery, key);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = JSON.parse(response.bytes.toString('utf8'));
  expect(body.errors).toHaveLength(1);
  return { status: response.status, message: body.errors[0].message as string, extensions: body.errors[0].extensions as Record<string, any> };
}

/** What `crosswalk <argv> --format <format>` writes, on the server's own store. */
async function cli(format: string, ...argv: string[]): Promise<Buffer> {
  const file = path.join(dir, `${argv.join('_').replace(/[^\w]+/g, '_')}.${format}`);
  let stderr = '';
  const code = await runCli([...argv, '--format', format, '-o', file], { stdout: () => {}, stderr: (t) => (stderr += t), store: await realSeedStore() });
  expect(code, stderr).toBe(0);
  const { readFile } = await import('node:fs/promises');
  return readFile(file);
}

/** The cover's "Generated" date is the moment of writing: the only line two runs may differ in. */
const undated = (text: string) => text.replace(/\d{4}-\d\d-\d\d \d\d:\d\d UTC/g, '<date>');

const cellText = (value: ExcelJS.CellValue) => (value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));

async function sheetsOf(bytes: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book.worksheets.map((sheet) => {
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1).map((v) => undated(cellText(v)))));
    return { name: sheet.name, rows, pageSetup: sheet.pageSetup, validations: (sheet as any).dataValidations.model };
  });
}

describe('GET /export/tables/<table>.<format> answers what the CLI writes', () => {
  it('crosswalk.xlsx: every sheet, cell, page setup and validation list as `crosswalk table --format xlsx`', async () => {
    const response = await get('/export/tables/crosswalk.xlsx?from=soc2&to=iso42001');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="crosswalk-soc2-to-iso42001.xlsx"');
    const [http, fromCli] = await Promise.all([sheetsOf(response.bytes), cli('xlsx', 'table', '--from', 'soc2', '--to', 'iso42001').then(sheetsOf)]);
    expect(http.map((s) => s.name)).toEqual(['Cover', 'crosswalk', 'Sources']);
    expect(http).toEqual(fromCli);
    // Not an empty workbook that happens to match: rows of the crosswalk, each with a target and a coverage word.
    const crosswalk = http.find((s) => s.name === 'crosswalk')!;
    expect(crosswalk.rows.length).toBeGreaterThan(40);
    expect(crosswalk.rows[0]!.slice(0, 3)).toEqual(['Target ref', 'Target title', 'Coverage']);
    expect(crosswalk.pageSetup).toMatchObject({ fitToPage: true, fitToWidth: 1, printTitlesRow: '1:1' });
  });

  it('gaps.csv with a scoped holding: the bytes of `crosswalk gaps --held soc2:SECURITY,AVAILABILITY --format csv`', async () => {
    const response = await get(`/export/tables/gaps.csv?target=iso42001&held=${encodeURIComponent('soc2:SECURITY,AVAILABILITY')}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="gaps-iso42001-given-soc2-scoped.csv"');
    const expected = await cli('csv', 'gaps', '--target', 'iso42001', '--held', 'soc2:SECURITY,AVAILABILITY');
    expect(response.bytes.toString('utf8')).toBe(expected.toString('utf8'));
    expect(response.bytes.toString('utf8').split('\r\n')[0]).toMatch(/^Rank,Ref,Title,Status/);
    // The scope matters: held whole, SOC 2 leaves fewer gaps than Security and Availability alone.
    const whole = await get('/export/tables/gaps.csv?target=iso42001&held=soc2');
    expect(whole.bytes.toString('utf8')).toBe((await cli('csv', 'gaps', '--target', 'iso42001', '--held', 'soc2')).toString('utf8'));
    expect(whole.bytes.toString('utf8')).not.toBe(response.bytes.toString('utf8'));
  });

  it('coverage.csv and coverage.xlsx: `crosswalk coverage --format`, one row per requirement with its status and what covers it', async () => {
    const csv = await get('/export/tables/coverage.csv?target=iso42001&held=soc2,iso27001&kind=CONTROL&inferred=true');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="coverage-iso42001-given-soc2-iso27001-controls-inferred.csv"');
    const expected = await cli('csv', 'coverage', '--target', 'iso42001', '--held', 'soc2,iso27001', '--kind', 'CONTROL', '--inferred');
    expect(csv.bytes.toString('utf8')).toBe(expected.toString('utf8'));
    // As many rows as GraphQL's coverage has items, each with GraphQL's status, in order.
    const graphql = await server.as()(`{ coverage(target: "iso42001", held: ["soc2", "iso27001"], kind: CONTROL, inferred: true) { items { status requirement { ref } } } }`);
    const items = graphql.data!.coverage.items as Array<{ status: string; requirement: { ref: string } }>;
    const lines = csv.bytes.toString('utf8').trimEnd().split('\r\n').slice(1);
    expect(lines).toHaveLength(items.length);
    const xlsx = await get('/export/tables/coverage.xlsx?target=iso42001&held=soc2,iso27001&kind=CONTROL&inferred=true');
    const sheet = (await sheetsOf(xlsx.bytes)).find((s) => s.name === 'coverage')!;
    expect(sheet.rows.slice(1).map((r) => r[1])).toEqual(items.map((i) => i.requirement.ref));
    expect(sheet).toEqual((await sheetsOf(await cli('xlsx', 'coverage', '--target', 'iso42001', '--held', 'soc2,iso27001', '--kind', 'CONTROL', '--inferred'))).find((s) => s.name === 'coverage'));
  });

  it('evidence.html: the CLI\'s print-ready page, inline, dated when it was written', async () => {
    const response = await get('/export/tables/evidence.html?frameworks=iso42001,soc2');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('inline; filename="evidence-iso42001-soc2.html"');
    const expected = await cli('html', 'evidence', '--frameworks', 'iso42001,soc2');
    expect(undated(response.bytes.toString('utf8'))).toBe(undated(expected.toString('utf8')));
    expect(response.bytes.toString('utf8')).toMatch(/<h2>Evidence plan for [^<]*42001, SOC 2<\/h2>/);
  });

  it('roadmap.csv and compare.xlsx: `crosswalk roadmap` and `crosswalk compare`, in GraphQL\'s order', async () => {
    const roadmap = await get('/export/tables/roadmap.csv?held=soc2&inferred=true');
    expect(roadmap.status).toBe(200);
    expect(roadmap.headers.get('content-disposition')).toBe('attachment; filename="roadmap-given-soc2-inferred.csv"');
    expect(roadmap.bytes.toString('utf8')).toBe((await cli('csv', 'roadmap', '--held', 'soc2', '--inferred')).toString('utf8'));
    const steps = (await server.as()('{ roadmap(held: ["soc2"], inferred: true) { rank framework { name } marginalWork } }')).data!.roadmap as Array<{ rank: number; framework: { name: string }; marginalWork: number }>;
    const rows = roadmap.bytes.toString('utf8').trimEnd().split('\r\n').slice(1);
    expect(rows).toHaveLength(steps.length);
    steps.forEach((step, i) => expect(rows[i]!.startsWith(`${step.rank},${step.framework.name.includes(',') ? `"${step.framework.name}"` : step.framework.name},`)).toBe(true));
    const named = await get('/export/tables/roadmap.csv?held=soc2&candidates=iso42001,eu-ai-act');
    expect(named.bytes.toString('utf8').trimEnd().split('\r\n')).toHaveLength(3);

    const compare = await get('/export/tables/compare.xlsx?frameworks=iso42001,soc2,nist-800-53');
    expect(compare.status).toBe(200);
    const sheets = await sheetsOf(compare.bytes);
    expect(sheets).toEqual(await sheetsOf(await cli('xlsx', 'compare', '--frameworks', 'iso42001,soc2,nist-800-53')));
    const counts = (await server.as()('{ compare(frameworks: ["iso42001", "soc2", "nist-800-53"]) { requirementCount } }')).data!.compare.map((c: { requirementCount: number }) => String(c.requirementCount));
    const sheet = sheets.find((s) => s.name === 'compare')!;
    expect(sheet.rows.slice(1).map((r) => r[sheet.rows[0]!.indexOf('Requirements')])).toEqual(counts);
  });

  it('explain.csv: one row per hop of each path GraphQL\'s explain finds, in order', async () => {
    const response = await get('/export/tables/explain.csv?from=soc2:CC6.1&to=iso42001:A.6.2.6&maxHops=3');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="explain-soc2-CC6.1-to-iso42001-A.6.2.6.csv"');
    const paths = (await server.as()('{ explain(from: "soc2:CC6.1", to: "iso42001:A.6.2.6", maxHops: 3, first: 10) { hops { kind relationship from { id } to { id } discipline { name } } } }')).data!.explain as Array<{ hops: Array<{ kind: string; relationship: string | null; from: { id: string }; to: { id: string }; discipline: { name: string } | null }> }>;
    const hops = paths.flatMap((p, i) => p.hops.map((h, j) => ({ ...h, path: i + 1, hop: j + 1 })));
    expect(hops.length).toBeGreaterThan(0);
    const rows = response.bytes.toString('utf8').trimEnd().split('\r\n').slice(1);
    expect(rows).toHaveLength(hops.length);
    hops.forEach((h, i) => {
      expect(rows[i]!.startsWith(`${h.path},${h.hop},`)).toBe(true);
      expect(rows[i]).toContain(h.kind === 'MAPPING' ? `,${h.relationship},` : `shares the discipline ${h.discipline!.name}`);
    });
    const same = await errorOf('/export/tables/explain.csv?from=soc2:CC6.1&to=soc2:CC6.1');
    expect(same).toMatchObject({ status: 400, extensions: { code: 'BAD_USER_INPUT', argument: 'to' } });
    expect(await errorOf('/export/tables/explain.csv?from=soc2:CC6.1&to=iso42001:A.6.2.6&maxHops=9')).toMatchObject({ status: 400, extensions: { argument: 'maxHops' } });
    expect(await errorOf('/export/tables/explain.csv?from=soc2:XX9&to=iso42001:A.6.2.6')).toMatchObject({ status: 404, extensions: { code: 'NOT_FOUND', argument: 'from' } });
  });

  it('catalog: the lists of disciplines, risks and evidence, and the requirements an entry involves, as GraphQL counts them', async () => {
    const graphql = (await server.as()('{ disciplines { id requirements(first: 0) { totalCount } } risks { id } evidence { id } }')).data!;
    const list = await get('/export/tables/catalog.csv?list=disciplines');
    expect(list.status).toBe(200);
    expect(list.headers.get('content-disposition')).toBe('attachment; filename="disciplines.csv"');
    const rows = list.bytes.toString('utf8').trimEnd().split('\r\n').slice(1);
    expect(rows.map((r) => r.split(',')[0])).toEqual(graphql.disciplines.map((d: { id: string }) => d.id));
    graphql.disciplines.forEach((d: { requirements: { totalCount: number } }, i: number) => expect(rows[i]!.endsWith(`,${d.requirements.totalCount}`)).toBe(true));
    for (const kind of ['risks', 'evidence'] as const) {
      const other = await get(`/export/tables/catalog.xlsx?list=${kind}`);
      const sheet = (await sheetsOf(other.bytes)).find((s) => s.name !== 'Cover' && s.name !== 'Sources')!;
      expect(sheet.rows.slice(1).map((r) => r[0])).toEqual(graphql[kind].map((x: { id: string }) => x.id));
    }
    const entry = (await server.as()('{ node(id: "discipline:risk-management") { ... on Discipline { requirements(framework: "iso42001", first: 500) { nodes { id } } } } }')).data!.node.requirements.nodes.map((r: { id: string }) => r.id);
    const of = await get('/export/tables/catalog.csv?of=discipline:risk-management&framework=iso42001');
    expect(of.headers.get('content-disposition')).toBe('attachment; filename="requirements-of-discipline-risk-management-in-iso42001.csv"');
    const ids = of.bytes.toString('utf8').trimEnd().split('\r\n').slice(1).map((r) => r.split(',').at(-1));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.sort()).toEqual([...entry].sort());
    expect(await errorOf('/export/tables/catalog.csv?list=disciplines&of=risk:model-drift')).toMatchObject({ status: 400, extensions: { code: 'BAD_USER_INPUT', argument: 'list' } });
    expect(await errorOf('/export/tables/catalog.csv?of=soc2:CC6.1')).toMatchObject({ status: 400, extensions: { argument: 'of' } });
    expect(await errorOf('/export/tables/catalog.csv?of=risk:no-such-risk')).toMatchObject({ status: 404, extensions: { code: 'NOT_FOUND', argument: 'of' } });
  });

  it('takes the spellings the CLI takes ("SOC 2", "ISO/IEC 42001") and lowercase kinds', async () => {
    const spelled = await get(`/export/tables/crosswalk.csv?from=${encodeURIComponent('SOC 2')}&to=${encodeURIComponent('ISO/IEC 42001')}&kind=clause`);
    const ids = await get('/export/tables/crosswalk.csv?from=soc2&to=iso42001&kind=CLAUSE');
    expect(spelled.status).toBe(200);
    expect(spelled.bytes.toString('utf8')).toBe(ids.bytes.toString('utf8'));
    expect(spelled.headers.get('content-disposition')).toBe('attachment; filename="crosswalk-soc2-to-iso42001-clauses.csv"');
    expect(ids.bytes.toString('utf8')).toBe((await cli('csv', 'table', '--from', 'soc2', '--to', 'iso42001', '--kind', 'CLAUSE')).toString('utf8'));
  });
});

describe('bad input is a coded 4xx in the GraphQL error shape, never a 500', () => {
  const cases: Array<[string, number, string, string | null, RegExp]> = [
    ['/export/tables/matrix.csv?target=iso42001&held=soc2', 404, 'NOT_FOUND', null, /No table download "matrix\.csv".*crosswalk\|gaps\|coverage\|evidence\|roadmap\|compare\|explain\|catalog/],
    ['/export/tables/gaps.pdf?target=iso42001&held=soc2', 404, 'NOT_FOUND', null, /csv\|xlsx\|html\|md/],
    ['/export/tables/gaps.csv.xlsx?target=iso42001&held=soc2', 404, 'NOT_FOUND', null, /No table download/],
    ['/export/tables/gaps.csv?target=iso42001&held=soc2&from=soc2', 400, 'BAD_REQUEST', null, /Unknown query parameter "from": this table takes target, held, kind, inferred/],
    ['/export/tables/gaps.csv?target=iso42001&held=soc2&held=iso27001', 400, 'BAD_REQUEST', null, /"held" is given more than once/],
    ['/export/tables/gaps.csv?target=iso42001&held=', 400, 'BAD_REQUEST', null, /"held" is empty/],
    ['/export/tables/gaps.csv?target=iso42001', 400, 'BAD_USER_INPUT', 'held', /needs "held"/],
    ['/export/tables/crosswalk.csv?from=soc2', 400, 'BAD_USER_INPUT', 'to', /needs "to"/],
    ['/export/tables/gaps.csv?target=iso42001&held=iso42001', 400, 'BAD_USER_INPUT', 'held', /must not include the target/],
    ['/export/tables/crosswalk.csv?from=soc2&to=soc2', 400, 'BAD_USER_INPUT', 'to', /two different frameworks/],
    ['/export/tables/crosswalk.csv?from=soc2,iso27001&to=iso42001', 400, 'BAD_USER_INPUT', 'from', /takes one framework/],
    ['/export/tables/gaps.csv?target=iso42001&held=soc2&kind=GROUP', 400, 'BAD_USER_INPUT', 'kind', /GROUP has no coverage/],
    ['/export/tables/gaps.csv?target=iso42001&held=soc2&kind=ARTICLE', 400, 'BAD_USER_INPUT', 'kind', /CLAUSE or CONTROL/],
    ['/export/tables/gaps.csv?target=iso42001&held=soc2&inferred=yes', 400, 'BAD_USER_INPUT', 'inferred', /true or false/],
    ['/export/tables/gaps.csv?target=iso42001&held=soc2:AVAILABILITY', 400, 'BAD_USER_INPUT', 'held', /must include SECURITY/],
    ['/export/tables/gaps.csv?target=iso42001&held=soc2:DEPLOYER', 400, 'BAD_USER_INPUT', 'held', /unknown scope value "DEPLOYER" for soc2 in "held"/],
    ['/export/tables/evidence.csv?frameworks=,', 400, 'BAD_USER_INPUT', 'frameworks', /needs at least 1 framework/],
    ['/export/tables/roadmap.csv?held=soc2&candidates=soc2,iso42001', 400, 'BAD_USER_INPUT', 'candidates', /must not include held frameworks: soc2/],
    ['/export/tables/roadmap.csv?held=soc2&kind=CONTROL', 400, 'BAD_REQUEST', null, /this table takes held, candidates, inferred/],
  ];
  it.each(cases)('%s: %i %s', async (url, status, code, argument, message) => {
    const error = await errorOf(url);
    expect(error.status).toBe(status);
    expect(error.extensions.code).toBe(code);
    if (argument) expect(error.extensions.argument).toBe(argument);
    expect(error.message).toMatch(message);
  });

  it('an unknown framework is NOT_FOUND with the nearest ids, as GraphQL suggests them', async () => {
    const error = await errorOf('/export/tables/gaps.csv?target=iso4200&held=soc2');
    expect(error).toMatchObject({ status: 404, extensions: { code: 'NOT_FOUND', argument: 'target' } });
    expect(error.extensions.suggestions).toContain('iso42001');
    const held = await errorOf('/export/tables/gaps.csv?target=iso42001&held=soc2,iso2700');
    expect(held).toMatchObject({ status: 404, extensions: { code: 'NOT_FOUND', argument: 'held' } });
    expect(held.extensions.suggestions).toContain('iso27001');
  });
});

describe('limits: a table costs what the same GraphQL query costs', () => {
  it('a crosswalk to SP 800-53 is refused as QUERY_TOO_COMPLEX with the cost GraphQL reports for the same query', async () => {
    const error = await errorOf('/export/tables/crosswalk.xlsx?from=iso27001&to=nist-800-53');
    expect(error.status).toBe(400);
    expect(error.extensions.code).toBe('QUERY_TOO_COMPLEX');
    const graphql = await server.as()(tableQueryText('crosswalk'), { from: 'iso27001', to: 'nist-800-53', kind: null, inferred: false });
    expect(graphql.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', cost: error.extensions.cost, limit: error.extensions.limit });
    expect(error.extensions.cost).toBeGreaterThan(error.extensions.limit);
  });

  it('names the CLI command that writes the refused table, and that command writes it', async () => {
    const error = await errorOf('/export/tables/gaps.csv?target=nist-800-53&held=soc2');
    expect(error.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', cli: 'npm run crosswalk -- gaps --target nist-800-53 --held soc2 --format csv -o gaps-nist-800-53-given-soc2.csv' });
    expect(error.message).toContain(error.extensions.cli);
    const argv = (error.extensions.cli as string).replace('npm run crosswalk -- ', '').split(' ');
    const file = path.join(dir, 'from-cli-command.csv');
    argv[argv.length - 1] = file;
    let stderr = '';
    expect(await runCli(argv, { stdout: () => {}, stderr: (t) => (stderr += t), store: await realSeedStore() }), stderr).toBe(0);
    const rows = (await import('node:fs')).readFileSync(file, 'utf8').trim().split('\n');
    expect(rows.length).toBeGreaterThan(100);
    // Scoped and inferred options are written as the CLI takes them; a table with no CLI verb names none.
    const scoped = await errorOf("/export/tables/crosswalk.md?from=soc2:SECURITY,AVAILABILITY&to=nist-800-53&inferred=true");
    expect(scoped.extensions.cli).toBe('npm run crosswalk -- table --from soc2:SECURITY,AVAILABILITY --to nist-800-53 --inferred --format md -o crosswalk-soc2-to-nist-800-53-scoped-inferred.md');
  });

  it('answers ?check=1 with the cost and the file name, building nothing; over the limit, the same refusal', async () => {
    const response = await get('/export/tables/gaps.xlsx?target=iso42001&held=soc2&check=1');
    expect(response.status).toBe(200);
    const body = JSON.parse(response.bytes.toString('utf8'));
    expect(body).toMatchObject({ served: true, limit: 20_000, file: 'gaps-iso42001-given-soc2.xlsx' });
    expect(body.cost).toBeGreaterThan(0);
    expect(body.cost).toBeLessThanOrEqual(body.limit);
    // Over the limit: the verdict (200, since the question was answered), with what the refusal says.
    const over = await get('/export/tables/gaps.xlsx?target=nist-800-53&held=soc2&check=1');
    expect(over.status).toBe(200);
    const refused = await errorOf('/export/tables/gaps.xlsx?target=nist-800-53&held=soc2');
    expect(JSON.parse(over.bytes.toString('utf8'))).toEqual({ served: false, code: 'QUERY_TOO_COMPLEX', message: refused.message, cost: refused.extensions.cost, limit: refused.extensions.limit, cli: refused.extensions.cli });
    expect((await errorOf('/export/tables/gaps.xlsx?target=iso42001&held=soc2&check=yes')).extensions.code).toBe('BAD_REQUEST');
    expect((await errorOf('/export/tables/gaps.xlsx?target=iso42001&held=soc2&check=1&check=1')).extensions.code).toBe('BAD_REQUEST');
  });

  it('a table GraphQL answers is priced the same and downloaded', async () => {
    // Priced through GraphQL's own cost plugin: a limit one below the query's cost makes it report its cost.
    for (const [table, variables, url] of [
      ['gaps', { target: 'iso42001', held: ['soc2'], kind: null, inferred: true }, '/export/tables/gaps.csv?target=iso42001&held=soc2&inferred=true'],
      ['evidence', { frameworks: ['iso42001', 'soc2', 'eu-ai-act'] }, '/export/tables/evidence.csv?frameworks=iso42001,soc2,eu-ai-act'],
    ] as const) {
      const answered = await server.as()(tableQueryText(table), variables);
      expect(answered.errors, table).toBeUndefined();
      const download = await get(url);
      expect(download.status, table).toBe(200);
    }
  });
});

describe('keys and workspaces: a keyed caller downloads its own workspace, never another\'s', () => {
  it('acme sees its framework and the link it accepted; globex and anonymous callers do not', async () => {
    const acme = await get('/export/tables/crosswalk.csv?from=acme:controls&to=soc2', acmeKey);
    expect(acme.status).toBe(200);
    expect(acme.headers.get('cache-control')).toBe('private, no-cache');
    expect(acme.headers.get('content-disposition')).toBe('attachment; filename="crosswalk-acme-controls-to-soc2.csv"');
    const row = acme.bytes.toString('utf8').split('\r\n').find((line) => line.startsWith('CC7.2,'));
    // CSV is data for other tools: coverage as its code.
    expect(row).toMatch(/,FULL,OPS-01,Monitoring,SUPERSET_OF,9,FUNCTIONAL,,Watches for anomalies and more\.,/);
    for (const key of [globexKey, undefined]) {
      const error = await errorOf('/export/tables/crosswalk.csv?from=acme:controls&to=soc2', key);
      expect(error).toMatchObject({ status: 404, extensions: { code: 'NOT_FOUND', argument: 'from' } });
    }
  });

  it('a refused key is 401 UNAUTHENTICATED before anything is read', async () => {
    const error = await errorOf('/export/tables/gaps.csv?target=iso42001&held=soc2', 'cw_not-a-real-key');
    expect(error).toMatchObject({ status: 401, extensions: { code: 'UNAUTHENTICATED' } });
  });
});
