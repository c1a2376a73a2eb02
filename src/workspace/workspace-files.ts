import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import type { z } from 'zod';
import { workspaceSlugProblem } from '../domain/access.js';
import { localIdOf, requirementRefOf, workspaceOfId } from '../domain/ids.js';
import { applyTouched, type Change, type TouchedObjects } from '../domain/workspace-changes.js';
import { emptyWorkspace, workspaceGraph, workspaceSourceId, type WorkspaceFramework, type WorkspaceMappingSet, type WorkspaceState } from '../domain/workspace-model.js';
import { frameworkFile, mappingSetFile } from '../seed/schemas.js';
import { syncDirectory, writeFileDurably } from './durable-file.js';
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
 * A change's files are first rendered and checked against the seed schemas (a change they cannot
 * hold is refused before anything is written), then the change is appended to the journal (fsync),
 * then its files are replaced durably (temporary file, fsync, rename, fsync of the folder), and only
 * then acknowledged. A crash in between leaves
 * the journal one entry ahead of the files: opening re-applies the last entry's after-values, which
 * are whole objects, so applying them twice is the same as once.
 *
 * Ids inside the files are local to the workspace (`controls`); the API names them with the
 * workspace in front (`acme:controls`). A mapping set's `from`/`to` name a framework of the
 * workspace, else a public one.
 */

export type FrameworkFile = z.infer<typeof frameworkFile>;
export type MappingSetFile = z.infer<typeof mappingSetFile>;

export class WorkspaceFileError extends Error {}

export class WorkspaceFiles {
  private state: WorkspaceState;
  /** Changes run one at a time: each plans against the state the previous one left. */
  private queue: Promise<unknown> = Promise.resolve();
  /** The files of a journaled change that could not all be written (a disk error): written before the next change. */
  private unwritten: FileChange[] | null = null;

  private constructor(
    readonly workspace: string,
    readonly dir: string,
    readonly journal: Journal,
  ) {
    this.state = emptyWorkspace(workspace);
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

  /** The workspace as its last journaled change left it. */
  current(): WorkspaceState {
    return this.state;
  }

  /**
   * Runs `plan` against the current state with no other change of this workspace in between, and
   * if it yields a change, makes it durable (journal, then files) before resolving with its entry.
   */
  transact<T extends { ok: boolean }>(plan: (state: WorkspaceState) => Promise<T>, who: string): Promise<{ result: T; entry: JournalEntry | null }> {
    const run = this.queue.then(async () => {
      if (this.unwritten) {
        // The previous change is in the journal but not all its files are: finish it before the next.
        await this.applyFiles(this.unwritten);
        this.unwritten = null;
      }
      const result = await plan(this.state);
      if (!result.ok) return { result, entry: null };
      const change = (result as unknown as { change: Change }).change;
      // Rendered (and checked) before the journal: a change the files cannot hold leaves no trace.
      const files = this.filesFor(change.after);
      const entry = await this.journal.append({ who, operation: change.operation, before: change.before, after: change.after });
      // From here the change has happened (opening would re-apply it): the state follows the journal
      // even if a file cannot be written now, and those files are written before any later change.
      this.state = { ...change.next, revision: entry.revision };
      try {
        await this.applyFiles(files);
      } catch (error) {
        this.unwritten = files;
        throw error;
      }
      return { result, entry };
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async recover(log?: (message: string) => void): Promise<void> {
    const frameworks = await this.readRecords<WorkspaceFramework>('state/frameworks');
    const sets = await this.readRecords<WorkspaceMappingSet>('state/sets');
    const revision = this.journal.revision();
    let state: WorkspaceState = { workspace: this.workspace, revision, frameworks: new Map(frameworks.map((f) => [f.localId, f])), sets: new Map(sets.map((s) => [s.localId, s])) };
    const last = revision > 0 ? (await this.journal.read(revision - 1))[0] : undefined;
    if (last && isTouched(last.after)) {
      // Idempotent: the files hold these values already unless the crash came between journal and files.
      const files = this.filesFor(last.after, state);
      await this.applyFiles(files);
      state = applyTouched(state, last.after, revision);
      log?.(`workspace ${this.workspace}: re-applied revision ${revision} (${last.operation}) from the audit journal`);
    }
    this.state = state;
  }

  /**
   * The files a change replaces (content) or removes (null), rendered and checked against the seed
   * schemas without writing anything: a WorkspaceFileError if the seed format cannot hold them.
   */
  private filesFor(after: TouchedObjects, state: WorkspaceState = this.state): FileChange[] {
    const files: FileChange[] = [];
    for (const [id, framework] of Object.entries(after.frameworks)) files.push({ file: this.recordPath('state/frameworks', id, 'json'), content: framework ? `${JSON.stringify(framework, null, 1)}\n` : null });
    for (const [id, set] of Object.entries(after.sets)) files.push({ file: this.recordPath('state/sets', id, 'json'), content: set ? `${JSON.stringify(set, null, 1)}\n` : null });
    return [...files, ...this.seedMirror(after, state)];
  }

  private async applyFiles(files: readonly FileChange[]): Promise<void> {
    for (const { file, content } of files) {
      if (content === null) await removeDurably(file);
      else await writeFileDurably(file, content);
    }
  }

  /** The seed-format copies: what `crosswalk seed` and a reviewer in git read. Derived from the records. */
  private seedMirror(after: TouchedObjects, state: WorkspaceState): FileChange[] {
    const files: FileChange[] = [];
    const next = applyTouched(state, after, state.revision);
    const graph = workspaceGraph(next, 'accepted');
    for (const [id, framework] of Object.entries(after.frameworks)) {
      const facts = graph.frameworks.find((f) => f.id === `${this.workspace}:${id}`);
      if (!framework || !facts || framework.requirements.length === 0) {
        files.push({ file: this.recordPath('frameworks', id, 'yaml'), content: null });
        continue;
      }
      files.push(
        this.seedFile('frameworks', frameworkFile, {
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
        }, `Framework ${id} of workspace ${this.workspace}`),
      );
    }
    const local = (frameworkId: string) => (workspaceOfId(frameworkId) === null ? frameworkId : localIdOf(frameworkId));
    for (const [id, set] of Object.entries(after.sets)) {
      if (!set) {
        files.push({ file: this.recordPath('mappings', id, 'yaml'), content: null });
        continue;
      }
      const setId = `${this.workspace}:${id}`;
      files.push(
        this.seedFile('mappings', mappingSetFile, {
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
        }, `Mapping set ${id} of workspace ${this.workspace}`),
      );
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
    await this.applyFiles([this.seedFile(folder, schema, value, heading)]);
  }

  /** A seed-format file, checked against its schema: a WorkspaceFileError if it does not fit. */
  private seedFile<T extends { id: string }>(folder: string, schema: z.ZodType<T>, value: T, heading: string): FileChange & { content: string } {
    const checked = schema.safeParse(value);
    if (!checked.success) throw new WorkspaceFileError(`${heading} is not in the seed format: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const text = `# ${heading}: written by Crosswalk; seed format (seed/README.md).\n${stringify(checked.data, { lineWidth: 0 })}`;
    return { file: this.recordPath(folder, value.id, 'yaml'), content: text };
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

/** A file a change replaces (its new content) or removes (null). */
interface FileChange {
  file: string;
  content: string | null;
}

async function removeDurably(file: string): Promise<void> {
  try {
    await unlink(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  await syncDirectory(path.dirname(file));
}

function isTouched(value: unknown): value is TouchedObjects {
  const v = value as TouchedObjects | null;
  return typeof v === 'object' && v !== null && typeof v.frameworks === 'object' && typeof v.sets === 'object';
}
