import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/http.js';
import { realSeedGraph, startTestNeo4j, type TestNeo4j } from './live-neo4j.js';

/** Every query in cypher/explore/ runs on the seeded graph and returns what its comment promises, as the API answers it. */

const explore = (name: string) => readFileSync(path.resolve(import.meta.dirname, '../../cypher/explore', `${name}.cypher`), 'utf8');

let neo4j: TestNeo4j;
let api: TestServer;

beforeAll(async () => {
  neo4j = await startTestNeo4j();
  await neo4j.seed(await realSeedGraph());
  api = await startTestServer(neo4j.store());
});
afterAll(async () => {
  await api?.close();
  await neo4j?.stop();
});

describe('explore queries on a live Neo4j', () => {
  it('soc2-satisfies-42001-annex-a: one row per Annex A control, with the statuses the API gives', async () => {
    const rows = await neo4j.rows(explore('soc2-satisfies-42001-annex-a'));
    const { data } = await api.query('{ coverage(target: "iso42001", held: ["soc2"], kind: CONTROL) { items { requirement { ref } status via { requirement { ref } } } } }');
    const items = data!.coverage.items as Array<{ requirement: { ref: string }; status: string; via: Array<{ requirement: { ref: string } }> }>;
    expect(rows.map((r) => [r.control, r.coverage])).toEqual(items.map((i) => [i.requirement.ref, i.status]));
    expect(rows).toHaveLength(38);
    for (const [i, row] of rows.entries()) {
      expect((row.links as string[]).map((l) => l.split(' ')[0]).sort(), String(row.control)).toEqual(items[i]!.via.map((v) => v.requirement.ref).sort());
      if (row.coverage === 'NONE') expect(row.whyNothing).toEqual(expect.any(String));
    }
  });

  it('new-for-42001-given-soc2: the requirements no SOC 2 criterion maps to, assessed exactly where the API says NONE', async () => {
    const rows = await neo4j.rows(explore('new-for-42001-given-soc2'));
    const { data } = await api.query('{ coverage(target: "iso42001", held: ["soc2"]) { items { requirement { ref } status } } }');
    const uncovered = (data!.coverage.items as Array<{ requirement: { ref: string }; status: string }>).filter((i) => i.status === 'NONE' || i.status === 'UNASSESSED');
    expect(rows.map((r) => r.ref).sort()).toEqual(uncovered.map((i) => i.requirement.ref).sort());
    for (const row of rows) expect(row.assessed, String(row.ref)).toBe(uncovered.find((i) => i.requirement.ref === row.ref)!.status === 'NONE');
    expect(rows.length).toBeGreaterThan(0);
    // Most risks first, as the comment says.
    const riskCounts = rows.map((r) => (r.risks as string[]).length);
    expect(riskCounts).toEqual([...riskCounts].sort((a, b) => b - a));
  });

  it('neighbourhood: the requirement with its mappings, groundwork and evidence, each counted once', async () => {
    const id = 'iso42001:A.6.2.6';
    const [row] = await neo4j.rows(explore('neighbourhood'), { id });
    const { data } = await api.query(`{ requirement(id: "${id}") { mappings { mapping { id } } disciplines { id } risks { id } evidence { id } } }`);
    const r = data!.requirement;
    expect((row!.mappings as unknown[]).length).toBe(r.mappings.length);
    expect((row!.groundwork as unknown[]).length).toBe(r.disciplines.length + r.risks.length);
    expect((row!.evidence as unknown[]).length).toBe(r.evidence.length);
    expect(r.mappings.length).toBeGreaterThan(5);
  });

  it('evidence-reuse: artefacts by how many requirements of the chosen frameworks they prove', async () => {
    const frameworks = ['soc2', 'iso42001'];
    const rows = await neo4j.rows(explore('evidence-reuse'), { frameworks });
    const graph = await realSeedGraph();
    const frameworkOf = new Map(graph.requirements.map((r) => [r.id, r.frameworkId]));
    const nameOf = new Map(graph.evidence.map((e) => [e.id, e.name]));
    const totals = new Map<string, number>();
    for (const [evidence, requirement] of graph.evidences) {
      if (frameworks.includes(frameworkOf.get(requirement)!)) totals.set(nameOf.get(evidence)!, (totals.get(nameOf.get(evidence)!) ?? 0) + 1);
    }
    expect(new Map(rows.map((r) => [r.evidence as string, r.total as number]))).toEqual(totals);
    const ordered = rows.map((r) => r.total as number);
    expect(ordered).toEqual([...ordered].sort((a, b) => b - a));
  });
});
