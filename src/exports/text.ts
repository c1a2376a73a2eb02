import type { Cell, Table } from '../analysis/tables.js';
import { coverOf, sourceRowsOf, type CoverContext } from './cover.js';
import { statusLabel } from './glossary.js';

/**
 * Plain-text renderings of a table: CSV (RFC 4180), Markdown and a standalone, print-ready HTML page.
 * CSV is data for other tools, so coverage keeps its codes (FULL, NONE...); Markdown and HTML are
 * read by people, so coverage is in the glossary's words.
 */

const show = (cell: Cell | undefined) => (cell === null || cell === undefined ? '' : String(cell));

/** A cell as a person reads it: coverage in words. */
const read = (key: string, cell: Cell | undefined) => (key === 'status' && typeof cell === 'string' ? statusLabel(cell) : show(cell));

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
    ...table.rows.map((row) => `| ${table.columns.map((c) => escape(read(c.key, row[c.key]))).join(' | ')} |`),
  ];
  if (table.sources.length > 0) {
    lines.push('', 'Sources:', ...table.sources.map((s) => `- ${escape(s.name)} (${escape(s.publisher)}${s.url ? `, ${s.url}` : ''}); licence: ${escape(s.licence)}`));
  }
  return `${lines.join('\n')}\n`;
}

const html = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Screen and print: landscape pages, the header row repeated on each, rows kept whole, colours printed. */
const STYLE = `
body{font:13px system-ui,sans-serif;margin:2rem;color:#222}
h1{font-size:1.5rem;margin:0 0 .5rem}h2{font-size:1.1rem;margin:1.2rem 0 .4rem}
.cover{max-width:60rem}.cover dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}.cover dt{font-weight:600}.cover dd{margin:0}
.glossary td:first-child{font-weight:600}.glossary{margin-bottom:.6rem}.disclaimer{border-left:4px solid #999;padding:.4rem .8rem;background:#f7f7f7}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:3px 6px;vertical-align:top;text-align:left}
thead th{background:#f3f3f3;position:sticky;top:0}
.data td{overflow-wrap:break-word}.data .col-note,.data .col-reason,.data .col-description,.data .col-requirements{min-width:16em}.data .col-basis{min-width:6.5em}
.glossary{table-layout:fixed}.glossary td:first-child{width:19em}
.status-full{background:#c8e6c9}.status-partial{background:#fff3c4}.status-none{background:#ffcdd2}.status-not_implemented{background:#ffe0b2}.status-unassessed{background:#e0e0e0}
@page{size:A4 landscape;margin:12mm}
@media print{
  body{margin:0;font-size:9px}h1{font-size:14px}h2{font-size:11px}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  .cover{max-width:none;break-after:page}
  thead{display:table-header-group}thead th{position:static}
  tr{break-inside:avoid}
}
`;

/** A standalone page: the cover (frameworks, dataset, date, method, glossary, disclaimer), the table, its sources. */
export function toHtml(table: Table, context: CoverContext): string {
  const cover = coverOf([table], context);
  const head = table.columns.map((c) => `<th class="col-${html(c.key.replace(/\W/g, '-'))}">${html(c.header)}</th>`).join('');
  // Codes such as INTERSECTS_WITH may wrap at their underscores, never inside a word.
  const cell = (key: string, value: Cell | undefined) => html(read(key, value)).replace(/_/g, '_<wbr>');
  const body = table.rows
    .map((row) => `<tr>${table.columns.map((c) => `<td${c.key === 'status' ? ` class="status-${html(show(row[c.key])).toLowerCase()}"` : ''}>${cell(c.key, row[c.key])}</td>`).join('')}</tr>`)
    .join('\n');
  const facts = cover.facts.map(([label, value]) => `<dt>${html(label)}</dt><dd>${html(value)}</dd>`).join('');
  const frameworks = cover.frameworks.map((f) => `<dt>${html(f.name)}</dt><dd>Edition: ${html(f.edition)}. Issuer: ${html(f.issuer)}.</dd>`).join('');
  const glossary = cover.glossary
    .map(
      (part) =>
        `<h3>${html(part.heading)}</h3><table class="glossary"><tbody>${part.terms
          .map((t) => `<tr><td class="status-${html(t.code.toLowerCase())}">${html(t.label)} (${html(t.code)})</td><td>${html(t.meaning)}</td></tr>`)
          .join('')}</tbody></table>`,
    )
    .join('\n');
  const sources = sourceRowsOf([table])
    .map((s) => `<tr><td>${html(s.kind)}</td><td>${html(s.name)}</td><td>${html(s.publisher)}</td><td>${html(s.edition ?? '')}</td><td>${html(s.url ?? '')}</td><td>${html(s.licence)}</td></tr>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${html(table.title)}</title>
<style>${STYLE}</style></head><body>
<section class="cover">
<h1>${html(cover.title)}</h1>
<dl>${facts}</dl>
<h2>Frameworks</h2>
<dl>${frameworks}</dl>
<h2>Method</h2>
${cover.method.map((m) => `<p>${html(m)}</p>`).join('')}
<h2>Glossary</h2>
${glossary}
<h2>Disclaimer</h2>
<p class="disclaimer">${html(cover.disclaimer)}</p>
</section>
<h2>${html(table.title)}</h2>
<table class="data"><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table>
<h2>Sources</h2>
<table class="sources"><thead><tr><th>Kind</th><th>Source</th><th>Publisher</th><th>Edition or date</th><th>URL</th><th>Licence and use</th></tr></thead><tbody>${sources}</tbody></table>
</body></html>
`;
}
