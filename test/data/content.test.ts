import { beforeAll, describe, expect, it } from 'vitest';
import type { GraphData, MappingSet, Relationship, Requirement } from '../../src/domain/types.js';
import { frameworkIdOf } from '../../src/domain/ids.js';
import { composeRelationships, inverseRelationship, isFullCoverage } from '../../src/domain/relationships.js';
import { loadSeed } from '../../src/seed/load-seed.js';

/**
 * The curated content (disciplines, risks, evidence, mapping sets) checked as product:
 * every rule in seed/README.md that the loader does not already enforce.
 */

let graph: GraphData;
let byId: Map<string, Requirement>;
beforeAll(async () => {
  graph = await loadSeed();
  byId = new Map(graph.requirements.map((r) => [r.id, r]));
});

const leaves = () => graph.requirements.filter((r) => r.kind !== 'GROUP');
const CURATED_SETS = ['soc2--iso42001', 'iso27001--iso42001', 'soc2--iso27001', 'eu-ai-act--iso42001', 'soc2--nist-csf'];

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

  it('every discipline is addressed by requirements of at least two frameworks', () => {
    for (const d of graph.disciplines) {
      const frameworks = new Set(graph.addresses.filter(([, discipline]) => discipline === d.id).map(([r]) => frameworkIdOf(r)));
      expect(frameworks.size, d.id).toBeGreaterThanOrEqual(2);
    }
  });

  it('every ISO 42001 Annex A control and every EU AI Act focus article mitigates a risk', () => {
    const mitigating = new Set(graph.mitigates.map(([requirement]) => requirement));
    const mustMitigate = graph.requirements.filter(
      (r) => (r.frameworkId === 'iso42001' && r.kind === 'CONTROL') || (r.frameworkId === 'eu-ai-act' && r.tags.includes('focus')),
    );
    expect(mustMitigate).toHaveLength(58);
    expect(mustMitigate.filter((r) => !mitigating.has(r.id)).map((r) => r.id)).toEqual([]);
  });

  it('every risk is mitigated by some requirement', () => {
    const mitigated = new Set(graph.mitigates.map(([, risk]) => risk));
    expect(graph.risks.filter((r) => !mitigated.has(r.id)).map((r) => r.id)).toEqual([]);
  });

  it('has 30 to 60 evidence artefacts; each proves leaf requirements, and 15 or more span two frameworks', () => {
    expect(graph.evidence.length).toBeGreaterThanOrEqual(30);
    expect(graph.evidence.length).toBeLessThanOrEqual(60);
    const frameworksOf = new Map<string, Set<string>>();
    for (const [evidence, requirement] of graph.evidences) {
      expect(byId.get(requirement)!.kind, `${evidence} -> ${requirement}`).not.toBe('GROUP');
      frameworksOf.set(evidence, (frameworksOf.get(evidence) ?? new Set()).add(frameworkIdOf(requirement)));
    }
    expect(graph.evidence.filter((e) => !frameworksOf.has(e.id)).map((e) => e.id)).toEqual([]);
    expect([...frameworksOf.values()].filter((f) => f.size >= 2).length).toBeGreaterThanOrEqual(15);
  });
});

describe('curated mapping sets', () => {
  const set = (id: string) => graph.mappingSets.find((s) => s.id === id)!;

  it('has the five curated sets from this project', () => {
    for (const id of CURATED_SETS) expect(set(id)?.sourceId, id).toBe('crosswalk-curated');
  });

  it('every curated mapping has a set relation, a strength in range, a rationale and a note of 40+ characters', () => {
    const curated = graph.mappings.filter((m) => m.sourceId === 'crosswalk-curated');
    expect(curated.length).toBeGreaterThan(300);
    for (const m of curated) {
      const where = `${m.fromId} -> ${m.toId}`;
      expect(['EQUAL', 'SUBSET_OF', 'SUPERSET_OF', 'INTERSECTS_WITH'], where).toContain(m.relationship);
      expect(m.strength, where).toBeGreaterThanOrEqual(1);
      expect(m.strength, where).toBeLessThanOrEqual(10);
      expect(m.rationale, where).not.toBeNull();
      expect(m.note?.length ?? 0, where).toBeGreaterThanOrEqual(40);
    }
  });

  it('has no duplicate mapping for the same pair and source, in either direction', () => {
    const seen = new Set<string>();
    for (const m of graph.mappings) {
      const key = [m.sourceId, ...[m.fromId, m.toId].sort()].join('|');
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
  });

  it('every NO_RELATIONSHIP record gives a reason of its own', () => {
    for (const n of graph.noRelationships) expect(n.reason.length, n.requirementId).toBeGreaterThanOrEqual(20);
  });

  /** Leaves of one side a set claims to have examined. */
  const examinedSide = (s: MappingSet, side: 'from' | 'to', tag: string | null) =>
    leaves().filter((r) => r.frameworkId === (side === 'from' ? s.fromFrameworkId : s.toFrameworkId) && (!tag || r.tags.includes(tag)));

  it.each(CURATED_SETS)('%s is complete on its assessed side: a mapping or an explicit NO_RELATIONSHIP for every leaf', (id) => {
    const s = set(id);
    expect(s.comprehensive.length).toBeGreaterThan(0);
    const mapped = new Set(graph.mappings.filter((m) => m.setId === id).flatMap((m) => [m.fromId, m.toId]));
    const none = new Set(graph.noRelationships.filter((n) => n.setId === id).map((n) => n.requirementId));
    for (const { side, tag } of s.comprehensive) {
      const missing = examinedSide(s, side, tag).filter((r) => !mapped.has(r.id) && !none.has(r.id));
      expect(missing.map((r) => r.id), `${id} ${side}`).toEqual([]);
    }
  });

  it('assesses the sides the issue names: ISO 42001 for SOC 2 and ISO 27001, both sides of SOC 2 to ISO 27001, AI Act focus articles', () => {
    const sides = (id: string) => set(id).comprehensive.map((c) => `${c.side === 'from' ? set(id).fromFrameworkId : set(id).toFrameworkId}${c.tag ? `#${c.tag}` : ''}`);
    expect(sides('soc2--iso42001')).toContain('iso42001');
    expect(sides('iso27001--iso42001')).toContain('iso42001');
    expect(sides('soc2--iso27001')).toContain('iso27001');
    expect(sides('soc2--iso27001')).toContain('soc2');
    const soc2Examined = examinedSide(set('soc2--iso27001'), 'from', null);
    expect(soc2Examined).toHaveLength(61);
    expect(sides('eu-ai-act--iso42001')).toContain('eu-ai-act#focus');
  });

  it('is honest about SOC 2 and AI: few full-coverage claims from SOC 2 onto ISO 42001 Annex A', () => {
    const full = graph.mappings.filter(
      (m) => m.setId === 'soc2--iso42001' && byId.get(m.toId)!.kind === 'CONTROL' && ['EQUAL', 'SUPERSET_OF'].includes(m.relationship),
    );
    const annexA = new Set(full.map((m) => m.toId));
    expect(annexA.size).toBeLessThanOrEqual(8);
    expect(full.filter((m) => m.relationship === 'EQUAL')).toEqual([]);
    const none = graph.noRelationships.filter((n) => n.setId === 'soc2--iso42001' && byId.get(n.requirementId)!.kind === 'CONTROL');
    expect(none.length).toBeGreaterThanOrEqual(5);
  });

  it('the curated sets do not contradict one another through a pivot framework', () => {
    // Every curated mapping seen from both ends: "a r b".
    const curated = graph.mappings.filter((m) => m.sourceId === 'crosswalk-curated');
    const from = new Map<string, Array<{ other: string; relationship: Relationship }>>();
    const add = (a: string, other: string, relationship: Relationship) => from.set(a, [...(from.get(a) ?? []), { other, relationship }]);
    for (const m of curated) {
      add(m.fromId, m.toId, m.relationship);
      add(m.toId, m.fromId, inverseRelationship(m.relationship));
    }
    const direct = new Map(curated.flatMap((m) => [[`${m.fromId}|${m.toId}`, m.relationship] as const, [`${m.toId}|${m.fromId}`, inverseRelationship(m.relationship)] as const]));
    const nothingFound = new Set(
      graph.noRelationships.map((n) => {
        const s = set(n.setId);
        const other = frameworkIdOf(n.requirementId) === s.fromFrameworkId ? s.toFrameworkId : s.fromFrameworkId;
        return `${n.requirementId}|${other}`;
      }),
    );
    const contradictions: string[] = [];
    let derived = 0;
    for (const [a, hops] of from) {
      for (const { other: pivot, relationship: r1 } of hops) {
        for (const { other: c, relationship: r2 } of from.get(pivot) ?? []) {
          if (frameworkIdOf(c) === frameworkIdOf(a) || frameworkIdOf(c) === frameworkIdOf(pivot)) continue;
          const implied = composeRelationships(r1, r2);
          if (!implied) continue;
          derived += 1;
          const chain = `${a} ${r1} ${pivot} ${r2} ${c} implies ${implied}`;
          // Set theory proves an overlap: "nothing found" on either end would deny it.
          if (nothingFound.has(`${c}|${frameworkIdOf(a)}`) || nothingFound.has(`${a}|${frameworkIdOf(c)}`)) contradictions.push(`${chain}, but nothing-found is recorded`);
          // It proves containment: the direct mapping, when there is one, must not claim less.
          const stated = direct.get(`${a}|${c}`);
          if (isFullCoverage(implied) && stated !== undefined && stated !== implied && stated !== 'EQUAL') contradictions.push(`${chain}, but the direct set says ${stated}`);
        }
      }
    }
    expect(derived).toBeGreaterThan(0);
    expect(contradictions).toEqual([]);
  });
});
