#!/usr/bin/env node
// Copies the team's shared reference folder into reference/ (the repository's own copy, which the
// tests read), or with --check only reports the difference. Not needed for testing.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '..');
const target = path.join(repo, 'reference');
const args = process.argv.slice(2);
const check = args.includes('--check');
const fromAt = args.indexOf('--from');
const source = path.resolve(fromAt >= 0 ? args[fromAt + 1] ?? '' : path.join(repo, '../shared/reference')); // reference:sync alone reads outside the repository

// The shared folder's README describes its files; here it is PROVENANCE.md beside our own README.
const rename = (relative) => (relative === 'README.md' ? 'PROVENANCE.md' : relative);

if (!existsSync(source) || !statSync(source).isDirectory()) {
  console.error(`reference:sync: no reference folder at ${source} (pass --from DIR)`);
  process.exit(2);
}

const files = (dir, prefix = '') =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(path.join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
const digest = (file) => (existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : null);

const changed = files(source)
  .map((relative) => ({ relative, from: path.join(source, relative), to: path.join(target, rename(relative)) }))
  .filter(({ from, to }) => digest(from) !== digest(to));

if (changed.length === 0) {
  console.log(`reference:sync: reference/ matches ${source}`);
  process.exit(0);
}
for (const { relative, from, to } of changed) {
  console.log(`${existsSync(to) ? 'changed' : 'new'}: ${rename(relative)}`);
  if (!check) cpSync(from, to);
}
if (check) process.exit(1);
console.log(`reference:sync: ${changed.length} file(s) copied; run npm test to see what the seed must follow`);
