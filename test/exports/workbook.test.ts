import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/crosswalk.js';
import type { GraphStore } from '../../src/domain/graph-store.js';
import type { Requirement } from '../../src/domain/types.js';
import { BASIS_TERMS, DISCLAIMER, IMPLEMENTATION_STATUSES, RELATION_TERMS, STATUS_TERMS, STRENGTH_TERMS, WORKING_COLUMNS_NOTE } from '../../src/exports/glossary.js';
import { LINE_HEIGHT, rowHeight, wrappedLines } from '../../src/exports/row-height.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { fixtureGraph } from '../helpers/fixture-seed.js';
import { realSeedStore } from '../helpers/http.js';

/**
 * The consultant's workbook (issue #22), read back with exceljs as a client would open it: a cover
 * first, data sheets that print one page wide with the header repeated, row heights that fit the
 * wrapped text, titles beside every id, working columns with drop-down lists, and Sources filled in.
 */

const CLOCK = new Date('2026-03-04T05:06:07Z');
const dir = mkdtempSync(path.join(tmpdir(), 'crosswalk-workbook-'));

async function workbook(store: GraphStore, name: string, ...argv: string[]): Promise<ExcelJS.Workbook> {
  const file = path.join(dir, `${name}.xlsx`);
  let stderr = '';
  const code = await runCli([...argv, '--format', 'xlsx', '-o', file], { stdout: () => {}, stderr: (t) => (stderr += t), store, now: () => CLOCK });
  expect(code, stderr).toBe(0);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  return book;
}

const text = (value: ExcelJS.CellValue) => (value === null || value === undefined ? '' : String(value));
const coverText = (book: ExcelJS.Workbook) => {
  const lines: string[] = [];
  book.getWorksheet('Cover')!.eachRow((row) => lines.push((row.values as ExcelJS.CellValue[]).slice(1).map(text).join(' | ')));
  return lines.join('\n');
};
const headers = (sheet: ExcelJS.Worksheet) => (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(text);
/** A column's values below the header, by header. */
function column(sheet: ExcelJS.Worksheet, header: string): string[] {
  const index = headers(sheet).indexOf(header) + 1;
  expect(index, `column "${header}"`).toBeGreaterThan(0);
  return Array.from({ length: sheet.rowCount - 1 }, (_, i) => text(sheet.getRow(i + 2).getCell(index).value));
}

/** Every "; "- or " > "-separated item of a list of requirements reads "<id> <that requirement's title>". */
function expectTitledIds(values: string[], requirements: Map<string, Requirement>): number {
  let items = 0;
  for (const value of values.filter(Boolean)) {
    for (const item of value.split(/; | > /)) {
      const id = item.split(' ')[0]!;
      expect(requirements.get(id), `"${item}" starts with a known id`).toBeDefined();
      expect(item).toBe(`${id} ${requirements.get(id)!.title}`);
      items++;
    }
  }
  return items;
}

function expectPrintSetup(sheet: ExcelJS.Worksheet): void {
  expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect(sheet.autoFilter).toBeTruthy();
}

/** Every row has a height, at least as many lines as its fullest cell needs at its column's width. */
function expectRowHeights(sheet: ExcelJS.Worksheet): void {
  sheet.eachRow((row, n) => {
    expect(row.height, `row ${n} height`).toBeGreaterThan(0);
    row.eachCell((cell, c) => {
      if (cell.master.address !== cell.address) return;
      // A merged paragraph wraps across the width of all the columns it spans.
      let width = sheet.getColumn(c).width!;
      for (let k = c + 1; k <= sheet.columnCount && row.getCell(k).master.address === cell.address; k++) width += sheet.getColumn(k).width!;
      const needed = Math.ceil(text(cell.value).length / width) * LINE_HEIGHT;
      expect(row.height, `row ${n}, column ${c}`).toBeGreaterThanOrEqual(needed);
    });
  });
}

describe('the crosswalk workbook on the fixture', () => {
  const store = new MemoryStore(fixtureGraph());
  let book: ExcelJS.Workbook;
  beforeAll(async () => {
    book = await workbook(store, 'crosswalk', 'table', '--from', 'alpha', '--to', 'beta', '--inferred');
  });

  it('opens on a cover with the frameworks, their editions and issuers, the dataset version, the date, the method, the glossary and the disclaimer', async () => {
    expect(book.worksheets[0]!.name).toBe('Cover');
    const cover = coverText(book);
    for (const f of fixtureGraph().frameworks.filter((x) => x.id === 'alpha' || x.id === 'beta')) {
      expect(cover).toContain(`${f.name} | Edition: ${f.edition}. Issuer: ${f.issuer}.`);
    }
    expect(cover).not.toContain('GAMMA');
    expect(cover).toContain(`Dataset version | ${(await store.datasetInfo()).version}`);
    expect(cover).toContain('Generated | 2026-03-04 05:06 UTC');
    expect(cover).toMatch(/Method[^\n]*\n.*only Equal or Superset of gives Full/);
    for (const term of [...STATUS_TERMS, ...RELATION_TERMS, ...STRENGTH_TERMS, ...BASIS_TERMS]) expect(cover).toContain(`${term.label} (${term.code}) | ${term.meaning}`);
    expect(cover).toContain('Partial (PARTIAL)');
    expect(cover).toContain('New: assessed, nothing found (NONE)');
    expect(cover).toContain('Not assessed (UNASSESSED)');
    expect(cover).toContain('Intersects with (INTERSECTS_WITH)');
    expect(cover).toContain('Marginal (1-2)');
    expect(cover).toContain(DISCLAIMER);
    expect(cover).toContain(WORKING_COLUMNS_NOTE);
    expect(DISCLAIMER).toMatch(/not an audit opinion/);
  });

  it('prints the data sheet landscape, one page wide, with the header row repeated on every page', () => {
    const sheet = book.getWorksheet('crosswalk')!;
    expectPrintSetup(sheet);
    expectPrintSetup(book.getWorksheet('Sources')!);
    expect(book.getWorksheet('Cover')!.pageSetup).toMatchObject({ fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
  });

  it('sets row heights that fit the wrapped text', () => {
    const sheet = book.getWorksheet('crosswalk')!;
    expectRowHeights(sheet);
    // "Agreeing sources" wraps in its narrow column: the header row is two lines tall.
    expect(sheet.getRow(1).height).toBe(rowHeight([{ text: 'Agreeing sources', width: sheet.getColumn(headers(sheet).indexOf('Agreeing sources') + 1).width! }]));
    expect(sheet.getRow(1).height).toBeGreaterThanOrEqual(2 * LINE_HEIGHT);
    expectRowHeights(book.getWorksheet('Cover')!);
  });

  it('has the basis, coverage in colour and in words, and a title beside every id', () => {
    const sheet = book.getWorksheet('crosswalk')!;
    expect(headers(sheet).slice(0, 12)).toEqual(['Target ref', 'Target title', 'Coverage', 'Source ref', 'Source title', 'Relationship', 'Strength', 'Basis', 'Inferred via', 'Note', 'Mapping source', 'Agreeing sources']);
    expect(column(sheet, 'Basis')).toEqual(['SEMANTIC', 'SEMANTIC', '', 'SEMANTIC > SEMANTIC', '']);
    expect(column(sheet, 'Coverage')).toEqual(['Full', 'Partial', 'New: assessed, nothing found', 'Full', 'New: assessed, nothing found']);
    const coverage = headers(sheet).indexOf('Coverage') + 1;
    expect((sheet.getRow(2).getCell(coverage).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFC8E6C9');
    expect((sheet.getRow(4).getCell(coverage).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFCDD2');
    for (const [ref, title] of [['Target ref', 'Target title'], ['Source ref', 'Source title']] as const) {
      const titles = column(sheet, title);
      column(sheet, ref).forEach((value, i) => value && expect(titles[i], `${ref} ${value}`).not.toBe(''));
    }
    const requirements = new Map(fixtureGraph().requirements.map((r) => [r.id, r]));
    expect(expectTitledIds(column(sheet, 'Inferred via'), requirements)).toBe(1);
  });

  it('adds empty working columns, the implementation status with a drop-down list', () => {
    const sheet = book.getWorksheet('crosswalk')!;
    expect(headers(sheet).slice(-4)).toEqual(['Implementation status', 'Owner', 'Evidence link', 'Comment']);
    for (const header of ['Implementation status', 'Owner', 'Evidence link', 'Comment']) expect(column(sheet, header).every((v) => v === '')).toBe(true);
    const status = headers(sheet).indexOf('Implementation status') + 1;
    for (let r = 2; r <= sheet.rowCount; r++) {
      expect(sheet.getRow(r).getCell(status).dataValidation).toMatchObject({ type: 'list', allowBlank: true, formulae: [`"${IMPLEMENTATION_STATUSES.join(',')}"`] });
    }
    expect(IMPLEMENTATION_STATUSES).toEqual(['Not started', 'In progress', 'Implemented', 'Not applicable']);
    const owner = headers(sheet).indexOf('Owner') + 1;
    expect(sheet.getRow(2).getCell(owner).dataValidation).toBeUndefined();
  });

  it('lists the framework catalogs and the mapping source on the Sources sheet', () => {
    const sources = book.getWorksheet('Sources')!;
    expect(column(sources, 'Kind')).toEqual(['Framework catalog', 'Framework catalog', 'Mapping source']);
    expect(column(sources, 'Source')).toEqual([fixtureGraph().frameworks.find((f) => f.id === 'alpha')!.name, fixtureGraph().frameworks.find((f) => f.id === 'beta')!.name, 'Curated']);
  });
});

describe('gap and evidence workbooks on the fixture', () => {
  const store = new MemoryStore(fixtureGraph());
  const requirements = new Map(fixtureGraph().requirements.map((r) => [r.id, r]));

  it('gaps: cover, print setup, titled groundwork, working columns and Sources', async () => {
    const book = await workbook(store, 'gaps', 'gaps', '--target', 'beta', '--held', 'alpha');
    expect(book.worksheets.map((s) => s.name)).toEqual(['Cover', 'gaps', 'Sources']);
    const sheet = book.getWorksheet('gaps')!;
    expectPrintSetup(sheet);
    expectRowHeights(sheet);
    expect(expectTitledIds(column(sheet, 'Reusable groundwork'), requirements)).toBeGreaterThan(0);
    expect(headers(sheet).slice(-4)).toEqual(['Implementation status', 'Owner', 'Evidence link', 'Comment']);
    expect(sheet.getRow(2).getCell(headers(sheet).indexOf('Implementation status') + 1).dataValidation?.type).toBe('list');
    expect(coverText(book)).toMatch(/Method[^\n]*\n.*Reusable groundwork lists held requirements/);
    // The gap list names the evidence each requirement needs, so the evidence catalogue is a source too.
    expect(column(book.getWorksheet('Sources')!, 'Kind')).toEqual(['Framework catalog', 'Framework catalog', 'Mapping source', 'Evidence catalogue']);
  });

  it('evidence: titled requirements, no working columns, and a Sources sheet that names the evidence catalogue', async () => {
    const book = await workbook(store, 'evidence', 'evidence', '--frameworks', 'alpha,beta');
    const sheet = book.getWorksheet('evidence')!;
    expectPrintSetup(sheet);
    expectRowHeights(sheet);
    expect(expectTitledIds(column(sheet, 'Requirements'), requirements)).toBeGreaterThan(0);
    expect(headers(sheet)).not.toContain('Owner');
    expect(coverText(book)).not.toContain(WORKING_COLUMNS_NOTE);
    const sources = book.getWorksheet('Sources')!;
    expect(column(sources, 'Kind')).toEqual(['Framework catalog', 'Framework catalog', 'Evidence catalogue']);
    expect(column(sources, 'Licence and use').every(Boolean)).toBe(true);
  });
});

describe('the SOC 2 to ISO 42001 workbook on the real seed', () => {
  it('titles every id, fits heights, and names both editions and the curated source', async () => {
    const store = await realSeedStore();
    const book = await workbook(store, 'real', 'table', '--from', 'soc2', '--to', 'iso42001', '--inferred');
    const sheet = book.getWorksheet('crosswalk')!;
    expect(sheet.rowCount).toBeGreaterThan(50);
    expectPrintSetup(sheet);
    expectRowHeights(sheet);
    // Real notes wrap: some rows are several lines tall.
    expect(Math.max(...column(sheet, 'Note').map((_, i) => sheet.getRow(i + 2).height))).toBeGreaterThanOrEqual(3 * LINE_HEIGHT);
    for (const [ref, title] of [['Target ref', 'Target title'], ['Source ref', 'Source title']] as const) {
      const titles = column(sheet, title);
      column(sheet, ref).forEach((value, i) => value && expect(titles[i], `${ref} ${value}`).not.toBe(''));
    }
    expect(column(sheet, 'Basis').filter(Boolean).every((b) => /^(SYNTACTIC|SEMANTIC|FUNCTIONAL|none given)( > (SYNTACTIC|SEMANTIC|FUNCTIONAL|none given))*$/.test(b))).toBe(true);
    const all = (await store.findRequirements([{ filter: {}, page: { after: null, limit: 10_000 } }]))[0]!.items;
    expectTitledIds(column(sheet, 'Inferred via'), new Map(all.map((r) => [r.id, r])));
    const cover = coverText(book);
    expect(cover).toContain('Edition: TSP Section 100, 2017');
    expect(cover).toContain('Edition: 2023');
    expect(column(book.getWorksheet('Sources')!, 'Source')).toContain('Crosswalk curated mappings');
  });
});

describe('the print-ready HTML page', () => {
  it('carries the cover, a print stylesheet that repeats the header, and coverage in colour and words', async () => {
    let stdout = '';
    await runCli(['table', '--from', 'alpha', '--to', 'beta', '--format', 'html'], { stdout: (t) => (stdout += t.toString()), stderr: () => {}, store: new MemoryStore(fixtureGraph()), now: () => CLOCK });
    expect(stdout).toMatch(/@media print\{[^]*thead\{display:table-header-group\}/);
    expect(stdout).toMatch(/@page\{size:A4 landscape/);
    expect(stdout).toContain('<dt>Generated</dt><dd>2026-03-04 05:06 UTC</dd>');
    expect(stdout).toContain('<dt>Dataset version</dt>');
    expect(stdout).toContain('Edition: 2024. Issuer: Test body.');
    expect(stdout).toContain('New: assessed, nothing found (NONE)');
    expect(stdout).toContain('not an audit opinion');
    expect(stdout).toContain('<th class="col-basis">Basis</th>');
    expect(stdout).toContain('<td class="status-partial">Partial</td>');
    expect(stdout).toContain('<td>Framework catalog</td>');
  });

  it('keeps CSV as data: coverage codes, the new Basis column, no working columns', async () => {
    let stdout = '';
    await runCli(['table', '--from', 'alpha', '--to', 'beta', '--format', 'csv'], { stdout: (t) => (stdout += t.toString()), stderr: () => {}, store: new MemoryStore(fixtureGraph()) });
    const header = stdout.split('\r\n')[0]!;
    expect(header).toContain(',Strength,Basis,');
    expect(header).not.toContain('Owner');
    expect(stdout.split('\r\n')[1]).toContain(',FULL,');
  });
});

describe('row heights for wrapped text', () => {
  it('wraps by words at the column width', () => {
    expect(wrappedLines('', 10)).toBe(1);
    expect(wrappedLines('one two', 10)).toBe(1);
    // 9 characters fit a line of a 10-wide column: "aaaa bbbb" fits, "cccc" goes to the next line.
    expect(wrappedLines('aaaa bbbb cccc', 10)).toBe(2);
    expect(wrappedLines('a\nb\nc', 40)).toBe(3);
    // A word longer than a line breaks across lines.
    expect(wrappedLines('x'.repeat(20), 10)).toBe(3);
    expect(rowHeight([{ text: 'short', width: 10 }, { text: 'aaaa bbbb cccc', width: 10 }])).toBe(2 * LINE_HEIGHT + 2);
  });
});

