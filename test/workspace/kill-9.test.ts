import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirectory } from '../../src/workspace/data-directory.js';
import { runTs } from '../helpers/processes.js';

/**
 * A writer killed with SIGKILL in the middle of 500 appends loses nothing it acknowledged: a child
 * appends 500 journal entries, 8 in flight at a time, printing "ack" only after each fsync; the
 * parent kills it after about 150 acknowledgements, reopens the directory and finds every
 * acknowledged entry, consecutive revisions, and no torn line.
 */
describe('kill -9 during journal appends', () => {
  it('keeps every acknowledged entry and leaves no torn line', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'crosswalk-kill9-'));
    const writer = runTs(path.resolve(import.meta.dirname, '../helpers/data-dir-process.ts'), {}, ['append', dir, 'acme', '500']);
    // Killed from the data handler itself, the moment the 150th acknowledgement arrives, while
    // the writer still has hundreds of appends to go.
    let seen = 0;
    writer.child.stdout!.on('data', (chunk: Buffer) => {
      seen += (chunk.toString().match(/\n/g) ?? []).length;
      if (seen >= 150) writer.child.kill('SIGKILL');
    });
    expect(await writer.exited).toBeNull();

    // Only lines the parent had received in full count as acknowledged.
    const acknowledged = [...writer.output().matchAll(/^ack (\d+) (\d+)$/gm)].map((m) => ({ revision: Number(m[1]), n: Number(m[2]) }));
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);
    expect(writer.output()).not.toContain('done');

    const logs: string[] = [];
    const data = await DataDirectory.open(dir, { log: (m) => logs.push(m) });
    const journal = (await data.workspace('acme')).journal;
    const entries = await journal.read();
    expect(entries.map((e) => e.revision)).toEqual(entries.map((_, i) => i + 1));
    const present = new Map(entries.map((e) => [e.revision, (e.after as { n: number }).n]));
    for (const ack of acknowledged) expect(present.get(ack.revision)).toBe(ack.n);
    expect(entries.length).toBeLessThan(500);

    // No torn line remains: the file is whole JSON lines, each ending in a newline.
    const text = readFileSync(journal.file, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    for (const line of text.split('\n').slice(0, -1)) expect(() => JSON.parse(line)).not.toThrow();
    expect(logs.some((m) => m.includes('took over a stale lock'))).toBe(true);
    await data.close();
  });
});
