import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runTs, waitForOutput, writeFixtureSeed, type RunningProcess } from '../helpers/processes.js';

/** Every line the API prints is a structured log line, the start-up line and start-up failures included. */

const running: RunningProcess[] = [];
afterAll(() => running.forEach((r) => r.child.kill('SIGKILL')));

const lines = (p: RunningProcess) =>
  p
    .output()
    .split('\n')
    .filter((l) => l.trim() !== '');
const parsed = (p: RunningProcess) => lines(p).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('start-up logging', () => {
  it('announces the address as a JSON log line with the url and the store, even when only warnings are logged', async () => {
    const api = runTs('src/server.ts', { PORT: '0', LOG_LEVEL: 'warn', CROSSWALK_SEED_DIR: await writeFixtureSeed() });
    running.push(api);
    const [, port] = await waitForOutput(api, /Crosswalk API on http:\/\/localhost:(\d+)\/graphql/);
    const started = parsed(api).find((l) => typeof l.msg === 'string' && l.msg.startsWith('Crosswalk API on'))!;
    expect(started).toMatchObject({ level: 30, service: 'crosswalk', url: `http://localhost:${port}/graphql` });
    expect(started.store).toMatch(/embedded/i);
    api.child.kill('SIGTERM');
    expect(await api.exited).toBe(0);
    expect(() => parsed(api)).not.toThrow();
  });

  it('a broken seed stops start-up with one fatal line listing every problem', async () => {
    const dir = await writeFixtureSeed();
    await appendFile(path.join(dir, 'risks.yaml'), '\n- id: [unclosed\n');
    const api = runTs('src/server.ts', { PORT: '0', CROSSWALK_SEED_DIR: dir });
    running.push(api);
    expect(await api.exited).toBe(1);
    const fatal = parsed(api).filter((l) => l.level === 60);
    expect(fatal).toHaveLength(1);
    expect(fatal[0]!.msg).toMatch(/^seed is invalid \(1 problem\)/);
    expect(fatal[0]!.problems).toEqual([expect.stringMatching(/^risks\.yaml:\d+: YAML syntax/)]);
  });

  it('a bad setting stops start-up naming the setting, without a stack trace', async () => {
    const api = runTs('src/server.ts', { PORT: 'eighty' });
    running.push(api);
    expect(await api.exited).toBe(1);
    const [fatal] = parsed(api);
    expect(fatal).toMatchObject({ level: 60, msg: expect.stringMatching(/^start-up failed: PORT must be a whole number/) });
    expect(api.output()).not.toMatch(/\n\s+at /);
  });
});
