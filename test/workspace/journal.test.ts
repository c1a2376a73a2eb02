import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JournalCorruptError, openJournal } from '../../src/workspace/journal.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'crosswalk-journal-'));

describe('the audit journal', () => {
  it('appends one JSON line per change with consecutive revisions, who, when, before and after', async () => {
    const file = path.join(tmp(), 'audit.jsonl');
    const journal = await openJournal(file);
    const first = await journal.append({ who: 'k1', operation: 'createFramework', before: null, after: { id: 'controls' } });
    const second = await journal.append({ who: 'k2', operation: 'retireMappings', before: { state: 'ACCEPTED' }, after: { state: 'RETIRED' } });
    expect([first.revision, second.revision]).toEqual([1, 2]);
    expect(Number.isNaN(Date.parse(first.at))).toBe(false);
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(JSON.parse(lines[1]!)).toEqual(second);
    expect(await journal.read(1)).toEqual([second]);
    await journal.close();
  });

  it('serialises concurrent appends: every revision once, no interleaved lines', async () => {
    const file = path.join(tmp(), 'audit.jsonl');
    const journal = await openJournal(file);
    const entries = await Promise.all(Array.from({ length: 50 }, (_, n) => journal.append({ who: 'k', operation: 'upsertRequirements', before: null, after: { n } })));
    expect(entries.map((e) => e.revision).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    await journal.close();
    const reopened = await openJournal(file);
    expect(reopened.revision()).toBe(50);
    expect((await reopened.read()).map((e) => (e.after as { n: number }).n).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    await reopened.close();
  });

  it('cuts a torn (half-written) last line on open, logs it, and carries on from the last whole entry', async () => {
    const file = path.join(tmp(), 'audit.jsonl');
    const journal = await openJournal(file);
    await journal.append({ who: 'k', operation: 'createFramework', before: null, after: { id: 'a' } });
    await journal.append({ who: 'k', operation: 'createFramework', before: null, after: { id: 'b' } });
    await journal.close();
    const whole = readFileSync(file, 'utf8');
    appendFileSync(file, '{"revision":3,"at":"2026-11-28T00:00:00.000Z","who":"k","operation":"crea');

    const logs: string[] = [];
    const reopened = await openJournal(file, (m) => logs.push(m));
    expect(readFileSync(file, 'utf8')).toBe(whole);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/removed a half-written last line \(\d+ bytes\)/);
    const next = await reopened.append({ who: 'k', operation: 'createFramework', before: null, after: { id: 'c' } });
    expect(next.revision).toBe(3);
    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).revision)).toEqual([1, 2, 3]);
    await reopened.close();
  });

  it('logs nothing when the journal ends cleanly', async () => {
    const file = path.join(tmp(), 'audit.jsonl');
    const journal = await openJournal(file);
    await journal.append({ who: 'k', operation: 'createFramework', before: null, after: null });
    await journal.close();
    const logs: string[] = [];
    await (await openJournal(file, (m) => logs.push(m))).close();
    expect(logs).toEqual([]);
  });

  it('refuses to open a journal damaged in the middle rather than drop history', async () => {
    const file = path.join(tmp(), 'audit.jsonl');
    writeFileSync(file, '{"revision":1,"at":"x","who":"k","operation":"o","before":null,"after":null}\nnot json\n{"revision":3,"at":"x","who":"k","operation":"o","before":null,"after":null}\n');
    await expect(openJournal(file)).rejects.toThrow(JournalCorruptError);
    await expect(openJournal(file)).rejects.toThrow(/line 2: not JSON/);
  });

  it('refuses a gap in the revisions', async () => {
    const file = path.join(tmp(), 'audit.jsonl');
    writeFileSync(file, '{"revision":1,"at":"x","who":"k","operation":"o","before":null,"after":null}\n{"revision":3,"at":"x","who":"k","operation":"o","before":null,"after":null}\n');
    await expect(openJournal(file)).rejects.toThrow(/line 2: revision 3, expected 2/);
  });
});
