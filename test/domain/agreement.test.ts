import { describe, expect, it } from 'vitest';
import { agreeingLines, judgeClaims, pairAgreements, type AgreementInput } from '../../src/domain/agreement.js';
import { frameworkIdOf } from '../../src/domain/ids.js';
import type { Mapping, MappingSet, NoRelationship, Relationship, Requirement } from '../../src/domain/types.js';

const req = (id: string, position: number, tags: string[] = []): Requirement => ({
  id,
  frameworkId: frameworkIdOf(id),
  ref: id.split(':')[1]!,
  title: id,
  summary: '',
  kind: 'CONTROL',
  parentId: null,
  tags,
  position,
});
const set = (from: string, to: string, sourceId = 'curated', comprehensive: MappingSet['comprehensive'] = []): MappingSet => ({
  id: `${from}--${to}`,
  name: '',
  sourceId,
  fromFrameworkId: from,
  toFrameworkId: to,
  comprehensive,
  description: '',
});
const map = (s: MappingSet, fromId: string, toId: string, relationship: Relationship, strength: number | null = 5): Mapping => ({
  id: `${s.id}:${fromId}->${toId}`,
  setId: s.id,
  sourceId: s.sourceId,
  fromId,
  toId,
  relationship,
  strength,
  rationale: null,
  note: null,
  condition: null,
});
const nothing = (s: MappingSet, requirementId: string): NoRelationship => ({
  id: `${s.id}:${requirementId}`,
  setId: s.id,
  sourceId: s.sourceId,
  requirementId,
  side: frameworkIdOf(requirementId) === s.fromFrameworkId ? 'from' : 'to',
  reason: 'Examined; nothing found.',
});

const ab = set('a', 'b');
const ba = set('b', 'a', 'publisher');
const ap = set('a', 'p');
const pb = set('p', 'b', 'publisher');
const requirements = [req('a:1', 1), req('a:2', 2), req('a:3', 3), req('b:1', 1), req('b:2', 2), req('b:3', 3)];

function analyse(mappings: Mapping[], noRelationships: NoRelationship[] = [], sets = [ab, ba, ap, pb]) {
  const input: AgreementInput = {
    fromFrameworkId: 'a',
    toFrameworkId: 'b',
    requirements,
    firstHops: mappings.filter((m) => frameworkIdOf(m.fromId) === 'a' || frameworkIdOf(m.toId) === 'a'),
    secondHops: mappings.filter((m) => frameworkIdOf(m.fromId) === 'p' || frameworkIdOf(m.toId) === 'p'),
    noRelationships,
    mappingSets: sets,
    frameworkOf: frameworkIdOf,
  };
  return new Map(pairAgreements(input).map((p) => [`${p.fromId} ${p.toId}`, p]));
}

describe('agreement between lines of evidence', () => {
  it('one line speaking is SINGLE_SOURCE; two allowing the same relation AGREE, read from either stored direction', () => {
    const pairs = analyse([map(ab, 'a:1', 'b:1', 'SUPERSET_OF'), map(ab, 'a:2', 'b:2', 'INTERSECTS_WITH'), map(ba, 'b:2', 'a:2', 'INTERSECTS_WITH')]);
    expect(pairs.get('a:1 b:1')!.agreement).toBe('SINGLE_SOURCE');
    expect(pairs.get('a:2 b:2')!.agreement).toBe('AGREE');
    expect(pairs.get('a:2 b:2')!.claims.map((c) => c.relationship)).toEqual(['INTERSECTS_WITH', 'INTERSECTS_WITH']);
  });

  it('set relations that exclude each other DISAGREE (a SUPERSET_OF b against b SUPERSET_OF a)', () => {
    const pairs = analyse([map(ab, 'a:1', 'b:1', 'SUPERSET_OF'), map(ba, 'b:1', 'a:1', 'SUPERSET_OF')]);
    expect(pairs.get('a:1 b:1')).toMatchObject({ agreement: 'DISAGREE', conflicts: [[0, 1]] });
  });

  it('a relation against "examined, nothing found" DISAGREEs, recorded or implied by a comprehensive side', () => {
    const recorded = analyse([map(ba, 'b:1', 'a:1', 'RELATED', null)], [nothing(ab, 'a:1')]);
    expect(recorded.get('a:1 b:1')!.agreement).toBe('DISAGREE');
    expect(recorded.get('a:1 b:1')!.claims.map((c) => c.kind)).toEqual(['DIRECT', 'NOTHING_FOUND']);
    const comprehensive = set('a', 'b', 'curated', [{ side: 'to', tag: null }]);
    const implied = analyse([map(ba, 'b:1', 'a:1', 'EQUAL', 10)], [], [comprehensive, ba]);
    expect(implied.get('a:1 b:1')!.agreement).toBe('DISAGREE');
    expect(implied.get('a:1 b:1')!.claims[1]).toMatchObject({ kind: 'NOTHING_FOUND', noRelationship: null, setIds: ['a--b'] });
    // A comprehensive side limited to a tag examined only the tagged requirements.
    const tagged = set('a', 'b', 'curated', [{ side: 'to', tag: 'focus' }]);
    expect(analyse([map(ba, 'b:1', 'a:1', 'EQUAL', 10)], [], [tagged, ba]).get('a:1 b:1')!.agreement).toBe('SINGLE_SOURCE');
  });

  it('RELATED beside a set relation, or an inference proving only overlap, is OVERLAP, never a conflict', () => {
    const pairs = analyse([map(ab, 'a:1', 'b:1', 'SUBSET_OF'), map(ba, 'b:1', 'a:1', 'RELATED', null)]);
    expect(pairs.get('a:1 b:1')!.agreement).toBe('OVERLAP');
    // a:2 SUPERSET_OF p:1 SUBSET_OF b:2 proves only that a:2 and b:2 overlap: compatible with EQUAL.
    const inferred = analyse([map(ap, 'a:2', 'p:1', 'SUPERSET_OF'), map(pb, 'p:1', 'b:2', 'SUBSET_OF'), map(ab, 'a:2', 'b:2', 'EQUAL', 10)]);
    const pair = inferred.get('a:2 b:2')!;
    expect(pair.agreement).toBe('OVERLAP');
    expect(pair.claims.find((c) => c.kind === 'INFERRED')).toMatchObject({ relationship: 'INTERSECTS_WITH', pivotId: 'p:1', setIds: ['a--p', 'p--b'], sourceIds: ['curated', 'publisher'] });
  });

  it('an inference through EQUAL hops is as exact as its other hop, so it can contradict a direct claim', () => {
    const pairs = analyse([map(ap, 'a:3', 'p:2', 'EQUAL', 10), map(pb, 'p:2', 'b:3', 'SUPERSET_OF', 6), map(ab, 'a:3', 'b:3', 'SUBSET_OF', 4)]);
    const pair = pairs.get('a:3 b:3')!;
    expect(pair.agreement).toBe('DISAGREE');
    expect(pair.claims.map((c) => `${c.kind} ${c.relationship} ${c.strength}`)).toEqual(['DIRECT SUBSET_OF 4', 'INFERRED SUPERSET_OF 6']);
  });

  it('counts the lines compatible with a claim, its own included', () => {
    const pairs = analyse([map(ab, 'a:1', 'b:1', 'SUBSET_OF'), map(ba, 'b:1', 'a:1', 'RELATED', null)]);
    const [direct, related] = pairs.get('a:1 b:1')!.claims;
    expect(agreeingLines(direct!, pairs.get('a:1 b:1')!.claims)).toBe(2);
    expect(agreeingLines(related!, pairs.get('a:1 b:1')!.claims)).toBe(2);
    expect(judgeClaims([direct!]).agreement).toBe('SINGLE_SOURCE');
  });
});
