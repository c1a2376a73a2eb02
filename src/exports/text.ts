import type { Cell, Table } from '../analysis/tables.js';

/** Plain-text renderings of a table: CSV (RFC 4180), Markdown and a standalone HTML page. */

const show = (cell: Cell | undefined) => (cell === null || cell === undefined ? '' : String(cell));

export function toCsv(table: Table): string {
  const quote = (value: string) => (/[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const lines = [table.columns.map((c) => quote(c.header)).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((c) => quote(show(row[c.key]))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function toMarkdown(table: Table): string {
  const escape = (value: string) => value.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
  const lines = [
    `## ${escape(table.title)}`,
    '',
    `| ${table.columns.map((c) => escape(c.header)).join(' | ')} |`,
    `| ${table.columns.map(() => '---').join(' | ')} |`,
    ...table.rows.map((row) => `| ${table.columns.map((c) => escape(show(row[c.key]))).join(' | ')} |`),
  ];
  if (table.sources.length > 0) {
    lines.push('', 'Sources:', ...table.sources.map((s) => `- ${escape(s.name)} (${escape(s.publisher)}${s.url ? `, ${s.url}` : ''}); licence: ${escape(s.licence)}`));
  }
  return `${lines.join('\n')}\n`;
}

const html = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function toHtml(table: Table): string {
  const head = table.columns.map((c) => `<th>${html(c.header)}</th>`).join('');
  const body = table.rows
    .map((row) => `<tr>${table.columns.map((c) => `<td${c.key === 'status' ? ` class="status-${html(show(row[c.key])).toLowerCase()}"` : ''}>${html(show(row[c.key]))}</td>`).join('')}</tr>`)
    .join('\n');
  const sources = table.sources.map((s) => `<li>${html(s.name)} (${html(s.publisher)}); licence: ${html(s.licence)}</li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${html(table.title)}</title>
<style>
body{font:14px system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:4px 8px;vertical-align:top}
th{background:#f3f3f3;position:sticky;top:0}.status-full{background:#c8e6c9}.status-partial{background:#fff3c4}.status-none{background:#ffcdd2}.status-not_implemented{background:#ffe0b2}.status-unassessed{background:#e0e0e0}
</style></head><body>
<h1>${html(table.title)}</h1>
<table><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table>
${sources ? `<h2>Sources</h2><ul>${sources}</ul>` : ''}
</body></html>
`;
}
