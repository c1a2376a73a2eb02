import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * bench/RESULTS.md is written by several scripts, each owning its `## ` sections: `npm run bench`
 * (operations, scale, profile), `bench:cost` (cost calibration), `bench:soak` (soak, hardening A/B),
 * `bench:neo4j` (Neo4j, also run at the end of `npm run bench`).
 * Each replaces only its own sections and keeps the others.
 */
export const RESULTS_FILE = path.join(path.dirname(new URL(import.meta.url).pathname), 'RESULTS.md');

/** Sections of the file by title (the text after `## `), each with its body, in file order. */
function sections(text: string): Array<{ title: string; body: string }> {
  const parts = text.split(/^## /m);
  return parts.slice(1).map((part) => {
    const newline = part.indexOf('\n');
    return { title: part.slice(0, newline).trim(), body: part.slice(newline + 1) };
  });
}

/** The sections of the current file with these titles, as Markdown, for a script that rewrites the rest. */
export function keptSections(titles: readonly string[]): string {
  if (!existsSync(RESULTS_FILE)) return '';
  return sections(readFileSync(RESULTS_FILE, 'utf8'))
    .filter((s) => titles.includes(s.title))
    .map((s) => `## ${s.title}\n${s.body}`)
    .join('');
}

/** Replaces the section `title` (or appends it), leaving the rest of the file as it is. */
export function writeSection(title: string, body: string): void {
  const text = existsSync(RESULTS_FILE) ? readFileSync(RESULTS_FILE, 'utf8') : '# Benchmark results\n\n';
  const block = `## ${title}\n\n${body.trim()}\n\n`;
  const start = text.search(new RegExp(`^## ${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`, 'm'));
  if (start < 0) {
    writeFileSync(RESULTS_FILE, `${text.trimEnd()}\n\n${block}`);
    return;
  }
  const rest = text.slice(start + 3);
  const next = rest.search(/^## /m);
  const end = next < 0 ? text.length : start + 3 + next;
  writeFileSync(RESULTS_FILE, `${text.slice(0, start)}${block}${text.slice(end)}`.trimEnd() + '\n');
}

/** One line on the machine and, since it is shared, how busy it was. */
export function machineNote(): string {
  const [one, five, fifteen] = os.loadavg().map((l) => l.toFixed(2));
  return `Machine: ${os.cpus()[0]?.model ?? 'unknown'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB; Node ${process.version}; ${os.platform()} ${os.release()}. Load average (1/5/15 min) at the end: ${one} / ${five} / ${fifteen} (the machine is shared with other work).`;
}
