import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeed } from '../../src/seed/load-seed.js';
import { loadCypherRegistry, loadSchemaStatements } from '../../src/store/neo4j/cypher-registry.js';
import { writeGraph } from '../../src/store/neo4j/seed-writer.js';
import { runTs } from '../helpers/processes.js';
import { startTestServer } from '../helpers/http.js';
import { realSeedGraph, startTestNeo4j, type TestNeo4j } from './live-neo4j.js';

/** Seeding a live Neo4j with `npm run seed:neo4j`: idempotent, exact removals, all or nothing. */

const SEED_DIR = path.resolve(import.meta.dirname, '../../seed');
let neo4j: TestNeo4j;

beforeAll(async () => {
  neo4j = await startTestNeo4j();
});
afterAll(async () => neo4j?.stop());

async function seedCommand(seedDir = SEED_DIR, args: string[] = []): Promise<{ code: number | null; output: string }> {
  const run = runTs('src/cli/seed-neo4j.ts', { NEO4J_URI: neo4j.config.uri, NEO4J_USER: 'neo4j', NEO4J_PASSWORD: neo4j.config.password, CROSSWALK_SEED_DIR: seedDir }, args);
  const code = await run.exited;
  return { code, output: run.output() };
}

/** Everything a reader could tell apart: node and edge counts by label and type, and the dataset node. */
async function snapshot() {
  const [nodes] = await neo4j.rows('MATCH (n) RETURN count(n) AS n');
  const labels = await neo4j.rows('MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label');
  const edges = await neo4j.rows('MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type');
  const [dataset] = await neo4j.rows("MATCH (d:Dataset {id: 'crosswalk'}) RETURN d.version AS version, d.counts AS counts");
  return { nodes: nodes!.n, labels, edges, dataset };
}

async function seedCopy(change: (dir: string) => Promise<void>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'crosswalk-live-seed-'));
  await cp(SEED_DIR, dir, { recursive: true });
  await change(dir);
  return dir;
}

describe('seeding a live Neo4j', () => {
  it('gives the same graph and dataset version when run twice', async () => {
    const first = await seedCommand();
    expect(first.code, first.output).toBe(0);
    expect(first.output).toMatch(/dataset version [0-9a-f]{16}/);
    const once = await snapshot();
    const graph = await realSeedGraph();
    expect(once.edges).toContainEqual({ type: 'MAPS_TO', n: graph.mappings.length });
    expect(once.labels).toContainEqual({ label: 'Requirement', n: graph.requirements.length });
    const second = await seedCommand();
    expect(second.code, second.output).toBe(0);
    expect(await snapshot()).toEqual(once);
  });

  it('creates the schema: a constraint on every node id and the text index search uses, online', async () => {
    const indexes = await neo4j.rows('SHOW INDEXES YIELD name, type, state RETURN name, type, state ORDER BY name');
    expect(indexes).toContainEqual({ name: 'requirement_search_text', type: 'TEXT', state: 'ONLINE' });
    expect(indexes.map((i) => i.name)).not.toContain('requirement_text');
    const constraints = await neo4j.rows('SHOW CONSTRAINTS YIELD name RETURN name');
    expect(constraints).toHaveLength(8);
  });

  it('stores strength and catalog order as integers', async () => {
    const [types] = await neo4j.rows(
      'MATCH ()-[m:MAPS_TO]->() WHERE m.strength IS NOT NULL RETURN collect(DISTINCT valueType(m.strength)) AS strength, collect(DISTINCT valueType(m.catalogOrder)) AS orders',
    );
    expect(types).toEqual({ strength: ['INTEGER NOT NULL'], orders: ['INTEGER NOT NULL'] });
  });

  it('removes exactly the mapping that left seed/, and keeps every other mapping and its id', async () => {
    const before = await neo4j.rows('MATCH ()-[m:MAPS_TO]->() RETURN m.id AS id ORDER BY id');
    const dir = await seedCopy(async (d) => {
      const file = path.join(d, 'mappings/soc2--iso42001.yaml');
      const text = await readFile(file, 'utf8');
      // Drop the first mapping entry of the set: its "- from:" line up to the next entry.
      const start = text.indexOf('\n  - from:');
      const next = text.indexOf('\n  - from:', start + 1);
      await writeFile(file, text.slice(0, start) + text.slice(next));
    });
    const trimmed = await loadSeed(dir);
    const full = await realSeedGraph();
    const removed = full.mappings.filter((m) => !trimmed.mappings.some((t) => t.id === m.id)).map((m) => m.id);
    expect(removed).toHaveLength(1);
    const result = await seedCommand(dir);
    expect(result.code, result.output).toBe(0);
    const after = await neo4j.rows('MATCH ()-[m:MAPS_TO]->() RETURN m.id AS id ORDER BY id');
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id).filter((id) => id !== removed[0]));
    // Seeding the full seed again brings it back, and only it.
    expect((await seedCommand()).code).toBe(0);
    expect(await neo4j.rows('MATCH ()-[m:MAPS_TO]->() RETURN m.id AS id ORDER BY id')).toEqual(before);
  });

  it('writes nothing when a seed file is broken', async () => {
    const before = await snapshot();
    const dir = await seedCopy(async (d) => {
      const file = path.join(d, 'mappings/soc2--iso42001.yaml');
      await writeFile(file, (await readFile(file, 'utf8')).replace('strength: ', 'strength: 11 #'));
    });
    const result = await seedCommand(dir);
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/soc2--iso42001\.yaml/);
    expect(await snapshot()).toEqual(before);
  });

  it('leaves the old graph whole when a seed fails half-way (one transaction)', async () => {
    const before = await snapshot();
    const full = await realSeedGraph();
    // A new graph (one mapping fewer) whose last statement fails inside Neo4j, after every merge ran.
    const changed = { ...full, version: 'half-way-test', mappings: full.mappings.slice(1) };
    const broken = { ...loadCypherRegistry(), 'seed/set-dataset': 'RETURN 1/0 AS boom' };
    await expect(writeGraph(neo4j.driver(), broken, loadSchemaStatements(), changed)).rejects.toThrow(/by zero/i);
    expect(await snapshot()).toEqual(before);
  });

  it('batched: the API refuses to answer while the graph is half-written, then the same graph and version as one transaction', async () => {
    const whole = await snapshot();
    const api = await startTestServer(neo4j.store());
    const until = async (check: () => Promise<boolean>, what: string) => {
      for (const started = Date.now(); !(await check()); await new Promise((r) => setTimeout(r, 100))) {
        if (Date.now() - started > 20_000) throw new Error(`timed out waiting for ${what}`);
      }
    };
    const graphqlStatus = async () => {
      const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ frameworks { id } }' }) });
      return { status: response.status, body: (await response.json()) as { errors?: Array<{ message: string; extensions?: { code?: string } }> } };
    };
    try {
      expect((await graphqlStatus()).status).toBe(200);
      const seeding = writeGraph(neo4j.driver(), loadCypherRegistry(), loadSchemaStatements(), await realSeedGraph(), { batched: true, markSeenAfterMs: 8_000 });
      await until(async () => (await neo4j.rows("MATCH (d:Dataset {id: 'crosswalk'}) WHERE d.seeding IS NOT NULL RETURN d.id AS id")).length === 1, 'the seeding mark');
      await until(async () => (await fetch(`${api.url}/readyz`)).status === 503, 'readiness 503');
      // API processes re-read the dataset version every few seconds: refused before the first write.
      let last: unknown = null;
      await until(async () => {
        const answer = await graphqlStatus();
        last = answer;
        return answer.status === 503;
      }, '/graphql 503').catch((error: Error) => {
        throw new Error(`${error.message}; last answer ${JSON.stringify(last).slice(0, 300)}`);
      });
      const refused = await graphqlStatus();
      expect(refused.body.errors![0]!.extensions!.code).toBe('SERVICE_UNAVAILABLE');
      expect(refused.body.errors![0]!.message).toMatch(/being seeded in batches/);
      await seeding;
      expect(await snapshot()).toEqual(whole);
      expect(await neo4j.rows("MATCH (d:Dataset) WHERE d.seeding IS NOT NULL RETURN d.id AS id")).toEqual([]);
      await until(async () => (await graphqlStatus()).status === 200, 'answers again');
      expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
    } finally {
      await api.close();
    }
  });

  it('batched from the command line; an unknown argument is refused before anything is written', async () => {
    const before = await snapshot();
    const bad = await seedCommand(SEED_DIR, ['--bached']);
    expect(bad.code).toBe(2);
    expect(bad.output).toMatch(/unknown argument --bached/);
    const run = await seedCommand(SEED_DIR, ['--batched']);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/batched: marking the dataset/);
    expect(await snapshot()).toEqual(before);
  }, 60_000);

  it('names the cause when the password is wrong, and writes nothing', async () => {
    const run = runTs('src/cli/seed-neo4j.ts', { NEO4J_URI: neo4j.config.uri, NEO4J_USER: 'neo4j', NEO4J_PASSWORD: 'not-the-password' });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/refused the credentials of user "neo4j".*NEO4J_PASSWORD/);
    expect(run.output()).not.toMatch(/cannot reach/);
  });
});
