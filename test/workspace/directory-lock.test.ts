import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirectory } from '../../src/workspace/data-directory.js';
import { acquireDirectoryLock, DirectoryLockedError, type DirectoryLock } from '../../src/workspace/directory-lock.js';
import { runTs, waitForOutput, type RunningProcess } from '../helpers/processes.js';

const HELPER = path.resolve(import.meta.dirname, '../helpers/data-dir-process.ts');
const tmp = () => mkdtempSync(path.join(tmpdir(), 'crosswalk-lock-'));
const running: RunningProcess[] = [];

afterEach(async () => {
  for (const p of running.splice(0)) {
    if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await p.exited;
  }
});

/** A pid that certainly belonged to a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('the data directory lock', () => {
  it('lets one process open the directory; a second process refuses, naming the holder and Neo4j', async () => {
    const dir = tmp();
    const first = spawnHelper('hold', dir);
    const [, pid] = await waitForOutput(first, /opened (\d+)/);
    const second = spawnHelper('open-once', dir);
    expect(await second.exited).toBe(3);
    expect(second.output()).toContain(`in use by process ${pid}`);
    expect(second.output()).toMatch(/several API processes, use Neo4j \(set NEO4J_URI\)/);
    expect(JSON.parse(readFileSync(path.join(dir, 'crosswalk.lock'), 'utf8')).pid).toBe(Number(pid));

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(path.join(dir, 'crosswalk.lock'))).toBe(false);
    const third = spawnHelper('open-once', dir);
    expect(await third.exited).toBe(0);
  });

  it('refuses a second open in the same process too', async () => {
    const dir = tmp();
    const data = await DataDirectory.open(dir);
    await expect(DataDirectory.open(dir)).rejects.toThrow(DirectoryLockedError);
    await data.close();
    const again = await DataDirectory.open(dir);
    await again.close();
  });

  it('gives the lock to one of many acquirers in the same process at once; the others are refused, none takes it over', async () => {
    const dir = tmp();
    const logs: string[] = [];
    const tries = await Promise.allSettled(Array.from({ length: 8 }, () => acquireDirectoryLock(dir, 'test.lock', () => 'busy', (m) => logs.push(m))));
    const holders = tries.filter((t) => t.status === 'fulfilled');
    expect(holders).toHaveLength(1);
    for (const t of tries) if (t.status === 'rejected') expect(t.reason).toBeInstanceOf(DirectoryLockedError);
    expect(logs.filter((m) => m.includes('took over'))).toEqual([]);
    await (holders[0] as PromiseFulfilledResult<DirectoryLock>).value.release();
    const next = await acquireDirectoryLock(dir, 'test.lock', () => 'busy');
    await next.release();
    expect(existsSync(path.join(dir, 'test.lock'))).toBe(false);
  });

  it('takes over a stale lock whose process is dead, and says so', async () => {
    const dir = tmp();
    const pid = deadPid();
    writeFileSync(path.join(dir, 'crosswalk.lock'), JSON.stringify({ pid, host: hostname(), since: '2026-01-01T00:00:00.000Z' }));
    const logs: string[] = [];
    const data = await DataDirectory.open(dir, { log: (m) => logs.push(m) });
    expect(JSON.parse(readFileSync(path.join(dir, 'crosswalk.lock'), 'utf8')).pid).toBe(process.pid);
    expect(logs.join('\n')).toContain(`left by process ${pid}, which is no longer running`);
    await data.close();
  });

  it('takes over the lock of a process killed with SIGKILL', async () => {
    const dir = tmp();
    const first = spawnHelper('hold', dir);
    await waitForOutput(first, /opened \d+/);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(existsSync(path.join(dir, 'crosswalk.lock'))).toBe(true);
    const second = spawnHelper('open-once', dir);
    expect(await second.exited).toBe(0);
    expect(second.output()).toMatch(/took over a stale lock/);
  });

  it('takes over a lock naming this very process when this process does not hold it (a container restarted as pid 1 on the same volume)', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'crosswalk.lock'), JSON.stringify({ pid: process.pid, host: hostname(), since: '2026-01-01T00:00:00.000Z' }));
    const data = await DataDirectory.open(dir);
    expect(JSON.parse(readFileSync(path.join(dir, 'crosswalk.lock'), 'utf8')).since).not.toBe('2026-01-01T00:00:00.000Z');
    await data.close();
  });

  it('takes over a lock written before the machine last booted, even if its pid runs now', async () => {
    const dir = tmp();
    const alive = process.ppid; // our parent runs, and is not us
    writeFileSync(path.join(dir, 'crosswalk.lock'), JSON.stringify({ pid: alive, host: hostname(), since: '2026-01-01T00:00:00.000Z', boot: 'a-boot-before-this-one' }));
    if (!existsSync('/proc/sys/kernel/random/boot_id')) {
      await expect(DataDirectory.open(dir)).rejects.toThrow(DirectoryLockedError); // no boot id to compare: the live pid wins
      return;
    }
    const data = await DataDirectory.open(dir);
    await data.close();
  });

  it('waits for a lock file that is being written; one left empty for long is stale', async () => {
    const dir = tmp();
    const lock = path.join(dir, 'crosswalk.lock');
    writeFileSync(lock, '');
    await expect(DataDirectory.open(dir)).rejects.toThrow(DirectoryLockedError);
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(lock, minuteAgo, minuteAgo);
    const logs: string[] = [];
    const data = await DataDirectory.open(dir, { log: (m) => logs.push(m) });
    expect(logs.join('\n')).toContain('left unwritten by a process that stopped while creating it');
    await data.close();
  });

  it('never guesses about a lock written on another host', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'crosswalk.lock'), JSON.stringify({ pid: deadPid(), host: `not-${hostname()}`, since: '2026-01-01T00:00:00.000Z' }));
    await expect(DataDirectory.open(dir)).rejects.toThrow(/remove the lock file/);
  });
});

/** The helper in its own process, stopped after the test if still running. */
function spawnHelper(...args: string[]): RunningProcess {
  const p = runTs(HELPER, {}, args);
  running.push(p);
  return p;
}
