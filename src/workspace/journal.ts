import { open, readFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { syncDirectory } from './durable-file.js';
import type { AuditRecord } from '../domain/workspace-repository.js';

/**
 * The append-only audit journal of a workspace: one JSON object per line (JSON Lines), each change
 * with its revision, time, who made it (key id), the operation, and the values before and after.
 * An append resolves only after the line is on disk (fsync), so an acknowledged change survives a
 * crash. Appends are serialised: revisions are consecutive and lines never interleave. Several
 * entries can go in one append (appendAll: one write, one fsync), which is how a workspace commits
 * a group of concurrent changes at the cost of one.
 */

/** An entry is the domain's audit record (revision, time, key id, operation, before, after): the journal is where the data directory keeps them. */
export type JournalEntry = AuditRecord;

export type NewJournalEntry = Omit<JournalEntry, 'revision' | 'at'>;

export class JournalCorruptError extends Error {}

export interface Journal {
  readonly file: string;
  /** The revision of the last entry, 0 when empty. */
  revision(): number;
  append(entry: NewJournalEntry): Promise<JournalEntry>;
  /** Appends entries in order with one write and one fsync: all of them are on disk, or none. */
  appendAll(entries: readonly NewJournalEntry[]): Promise<JournalEntry[]>;
  /** Entries after `sinceRevision`, oldest first. */
  read(sinceRevision?: number): Promise<JournalEntry[]>;
  close(): Promise<void>;
}

/**
 * Opens (creating if needed) the journal at `file`. A last line without its newline is a write
 * torn by a crash: it was never acknowledged, so it is cut off (and `log` says so). A broken line
 * anywhere else is not a torn write but damage: opening refuses rather than drop history.
 */
export async function openJournal(file: string, log?: (message: string) => void): Promise<Journal> {
  const handle = await open(file, 'a+', 0o600);
  let entries: JournalEntry[];
  try {
    const text = await readFile(file, 'utf8');
    const { complete, tornBytes } = splitComplete(text);
    if (tornBytes > 0) {
      await handle.truncate(Buffer.byteLength(complete));
      await handle.sync();
      log?.(`audit journal ${file}: removed a half-written last line (${tornBytes} bytes) left by a crash; every acknowledged entry is kept`);
    }
    entries = parseLines(complete, file);
    if (text === '') await syncDirectory(path.dirname(file));
  } catch (error) {
    await handle.close();
    throw error;
  }
  return new FileJournal(file, handle, entries.at(-1)?.revision ?? 0);
}

function splitComplete(text: string): { complete: string; tornBytes: number } {
  const end = text.lastIndexOf('\n') + 1;
  return { complete: text.slice(0, end), tornBytes: Buffer.byteLength(text.slice(end)) };
}

function parseLines(text: string, file: string): JournalEntry[] {
  const entries: JournalEntry[] = [];
  const lines = text.split('\n');
  lines.pop(); // after the final newline
  lines.forEach((line, i) => {
    let entry: JournalEntry;
    try {
      entry = JSON.parse(line) as JournalEntry;
    } catch {
      throw new JournalCorruptError(`audit journal ${file}, line ${i + 1}: not JSON; the journal is damaged (restore it from a backup)`);
    }
    const expected = (entries.at(-1)?.revision ?? 0) + 1;
    if (entry.revision !== expected) throw new JournalCorruptError(`audit journal ${file}, line ${i + 1}: revision ${entry.revision}, expected ${expected}`);
    entries.push(entry);
  });
  return entries;
}

class FileJournal implements Journal {
  private queue: Promise<unknown> = Promise.resolve();
  private broken: Error | null = null;
  private closed = false;

  constructor(
    readonly file: string,
    private readonly handle: FileHandle,
    private last: number,
  ) {}

  revision(): number {
    return this.last;
  }

  async append(entry: NewJournalEntry): Promise<JournalEntry> {
    return (await this.appendAll([entry]))[0]!;
  }

  appendAll(entries: readonly NewJournalEntry[]): Promise<JournalEntry[]> {
    const next = this.queue.then(() => this.write(entries));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async write(entries: readonly NewJournalEntry[]): Promise<JournalEntry[]> {
    if (this.closed) throw new Error(`audit journal ${this.file} is closed`);
    if (this.broken) throw this.broken;
    if (entries.length === 0) return [];
    const at = new Date().toISOString();
    const full: JournalEntry[] = entries.map((entry, i) => ({ revision: this.last + 1 + i, at, who: entry.who, operation: entry.operation, before: entry.before ?? null, after: entry.after ?? null }));
    const line = Buffer.from(full.map((e) => `${JSON.stringify(e)}\n`).join(''));
    const size = (await this.handle.stat()).size;
    try {
      let written = 0;
      while (written < line.length) written += (await this.handle.write(line, written, line.length - written)).bytesWritten;
      await this.handle.sync();
    } catch (error) {
      // Never leave a partial line for the next append to follow: cut back to the last whole entry.
      try {
        await this.handle.truncate(size);
        await this.handle.sync();
      } catch {
        this.broken = new Error(`audit journal ${this.file} could not be repaired after a failed write; reopen the data directory`);
      }
      throw error;
    }
    this.last = full.at(-1)!.revision;
    return full;
  }

  async read(sinceRevision = 0): Promise<JournalEntry[]> {
    await this.queue;
    // By path: an append-mode handle's read position sits at the end after a write.
    const text = await readFile(this.file, 'utf8');
    return parseLines(splitComplete(text).complete, this.file).filter((e) => e.revision > sinceRevision);
  }

  async close(): Promise<void> {
    await this.queue;
    if (this.closed) return;
    this.closed = true;
    await this.handle.close();
  }
}
