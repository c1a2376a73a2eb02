import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { runTs, waitForOutput, writeFixtureSeed, type RunningProcess } from '../helpers/processes.js';

/** A closed port on loopback: what the API and the seeding command see when Neo4j is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('Neo4j unreachable', () => {
  const running: RunningProcess[] = [];
  afterAll(() => running.forEach((r) => r.child.kill('SIGKILL')));

  it('the seeding command exits non-zero within 30 s with one line naming the URI and the cause', async () => {
    const uri = `bolt://127.0.0.1:${await closedPort()}`;
    const started = Date.now();
    const seed = runTs('src/cli/seed-neo4j.ts', { NEO4J_URI: uri, CROSSWALK_SEED_DIR: await writeFixtureSeed() });
    running.push(seed);
    const code = await seed.exited;
    expect(code).toBe(1);
    expect(Date.now() - started).toBeLessThan(30_000);
    const errorLines = seed.output().split('\n').filter((l) => l.startsWith('seed:neo4j:'));
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatch(new RegExp(`^seed:neo4j: cannot reach Neo4j at ${uri}: .*ECONNREFUSED`));
    expect(seed.output()).not.toMatch(/\n\s+at /);
  });

  it('the API starts, answers readiness 503 and queries SERVICE_UNAVAILABLE, and stays up', async () => {
    const uri = `bolt://127.0.0.1:${await closedPort()}`;
    const api = runTs('src/server.ts', { NEO4J_URI: uri, PORT: '0' });
    running.push(api);
    const [, port] = await waitForOutput(api, /http:\/\/localhost:(\d+)\/graphql \(Neo4j at /);
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ frameworks { id } }' }) });
    const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0]!.extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(api.child.exitCode).toBeNull();
  });
});
