import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { WorkspaceServer } from './workspace-server.js';

/**
 * Everything a workspace holds on disk and in the running API: its revision and every file of its
 * folder (records, seed-format copies, audit journal) by relative path. Two equal snapshots mean a
 * request wrote nothing to it.
 */
export interface WorkspaceSnapshot {
  revision: number;
  files: Record<string, string>;
}

function filesUnder(dir: string, root = dir): Record<string, string> {
  if (!existsSync(dir)) return {};
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) Object.assign(out, filesUnder(full, root));
    else out[path.relative(root, full)] = readFileSync(full, 'utf8');
  }
  return out;
}

export async function snapshotWorkspace(server: WorkspaceServer, workspace: string): Promise<WorkspaceSnapshot> {
  const { revision } = await server.data.current(workspace);
  return { revision, files: filesUnder(path.join(server.dataDir, 'workspaces', workspace)) };
}

/** The audit journal's entries, as written to disk. */
export function journalEntries(server: WorkspaceServer, workspace: string): Array<{ revision: number; who: string; operation: string }> {
  const file = path.join(server.dataDir, 'workspaces', workspace, 'audit.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { revision: number; who: string; operation: string });
}

/** A POST to /graphql with a raw Authorization header, answered as status, headers and body text. */
export async function rawPost(server: WorkspaceServer, authorization: string | null, body: unknown): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization === null ? {} : { authorization }) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}
