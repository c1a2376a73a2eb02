import { describe, expect, it } from 'vitest';
import type { CoverageItem } from '../../src/domain/coverage.js';
import { rankEvidence, type EvidencePlanItem } from '../../src/domain/evidence-plan.js';
import { enumeratePaths, type Hop } from '../../src/domain/explain.js';
import { consequenceOf, rankGaps } from '../../src/domain/gaps.js';
import { groundworkFor } from '../../src/domain/groundwork.js';
import { marginalWork, rankSteps } from '../../src/domain/roadmap.js';
import type { Mapping, Risk } from '../../src/domain/types.js';
import { requirement } from '../helpers/builders.js';

const item = (id: string, status: CoverageItem['status'], position = 0): CoverageItem => ({ requirement: requirement(id, position), status, inferred: false, via: [], assessments: [], outOfScope: [] });
const risk = (id: string, category: Risk['category']): Risk => ({ id, name: id, category, description: '', disciplineId: null });

describe('gaps ordering', () => {
  it('weights risks by category', () => {
    expect(consequenceOf([risk('a', 'AI'), risk('b', 'LEGAL'), risk('c', 'SECURITY'), risk('d', 'PRIVACY'), risk('e', 'OPERATIONAL')])).toBe(11);
    expect(consequenceOf([])).toBe(0);
  });

  it('keeps only NONE and UNASSESSED; orders by consequence, then NONE first, then less groundwork, then catalog order', () => {
    const items = [
      item('t:covered', 'FULL', 0),
      item('t:partial', 'PARTIAL', 1),
      item('t:unassessed-risky', 'UNASSESSED', 2),
      item('t:none-risky', 'NONE', 3),
      item('t:none-plain-late', 'NONE', 5),
      item('t:none-plain-early', 'NONE', 4),
      item('t:none-plain-groundwork', 'NONE', 0),
    ];
    const risks: Record<string, Risk[]> = { 't:unassessed-risky': [risk('x', 'AI')], 't:none-risky': [risk('x', 'AI')] };
    const groundwork: Record<string, number> = { 't:none-plain-groundwork': 3 };
    const gaps = rankGaps(items, (id) => risks[id] ?? [], (id) => groundwork[id] ?? 0);
    expect(gaps.map((g) => [g.rank, g.item.requirement.ref])).toEqual([
      [1, 'none-risky'],
      [2, 'unassessed-risky'],
      [3, 'none-plain-early'],
      [4, 'none-plain-late'],
      [5, 'none-plain-groundwork'],
    ]);
  });
});

describe('roadmap ranking', () => {
  const summary = (full: number, partial: number, none: number, unassessed: number) => ({ total: full + partial + none + unassessed, full, partial, notImplemented: 0, none, unassessed, coveredShare: 0, fullShare: 0 });

  it('counts work as PARTIAL 0.5, NONE and UNASSESSED 1, FULL 0', () => {
    expect(marginalWork(summary(10, 4, 3, 2))).toBe(7);
  });

  it('ranks least work first, ties by share then id', () => {
    const step = (frameworkId: string, work: number, share: number) => ({ frameworkId, rank: 0, coverage: summary(0, 0, 0, 0), marginalWork: work, marginalShare: share });
    expect(rankSteps([step('c', 5, 0.5), step('a', 2, 0.9), step('b', 2, 0.1), step('d', 2, 0.1)]).map((s) => `${s.rank}:${s.frameworkId}`)).toEqual(['1:b', '2:d', '3:a', '4:c']);
  });
});

describe('evidence plan ranking', () => {
  const planItem = (name: string, requirements: number, frameworks: number): EvidencePlanItem => ({
    evidence: { id: name, name, description: '' },
    requirements: Array.from({ length: requirements }, (_, i) => requirement(`f:${i}`)),
    frameworkIds: Array.from({ length: frameworks }, (_, i) => `f${i}`),
  });

  it('puts the artefact proving most requirements first, then the one spanning most frameworks, then by name', () => {
    expect(rankEvidence([planItem('b', 3, 1), planItem('a', 3, 1), planItem('c', 3, 2), planItem('d', 9, 1)]).map((i) => i.evidence.name)).toEqual(['d', 'c', 'a', 'b']);
  });
});

describe('groundwork', () => {
  it('joins a target to held requirements through shared disciplines, most shared first', () => {
    const members = new Map([
      ['risk', ['h:1', 'h:2', 'other:9']],
      ['access', ['h:2', 'h:3']],
    ]);
    expect(groundworkFor(['risk', 'access'], members, (id) => id.startsWith('h:'))).toEqual([
      { requirementId: 'h:2', disciplineIds: ['risk', 'access'] },
      { requirementId: 'h:1', disciplineIds: ['risk'] },
      { requirementId: 'h:3', disciplineIds: ['access'] },
    ]);
    expect(groundworkFor([], members, () => true)).toEqual([]);
  });
});

describe('explain paths', () => {
  const mapping = (id: string, strength: number): Mapping => ({ id, setId: 's', sourceId: 's', fromId: 'x', toId: 'y', relationship: 'INTERSECTS_WITH', strength, rationale: null, note: null, condition: null });
  const edges = new Map<string, Hop[]>();
  const add = (hop: Hop) => edges.set(hop.fromId, [...(edges.get(hop.fromId) ?? []), hop]);
  add({ kind: 'MAPPING', fromId: 'a', toId: 'b', mapping: mapping('ab', 5), relationship: 'INTERSECTS_WITH' });
  add({ kind: 'MAPPING', fromId: 'b', toId: 'd', mapping: mapping('bd', 9), relationship: 'INTERSECTS_WITH' });
  add({ kind: 'MAPPING', fromId: 'a', toId: 'c', mapping: mapping('ac', 8), relationship: 'INTERSECTS_WITH' });
  add({ kind: 'MAPPING', fromId: 'c', toId: 'd', mapping: mapping('cd', 8), relationship: 'INTERSECTS_WITH' });
  add({ kind: 'SHARED_DISCIPLINE', fromId: 'a', toId: 'e', disciplineId: 'k' });
  add({ kind: 'SHARED_DISCIPLINE', fromId: 'e', toId: 'd', disciplineId: 'k' });
  add({ kind: 'MAPPING', fromId: 'd', toId: 'a', mapping: mapping('da', 1), relationship: 'INTERSECTS_WITH' });

  it('lists shortest first; among equals, mapping hops before discipline hops, stronger weakest link first', () => {
    const paths = enumeratePaths(edges, 'a', 'd', 2, 10);
    expect(paths.map((p) => p.requirementIds.join('>'))).toEqual(['a>c>d', 'a>b>d', 'a>e>d']);
  });

  it('respects the hop limit and the result limit, and never revisits a requirement', () => {
    expect(enumeratePaths(edges, 'a', 'd', 1, 10)).toEqual([]);
    expect(enumeratePaths(edges, 'a', 'd', 3, 1)).toHaveLength(1);
    for (const p of enumeratePaths(edges, 'a', 'd', 4, 50)) expect(new Set(p.requirementIds).size).toBe(p.requirementIds.length);
  });
});
