import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/http.js';

/**
 * The two headline questions over HTTP on the real seed, and the README's account of their answers:
 * when the curated data changes, this test says which sentence of the README no longer holds.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');

const ok = async (query: string) => {
  const response = await server.query(query);
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!;
};

const COVERAGE = `{ coverage(target: "iso42001", held: ["soc2"], kind: CONTROL) {
  summary { total full partial none unassessed }
  items { requirement { id ref } status
    via { requirement { id } relationship strength note sources { id } mappings { rationale } }
    noRelationships { reason mappingSet { id } } } } }`;

describe('which SOC 2 criteria already satisfy ISO 42001 Annex A', () => {
  it('answers all 38 Annex A controls in one request, each with a status and its reasons', async () => {
    const { coverage } = await ok(COVERAGE);
    expect(coverage.items).toHaveLength(38);
    expect(coverage.summary.unassessed).toBe(0);
    for (const item of coverage.items) {
      const where = item.requirement.id;
      if (item.status === 'NONE') {
        expect(item.via, where).toEqual([]);
        expect(item.noRelationships, where).toHaveLength(1);
        expect(item.noRelationships[0].mappingSet.id, where).toBe('mapping-set:soc2--iso42001');
        expect(item.noRelationships[0].reason.length, where).toBeGreaterThanOrEqual(20);
        continue;
      }
      expect(['FULL', 'PARTIAL'], where).toContain(item.status);
      expect(item.via.length, where).toBeGreaterThan(0);
      for (const link of item.via) {
        expect(link.requirement.id, where).toMatch(/^soc2:/);
        expect(link.sources.map((s: { id: string }) => s.id), where).toEqual(['source:crosswalk-curated']);
        expect(link.note.length, where).toBeGreaterThanOrEqual(40);
        expect(link.mappings.map((m: { rationale: string | null }) => m.rationale), where).not.toContain(null);
      }
      // FULL rests on a link that contains the whole control; PARTIAL on none that does.
      const full = item.via.some((l: { relationship: string }) => ['EQUAL', 'SUPERSET_OF'].includes(l.relationship));
      expect(full, where).toBe(item.status === 'FULL');
    }
  });

  it('is what the README says it is', async () => {
    const { coverage } = await ok(COVERAGE);
    const { full, partial, none } = coverage.summary;
    expect(readme).toContain(`it answers ${full} FULL`);
    expect(readme).toContain(`${partial} PARTIAL and ${none} NONE`);
    const fullRefs = coverage.items.filter((i: { status: string }) => i.status === 'FULL').map((i: { requirement: { ref: string } }) => i.requirement.ref);
    for (const ref of fullRefs) expect(readme).toContain(`(${ref},`);
  });

  it('inference through ISO 27001 adds no link here, as the README explains', async () => {
    const { coverage } = await ok(COVERAGE.replace('kind: CONTROL', 'kind: CONTROL, inferred: true').replace('status', 'status inferred'));
    expect(coverage.items.filter((i: { inferred: boolean }) => i.inferred)).toEqual([]);
    expect(readme).toContain('with today\'s data it adds nothing here');
  });
});

describe('what is genuinely new for 42001 given SOC 2 and ISO 27001', () => {
  it('lists assessed gaps only, each with disciplines, risks and the README count', async () => {
    const { gaps } = await ok(`{ gaps(target: "iso42001", held: ["soc2", "iso27001"]) {
      total none unassessed items { rank requirement { id ref } status disciplines { id } risks { id } } } }`);
    expect(gaps.unassessed).toBe(0);
    expect(gaps.items.map((i: { rank: number }) => i.rank)).toEqual(gaps.items.map((_: unknown, n: number) => n + 1));
    for (const item of gaps.items) {
      expect(item.status, item.requirement.id).toBe('NONE');
      expect(item.disciplines.length, item.requirement.id).toBeGreaterThan(0);
    }
    expect(readme).toContain(`Today it lists ${gaps.total} requirements, all NONE`);
  });
});
