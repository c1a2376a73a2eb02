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

/** One file of a group: its new content, or null to remove it. */
export interface FileReplacement {
  file: string;
  content: string | Buffer | null;
}

/**
 * Replaces (or removes) several files durably as one step: every temporary file is written and
 * flushed, all are renamed, and each folder concerned is flushed once, so a group costs about what
 * one file does. Resolves once every change is on disk. The group is not atomic as a whole (each
 * file is: old or new, never a mix); callers that need the group whole keep a journal to redo it.
 */
export async function replaceFilesDurably(replacements: readonly FileReplacement[], options: { mode?: number; steps?: DurableSteps } = {}): Promise<void> {
  const steps = options.steps ?? nodeSteps;
  const writes = replacements.filter((r) => r.content !== null).map((r) => ({ file: r.file, content: r.content!, temporary: temporaryNameFor(r.file) }));
  await Promise.all(writes.map((w) => steps.writeTemporary(w.temporary, w.content, options.mode ?? 0o644)));
  await Promise.all(writes.map((w) => steps.syncFile(w.temporary)));
  await Promise.all(writes.map((w) => steps.rename(w.temporary, w.file)));
  await Promise.all(replacements.filter((r) => r.content === null).map((r) => removeIfPresent(r.file)));
  await Promise.all([...new Set(replacements.map((r) => path.dirname(r.file)))].map((dir) => steps.syncDirectory(dir)));
}

async function removeIfPresent(file: string): Promise<void> {
  try {
    await unlink(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
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
