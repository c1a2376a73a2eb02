import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixtureFiles, fixtureSeed } from './fixture-seed.js';

/** Writes the fixture seed to a temporary folder, for commands that read seed/ from disk. */
export async function writeFixtureSeed(seed = fixtureSeed()): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'crosswalk-seed-'));
  for (const file of fixtureFiles(seed)) {
    await mkdir(path.dirname(path.join(dir, file.name)), { recursive: true });
    await writeFile(path.join(dir, file.name), file.text);
  }
  return dir;
}

export interface RunningProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * Runs a TypeScript entry point of the project under tsx, as `npm start` does, with a data
 * directory of its own unless `env` names one (the API locks its data directory: one per process).
 */
export function runTs(entry: string, env: Record<string, string>, args: string[] = []): RunningProcess {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'crosswalk-data-'));
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { env: { ...process.env, CROSSWALK_DATA_DIR: dataDir, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Waits until the process prints a line matching `pattern`. */
export async function waitForOutput(running: RunningProcess, pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const match = running.output().match(pattern);
    if (match) return match;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${pattern}; output so far:\n${running.output()}`);
}
