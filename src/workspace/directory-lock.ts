import { hostname } from 'node:os';
import { open, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { ErrorCode } from '../domain/error-codes.js';
import { syncDirectory } from './durable-file.js';

/**
 * An exclusive lock on a folder: a lock file created with O_EXCL ('wx') holding the owner's pid and
 * host. Chosen over a library such as proper-lockfile because that one decides staleness by age
 * (the owner must keep touching the file, and a paused owner loses its lock), while here the
 * owner's pid says for certain whether it still runs. A lock whose pid is dead on this host is
 * stale and taken over; one written by another host is never guessed at (its pid means nothing
 * here): the message says how to remove it by hand.
 */

export class DirectoryLockedError extends Error {
  readonly code = ErrorCode.DATA_DIRECTORY_LOCKED;
}

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

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
  try {
    const owner = JSON.parse(await readFile(file, 'utf8')) as Partial<LockOwner>;
    return Number.isInteger(owner.pid) && typeof owner.host === 'string' ? { pid: owner.pid!, host: owner.host, since: String(owner.since ?? '') } : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    // Unreadable or half-written (its creator died between create and write): treat as unowned below.
    return { pid: -1, host: hostname(), since: '' };
  }
}

async function createExclusively(file: string): Promise<boolean> {
  try {
    const handle = await open(file, 'wx', 0o644);
    try {
      await handle.writeFile(JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
      await handle.sync();
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

const isStale = (owner: LockOwner) => owner.host === hostname() && (owner.pid <= 0 || !isProcessAlive(owner.pid));

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
    if (!isStale(owner)) throw new DirectoryLockedError(busyMessage(owner, file));
    if (!(await createExclusively(takeover))) {
      const other = await readOwner(takeover);
      if (other && isStale(other)) await unlink(takeover).catch(() => undefined);
      continue;
    }
    try {
      const again = await readOwner(file);
      if (again && again.pid === owner.pid && again.since === owner.since) {
        await unlink(file).catch(() => undefined);
        log?.(`took over a stale lock ${file} left by process ${owner.pid}, which is no longer running`);
      }
    } finally {
      await unlink(takeover).catch(() => undefined);
    }
  }
  const owner = await readOwner(file);
  throw new DirectoryLockedError(busyMessage(owner ?? { pid: -1, host: '?', since: '' }, file));
}

function ownLock(file: string): DirectoryLock {
  let released = false;
  return {
    file,
    async release() {
      if (released) return;
      released = true;
      const owner = await readOwner(file);
      if (owner?.pid === process.pid && owner.host === hostname()) await unlink(file).catch(() => undefined);
    },
  };
}
