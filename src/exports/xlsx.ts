import ExcelJS from 'exceljs';
import type { Cell, Table } from '../analysis/tables.js';
import { widthHint } from './column-widths.js';
import { coverOf, sourceRowsOf, type CoverContext } from './cover.js';
import { statusLabel, WORKED_TABLES, WORKING_COLUMNS, WORKING_COLUMNS_NOTE } from './glossary.js';
import { rowHeight } from './row-height.js';

/** Fill colours for coverage statuses, as in the explorer; the cell also says the status in words. */
const STATUS_FILL: Record<string, string> = { FULL: 'FFC8E6C9', PARTIAL: 'FFFFF3C4', NOT_IMPLEMENTED: 'FFFFE0B2', NONE: 'FFFFCDD2', UNASSESSED: 'FFE0E0E0' };
const HEADER_FILL = 'FFF3F3F3';

/**
 * The consultant's workbook: a cover sheet (frameworks, dataset, date, method, glossary,
 * disclaimer), a sheet per table, and a Sources sheet. Every data sheet prints landscape one page
 * wide with its header row repeated, has a frozen header, filters, wrapped text in rows tall enough
 * to show it, coverage in colour and in words, and (crosswalk and gaps) empty working columns with
 * drop-down lists for the consultant to fill in.
 */
export async function toXlsx(tables: Table[], context: CoverContext): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Crosswalk';
  workbook.created = context.generatedAt;
  addCover(workbook, tables, context);
  for (const table of tables) addTable(workbook, table);
  addSources(workbook, tables);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

interface SheetColumn {
  key: string;
  header: string;
  width: number;
  list?: readonly string[];
}

function addTable(workbook: ExcelJS.Workbook, table: Table): void {
  const sheet = workbook.addWorksheet(sheetName(table.name), { views: [{ state: 'frozen', ySplit: 1 }] });
  const columns: SheetColumn[] = [
    ...table.columns.map((c) => ({ key: c.key, header: c.header, width: fittedWidth(c.header, table.rows.map((r) => r[c.key]), widthHint(table, c.key)) })),
    ...(WORKED_TABLES.has(table.name) ? WORKING_COLUMNS : []),
  ];
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  for (const row of table.rows) {
    const added = sheet.addRow(Object.fromEntries(columns.map((c) => [c.key, shown(c.key, row[c.key])])));
    const status = row.status;
    columns.forEach((c, i) => {
      const cell = added.getCell(i + 1);
      if (c.key === 'status' && typeof status === 'string' && STATUS_FILL[status]) cell.fill = solid(STATUS_FILL[status]!);
    });
  }
  columns.forEach((c, i) => {
    if (!c.list || table.rows.length === 0) return;
    // One range per column: exceljs squeezes per-cell validations into overlapping ranges (it sorts
    // M10 before M2), which Excel reports as a damaged file.
    const letter = sheet.getColumn(i + 1).letter;
    rangeValidations(sheet).add(`${letter}2:${letter}${table.rows.length + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${c.list.join(',')}"`],
      showErrorMessage: true,
      errorTitle: c.header,
      error: `Choose one of: ${c.list.join(', ')}`,
    });
  });
  styleDataSheet(sheet, columns, table.title);
}

/** Header, wrapping, row heights and print setup shared by every data sheet. */
function styleDataSheet(sheet: ExcelJS.Worksheet, columns: readonly SheetColumn[], title: string): void {
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell) => (cell.fill = solid(HEADER_FILL)));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  sheet.eachRow((row) => {
    row.alignment = { vertical: 'top', wrapText: true };
    row.height = rowHeight(columns.map((c, i) => ({ text: text(row.getCell(i + 1).value), width: c.width })));
  });
  sheet.pageSetup = {
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: '1:1',
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  sheet.headerFooter = { oddHeader: `&L${escapeHeader(title)}`, oddFooter: '&LCrosswalk: guidance, not an audit opinion&RPage &P of &N' };
}

function addCover(workbook: ExcelJS.Workbook, tables: readonly Table[], context: CoverContext): void {
  const cover = coverOf(tables, context);
  const sheet = workbook.addWorksheet('Cover');
  sheet.columns = [{ width: 30 }, { width: 90 }];
  const line = (label: string, value = '', style: Partial<ExcelJS.Style> = {}) => {
    const row = sheet.addRow([label, value]);
    row.alignment = { vertical: 'top', wrapText: true };
    if (style.font) row.getCell(1).font = style.font;
    row.height = rowHeight([{ text: label, width: 30 }, { text: value, width: 90 }]);
    return row;
  };
  /** A paragraph across both columns: its height follows their joint width. */
  const paragraph = (value: string) => {
    const row = line(value);
    sheet.mergeCells(row.number, 1, row.number, 2);
    row.height = rowHeight([{ text: value, width: 120 }]);
  };
  const heading = (text: string) => {
    sheet.addRow([]);
    line(text, '', { font: { bold: true, size: 13 } }).height = 20;
  };
  const title = line(cover.title, '', { font: { bold: true, size: 16 } });
  sheet.mergeCells(title.number, 1, title.number, 2);
  title.height = 24;
  for (const [label, value] of cover.facts) line(label, value, { font: { bold: true } });

  heading('Frameworks');
  for (const f of cover.frameworks) line(f.name, `Edition: ${f.edition}. Issuer: ${f.issuer}.`, { font: { bold: true } });

  heading('Method');
  for (const m of cover.method) paragraph(m);
  if (tables.some((t) => WORKED_TABLES.has(t.name))) paragraph(WORKING_COLUMNS_NOTE);

  heading('Glossary');
  for (const part of cover.glossary) {
    line(part.heading, '', { font: { bold: true, italic: true } });
    for (const term of part.terms) {
      const row = line(`${term.label} (${term.code})`, term.meaning);
      if (STATUS_FILL[term.code]) row.getCell(1).fill = solid(STATUS_FILL[term.code]!);
    }
  }

  heading('Disclaimer');
  paragraph(cover.disclaimer);

  sheet.pageSetup = { orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } };
}

function addSources(workbook: ExcelJS.Workbook, tables: readonly Table[]): void {
  const sheet = workbook.addWorksheet('Sources', { views: [{ state: 'frozen', ySplit: 1 }] });
  const columns: SheetColumn[] = [
    { header: 'Kind', key: 'kind', width: 18 },
    { header: 'Source', key: 'name', width: 44 },
    { header: 'Publisher', key: 'publisher', width: 30 },
    { header: 'Edition or date', key: 'edition', width: 22 },
    { header: 'URL', key: 'url', width: 40 },
    { header: 'Licence and use', key: 'licence', width: 50 },
  ];
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  for (const s of sourceRowsOf(tables)) sheet.addRow({ ...s });
  styleDataSheet(sheet, columns, 'Sources');
}

/** The value a cell shows: coverage in words, everything else as it is. */
function shown(key: string, value: Cell | undefined): Cell {
  if (value === undefined) return null;
  return key === 'status' && typeof value === 'string' ? statusLabel(value) : value;
}

/** exceljs keeps range validations in `dataValidations`, which its type definitions leave out. */
const rangeValidations = (sheet: ExcelJS.Worksheet) => (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations;

const solid = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

const text = (value: ExcelJS.CellValue): string => (value === null || value === undefined ? '' : String(value));

/** Header and footer strings use & for codes. */
const escapeHeader = (value: string) => value.replace(/&/g, '&&');

/** Width that fits the longest value, within reason (long notes wrap instead). */
function fittedWidth(header: string, values: unknown[], hint = 20): number {
  const longest = Math.max(header.length, ...values.map((v) => (v === null || v === undefined ? 0 : String(v).length)));
  return Math.max(8, Math.min(longest + 2, Math.max(hint, 12), 80));
}

function sheetName(name: string): string {
  return name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Sheet';
}
