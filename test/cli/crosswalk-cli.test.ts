import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/crosswalk.js';
import { StoreUnavailableError } from '../../src/domain/graph-store.js';
import { fromOscal } from '../../src/exports/oscal.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { buildGraph } from '../../src/seed/load-seed.js';
import { fixtureFiles, fixtureGraph, fixtureSeed } from '../helpers/fixture-seed.js';
import { realSeedStore } from '../helpers/http.js';
import { checkMappingCollection, vocabulary } from '../helpers/oscal-rules.js';

/** Runs the CLI against the fixture graph and captures what it prints. */
async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t.toString()), stderr: (t) => (stderr += t), store: new MemoryStore(fixtureGraph()) });
  return { code, stdout, stderr };
}

/** Minimal RFC 4180 reader, to check the CSV we write parses back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += ch;
  }
  return rows;
}

const tmp = () => mkdtempSync(path.join(tmpdir(), 'crosswalk-cli-'));

describe('crosswalk table', () => {
  it('writes CSV with the header and one row per target requirement and link', async () => {
    const { code, stdout } = await cli('table', '--from', 'alpha', '--to', 'beta', '--format', 'csv');
    expect(code).toBe(0);
    const [header, ...rows] = parseCsv(stdout);
    expect(header).toEqual(['Target ref', 'Target title', 'Coverage', 'Source ref', 'Source title', 'Relationship', 'Strength', 'Basis', 'Inferred via', 'Note', 'Mapping source', 'Agreeing sources']);
    expect(rows).toHaveLength(5);
    expect(rows[0]).toEqual(['B1', 'Requirement B1', 'FULL', 'A1', 'Requirement A1', 'SUPERSET_OF', '8', 'SEMANTIC', '', 'Both A1 and B1 ask for the same core practice in these tests.', 'Curated', '1']);
    expect(rows[2]![11]).toBe('');
    expect(rows[2]![7]).toBe('');
    expect(rows[2]!.slice(0, 3)).toEqual(['B3', 'Requirement B3', 'NONE']);
    expect(rows[2]![5]).toBe('NO_RELATIONSHIP');
    expect(rows[2]![9]).toBe('Nothing in alpha speaks to oversight.');
  });

  it('follows inference when asked, naming the pivot', async () => {
    const { stdout } = await cli('table', '--from', 'alpha', '--to', 'beta', '--inferred', '--format', 'csv');
    const b4 = parseCsv(stdout).find((r) => r[0] === 'B4')!;
    // The pivot is named with its title, and the basis is given hop by hop.
    expect(b4.slice(2, 9)).toEqual(['FULL', 'A3', 'Requirement A3', 'SUPERSET_OF', '6', 'SEMANTIC > SEMANTIC', 'gamma:G1 Requirement G1']);
  });

  it('writes Markdown and HTML with the same rows', async () => {
    const md = await cli('table', '--from', 'alpha', '--to', 'beta', '--format', 'md');
    expect(md.stdout.split('\n').filter((l) => l.startsWith('| B'))).toHaveLength(5);
    expect(md.stdout).toContain('| B3 | Requirement B3 | New: assessed, nothing found |');
    expect(md.stdout).toMatch(/Sources:\n- Curated \(Tests\); licence: test data/);
    const html = await cli('table', '--from', 'alpha', '--to', 'beta', '--format', 'html');
    const data = html.stdout.slice(html.stdout.indexOf('<table class="data">'), html.stdout.indexOf('</table>', html.stdout.indexOf('<table class="data">')));
    expect(data.match(/<tr><td/g)).toHaveLength(5);
    expect(html.stdout).toContain('class="status-full">Full</td>');
    expect(html.stdout).toContain('class="status-none">New: assessed, nothing found</td>');
  });

  it('writes an XLSX workbook with the table, a frozen header, filters, coloured status and a Sources sheet', async () => {
    const file = path.join(tmp(), 'crosswalk.xlsx');
    const { code, stderr } = await cli('table', '--from', 'alpha', '--to', 'beta', '--format', 'xlsx', '-o', file);
    expect(code).toBe(0);
    expect(stderr).toBe(`wrote ${file}\n`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Cover', 'crosswalk', 'Sources']);
    const sheet = workbook.getWorksheet('crosswalk')!;
    expect(sheet.rowCount).toBe(6);
    expect(sheet.getCell('A1').value).toBe('Target ref');
    expect(sheet.getCell('C2').value).toBe('Full');
    expect((sheet.getCell('C2').fill as any).fgColor.argb).toBe('FFC8E6C9');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.getColumn(10).width).toBeGreaterThan(20);
    const sources = workbook.getWorksheet('Sources')!;
    expect(sources.getRow(1).values).toEqual([undefined, 'Kind', 'Source', 'Publisher', 'Edition or date', 'URL', 'Licence and use']);
    expect(sources.getRow(4).values).toEqual([undefined, 'Mapping source', 'Curated', 'Tests', '2026-01-01', undefined, 'test data']);
  });

  it('exports the mapping set as an OSCAL mapping-collection that meets the model and round-trips', async () => {
    const { code, stdout } = await cli('table', '--from', 'alpha', '--to', 'beta', '--format', 'oscal');
    expect(code).toBe(0);
    const document = JSON.parse(stdout);
    expect(checkMappingCollection(document)).toEqual([]);
    // One mapping: the model wants the object itself, not an array of one.
    expect(Array.isArray(document['mapping-collection'].mappings)).toBe(false);
    const maps = document['mapping-collection'].mappings.maps;
    expect(maps.map((m: any) => m.relationship)).toEqual(['superset-of', 'intersects-with']);
    expect(vocabulary('relationship')).toEqual(expect.arrayContaining(['equal-to', 'subset-of', 'superset-of', 'intersects-with', 'no-relationship']));
    expect(document['mapping-collection'].mappings['target-gap-summary']['unmapped-controls']).toEqual([{ 'with-ids': ['B3'] }]);

    const file = path.join(tmp(), 'alpha-beta.json');
    writeFileSync(file, stdout);
    const out = path.join(tmp(), 'alpha--beta.yaml');
    const imported = await cli('import-oscal', file, '--source', 'curated', '-o', out);
    expect(imported.code).toBe(0);
    const set = parse(readFileSync(out, 'utf8'));
    const original = fixtureSeed().mappings['alpha--beta'] as any;
    expect(set.mappings.map((m: any) => [m.from, m.to, m.relationship, m.strength, m.rationale, m.note])).toEqual(
      original.mappings.map((m: any) => [m.from, m.to, m.relationship, m.strength, m.rationale, m.note]),
    );
    expect(set.noRelationship).toEqual(original.noRelationship);
    expect(set.comprehensive).toEqual(original.comprehensive);
    // The imported file loads as a seed mapping set.
    const seed = fixtureSeed();
    seed.mappings['alpha--beta'] = set;
    expect(buildGraph(fixtureFiles(seed)).mappings.filter((m) => m.setId === 'alpha--beta')).toHaveLength(2);
  });

  it('keeps RELATED pairs in its own namespace, which OSCAL allows', () => {
    const document = { 'mapping-collection': { mappings: [{ props: [], maps: [{ ns: 'https://crosswalk.dev/ns/oscal', relationship: 'related', sources: [{ 'id-ref': 'G1' }], targets: [{ 'id-ref': 'B1' }] }] }] } };
    expect(fromOscal(document, { source: 's', from: 'gamma', to: 'beta' }).mappings[0]).toMatchObject({ relationship: 'RELATED', strength: null });
  });
});

describe('crosswalk gaps, evidence and coverage', () => {
  it('lists the genuinely new requirements with disciplines, risks and evidence', async () => {
    const { code, stdout } = await cli('gaps', '--target', 'beta', '--held', 'alpha', '--format', 'csv');
    expect(code).toBe(0);
    const [header, ...rows] = parseCsv(stdout);
    expect(header!.slice(0, 5)).toEqual(['Rank', 'Ref', 'Title', 'Status', 'Consequence']);
    expect(rows.map((r) => r[1])).toEqual(['B3', 'B4', 'B5']);
    expect(rows[0]).toEqual(expect.arrayContaining(['Oversight', 'Drift', 'Nothing in alpha speaks to oversight.']));
  });

  it('plans evidence across frameworks', async () => {
    const { stdout } = await cli('evidence', '--frameworks', 'alpha,beta', '--format', 'md');
    expect(stdout).toContain('| 1 | Register | A register. | 2 | 1 | 1 | alpha:A1 Requirement A1; beta:B1 Requirement B1 |');
  });

  it('prints a terminal coverage summary with a bar per group', async () => {
    const { code, stdout } = await cli('coverage', '--target', 'beta', '--held', 'alpha');
    expect(code).toBe(0);
    expect(stdout).toMatch(/5 requirements: 1 full, 1 partial, 3 new \(none\), 0 unassessed; covered 40%/);
    expect(stdout).toMatch(/B Group B\s+█{6}▓{6}░{18} 1\/1\/3\/0/);
  });
});

describe('bad arguments: one line, non-zero exit, no stack trace', () => {
  it.each([
    [['table', '--from', 'alhpa', '--to', 'beta', '--format', 'csv'], /^crosswalk: unknown framework "alhpa" for --from; known: alpha, beta, gamma\n$/],
    [['table', '--from', 'alpha', '--to', 'alpha', '--format', 'csv'], /^crosswalk: --from and --to must be two different frameworks\n$/],
    [['table', '--from', 'alpha', '--to', 'beta', '--format', 'pdf'], /^crosswalk: unknown format "pdf"; use csv, md, xlsx, html, oscal\n$/],
    [['table', '--from', 'alpha', '--to', 'beta', '--format', 'csv', '-o', '/nonexistent/dir/x.csv'], /^crosswalk: cannot write \/nonexistent\/dir\/x.csv: ENOENT\n$/],
    [['table', '--from', 'alpha', '--to', 'beta', '--format', 'xlsx'], /^crosswalk: xlsx is binary: give a file with -o\n$/],
    [['table', '--from', 'beta', '--to', 'alpha', '--format', 'oscal'], /^crosswalk: no mapping set from beta to alpha; there is one the other way: --from alpha --to beta\n$/],
    [['gaps', '--target', 'beta', '--held', 'beta', '--format', 'csv'], /^crosswalk: --held must not include the target "beta": a framework trivially covers itself\n$/],
    [['table', '--colour'], /^crosswalk: Unknown option '--colour'/],
    [['frobnicate'], /^crosswalk: unknown verb "frobnicate"/],
    [['import-oscal', '/nonexistent.json', '--source', 's'], /^crosswalk: cannot read \/nonexistent.json: ENOENT\n$/],
  ])('%j', async (argv, message) => {
    const { code, stderr, stdout } = await cli(...(argv as string[]));
    expect(code).not.toBe(0);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stdout).toBe('');
  });

  it('answers a refused request with exit code 2 and an unreachable store with 1', async () => {
    expect((await cli('gaps', '--target', 'beta', '--held', 'beta', '--format', 'csv')).code).toBe(2);
    expect((await cli('table', '--from', 'alpha', '--to', 'alpha', '--format', 'csv')).code).toBe(2);
    let stderr = '';
    const down = new MemoryStore(fixtureGraph());
    down.allNodes = async () => {
      throw new StoreUnavailableError('connection refused');
    };
    const code = await runCli(['evidence', '--frameworks', 'alpha', '--format', 'csv'], { stdout: () => {}, stderr: (t) => (stderr += t), store: down });
    expect(code).toBe(1);
    expect(stderr).toBe('crosswalk: the graph store is unavailable: connection refused\n');
  });

  it('has --help on every verb', async () => {
    for (const verb of ['table', 'gaps', 'evidence', 'coverage', 'import-oscal', 'import-oscal-catalog', 'import-reference-pairs']) {
      const { code, stdout } = await cli(verb, '--help');
      expect(code).toBe(0);
      expect(stdout).toContain(`crosswalk ${verb}`);
    }
    expect((await cli('--help')).stdout).toMatch(/Verbs:/);
  });
});

describe('crosswalk on the real seed: spellings and unconnected pairs', () => {
  async function real(...argv: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, { stdout: (t) => (stdout += t.toString()), stderr: (t) => (stderr += t), store: await realSeedStore() });
    return { code, stdout, stderr };
  }

  it('accepts the common spellings of framework names', async () => {
    const byId = await real('table', '--from', 'soc2', '--to', 'iso42001', '--kind', 'CONTROL', '--format', 'csv');
    for (const [from, to] of [['SOC 2', 'ISO/IEC 42001'], ['SOC2', 'ISO 42001'], ['soc 2', 'ISO/IEC 42001:2023']]) {
      const spelt = await real('table', '--from', from!, '--to', to!, '--kind', 'CONTROL', '--format', 'csv');
      expect(spelt.code, `${from} / ${to}: ${spelt.stderr}`).toBe(0);
      expect(spelt.stdout).toBe(byId.stdout);
    }
    expect((await real('coverage', '--target', 'EU AI Act', '--held', 'NIST AI RMF')).code).toBe(0);
    const unknown = await real('table', '--from', 'SOC 3', '--to', 'iso42001', '--format', 'csv');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown framework "SOC 3" for --from/);
  });

  it('warns on stderr, exit 0, when no mapping set joins the two frameworks', async () => {
    const unconnected = await real('table', '--from', 'nist-ai-rmf', '--to', 'soc2', '--format', 'csv');
    expect(unconnected.code).toBe(0);
    expect(unconnected.stderr).toMatch(/warning: no mapping set joins nist-ai-rmf and soc2, so every requirement of soc2 is "Not assessed" \(unknown, not new\)/);
    expect(parseCsv(unconnected.stdout).slice(1).every((r) => r[2] === 'UNASSESSED')).toBe(true);
    const connected = await real('table', '--from', 'soc2', '--to', 'iso42001', '--format', 'csv');
    expect(connected.stderr).toBe('');
    const gaps = await real('gaps', '--target', 'soc2', '--held', 'eu-ai-act', '--format', 'csv');
    expect(gaps.stderr).toMatch(/no mapping set joins eu-ai-act and soc2/);
  });
});

describe('scoped holdings on the command line', () => {
  async function real(...argv: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, { stdout: (t) => (stdout += t.toString()), stderr: (t) => (stderr += t), store: await realSeedStore() });
    return { code, stdout, stderr };
  }
  const rowsFor = (csv: string, ref: string) => parseCsv(csv).filter((r) => r[0] === ref);

  it('--held soc2:SECURITY leaves A.8.6 a gap; adding AVAILABILITY closes it, and the title names the scope', async () => {
    const security = await real('gaps', '--target', 'iso27001', '--held', 'soc2:SECURITY', '--format', 'md');
    const both = await real('gaps', '--target', 'iso27001', '--held', 'soc2:SECURITY,AVAILABILITY', '--format', 'md');
    expect(security.code).toBe(0);
    expect(security.stdout).toContain('given SOC 2 (categories: security)');
    expect(security.stdout).toMatch(/\| A\.8\.6 \|/);
    expect(security.stdout).toContain('Outside the held scope: soc2:A1.1.');
    expect(both.stdout).toContain('given SOC 2 (categories: security, availability)');
    expect(both.stdout).not.toMatch(/\| A\.8\.6 \|/);
  });

  it('table --from with a scope marks out-of-scope links and counts only the rest', async () => {
    const { code, stdout } = await real('table', '--from', 'soc2:SECURITY', '--to', 'iso27001', '--format', 'csv');
    expect(code).toBe(0);
    const header = parseCsv(stdout)[0]!;
    expect(header).toContain('Condition / scope');
    const a86 = rowsFor(stdout, 'A.8.6');
    expect(a86).toHaveLength(1);
    expect(a86[0]![header.indexOf('Coverage')]).toBe('NONE');
    expect(a86[0]![header.indexOf('Source ref')]).toBe('A1.1');
    expect(a86[0]![header.indexOf('Condition / scope')]).toBe('outside the held scope; does not count');
  });

  it('scopes a held framework among others and names AI Act roles and risk classes', async () => {
    const { code, stdout } = await real('coverage', '--target', 'iso42001', '--held', 'eu-ai-act:deployer,HIGH_RISK,iso27001');
    expect(code).toBe(0);
    expect(stdout).toContain('ISO 42001 covered by EU AI Act (roles: deployer; risk classes: high risk) + ISO 27001');
  });

  it('exports mapping conditions to OSCAL as a Crosswalk prop and imports them back', async () => {
    const { code, stdout } = await real('table', '--from', 'eu-ai-act', '--to', 'iso42001', '--format', 'oscal');
    expect(code).toBe(0);
    const document = JSON.parse(stdout);
    const maps = document['mapping-collection'].mappings.maps as Array<{ props?: Array<{ name: string; value: string }> }>;
    const conditions = maps.flatMap((m) => (m.props ?? []).filter((p) => p.name === 'condition').map((p) => JSON.parse(p.value)));
    expect(conditions).toHaveLength(4);
    expect(conditions).toContainEqual({ roles: ['DEPLOYER'], riskClasses: ['HIGH_RISK'] });
    const imported = fromOscal(document, { source: 'crosswalk-curated' });
    const art26 = imported.mappings.find((m) => m.from === 'Art.26' && m.to === 'A.9.4')!;
    expect(art26.condition).toEqual({ roles: ['DEPLOYER'], riskClasses: ['HIGH_RISK'] });
    expect(imported.mappings.filter((m) => m.condition)).toHaveLength(4);
  });

  it.each([
    [['gaps', '--target', 'iso27001', '--held', 'soc2:AVAILABILTY', '--format', 'csv'], /^crosswalk: unknown scope value "AVAILABILTY" for soc2 in --held; known: SECURITY, AVAILABILITY, PROCESSING_INTEGRITY, CONFIDENTIALITY, PRIVACY\n$/],
    [['gaps', '--target', 'iso42001', '--held', 'iso27001:SECURITY', '--format', 'csv'], /^crosswalk: unknown scope value "SECURITY" for iso27001 in --held; iso27001 has no scope: hold it whole\n$/],
    [['gaps', '--target', 'iso27001', '--held', 'soc2:PRIVACY', '--format', 'csv'], /^crosswalk: --held: categories of "soc2" must include SECURITY: every report covers it\n$/],
    [['gaps', '--target', 'iso27001', '--held', 'soc2:SECURITY,soc2:PRIVACY', '--format', 'csv'], /^crosswalk: --held gives "soc2" more than once: give each held framework one scope\n$/],
    [['gaps', '--target', 'iso27001', '--held', 'soc3:SECURITY', '--format', 'csv'], /^crosswalk: unknown framework "soc3" for --held; known: /],
    [['coverage', '--target', 'iso42001', '--held', 'soc2:', '--format', 'csv'], /^crosswalk: --held: "soc2:" names no scope value after ":"\n$/],
    [['table', '--from', 'soc2:SECURITY,iso27001', '--to', 'iso42001', '--format', 'csv'], /^crosswalk: --from takes one framework/],
    [['table', '--from', 'soc2:SECURITY', '--to', 'iso27001', '--format', 'oscal'], /^crosswalk: --format oscal exports the whole mapping set/],
  ])('refuses %j with exit code 2 and one line', async (argv, message) => {
    const { code, stdout, stderr } = await real(...argv);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stdout).toBe('');
  });
});
