import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import type { z } from 'zod';
import { workspaceSlugProblem } from '../domain/access.js';
import { localIdOf, requirementRefOf, workspaceOfId } from '../domain/ids.js';
import { applyTouched, type Change, type TouchedObjects } from '../domain/workspace-changes.js';
import { emptyWorkspace, workspaceGraph, workspaceSourceId, type WorkspaceFramework, type WorkspaceMappingSet, type WorkspaceState } from '../domain/workspace-model.js';
import { frameworkFile, mappingSetFile } from '../seed/schemas.js';
import { replaceFilesDurably, syncDirectory, writeFileDurably, type FileReplacement } from './durable-file.js';
import { openJournal, type Journal, type JournalEntry } from './journal.js';

/**
 * One workspace's folder in the data directory, in the seed format so it can be exported, diffed,
 * reviewed in git and loaded by the seeding command:
 *
 *   workspaces/<workspace>/state/frameworks/<id>.json  a framework with its requirements (the record)
 *   workspaces/<workspace>/state/sets/<id>.json        a mapping set with every proposal and review (the record)
 *   workspaces/<workspace>/frameworks/<id>.yaml        the framework as seed/frameworks/ has it
 *   workspaces/<workspace>/mappings/<id>.yaml          the set's accepted mappings, as seed/mappings/
 *   workspaces/<workspace>/audit.jsonl                 the workspace's audit journal
 *
 * A change is first appended to the journal (fsync), then its files are replaced durably (temporary
 * file, fsync, rename, fsync of the folder), and only then acknowledged; concurrent changes share
 * those steps (group commit, see transact). A crash in between leaves the journal ahead of the
 * files: opening replays the journal's after-values, which are whole objects, and rewrites the
 * files that differ, so applying them twice is the same as once.
 *
 * Ids inside the files are local to the workspace (`controls`); the API names them with the
 * workspace in front (`acme:controls`). A mapping set's `from`/`to` name a framework of the
 * workspace, else a public one. Every file is checked against the seed schemas before it is written.
 */

export type FrameworkFile = z.infer<typeof frameworkFile>;
export type MappingSetFile = z.infer<typeof mappingSetFile>;

export class WorkspaceFileError extends Error {}

/** Changes committed with one journal write and one fsync, at most. */
export const MAX_GROUP = 64;

/** A planned change waiting for its group's commit. */
interface Waiting {
  change: Change;
  who: string;
  resolve: (entry: JournalEntry) => void;
  reject: (error: unknown) => void;
}

export class WorkspaceFiles {
  /** The workspace as its last acknowledged change left it: what readers see. */
  private state: WorkspaceState;
  /** The state the next change plans against: `state` and the changes waiting for their commit. */
  private head: WorkspaceState;
  /** Plans run one at a time, each against the head the previous one left. */
  private planning: Promise<unknown> = Promise.resolve();
  /** Settles once every change planned so far is on disk; rejects if one of them failed. */
  private tail: Promise<unknown> = Promise.resolve();
  private waiting: Waiting[] = [];
  private committing = false;
  /** Bumped when a commit fails: plans made against the discarded head must not go ahead. */
  private generation = 0;
  /** Set when files could not be written after their journal entries: writes wait for a reopen. */
  private broken: Error | null = null;

  private constructor(
    readonly workspace: string,
    readonly dir: string,
    readonly journal: Journal,
  ) {
    this.state = emptyWorkspace(workspace);
    this.head = this.state;
  }

  /** Opens (creating) the folder of `workspace` under `workspacesDir`, recovering its journal. */
  static async open(workspacesDir: string, workspace: string, log?: (message: string) => void): Promise<WorkspaceFiles> {
    const problem = workspaceSlugProblem(workspace);
    if (problem) throw new WorkspaceFileError(problem);
    const dir = path.join(workspacesDir, workspace);
    for (const sub of ['frameworks', 'mappings', 'state/frameworks', 'state/sets']) await mkdir(path.join(dir, sub), { recursive: true, mode: 0o700 });
    // New folders are entries in their parents: flush them all, so a crash cannot lose them.
    for (const folder of [path.join(dir, 'state'), dir, workspacesDir]) await syncDirectory(folder);
    const files = new WorkspaceFiles(workspace, dir, await openJournal(path.join(dir, 'audit.jsonl'), log));
    await files.recover(log);
    return files;
  }

  /** Waits for the changes under way to finish (committed or refused), then closes the journal. */
  async close(): Promise<void> {
    await this.planning;
    await this.tail.catch(() => undefined);
    await this.journal.close();
  }

  /** The workspace as its last acknowledged change left it. */
  current(): WorkspaceState {
    return this.state;
  }

  /**
   * Runs `plan` against the workspace as every earlier change leaves it, with no other change in
   * between, and if it yields a change, resolves only once that change is on disk: its journal entry
   * (fsync) and its files. Concurrent changes are committed in groups (group commit): while one
   * group is being written, the changes planned meanwhile wait and then go to disk together, with
   * one journal write and one fsync, their files written once each. Nothing is acknowledged, and
   * nothing is shown to readers, before it is on disk; a refusal waits for the changes it was judged
   * against, so it never rests on one that a crash could still undo.
   */
  transact<T extends { ok: boolean }>(plan: (state: WorkspaceState) => Promise<T>, who: string): Promise<{ result: T; entry: JournalEntry | null }> {
    const planned = this.planning.then(async () => {
      if (this.broken) throw this.broken;
      const generation = this.generation;
      const result = await plan(this.head);
      if (generation !== this.generation) throw new WorkspaceFileError(`workspace ${this.workspace}: an earlier change failed to commit, and this one was planned on top of it; nothing of it was written`);
      if (!result.ok) return { result, committed: this.tail.then(() => null) };
      const change = (result as unknown as { change: Change }).change;
      this.head = { ...change.next, revision: this.head.revision + 1 };
      const committed = new Promise<JournalEntry>((resolve, reject) => this.waiting.push({ change, who, resolve, reject }));
      this.tail = committed;
      if (!this.committing) void this.commitWaiting();
      return { result, committed };
    });
    this.planning = planned.catch(() => undefined);
    return planned.then(async ({ result, committed }) => ({ result, entry: await committed }));
  }

  /** Commits the waiting changes, a group at a time, until none wait. */
  private async commitWaiting(): Promise<void> {
    this.committing = true;
    try {
      // Let the plans already queued join the first group.
      await new Promise((resolve) => setImmediate(resolve));
      while (this.waiting.length > 0) await this.commitGroup(this.waiting.splice(0, MAX_GROUP));
    } finally {
      this.committing = false;
    }
  }

  private async commitGroup(group: Waiting[]): Promise<void> {
    let files: FileReplacement[];
    try {
      // Made (and checked against the seed schemas) before anything is written, so a change whose
      // files cannot be made is refused whole instead of being left in the journal alone.
      files = this.filesOf(
        group.map((w) => w.change.after),
        group.at(-1)!.change.next,
      );
    } catch (error) {
      this.discardWaiting(group, error);
      return;
    }
    let entries: JournalEntry[];
    try {
      entries = await this.journal.appendAll(group.map(({ change, who }) => ({ who, operation: change.operation, before: change.before, after: change.after })));
    } catch (error) {
      // None of the group is on disk (the journal cut back to its last whole entry), nor is
      // anything planned on top of it: refuse them all and plan again from what is.
      this.discardWaiting(group, error);
      return;
    }
    const next = { ...group.at(-1)!.change.next, revision: entries.at(-1)!.revision };
    try {
      await replaceFilesDurably(files);
    } catch (error) {
      // The journal holds the group, so it is durable and reopening writes its files; until then
      // this process cannot tell its files apart from the journal's, so it takes no more writes.
      this.state = next;
      this.broken = new WorkspaceFileError(`workspace ${this.workspace}: revisions ${entries[0]!.revision} to ${next.revision} are in the audit journal but their files could not be written (${error instanceof Error ? error.message : String(error)}); restart to recover them from the journal`);
      this.discardWaiting(group, this.broken);
      return;
    }
    this.state = next;
    group.forEach((w, i) => w.resolve(entries[i]!));
  }

  private discardWaiting(group: Waiting[], error: unknown): void {
    for (const w of [...group, ...this.waiting.splice(0)]) w.reject(error);
    this.generation++;
    this.head = this.state;
  }

  /**
   * Brings the files in line with the journal. Every entry's after-values are whole objects, so the
   * journal replayed over the records gives every touched object's last value; a crash between a
   * journal append and the file writes leaves some files behind it (a whole group, at most), and
   * those are rewritten. Files that match are left alone.
   */
  private async recover(log?: (message: string) => void): Promise<void> {
    const frameworks = await this.readRecords<WorkspaceFramework>('state/frameworks');
    const sets = await this.readRecords<WorkspaceMappingSet>('state/sets');
    const revision = this.journal.revision();
    const fromRecords: WorkspaceState = { workspace: this.workspace, revision, frameworks: new Map(frameworks.map((f) => [f.localId, f])), sets: new Map(sets.map((s) => [s.localId, s])) };
    const touched: TouchedObjects = { frameworks: {}, sets: {} };
    for (const entry of revision > 0 ? await this.journal.read() : []) {
      if (!isTouched(entry.after)) continue;
      Object.assign(touched.frameworks, entry.after.frameworks);
      Object.assign(touched.sets, entry.after.sets);
    }
    const state = applyTouched(fromRecords, touched, revision);
    const behind: FileReplacement[] = [];
    for (const replacement of this.filesOf([touched], state)) {
      const now = await readFile(replacement.file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      });
      if (now !== replacement.content) behind.push(replacement);
    }
    if (behind.length > 0) {
      await replaceFilesDurably(behind);
      log?.(`workspace ${this.workspace}: rewrote ${behind.length} file(s) from the audit journal (revision ${revision}), left behind by an interrupted write`);
    }
    this.state = state;
    this.head = state;
  }

  /**
   * The files of the objects `changes` touched, as `next` has them: each object's record (JSON) and
   * its seed-format mirror, or their removal. An object touched several times is written once.
   */
  private filesOf(changes: readonly TouchedObjects[], next: WorkspaceState): FileReplacement[] {
    const frameworkIds = new Set(changes.flatMap((c) => Object.keys(c.frameworks)));
    const setIds = new Set(changes.flatMap((c) => Object.keys(c.sets)));
    const files: FileReplacement[] = [];
    const record = (value: unknown) => (value ? `${JSON.stringify(value, null, 1)}\n` : null);
    for (const id of frameworkIds) files.push({ file: this.recordPath('state/frameworks', id, 'json'), content: record(next.frameworks.get(id)) });
    for (const id of setIds) files.push({ file: this.recordPath('state/sets', id, 'json'), content: record(next.sets.get(id)) });
    const graph = workspaceGraph(next, 'accepted');
    for (const id of frameworkIds) {
      const framework = next.frameworks.get(id);
      const facts = graph.frameworks.find((f) => f.id === `${this.workspace}:${id}`);
      const mirror =
        framework && facts && framework.requirements.length > 0
          ? this.mirrorText(frameworkFile, {
              id,
              name: facts.name,
              shortName: facts.shortName,
              edition: facts.edition,
              kind: facts.kind,
              issuer: facts.issuer,
              assessedBy: facts.assessedBy,
              output: facts.output,
              validity: facts.validity,
              market: facts.market,
              aiSpecific: facts.aiSpecific,
              summary: facts.summary,
              requirements: framework.requirements.map((r) => ({ ref: r.ref, title: r.title, kind: r.kind, ...(r.parent ? { parent: r.parent } : {}), ...(r.tags.length ? { tags: r.tags } : {}), summary: r.summary })),
            }, `Framework ${id} of workspace ${this.workspace}`)
          : null;
      files.push({ file: this.recordPath('frameworks', id, 'yaml'), content: mirror });
    }
    const local = (frameworkId: string) => (workspaceOfId(frameworkId) === null ? frameworkId : localIdOf(frameworkId));
    for (const id of setIds) {
      const set = next.sets.get(id);
      const setId = `${this.workspace}:${id}`;
      const mirror = set
        ? this.mirrorText(mappingSetFile, {
            id,
            name: set.name,
            source: workspaceSourceId(this.workspace),
            from: local(set.from),
            to: local(set.to),
            comprehensive: set.comprehensive.map((side) => ({ side })),
            description: set.description,
            mappings: graph.mappings
              .filter((m) => m.setId === setId)
              .map((m) => ({ from: requirementRefOf(m.fromId), to: requirementRefOf(m.toId), relationship: m.relationship, strength: m.strength, rationale: m.rationale, note: m.note })),
            noRelationship: graph.noRelationships.filter((n) => n.setId === setId).map((n) => ({ side: n.side, ref: requirementRefOf(n.requirementId), reason: n.reason })),
          }, `Mapping set ${id} of workspace ${this.workspace}`)
        : null;
      files.push({ file: this.recordPath('mappings', id, 'yaml'), content: mirror });
    }
    return files;
  }

  private recordPath(folder: string, id: string, extension: string): string {
    if (!/^[a-z0-9-]+$/.test(id)) throw new WorkspaceFileError(`not a local id: ${JSON.stringify(id)}`);
    return path.join(this.dir, folder, `${id}.${extension}`);
  }

  private async readRecords<T>(folder: string): Promise<T[]> {
    const names = (await readdir(path.join(this.dir, folder))).filter((n) => n.endsWith('.json')).sort();
    return Promise.all(names.map(async (name) => JSON.parse(await readFile(path.join(this.dir, folder, name), 'utf8')) as T));
  }

  async writeFramework(framework: FrameworkFile): Promise<void> {
    await this.write('frameworks', frameworkFile, framework, `Framework ${framework.id} of workspace ${this.workspace}`);
  }

  async writeMappingSet(set: MappingSetFile): Promise<void> {
    await this.write('mappings', mappingSetFile, set, `Mapping set ${set.id} of workspace ${this.workspace}`);
  }

  readFrameworks(): Promise<FrameworkFile[]> {
    return this.readAll('frameworks', frameworkFile);
  }

  readMappingSets(): Promise<MappingSetFile[]> {
    return this.readAll('mappings', mappingSetFile);
  }

  async removeFramework(id: string): Promise<boolean> {
    return this.remove('frameworks', id);
  }

  async removeMappingSet(id: string): Promise<boolean> {
    return this.remove('mappings', id);
  }

  private async write<T extends { id: string }>(folder: string, schema: z.ZodType<T>, value: T, heading: string): Promise<void> {
    await writeFileDurably(path.join(this.dir, folder, `${value.id}.yaml`), this.mirrorText(schema, value, heading));
  }

  /** A seed-format file's text, checked against its seed schema first. */
  private mirrorText<T>(schema: z.ZodType<T>, value: T, heading: string): string {
    const checked = schema.safeParse(value);
    if (!checked.success) throw new WorkspaceFileError(`${heading} is not in the seed format: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return `# ${heading}: written by Crosswalk; seed format (seed/README.md).\n${stringify(checked.data, { lineWidth: 0 })}`;
  }

  private async readAll<T>(folder: string, schema: z.ZodType<T>): Promise<T[]> {
    const names = (await readdir(path.join(this.dir, folder))).filter((n) => n.endsWith('.yaml')).sort();
    return Promise.all(names.map(async (name) => schema.parse(parse(await readFile(path.join(this.dir, folder, name), 'utf8')))));
  }

  private async remove(folder: string, id: string): Promise<boolean> {
    if (!/^[a-z0-9-]+$/.test(id)) return false;
    try {
      await unlink(path.join(this.dir, folder, `${id}.yaml`));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
    await syncDirectory(path.join(this.dir, folder));
    return true;
  }
}

function isTouched(value: unknown): value is TouchedObjects {
  const v = value as TouchedObjects | null;
  return typeof v === 'object' && v !== null && typeof v.frameworks === 'object' && typeof v.sets === 'object';
}
