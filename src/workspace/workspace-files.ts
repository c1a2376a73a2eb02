import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import type { z } from 'zod';
import { workspaceSlugProblem } from '../domain/access.js';
import { frameworkFile, mappingSetFile } from '../seed/schemas.js';
import { syncDirectory, writeFileDurably } from './durable-file.js';
import { openJournal, type Journal } from './journal.js';

/**
 * One workspace's folder in the data directory, in the seed format so it can be exported, diffed,
 * reviewed in git and loaded by the seeding command:
 *
 *   workspaces/<workspace>/frameworks/<id>.yaml   a framework catalog, as seed/frameworks/
 *   workspaces/<workspace>/mappings/<id>.yaml     a mapping set, as seed/mappings/
 *   workspaces/<workspace>/audit.jsonl            the workspace's audit journal
 *
 * Ids inside the files are local to the workspace (`controls`); the API names them with the
 * workspace in front (`acme:controls`). A mapping set's `from`/`to` name a framework of the
 * workspace, else a public one. Every file is checked against the seed schemas before it is written.
 */

export type FrameworkFile = z.infer<typeof frameworkFile>;
export type MappingSetFile = z.infer<typeof mappingSetFile>;

export class WorkspaceFileError extends Error {}

export class WorkspaceFiles {
  private constructor(
    readonly workspace: string,
    readonly dir: string,
    readonly journal: Journal,
  ) {}

  /** Opens (creating) the folder of `workspace` under `workspacesDir`, recovering its journal. */
  static async open(workspacesDir: string, workspace: string, log?: (message: string) => void): Promise<WorkspaceFiles> {
    const problem = workspaceSlugProblem(workspace);
    if (problem) throw new WorkspaceFileError(problem);
    const dir = path.join(workspacesDir, workspace);
    for (const sub of ['frameworks', 'mappings']) await mkdir(path.join(dir, sub), { recursive: true, mode: 0o700 });
    // New folders are entries in their parents: flush both, so a crash cannot lose them.
    await syncDirectory(dir);
    await syncDirectory(workspacesDir);
    return new WorkspaceFiles(workspace, dir, await openJournal(path.join(dir, 'audit.jsonl'), log));
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
    const checked = schema.safeParse(value);
    if (!checked.success) throw new WorkspaceFileError(`${heading} is not in the seed format: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const text = `# ${heading}: written by Crosswalk; seed format (seed/README.md).\n${stringify(checked.data, { lineWidth: 0 })}`;
    await writeFileDurably(path.join(this.dir, folder, `${value.id}.yaml`), text);
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
