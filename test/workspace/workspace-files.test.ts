import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { frameworkFile, mappingSetFile } from '../../src/seed/schemas.js';
import type { SeedProblem } from '../../src/seed/seed-error.js';
import { SeedFile } from '../../src/seed/seed-file.js';
import { applyTouched } from '../../src/domain/workspace-changes.js';
import { DataDirectory } from '../../src/workspace/data-directory.js';
import { WorkspaceFileError, type FrameworkFile, type MappingSetFile } from '../../src/workspace/workspace-files.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'crosswalk-workspace-'));

const controls: FrameworkFile = {
  id: 'controls',
  name: 'ACME internal controls',
  shortName: 'ACME controls',
  edition: '2026',
  kind: 'GUIDANCE',
  issuer: 'ACME',
  assessedBy: 'Internal audit',
  output: 'Internal audit report',
  validity: 'Reviewed yearly',
  market: 'ACME',
  aiSpecific: false,
  summary: "ACME's own control set: what it actually does, written by its compliance team.",
  requirements: [
    { ref: 'AC', title: 'Access control', kind: 'GROUP', summary: 'Who may reach what, and how that is checked.' },
    { ref: 'AC-01', title: 'Quarterly access review', kind: 'CONTROL', parent: 'AC', tags: ['access'], summary: 'Owners review every account with access to production each quarter.' },
  ],
};

const toSoc2: MappingSetFile = {
  id: 'controls--soc2',
  name: 'ACME controls to SOC 2',
  source: 'acme',
  from: 'controls',
  to: 'soc2',
  comprehensive: [{ side: 'from' }],
  description: 'How ACME controls meet SOC 2, proposed by ACME and reviewed.',
  mappings: [{ from: 'AC-01', to: 'CC6.1', relationship: 'SUBSET_OF', strength: 6, rationale: 'FUNCTIONAL', note: 'A review is one part of logical access security.' }],
  noRelationship: [],
};

/** Reads a written file the way the seed loader reads seed/ (js-yaml core schema, the seed's zod schema). */
function readAsSeed(file: string, schema: typeof frameworkFile | typeof mappingSetFile) {
  const problems: SeedProblem[] = [];
  const value = SeedFile.parse(file, readFileSync(file, 'utf8'), problems)?.validate(schema, problems);
  expect(problems).toEqual([]);
  return value;
}

describe('workspace folders in the data directory', () => {
  it('write frameworks and mapping sets as seed-format YAML the seed loader reads back unchanged', async () => {
    const dir = tmp();
    const data = await DataDirectory.open(dir);
    const acme = await data.workspace('acme');
    await acme.writeFramework(controls);
    await acme.writeMappingSet(toSoc2);
    const frameworkPath = path.join(dir, 'workspaces/acme/frameworks/controls.yaml');
    const setPath = path.join(dir, 'workspaces/acme/mappings/controls--soc2.yaml');
    expect(readAsSeed(frameworkPath, frameworkFile)).toEqual(controls);
    expect(readAsSeed(setPath, mappingSetFile)).toEqual(toSoc2);
    expect(await acme.readFrameworks()).toEqual([controls]);
    expect(await acme.readMappingSets()).toEqual([toSoc2]);
    expect(readdirSync(path.join(dir, 'workspaces/acme')).sort()).toEqual(['audit.jsonl', 'frameworks', 'mappings', 'state']);
    await data.close();
  });

  it('refuses a file that is not in the seed format, writing nothing', async () => {
    const dir = tmp();
    const data = await DataDirectory.open(dir);
    const acme = await data.workspace('acme');
    await expect(acme.writeFramework({ ...controls, requirements: [] })).rejects.toThrow(WorkspaceFileError);
    await expect(acme.writeMappingSet({ ...toSoc2, mappings: [{ ...toSoc2.mappings[0]!, strength: 11 }] })).rejects.toThrow(/mappings\.0\.strength/);
    expect(readdirSync(path.join(dir, 'workspaces/acme/frameworks'))).toEqual([]);
    expect(readdirSync(path.join(dir, 'workspaces/acme/mappings'))).toEqual([]);
    await data.close();
  });

  it('refuses a change whose files the seed format cannot hold before its journal entry: no trace, the revision unchanged', async () => {
    const dir = tmp();
    const data = await DataDirectory.open(dir);
    const acme = await data.workspace('acme');
    // A set id without "--": the seed format names a set "<from>--<to>", so its YAML cannot be written.
    const set = { localId: 'my-set', name: 'Mine', from: 'soc2', to: 'iso42001', comprehensive: [], description: 'A set.', revision: 1, mappings: [], noRelationships: [] };
    const after = { frameworks: {}, sets: { 'my-set': set } };
    const change = { operation: 'createMappingSet', before: { frameworks: {}, sets: { 'my-set': null } }, after, next: applyTouched(acme.current(), after, 1) };
    await expect(acme.transact(async () => ({ ok: true as const, change }), 'k1')).rejects.toThrow(WorkspaceFileError);
    expect(acme.journal.revision()).toBe(0);
    expect(acme.current().revision).toBe(0);
    expect(readFileSync(path.join(dir, 'workspaces/acme/audit.jsonl'), 'utf8')).toBe('');
    expect(readdirSync(path.join(dir, 'workspaces/acme/state/sets'))).toEqual([]);
    // The next change is revision 1, as if the refused one had never been asked for.
    const framework = { localId: 'controls', name: 'C', shortName: 'C', edition: '1', kind: 'GUIDANCE' as const, summary: 'S.', requirements: [] };
    const ok = { frameworks: { controls: framework }, sets: {} };
    const written = await acme.transact(async () => ({ ok: true as const, change: { operation: 'createFramework', before: { frameworks: { controls: null }, sets: {} }, after: ok, next: applyTouched(acme.current(), ok, 1) } }), 'k1');
    expect(written.entry!.revision).toBe(1);
    expect(acme.current().revision).toBe(1);
    await data.close();
  });

  it('when a file cannot be written after the journal entry, refuses further changes until reopened, and reopening writes them from the journal', async () => {
    const dir = tmp();
    const data = await DataDirectory.open(dir);
    const acme = await data.workspace('acme');
    const framework = (localId: string) => ({ localId, name: localId, shortName: localId, edition: '1', kind: 'GUIDANCE' as const, summary: 'S.', requirements: [{ ref: 'R-1', title: 'One', kind: 'CONTROL' as const, parent: null, summary: 'One.', tags: [] }] });
    const create = (files: typeof acme, localId: string) => {
      const after = { frameworks: { [localId]: framework(localId) }, sets: {} };
      return async () => ({ ok: true as const, change: { operation: 'createFramework', before: { frameworks: { [localId]: null }, sets: {} }, after, next: applyTouched(files.current(), after, files.current().revision + 1) } });
    };
    // A disk fault on the seed-format copies: their folder is a file now.
    const yamlFolder = path.join(dir, 'workspaces/acme/frameworks');
    rmSync(yamlFolder, { recursive: true });
    writeFileSync(yamlFolder, 'not a folder');
    await expect(acme.transact(create(acme, 'first'), 'k1')).rejects.toThrow(/ENOTDIR|EEXIST|not a directory/);
    // The change is in the journal, so it happened; no later change may be written ahead of its files.
    expect(acme.journal.revision()).toBe(1);
    await expect(acme.transact(create(acme, 'second'), 'k1')).rejects.toThrow(/restart to recover/);
    expect(acme.journal.revision()).toBe(1);
    rmSync(yamlFolder);
    mkdirSync(yamlFolder);
    await data.close();
    // Opened again: the journal's change is written out, and changes go on from its revision.
    const reopened = await DataDirectory.open(dir);
    const again = await reopened.workspace('acme');
    expect([...again.current().frameworks.keys()]).toEqual(['first']);
    const second = await again.transact(create(again, 'second'), 'k1');
    expect(second.entry!.revision).toBe(2);
    expect(readdirSync(yamlFolder).sort()).toEqual(['first.yaml', 'second.yaml']);
    await reopened.close();
  });

  it('refuses a workspace name that is not a slug (no path tricks)', async () => {
    const data = await DataDirectory.open(tmp());
    await expect(data.workspace('../escape')).rejects.toThrow(WorkspaceFileError);
    await data.close();
  });

  it('on open, removes leftover temporary files and recovers every workspace journal', async () => {
    const dir = tmp();
    const first = await DataDirectory.open(dir);
    const acme = await first.workspace('acme');
    await acme.writeFramework(controls);
    await acme.journal.append({ who: 'k1', operation: 'createFramework', before: null, after: { id: 'acme:controls' } });
    await first.close();
    const leftover = path.join(dir, 'workspaces/acme/frameworks/.controls.yaml.tmp-999-0123456789ab');
    writeFileSync(leftover, 'id: contr');
    writeFileSync(path.join(dir, 'workspaces/acme/audit.jsonl'), '{"revision":2,"at":', { flag: 'a' });

    const logs: string[] = [];
    const second = await DataDirectory.open(dir, { log: (m) => logs.push(m) });
    expect(existsSync(leftover)).toBe(false);
    expect(logs.some((m) => m.includes('.controls.yaml.tmp-999-0123456789ab') && m.includes('interrupted write'))).toBe(true);
    expect(logs.some((m) => m.includes('half-written last line'))).toBe(true);
    expect(await second.workspaceNames()).toEqual(['acme']);
    const journal = (await second.workspace('acme')).journal;
    expect(journal.revision()).toBe(1);
    await expect((await second.workspace('acme')).readFrameworks()).resolves.toEqual([controls]);
    await second.close();
  });
});
