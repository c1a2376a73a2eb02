import { beforeAll, describe, expect, it } from 'vitest';
import type { GraphData, Mapping, NoRelationship } from '../../src/domain/types.js';
import { loadSeed } from '../../src/seed/load-seed.js';
import { findInconsistencies, type ConsistencyFinding, type ConsistencyKind } from '../helpers/consistency.js';

/**
 * The mapping sets agree with one another beyond containment chains (see the pivot test in
 * content.test.ts): a nothing-found record is not denied through a near-equivalent requirement of
 * another framework, and the same pair is not rated differently in two sets.
 */

let seed: GraphData;
beforeAll(async () => {
  seed = await loadSeed();
});

const list = (findings: ConsistencyFinding[]) => findings.map((f) => `${f.kind}: ${f.message}`);
const ofKind = (findings: ConsistencyFinding[], kind: ConsistencyKind) => findings.filter((f) => f.kind === kind);

/** A copy of the seed to plant a contradiction in; the loaded graph stays untouched. */
const variant = () => structuredClone(seed);
const mapping = (g: GraphData, from: string, to: string) => g.mappings.find((m) => m.fromId === from && m.toId === to)!;
const dropMappings = (g: GraphData, setId: string, end: string) => {
  g.mappings = g.mappings.filter((m) => !(m.setId === setId && (m.fromId === end || m.toId === end)));
};
const addNothingFound = (g: GraphData, setId: string, requirementId: string, side: 'from' | 'to') => {
  g.noRelationships.push({ id: `${setId}/none/planted`, setId, sourceId: 'crosswalk-curated', requirementId, side, reason: 'planted for the test' } satisfies NoRelationship);
};
const addMapping = (g: GraphData, m: Partial<Mapping> & Pick<Mapping, 'setId' | 'fromId' | 'toId' | 'relationship'>) => {
  g.mappings.push({ id: `${m.setId}/planted/${g.mappings.length}`, sourceId: 'crosswalk-curated', strength: 5, rationale: 'SEMANTIC', note: 'planted for the test', condition: null, ...m });
};

describe('mapping sets are consistent with one another', () => {
  it('the seed has no nothing-found record denied through a near-equivalent, and no pair rated differently in two sets', () => {
    expect(list(findInconsistencies(seed))).toEqual([]);
  });

  it('every curated strength fits the written scale for its rationale basis (seed/README.md, "Strength and basis")', () => {
    const harmonized = /^(?:[4-9]|10)(?:\.\d+)*$/;
    const off = seed.mappings
      .filter((m) => m.sourceId === 'crosswalk-curated')
      .filter((m) => {
        const [from, to] = [m.fromId.split(':'), m.toId.split(':')];
        if (m.rationale === 'SYNTACTIC') return !(from[1] === to[1] && harmonized.test(to[1]!) && m.strength! >= 7 && m.strength! <= 9);
        if (m.rationale === 'SEMANTIC') return m.strength! < 4;
        return m.strength! > 5;
      })
      .map((m) => `${m.fromId} -> ${m.toId} ${m.rationale} ${m.strength}`);
    expect(off).toEqual([]);
  });

  it('the check is pure: it leaves its input unchanged and gives the same answer twice', () => {
    const before = JSON.stringify(seed);
    expect(findInconsistencies(seed)).toEqual(findInconsistencies(seed));
    expect(JSON.stringify(seed)).toBe(before);
  });
});

describe('planted contradictions fail the check', () => {
  it('nothing found for a 27001 harmonized clause while SOC 2 links the same 42001 clause (target side)', () => {
    const g = variant();
    dropMappings(g, 'soc2--iso27001', 'iso27001:9.3.1');
    addNothingFound(g, 'soc2--iso27001', 'iso27001:9.3.1', 'to');
    const found = ofKind(findInconsistencies(g), 'NOTHING_FOUND_CONTRADICTED');
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.requirements[0] === 'iso27001:9.3.1' && f.sets.includes('soc2--iso42001'))).toBe(true);
    expect(found.map((f) => f.message).join('\n')).toContain('iso42001:9.3.1');
  });

  it('the reverse: nothing found for a 42001 harmonized clause while SOC 2 links the same 27001 clause', () => {
    const g = variant();
    dropMappings(g, 'soc2--iso42001', 'iso42001:7.4');
    addNothingFound(g, 'soc2--iso42001', 'iso42001:7.4', 'to');
    const found = ofKind(findInconsistencies(g), 'NOTHING_FOUND_CONTRADICTED');
    expect(found.map((f) => f.requirements[0])).toContain('iso42001:7.4');
    expect(found.map((f) => f.message).join('\n')).toMatch(/soc2:CC2\.[23] .*iso27001:7\.4/);
  });

  it('source side: a SOC 2 criterion with nothing found in 27001 that links a 42001 harmonized clause', () => {
    const g = variant();
    dropMappings(g, 'soc2--iso27001', 'soc2:CC1.2');
    addNothingFound(g, 'soc2--iso27001', 'soc2:CC1.2', 'from');
    const found = ofKind(findInconsistencies(g), 'NOTHING_FOUND_CONTRADICTED').filter((f) => f.requirements[0] === 'soc2:CC1.2');
    expect(found.length).toBeGreaterThan(0);
    expect(found.map((f) => f.message).join('\n')).toMatch(/links it to iso42001:9\.3\.\d, near-equivalent to iso27001:9\.3\.\d/);
  });

  it('through an EQUAL mapping, a strong link denies nothing-found and a weak one does not', () => {
    const g = variant();
    // Planted: 27001 A.5.24 and A.5.5 declared EQUAL to 42001 controls SOC 2 records nothing for.
    addMapping(g, { setId: 'iso27001--iso42001', fromId: 'iso27001:A.5.24', toId: 'iso42001:A.5.2', relationship: 'EQUAL', strength: 10 });
    addMapping(g, { setId: 'iso27001--iso42001', fromId: 'iso27001:A.5.5', toId: 'iso42001:A.5.3', relationship: 'EQUAL', strength: 10 });
    const found = ofKind(findInconsistencies(g), 'NOTHING_FOUND_CONTRADICTED');
    expect(found.map((f) => f.requirements[0])).toContain('iso42001:A.5.2');
    expect(found.find((f) => f.requirements[0] === 'iso42001:A.5.2')!.message).toContain('soc2:CC7.4');
    // A.5.5's SOC 2 links are weak (strength under 6), so the nothing-found for A.5.3 stands.
    const weak = g.mappings.filter((m) => m.toId === 'iso27001:A.5.5' && m.fromId.startsWith('soc2:'));
    expect(weak.length).toBeGreaterThan(0);
    expect(weak.every((m) => m.relationship === 'INTERSECTS_WITH' && m.strength! < 6)).toBe(true);
    expect(found.map((f) => f.requirements[0])).not.toContain('iso42001:A.5.3');
  });

  it('a harmonized pair rated more than 2 apart in the two SOC 2 sets', () => {
    const g = variant();
    mapping(g, 'soc2:CC1.3', 'iso42001:5.3').strength = 2;
    const found = ofKind(findInconsistencies(g), 'STRENGTH_MISMATCH');
    expect(found).toHaveLength(1);
    expect(found[0]!.requirements).toEqual(expect.arrayContaining(['soc2:CC1.3', 'iso27001:5.3', 'iso42001:5.3']));
    expect(found[0]!.sets.sort()).toEqual(['soc2--iso27001', 'soc2--iso42001']);
  });

  it('a harmonized pair rated on different bases in the two SOC 2 sets', () => {
    const g = variant();
    const m = mapping(g, 'soc2:CC1.3', 'iso42001:5.3');
    m.rationale = m.rationale === 'FUNCTIONAL' ? 'SEMANTIC' : 'FUNCTIONAL';
    const found = ofKind(findInconsistencies(g), 'RATIONALE_MISMATCH');
    expect(found.map((f) => f.requirements.slice().sort().join(' '))).toEqual([['iso27001:5.3', 'iso42001:5.3', 'soc2:CC1.3'].join(' ')]);
  });

  it('the same pair stated in reverse by a second set, rated differently', () => {
    const g = variant();
    const m = mapping(g, 'soc2:CC7.2', 'iso42001:A.6.2.6');
    g.mappingSets.push({ ...g.mappingSets.find((s) => s.id === 'soc2--iso42001')!, id: 'iso42001--soc2', fromFrameworkId: 'iso42001', toFrameworkId: 'soc2' });
    addMapping(g, { setId: 'iso42001--soc2', fromId: m.toId, toId: m.fromId, relationship: 'INTERSECTS_WITH', strength: m.strength! + 3, rationale: m.rationale! });
    const found = findInconsistencies(g);
    expect(found.map((f) => f.kind)).toEqual(['STRENGTH_MISMATCH']);
    expect(found[0]!.sets.sort()).toEqual(['iso42001--soc2', 'soc2--iso42001']);
  });
});
