import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeSteps, removeLeftoverTemporaryFiles, writeFileDurably, type DurableSteps } from '../../src/workspace/durable-file.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'crosswalk-durable-'));

class SimulatedCrash extends Error {}

/** The real steps, recording their order, with one step failing as if the process died there. */
function stepsCrashingAt(step: keyof DurableSteps | null, calls: string[] = []): DurableSteps {
  const crash = (name: keyof DurableSteps) => {
    calls.push(name);
    if (name === step) throw new SimulatedCrash(`crashed during ${name}`);
  };
  return {
    async writeTemporary(file, content, mode) {
      if (step === 'writeTemporary') {
        // A crash half-way through writing: half the bytes reach the temporary file.
        await writeFile(file, content.slice(0, Math.floor(content.length / 2)), { mode });
        crash('writeTemporary');
      }
      calls.push('writeTemporary');
      await nodeSteps.writeTemporary(file, content, mode);
    },
    async syncFile(file) {
      crash('syncFile');
      await nodeSteps.syncFile(file);
    },
    async rename(from, to) {
      crash('rename');
      await nodeSteps.rename(from, to);
    },
    async syncDirectory(dir) {
      crash('syncDirectory');
      await nodeSteps.syncDirectory(dir);
    },
  };
}

describe('writeFileDurably', () => {
  it('writes, fsyncs, renames, then fsyncs the directory, in that order', async () => {
    const dir = tmp();
    const calls: string[] = [];
    await writeFileDurably(path.join(dir, 'a.yaml'), 'new\n', { steps: stepsCrashingAt(null, calls) });
    expect(calls).toEqual(['writeTemporary', 'syncFile', 'rename', 'syncDirectory']);
    expect(readFileSync(path.join(dir, 'a.yaml'), 'utf8')).toBe('new\n');
    expect(readdirSync(dir)).toEqual(['a.yaml']);
  });

  it.each(['writeTemporary', 'syncFile', 'rename'] as const)('leaves the old file whole when it crashes during %s, and the next open removes the leftover', async (step) => {
    const dir = tmp();
    const target = path.join(dir, 'framework.yaml');
    const old = 'id: controls\n'.repeat(200);
    writeFileSync(target, old);
    await expect(writeFileDurably(target, 'id: replaced\n'.repeat(300), { steps: stepsCrashingAt(step) })).rejects.toThrow(SimulatedCrash);
    expect(readFileSync(target, 'utf8')).toBe(old);
    const leftovers = readdirSync(dir).filter((n) => n !== 'framework.yaml');
    expect(leftovers).toHaveLength(1);
    expect(await removeLeftoverTemporaryFiles(dir)).toEqual([path.join(dir, leftovers[0]!)]);
    expect(readdirSync(dir)).toEqual(['framework.yaml']);
  });

  it('has the new file whole when the crash comes after the rename (only the directory fsync was missing)', async () => {
    const dir = tmp();
    const target = path.join(dir, 'framework.yaml');
    writeFileSync(target, 'old\n');
    await expect(writeFileDurably(target, 'new\n', { steps: stepsCrashingAt('syncDirectory') })).rejects.toThrow(SimulatedCrash);
    expect(readFileSync(target, 'utf8')).toBe('new\n');
    expect(readdirSync(dir)).toEqual(['framework.yaml']);
  });

  it('removes only its own temporary files on recovery, in subfolders too', async () => {
    const dir = tmp();
    const sub = path.join(dir, 'workspaces', 'acme');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, '.keys.json.tmp-123-0123456789ab'), 'half');
    writeFileSync(path.join(sub, '.hidden-user-file'), 'keep');
    writeFileSync(path.join(sub, 'notes.tmp'), 'keep');
    expect(await removeLeftoverTemporaryFiles(dir)).toEqual([path.join(sub, '.keys.json.tmp-123-0123456789ab')]);
    expect(readdirSync(sub).sort()).toEqual(['.hidden-user-file', 'notes.tmp']);
  });
});
