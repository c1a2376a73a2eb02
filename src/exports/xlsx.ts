import ExcelJS from 'exceljs';
import type { Table } from '../analysis/tables.js';
import type { MappingSource } from '../domain/types.js';
import { widthHint } from './column-widths.js';

/** Fill colours for coverage statuses, as in the explorer. */
const STATUS_FILL: Record<string, string> = { FULL: 'FFC8E6C9', PARTIAL: 'FFFFF3C4', NOT_IMPLEMENTED: 'FFFFE0B2', NONE: 'FFFFCDD2', UNASSESSED: 'FFE0E0E0' };

/**
 * A workbook with a sheet per table (header row frozen, filters, fitted widths, coverage coloured)
 * and a "Sources" sheet naming every mapping source and its licence.
 */
export async function toXlsx(tables: Table[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Crosswalk';
  for (const table of tables) {
    const sheet = workbook.addWorksheet(sheetName(table.name), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.columns.map((c) => ({ header: c.header, key: c.key, width: fittedWidth(c.header, table.rows.map((r) => r[c.key]), widthHint(table, c.key)) }));
    for (const row of table.rows) sheet.addRow(Object.fromEntries(table.columns.map((c) => [c.key, row[c.key] ?? null])));
    sheet.getRow(1).font = { bold: true };
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
    const statusColumn = table.columns.findIndex((c) => c.key === 'status') + 1;
    if (statusColumn > 0) {
      sheet.getColumn(statusColumn).eachCell((cell, rowNumber) => {
        const fill = STATUS_FILL[String(cell.value)];
        if (rowNumber > 1 && fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
      });
    }
    sheet.eachRow((row) => (row.alignment = { vertical: 'top', wrapText: true }));
  }
  addSources(workbook, tables.flatMap((t) => t.sources));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addSources(workbook: ExcelJS.Workbook, sources: MappingSource[]): void {
  const unique = [...new Map(sources.map((s) => [s.id, s])).values()];
  const sheet = workbook.addWorksheet('Sources', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: 'Source', key: 'name', width: 50 },
    { header: 'Publisher', key: 'publisher', width: 40 },
    { header: 'Date', key: 'date', width: 12 },
    { header: 'URL', key: 'url', width: 50 },
    { header: 'Licence', key: 'licence', width: 60 },
  ];
  for (const s of unique) sheet.addRow({ name: s.name, publisher: s.publisher, date: s.date, url: s.url, licence: s.licence });
  sheet.getRow(1).font = { bold: true };
}

/** Width that fits the longest value, within reason (long notes wrap instead). */
function fittedWidth(header: string, values: unknown[], hint = 20): number {
  const longest = Math.max(header.length, ...values.map((v) => (v === null || v === undefined ? 0 : String(v).length)));
  return Math.max(8, Math.min(longest + 2, Math.max(hint, 12), 80));
}

function sheetName(name: string): string {
  return name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Sheet';
}
