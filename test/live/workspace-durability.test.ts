import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyTouched, type TouchedObjects } from '../../src/domain/workspace-changes.js';
import { emptyWorkspace } from '../../src/domain/workspace-model.js';
import { loadCypherRegistry, loadWorkspaceSchemaStatements } from '../../src/store/neo4j/cypher-registry.js';
import { Neo4jWorkspaceRepository } from '../../src/store/neo4j/workspace-repository.js';
import { KeyStore } from '../../src/workspace/key-store.js';
import { runTs, waitForOutput, type RunningProcess } from '../helpers/processes.js';
import { realSeedGraph, startTestNeo4j, type TestNeo4j } from './live-neo4j.js';

/**
 * Durability on Neo4j (issue #21): the API process, writing a workspace to Neo4j, is killed with
 * SIGKILL in the middle of 500 concurrent mutations; started again, it serves every acknowledged
 * write, and the audit trail (consecutive revisions) replays to exactly the state it serves.
 */
let neo4j: TestNeo4j;
let keysDir: string;
let key: string;

function startApi(): { api: RunningProcess; url: Promise<string> } {
  const api = runTs('src/server.ts', { PORT: '0', HOST: '127.0.0.1', NEO4J_URI: neo4j.config.uri, NEO4J_USER: 'neo4j', NEO4J_PASSWORD: neo4j.config.password, CROSSWALK_DATA_DIR: keysDir, CROSSWALK_KEY_REQUESTS_PER_MINUTE: '0', CROSSWALK_REQUEST_TIMEOUT_MS: '120000', CROSSWALK_WAITING_PER_CLIENT: '1000', LOG_LEVEL: 'error' });
  return { api, url: waitForOutput(api, /Crosswalk API on http:\/\/localhost:(\d+)\/graphql/, 60_000).then(([, port]) => `http://127.0.0.1:${port}/graphql`) };
}

async function call(url: string, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) });
  return response.json();
}

beforeAll(async () => {
  neo4j = await startTestNeo4j();
  await neo4j.seed(await realSeedGraph());
  keysDir = path.join(mkdtempSync(path.join(tmpdir(), 'crosswalk-live-durability-')), 'data');
  key = (await new KeyStore(keysDir).create('acme', 'admin')).key;
}, 300_000);
afterAll(async () => {
  await neo4j?.stop();
});

describe("kill -9 of the API during 500 concurrent mutations, on Neo4j", () => {
  it("keeps every acknowledged write, and the audit trail replays to the state served", { timeout: 600_000 }, async () => {
    const first = startApi();
    const url = await first.url;
    expect((await call(url, 'mutation { createFramework(input: { id: "acme:controls", name: "Controls" }) { userErrors { code } } }')).data.createFramework.userErrors).toEqual([]);

    const acknowledged: string[] = [];
    let killed = false;
    const one = async (i: number) => {
      try {
        const body = await call(url, 'mutation ($input: UpsertRequirementsInput!) { upsertRequirements(input: $input) { userErrors { code } } }', {
          input: { framework: 'acme:controls', requirements: [{ ref: `R-${i}`, title: `Requirement ${i}` }] },
        });
        if (body.data?.upsertRequirements?.userErrors?.length === 0) {
          acknowledged.push(`acme:controls:R-${i}`);
          if (acknowledged.length === 100 && !killed) {
            killed = true;
            first.api.child.kill('SIGKILL');
          }
        }
      } catch {
        // The connection died with the process: not acknowledged.
      }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: 500 }, (_, i) => one(i)));
    console.log(`neo4j durability: ${acknowledged.length} acknowledged in ${Date.now() - started} ms, killed: ${killed}`);
    if (!killed) first.api.child.kill('SIGKILL'); // never reached 100: the assertion below says so
    expect(await first.api.exited).toBeNull();
    expect(acknowledged.length).toBeGreaterThanOrEqual(100);
    expect(acknowledged.length).toBeLessThan(500);

    const second = startApi();
    try {
      const again = await second.url;
      const served = await call(again, '{ framework(id: "acme:controls") { requirements(first: 500) { totalCount nodes { id } } } }');
      const ids = new Set((served.data.framework.requirements.nodes as Array<{ id: string }>).map((r) => r.id));
      for (const id of acknowledged) expect(ids.has(id)).toBe(true);

      const repository = new Neo4jWorkspaceRepository(neo4j.driver(), loadCypherRegistry(), loadWorkspaceSchemaStatements());
      const trail = await repository.audit('acme', 0);
      expect(trail.map((e) => e.revision)).toEqual(trail.map((_, i) => i + 1));
      // One createFramework and one entry per upsert that committed (acknowledged or not).
      expect(trail.length).toBe(1 + ids.size);
      let replayed = emptyWorkspace('acme');
      for (const entry of trail) replayed = applyTouched(replayed, entry.after as TouchedObjects, entry.revision);
      const refs = replayed.frameworks.get('controls')!.requirements.map((r) => `acme:controls:${r.ref}`).sort();
      expect(refs).toEqual([...ids].sort());
      console.log(`neo4j durability: ${acknowledged.length} acknowledged before the kill, ${ids.size} committed, audit revisions 1..${trail.length}`);
    } finally {
      second.api.child.kill('SIGTERM');
      await second.api.exited;
    }
  });
});
