import { randomBytes } from 'node:crypto';
import { open, readdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes that survive a crash or a power cut: the new content goes to a temporary file in the same
 * directory, is flushed to disk (fsync), renamed over the target (atomic on POSIX file systems),
 * and the directory is flushed so the rename itself is on disk. A reader sees the old file or the
 * new one, never a mix; a crash before the rename leaves the old file whole and a temporary file
 * that the next open removes (removeLeftoverTemporaryFiles).
 */

/** The steps of a durable write, injectable so tests can make one fail as a crash would. */
export interface DurableSteps {
  writeTemporary(file: string, content: string | Buffer, mode: number): Promise<void>;
  syncFile(file: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  syncDirectory(dir: string): Promise<void>;
}

export const nodeSteps: DurableSteps = {
  async writeTemporary(file, content, mode) {
    // 'wx': never follow or reuse an existing file under that name.
    const handle = await open(file, 'wx', mode);
    try {
      await handle.writeFile(content);
    } finally {
      await handle.close();
    }
  },
  async syncFile(file) {
    const handle = await open(file, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename,
  syncDirectory,
};

/** Flushes a directory's entries (a created, renamed or removed name) to disk. */
export async function syncDirectory(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; its renames are journalled by NTFS.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const TEMPORARY = /^\..+\.tmp-\d+-[0-9a-f]{12}$/;

function temporaryNameFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
}

/** Replaces `file` with `content` durably; resolves only once the new content is on disk. */
export async function writeFileDurably(file: string, content: string | Buffer, options: { mode?: number; steps?: DurableSteps } = {}): Promise<void> {
  const steps = options.steps ?? nodeSteps;
  const temporary = temporaryNameFor(file);
  await steps.writeTemporary(temporary, content, options.mode ?? 0o644);
  await steps.syncFile(temporary);
  await steps.rename(temporary, file);
  await steps.syncDirectory(path.dirname(file));
}

/**
 * Removes the temporary files a crashed write left in `dir` and its subfolders (they never held
 * acknowledged data: a write is acknowledged only after its rename). Returns the removed paths.
 */
export async function removeLeftoverTemporaryFiles(dir: string): Promise<string[]> {
  const removed: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const touched = new Set<string>();
  for (const entry of entries) {
    if (!entry.isFile() || !TEMPORARY.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    await unlink(file);
    removed.push(file);
    touched.add(entry.parentPath);
  }
  for (const folder of touched) await syncDirectory(folder);
  return removed;
}
