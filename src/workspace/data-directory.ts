import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { workspaceSlugProblem } from '../domain/access.js';
import type { Planned } from '../domain/workspace-changes.js';
import type { WorkspaceState } from '../domain/workspace-model.js';
import type { AuditRecord, WorkspaceRepository, WriteOutcome } from '../domain/workspace-repository.js';
import { acquireDirectoryLock, type DirectoryLock } from './directory-lock.js';
import { removeLeftoverTemporaryFiles, syncDirectory } from './durable-file.js';
import { KeyStore } from './key-store.js';
import { WorkspaceFiles } from './workspace-files.js';

/**
 * The embedded data directory (CROSSWALK_DATA_DIR, default ./data): the key file, one folder per
 * workspace, and `crosswalk.lock`, which makes one process its only writer. Opening it takes the
 * lock, removes the temporary files a crash left, and recovers every workspace journal.
 *
 *   data/crosswalk.lock   {"pid", "host", "since"} of the process serving it
 *   data/keys.json        API keys, hashed (src/workspace/key-store.ts; shared with the CLI)
 *   data/workspaces/<w>/  a workspace's frameworks, mapping sets and audit journal
 */

export const DEFAULT_DATA_DIR = './data';
const LOCK_FILE = 'crosswalk.lock';

export interface DataDirectoryOptions {
  log?: (message: string) => void;
}

export class DataDirectory implements WorkspaceRepository {
  private readonly open = new Map<string, Promise<WorkspaceFiles>>();

  private constructor(
    readonly dir: string,
    readonly keys: KeyStore,
    private readonly lock: DirectoryLock,
    private readonly log: (message: string) => void,
  ) {}

  static async open(dir: string, options: DataDirectoryOptions = {}): Promise<DataDirectory> {
    const log = options.log ?? (() => undefined);
    const root = path.resolve(dir);
    await mkdir(path.join(root, 'workspaces'), { recursive: true, mode: 0o700 });
    await syncDirectory(root);
    const lock = await acquireDirectoryLock(
      root,
      LOCK_FILE,
      (owner, file) =>
        `the data directory ${root} is in use by process ${owner.pid} on ${owner.host} (since ${owner.since || 'unknown'}; lock file ${file}). ` +
        'The embedded store serves one process: to run several API processes, use Neo4j (set NEO4J_URI). ' +
        'If no Crosswalk process is running, remove the lock file.',
      log,
    );
    try {
      for (const file of await removeLeftoverTemporaryFiles(root)) log(`removed ${file}, a temporary file left by an interrupted write (never acknowledged)`);
      const data = new DataDirectory(root, new KeyStore(root, { log }), lock, log);
      for (const workspace of await data.workspaceNames()) await data.workspace(workspace);
      return data;
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  /** The workspaces that have a folder, by name. */
  async workspaceNames(): Promise<string[]> {
    const entries = await readdir(path.join(this.dir, 'workspaces'), { withFileTypes: true });
    return entries.filter((e) => e.isDirectory() && workspaceSlugProblem(e.name) === null).map((e) => e.name).sort();
  }

  /** A workspace's files and journal, opened once and kept open. */
  workspace(name: string): Promise<WorkspaceFiles> {
    let files = this.open.get(name);
    if (!files) {
      files = WorkspaceFiles.open(path.join(this.dir, 'workspaces'), name, this.log);
      files.catch(() => this.open.delete(name));
      this.open.set(name, files);
    }
    return files;
  }

  async current(workspace: string): Promise<WorkspaceState> {
    return (await this.workspace(workspace)).current();
  }

  async write(workspace: string, who: string, plan: (state: WorkspaceState) => Promise<Planned>): Promise<WriteOutcome> {
    const { result, entry } = await (await this.workspace(workspace)).transact(plan, who);
    return { result, record: entry };
  }

  async audit(workspace: string, sinceRevision: number): Promise<AuditRecord[]> {
    return (await this.workspace(workspace)).journal.read(sinceRevision);
  }

  /** Closes every journal and releases the lock. */
  async close(): Promise<void> {
    const all = await Promise.allSettled(this.open.values());
    for (const result of all) if (result.status === 'fulfilled') await result.value.close();
    this.open.clear();
    await this.lock.release();
  }
}
