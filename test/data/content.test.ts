import { beforeAll, describe, expect, it } from 'vitest';
import type { GraphData, Requirement } from '../../src/domain/types.js';
import { loadSeed } from '../../src/seed/load-seed.js';

/**
 * The curated content (disciplines, risks, evidence) checked as product: the rules in seed/README.md
 * that the loader does not already enforce. The curated mapping sets' checks join when those sets do.
 */

let graph: GraphData;
let byId: Map<string, Requirement>;
beforeAll(async () => {
  graph = await loadSeed();
  byId = new Map(graph.requirements.map((r) => [r.id, r]));
});

const leaves = () => graph.requirements.filter((r) => r.kind !== 'GROUP');
const frameworkOf = (id: string) => id.slice(0, id.indexOf(':'));

describe('disciplines, risks and evidence', () => {
  it('has 20 to 30 disciplines across SHARED, AI and SECURITY scopes', () => {
    expect(graph.disciplines.length).toBeGreaterThanOrEqual(20);
    expect(graph.disciplines.length).toBeLessThanOrEqual(30);
    expect(new Set(graph.disciplines.map((d) => d.scope))).toEqual(new Set(['SHARED', 'AI', 'SECURITY']));
  });

  it('has 20 to 40 risks, each in a discipline', () => {
    expect(graph.risks.length).toBeGreaterThanOrEqual(20);
    expect(graph.risks.length).toBeLessThanOrEqual(40);
    expect(new Set(graph.risks.map((r) => r.category))).toEqual(new Set(['AI', 'SECURITY', 'PRIVACY', 'OPERATIONAL', 'LEGAL']));
    for (const r of graph.risks) expect(r.disciplineId, r.id).not.toBeNull();
  });

  it('every leaf requirement of every framework addresses at least one discipline', () => {
    const addressed = new Set(graph.addresses.map(([requirement]) => requirement));
    expect(leaves().filter((r) => !addressed.has(r.id)).map((r) => r.id)).toEqual([]);
  });


  it('every ISO 42001 Annex A control and every EU AI Act focus article mitigates a risk', () => {
    const mitigating = new Set(graph.mitigates.map(([requirement]) => requirement));
    const mustMitigate = graph.requirements.filter(
      (r) => (r.frameworkId === 'iso42001' && r.kind === 'CONTROL') || (r.frameworkId === 'eu-ai-act' && r.tags.includes('focus')),
    );
    expect(mustMitigate).toHaveLength(58);
    expect(mustMitigate.filter((r) => !mitigating.has(r.id)).map((r) => r.id)).toEqual([]);
  });


  it('every NO_RELATIONSHIP record gives a reason of its own, and no pair is mapped twice by one source', () => {
    for (const n of graph.noRelationships) expect(n.reason.length, n.requirementId).toBeGreaterThanOrEqual(20);
    const seen = new Set<string>();
    for (const m of graph.mappings) {
      const key = [m.sourceId, ...[m.fromId, m.toId].sort()].join('|');
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
  });

  it('has 30 to 60 evidence artefacts; each proves leaf requirements, and 15 or more span two frameworks', () => {
    expect(graph.evidence.length).toBeGreaterThanOrEqual(30);
    expect(graph.evidence.length).toBeLessThanOrEqual(60);
    const frameworksOf = new Map<string, Set<string>>();
    for (const [evidence, requirement] of graph.evidences) {
      expect(byId.get(requirement)!.kind, `${evidence} -> ${requirement}`).not.toBe('GROUP');
      frameworksOf.set(evidence, (frameworksOf.get(evidence) ?? new Set()).add(frameworkOf(requirement)));
    }
    expect(graph.evidence.filter((e) => !frameworksOf.has(e.id)).map((e) => e.id)).toEqual([]);
    expect([...frameworksOf.values()].filter((f) => f.size >= 2).length).toBeGreaterThanOrEqual(15);
  });
});
