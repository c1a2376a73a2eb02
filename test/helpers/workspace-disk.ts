import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';
import { applyTouched, type TouchedObjects } from '../../src/domain/workspace-changes.js';
import { emptyWorkspace, type WorkspaceFramework, type WorkspaceMappingSet, type WorkspaceState } from '../../src/domain/workspace-model.js';
import { frameworkFile, mappingSetFile } from '../../src/seed/schemas.js';
import type { JournalEntry } from '../../src/workspace/journal.js';
import type { FrameworkFile, MappingSetFile } from '../../src/workspace/workspace-files.js';

/**
 * A workspace folder as a crash left it, read without the product's code: every file is parsed
 * here, and what does not parse is reported as a problem rather than thrown, so a test can assert
 * that there are none (a half-written file would be one).
 */
export interface WorkspaceOnDisk {
  /** Temporary files of writes that never reached their rename (never acknowledged). */
  temporaries: string[];
  /** The JSON records, by local id. */
  frameworks: Map<string, WorkspaceFramework>;
  sets: Map<string, WorkspaceMappingSet>;
  /** The seed-format mirrors, by id, each checked against the seed schema. */
  frameworkMirrors: Map<string, FrameworkFile>;
  setMirrors: Map<string, MappingSetFile>;
  /** The journal's whole lines, parsed. */
  entries: JournalEntry[];
  /** Bytes after the last newline: a torn line a crash left (never acknowledged). */
  tornBytes: number;
  /** Files that do not parse or fail their schema. */
  problems: string[];
}

const TEMPORARY = /\.tmp-\d+-[0-9a-f]{12}$/;

export function readWorkspaceFolder(dir: string): WorkspaceOnDisk {
  const disk: WorkspaceOnDisk = { temporaries: [], frameworks: new Map(), sets: new Map(), frameworkMirrors: new Map(), setMirrors: new Map(), entries: [], tornBytes: 0, problems: [] };
  const attempt = (file: string, read: () => void) => {
    try {
      read();
    } catch (error) {
      disk.problems.push(`${file}: ${error instanceof Error ? error.message.slice(0, 300) : String(error)}`);
    }
  };
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const relative = path.relative(dir, file);
    if (TEMPORARY.test(entry.name)) {
      disk.temporaries.push(relative);
      continue;
    }
    const text = readFileSync(file, 'utf8');
    const id = entry.name.replace(/\.(json|yaml)$/, '');
    if (relative === 'audit.jsonl') {
      const end = text.lastIndexOf('\n') + 1;
      disk.tornBytes = Buffer.byteLength(text.slice(end));
      text
        .slice(0, end)
        .split('\n')
        .slice(0, -1)
        .forEach((line, i) => attempt(`audit.jsonl line ${i + 1}`, () => disk.entries.push(JSON.parse(line) as JournalEntry)));
    } else if (relative.startsWith(`state${path.sep}frameworks${path.sep}`) && entry.name.endsWith('.json')) {
      attempt(relative, () => disk.frameworks.set(id, JSON.parse(text) as WorkspaceFramework));
    } else if (relative.startsWith(`state${path.sep}sets${path.sep}`) && entry.name.endsWith('.json')) {
      attempt(relative, () => disk.sets.set(id, JSON.parse(text) as WorkspaceMappingSet));
    } else if (relative.startsWith(`frameworks${path.sep}`) && entry.name.endsWith('.yaml')) {
      attempt(relative, () => disk.frameworkMirrors.set(id, frameworkFile.parse(parse(text))));
    } else if (relative.startsWith(`mappings${path.sep}`) && entry.name.endsWith('.yaml')) {
      attempt(relative, () => disk.setMirrors.set(id, mappingSetFile.parse(parse(text))));
    } else {
      disk.problems.push(`${relative}: a file the workspace folder should not hold`);
    }
  }
  return disk;
}

/**
 * Replays a journal's after-values from an empty workspace, the one way a state changes
 * (applyTouched). Also checks the journal is one chain: revisions 1, 2, 3, ... and every entry's
 * before-values are what the entries before it left.
 */
export function replayJournal(workspace: string, entries: readonly JournalEntry[]): { state: WorkspaceState; problems: string[] } {
  let state = emptyWorkspace(workspace);
  const problems: string[] = [];
  entries.forEach((entry, i) => {
    if (entry.revision !== i + 1) problems.push(`entry ${i + 1} has revision ${entry.revision}`);
    const before = entry.before as TouchedObjects;
    for (const [id, value] of Object.entries(before.frameworks)) {
      if (!isDeepStrictEqual(state.frameworks.get(id) ?? null, value)) problems.push(`revision ${entry.revision}: framework ${id} before the change is not what revision ${entry.revision - 1} left`);
    }
    for (const [id, value] of Object.entries(before.sets)) {
      if (!isDeepStrictEqual(state.sets.get(id) ?? null, value)) problems.push(`revision ${entry.revision}: set ${id} before the change is not what revision ${entry.revision - 1} left`);
    }
    state = applyTouched(state, entry.after as TouchedObjects, entry.revision);
  });
  return { state, problems };
}
