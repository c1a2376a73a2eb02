import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { open, readFile, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { ErrorCode } from '../domain/error-codes.js';
import { syncDirectory } from './durable-file.js';

/**
 * An exclusive lock on a folder: a lock file created with O_EXCL ('wx') holding the owner's pid and
 * host. Chosen over a library such as proper-lockfile because that one decides staleness by age
 * (the owner must keep touching the file, and a paused owner loses its lock), while here the
 * owner's pid says whether it still runs. A lock is stale, and taken over, when it was written on
 * this host and its process is dead, or it was written before the machine last booted, or it names
 * this very process without this process holding it (a container restarted on the same volume runs
 * the API as pid 1 again). One written by another host is never guessed at (its pid means nothing
 * here): the message says how to remove it by hand.
 */

export class DirectoryLockedError extends Error {
  readonly code = ErrorCode.DATA_DIRECTORY_LOCKED;
}

interface LockOwner {
  pid: number;
  host: string;
  since: string;
  /** Linux's boot id when the lock was written ('' elsewhere). */
  boot?: string;
  /** How old the lock file is (for one that cannot be read yet). */
  ageMs?: number;
}

/** The lock files this process holds. */
const held = new Set<string>();

/** Changes at every boot of a Linux machine; '' where there is none. */
const BOOT_ID = (() => {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return '';
  }
})();

/** An unreadable lock file younger than this may be one being written right now. */
const UNREADABLE_GRACE_MS = 5_000;

export interface DirectoryLock {
  readonly file: string;
  /** Removes the lock file if it is still ours. */
  release(): Promise<void>;
}

/** Whether a process with this pid exists on this machine (EPERM: it exists, owned by another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(file: string): Promise<LockOwner | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const owner = JSON.parse(text) as Partial<LockOwner>;
    if (Number.isInteger(owner.pid) && typeof owner.host === 'string') return { pid: owner.pid!, host: owner.host, since: String(owner.since ?? ''), boot: String(owner.boot ?? '') };
  } catch {
    // fall through: empty or half-written
  }
  // Empty or half-written: being written this instant, or its creator died between create and write.
  const ageMs = await stat(file).then((s) => Date.now() - s.mtimeMs, () => 0);
  return { pid: -1, host: hostname(), since: '', ageMs };
}

async function createExclusively(file: string): Promise<boolean> {
  try {
    const handle = await open(file, 'wx', 0o644);
    // Ours from the moment it exists: another acquirer of this process reading our pid before
    // createExclusively returns must not take it for a lock this process left behind.
    held.add(file);
    try {
      await handle.writeFile(JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString(), boot: BOOT_ID }));
      await handle.sync();
    } catch (error) {
      held.delete(file);
      throw error;
    } finally {
      await handle.close();
    }
    await syncDirectory(path.dirname(file));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function isStale(owner: LockOwner, file: string): boolean {
  if (owner.host !== hostname()) return false;
  if (owner.pid <= 0) return (owner.ageMs ?? 0) > UNREADABLE_GRACE_MS;
  if (owner.boot && BOOT_ID && owner.boot !== BOOT_ID) return true;
  if (owner.pid === process.pid) return !held.has(file);
  return !isProcessAlive(owner.pid);
}

/**
 * Takes the lock `name` in `dir`, or throws DirectoryLockedError with `busyMessage(owner)`.
 * A stale lock is taken over under a second, short-lived lock (`<name>.takeover`), so two
 * processes finding the same stale lock cannot both remove it and one remove the other's fresh one.
 */
export async function acquireDirectoryLock(
  dir: string,
  name: string,
  busyMessage: (owner: { pid: number; host: string; since: string }, file: string) => string,
  log?: (message: string) => void,
): Promise<DirectoryLock> {
  const file = path.join(dir, name);
  const takeover = `${file}.takeover`;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await createExclusively(file)) return ownLock(file);
    const owner = await readOwner(file);
    if (owner === null) continue; // released between our two steps: try again
    if (!isStale(owner, file)) {
      if (owner.pid > 0) throw new DirectoryLockedError(busyMessage(owner, file));
      await new Promise((resolve) => setTimeout(resolve, 100)); // being written: look again
      continue;
    }
    if (!(await createExclusively(takeover))) {
      const other = await readOwner(takeover);
      if (other && isStale(other, takeover)) await unlink(takeover).catch(() => undefined);
      else await new Promise((resolve) => setTimeout(resolve, 50));
      continue;
    }
    try {
      const again = await readOwner(file);
      if (again && again.pid === owner.pid && again.since === owner.since) {
        await unlink(file).catch(() => undefined);
        log?.(
          owner.pid > 0
            ? `took over a stale lock ${file} left by process ${owner.pid}, which is no longer running`
            : `took over a stale lock ${file} left unwritten by a process that stopped while creating it`,
        );
      }
    } finally {
      await unlink(takeover).catch(() => undefined);
      held.delete(takeover);
    }
  }
  const owner = await readOwner(file);
  throw new DirectoryLockedError(busyMessage(owner ?? { pid: -1, host: '?', since: '' }, file));
}

function ownLock(file: string): DirectoryLock {
  let released = false;
  held.add(file);
  return {
    file,
    async release() {
      if (released) return;
      released = true;
      const owner = await readOwner(file).catch(() => null);
      if (owner?.pid === process.pid && owner.host === hostname()) await unlink(file).catch(() => undefined);
      held.delete(file);
    },
  };
}
