import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** A server the benchmarks start in its own process, as production would run it. */
export interface ServerProcess {
  child: ChildProcess;
  /** http://127.0.0.1:PORT */
  url: string;
  startupMs: number;
}

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** The API's start-up line names its address (src/server.ts); other servers say their own. */
export const API_READY = /http:\/\/localhost:(\d+)\/graphql/;

/**
 * Starts a TypeScript entry under tsx with NODE_ENV=production, PORT=0 and warnings-only logs, and
 * waits for the line that names its port. `ipc` opens a channel (the soak's memory probe uses it).
 */
export async function startServerProcess(
  entry: string,
  env: Record<string, string>,
  options: { nodeArgs?: string[]; ready?: RegExp; ipc?: boolean } = {},
): Promise<ServerProcess> {
  const started = performance.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', entry], {
    cwd: ROOT,
    // A data directory of its own: the API locks its data directory, and benchmarks start several.
    env: { ...process.env, NODE_ENV: 'production', PORT: '0', LOG_LEVEL: 'warn', CROSSWALK_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'crosswalk-bench-data-')), ...env },
    stdio: ['ignore', 'pipe', 'inherit', ...(options.ipc ? (['ipc'] as const) : [])],
  });
  const ready = options.ready ?? API_READY;
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (d) => {
      output += d;
      const match = ready.exec(output);
      if (match) resolve(`http://127.0.0.1:${match[1]}`);
    });
    child.on('exit', (code) => reject(new Error(`${entry} exited with ${code} before listening:\n${output}`)));
  });
  return { child, url, startupMs: performance.now() - started };
}

/** SIGTERM, and wait for the process to exit. */
export async function stopServerProcess(server: { child: ChildProcess }): Promise<void> {
  const exited = new Promise((resolve) => server.child.on('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}
