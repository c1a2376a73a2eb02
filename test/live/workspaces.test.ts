import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyTouched, type TouchedObjects } from '../../src/domain/workspace-changes.js';
import { emptyWorkspace } from '../../src/domain/workspace-model.js';
import { loadCypherRegistry, loadWorkspaceSchemaStatements } from '../../src/store/neo4j/cypher-registry.js';
import { Neo4jWorkspaceRepository } from '../../src/store/neo4j/workspace-repository.js';
import { startWorkspaceServer, type Client, type WorkspaceServer } from '../helpers/workspace-server.js';
import { realSeedGraph, startTestNeo4j, type TestNeo4j } from './live-neo4j.js';

/**
 * Workspaces on a live Neo4j (issue #21): two API instances (two replicas, each with its own driver
 * and repository) over one database and one keys file. What one writes the other serves at once;
 * concurrent writes of one workspace through both are serialised by the workspace node's lock
 * (consecutive revisions, nothing lost); a refused write leaves no trace; the audit trail replayed
 * gives exactly the state served; another workspace sees none of it.
 */

let neo4j: TestNeo4j;
let a: WorkspaceServer;
let b: WorkspaceServer;
let adminA: Client, editorA: Client, editorB: Client, reviewerB: Client, outsiderB: Client;

beforeAll(async () => {
  neo4j = await startTestNeo4j();
  await neo4j.seed(await realSeedGraph());
  const keysDir = path.join(mkdtempSync(path.join(tmpdir(), 'crosswalk-live-keys-')), 'data');
  const replica = () => startWorkspaceServer({ store: neo4j.store(), keysDir, repository: new Neo4jWorkspaceRepository(neo4j.driver(), loadCypherRegistry(), loadWorkspaceSchemaStatements()) });
  [a, b] = [await replica(), await replica()];
  adminA = a.as((await a.key('acme', 'admin')).key);
  const editor = (await a.key('acme', 'editor')).key;
  editorA = a.as(editor);
  editorB = b.as(editor);
  reviewerB = b.as((await a.key('acme', 'reviewer')).key);
  outsiderB = b.as((await a.key('globex', 'admin')).key);
}, 300_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
  await neo4j?.stop();
});

const ok = (payload: { userErrors: unknown[] }) => expect(payload.userErrors).toEqual([]);

describe('workspaces on Neo4j, two API replicas', () => {
  it('serves on one replica what the other wrote, and analyses see it', async () => {
    ok((await adminA(`mutation { createFramework(input: { id: "acme:controls", name: "ACME controls" }) { userErrors { code message } } }`)).data!.createFramework);
    const reqs = Array.from({ length: 20 }, (_, i) => ({ ref: `C-${i + 1}`, title: `Control ${i + 1}` }));
    ok((await adminA(`mutation ($input: UpsertRequirementsInput!) { upsertRequirements(input: $input) { userErrors { code message } } }`, { input: { framework: 'acme:controls', requirements: reqs } })).data!.upsertRequirements);
    const seenOnB = await reviewerB(`{ framework(id: "acme:controls") { requirements(first: 50) { totalCount } } }`);
    expect(seenOnB.data!.framework.requirements.totalCount).toBe(20);
    ok((await editorB(`mutation { createMappingSet(input: { from: "acme:controls", to: "soc2" }) { userErrors { code message } } }`)).data!.createMappingSet);
  });

  it('serialises concurrent writes of one workspace from both replicas: every one lands, revisions consecutive', async () => {
    const propose = (client: Client, i: number) =>
      client(`mutation ($input: ProposeMappingsInput!) { proposeMappings(input: $input) { revision userErrors { code message } } }`, {
        input: { set: 'mapping-set:acme:controls--soc2', mappings: [{ from: `acme:controls:C-${i + 1}`, to: 'soc2:CC7.2', ...(i === 0 ? { relationship: 'EQUAL', strength: 10 } : { relationship: 'INTERSECTS_WITH', strength: 3 }) }] },
      });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => propose(i % 2 === 0 ? editorA : editorB, i)));
    for (const answer of answers) {
      expect(answer.errors).toBeUndefined();
      ok(answer.data!.proposeMappings);
    }
    const revisions = answers.map((x) => x.data!.proposeMappings.revision as number).sort((x, y) => x - y);
    expect(revisions).toEqual(Array.from({ length: 20 }, (_, i) => revisions[0]! + i));
    const queue = await reviewerB(`{ workspace { revision proposals(first: 100) { totalCount } } }`);
    expect(queue.data!.workspace).toEqual({ revision: revisions.at(-1), proposals: { totalCount: 20 } });
  });

  it('accepts on one replica and coverage on the other counts it; a refused write leaves no trace', async () => {
    const queue = await reviewerB(`{ workspace { proposals(first: 100) { mappings { id } } } }`);
    const ids = queue.data!.workspace.proposals.mappings.map((m: { id: string }) => m.id) as string[];
    const before = (await reviewerB(`{ workspace { revision } }`)).data!.workspace.revision as number;
    // Refused writes, by role (an editor does not review) and by a stale revision: nothing written, revision unchanged.
    const own = await editorA(`mutation ($input: ReviewMappingsInput!) { reviewMappings(input: $input) { userErrors { code } } }`, { input: { set: 'mapping-set:acme:controls--soc2', decisions: [{ id: ids[0], decision: 'ACCEPT' }] } });
    expect(own.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const stale = await reviewerB(`mutation ($input: ReviewMappingsInput!) { reviewMappings(input: $input) { userErrors { code } } }`, {
      input: { set: 'mapping-set:acme:controls--soc2', expectedRevision: 1, decisions: [{ id: ids[0], decision: 'ACCEPT' }] },
    });
    expect(stale.data!.reviewMappings.userErrors).toEqual([{ code: 'CONFLICT' }]);
    expect((await reviewerB(`{ workspace { revision } }`)).data!.workspace.revision).toBe(before);

    const accepted = await reviewerB(`mutation ($input: ReviewMappingsInput!) { reviewMappings(input: $input) { mappings { status } userErrors { code message } } }`, {
      input: { set: 'mapping-set:acme:controls--soc2', decisions: ids.map((id) => ({ id, decision: 'ACCEPT' })) },
    });
    ok(accepted.data!.reviewMappings);
    const coverage = await adminA(`{ coverage(target: "iso42001", held: ["acme:controls"], inferred: true) { items { requirement { id } status via { path { id } } } } }`);
    expect(coverage.errors).toBeUndefined();
    // C-1 EQUAL CC7.2 composes with CC7.2's link to A.6.2.6; the INTERSECTS_WITH ones compose to nothing (set theory).
    const a626 = coverage.data!.coverage.items.find((i: { requirement: { id: string } }) => i.requirement.id === 'iso42001:A.6.2.6');
    expect(a626.status).toBe('PARTIAL');
    expect(a626.via.map((v: { path: Array<{ id: string }> }) => v.path[0]!.id)).toEqual(['acme:controls:C-1']);
    expect(a626.via[0].path.map((r: { id: string }) => r.id)).toContain('soc2:CC7.2');
    const outside = await outsiderB(`{ node(id: "acme:controls") { id } }`);
    expect(outside.errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });

  it('keeps an audit trail in the database that replays to exactly the state served', async () => {
    const repository = new Neo4jWorkspaceRepository(neo4j.driver(), loadCypherRegistry(), loadWorkspaceSchemaStatements());
    const trail = await repository.audit('acme', 0);
    expect(trail.map((e) => e.revision)).toEqual(trail.map((_, i) => i + 1));
    let replayed = emptyWorkspace('acme');
    for (const entry of trail) replayed = applyTouched(replayed, entry.after as TouchedObjects, entry.revision);
    const served = await repository.current('acme');
    expect(JSON.parse(JSON.stringify({ ...replayed, frameworks: [...replayed.frameworks], sets: [...replayed.sets] }))).toEqual(
      JSON.parse(JSON.stringify({ ...served, frameworks: [...served.frameworks], sets: [...served.sets] })),
    );
  });
});
