import { describe, expect, it } from 'vitest';
import { computeCoverage, summarise, type CoverageGraph } from '../../src/domain/coverage.js';
import { plainHeldSide } from '../../src/domain/scope.js';
import { queryCoverage, type CoverageRequest } from '../../src/analysis/coverage-query.js';
import type { Mapping, MappingSet, Relationship } from '../../src/domain/types.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { requirement } from '../helpers/builders.js';
import { fixtureGraph, fixtureSeed, type FixtureSeed } from '../helpers/fixture-seed.js';

/** Coverage of the fixture's "beta" (see test/helpers/fixture-seed.ts for the graph). */
async function coverage(request: Partial<CoverageRequest> = {}, change?: (seed: FixtureSeed) => void) {
  const seed = fixtureSeed();
  change?.(seed);
  const store = new MemoryStore(fixtureGraph(seed));
  const result = await queryCoverage(store, { target: 'beta', held: ['alpha'], ...request });
  const status = Object.fromEntries(result.items.map((i) => [i.requirement.ref, i.status]));
  return { result, status, item: (ref: string) => result.items.find((i) => i.requirement.ref === ref)! };
}

describe('coverage statuses', () => {
  it('gives FULL for SUPERSET_OF, PARTIAL for INTERSECTS_WITH, NONE where the set examined and found nothing', async () => {
    const { status, item } = await coverage();
    expect(status).toEqual({ B1: 'FULL', B2: 'PARTIAL', B3: 'NONE', B4: 'NONE', B5: 'NONE' });
    expect(item('B1').via).toEqual([
      expect.objectContaining({ heldId: 'alpha:A1', relationship: 'SUPERSET_OF', strength: 8, inferred: false, path: ['alpha:A1', 'beta:B1'] }),
    ]);
    expect(item('B3').assessments.map((a) => a.reason)).toEqual(['Nothing in alpha speaks to oversight.']);
  });

  it('gives UNASSESSED where no mapping set between the two frameworks examined the requirement', async () => {
    const { status } = await coverage({ held: ['gamma'] });
    expect(status).toEqual({ B1: 'UNASSESSED', B2: 'UNASSESSED', B3: 'UNASSESSED', B4: 'FULL', B5: 'UNASSESSED' });
  });

  it('sees relationships from the held side when the set is stored the other way', async () => {
    // gamma--beta stores "G1 SUPERSET_OF B4"; held beta, target gamma sees "B4 SUBSET_OF G1".
    const store = new MemoryStore(fixtureGraph());
    const result = await queryCoverage(store, { target: 'gamma', held: ['beta'] });
    const g1 = result.items.find((i) => i.requirement.ref === 'G1')!;
    expect(g1.status).toBe('PARTIAL');
    expect(g1.via[0]).toMatchObject({ heldId: 'beta:B4', relationship: 'SUBSET_OF' });
  });

  it('keeps several partial links PARTIAL: they never add up to FULL', async () => {
    const { item } = await coverage({}, (s) => {
      const set = s.mappings['alpha--beta'] as { mappings: unknown[] };
      set.mappings.push(mappingEntry('A1', 'B2', 'SUBSET_OF', 7), mappingEntry('A3', 'B2', 'INTERSECTS_WITH', 9));
    });
    expect(item('B2').status).toBe('PARTIAL');
    expect(item('B2').via.map((v) => `${v.heldId} ${v.relationship} ${v.strength}`)).toEqual([
      'alpha:A1 SUBSET_OF 7',
      'alpha:A3 INTERSECTS_WITH 9',
      'alpha:A2 INTERSECTS_WITH 5',
    ]);
  });

  it('honours a comprehensive side restricted to a tag', async () => {
    const { status } = await coverage({}, (s) => {
      const set = s.mappings['alpha--beta'] as { comprehensive: unknown[]; noRelationship: unknown[] };
      set.comprehensive = [{ side: 'to', tag: 'focus' }];
      set.noRelationship = [];
      (s.frameworks.beta as { requirements: Array<{ ref: string; tags?: string[] }> }).requirements.find((r) => r.ref === 'B5')!.tags = ['focus'];
    });
    expect(status).toEqual({ B1: 'FULL', B2: 'PARTIAL', B3: 'UNASSESSED', B4: 'UNASSESSED', B5: 'NONE' });
  });

  it('filters the target by kind, and an empty kind gives an empty answer', async () => {
    const controls = await coverage({ kind: 'CONTROL' });
    expect(controls.result.items).toHaveLength(5);
    const clauses = await coverage({ kind: 'CLAUSE' });
    expect(clauses.result.items).toEqual([]);
    expect(clauses.result.summary).toMatchObject({ total: 0, coveredShare: 0 });
  });
});

describe('readiness: only implemented requirements count', () => {
  it('gives NOT_IMPLEMENTED where only held requirements not in place would cover, listing them', async () => {
    const { status, item, result } = await coverage({ implemented: ['alpha:A2'] });
    expect(status).toEqual({ B1: 'NOT_IMPLEMENTED', B2: 'PARTIAL', B3: 'NONE', B4: 'NONE', B5: 'NONE' });
    expect(item('B1').via).toEqual([expect.objectContaining({ heldId: 'alpha:A1', relationship: 'SUPERSET_OF', implemented: false })]);
    expect(item('B2').via.every((l) => l.implemented)).toBe(true);
    expect(result.summary).toMatchObject({ partial: 1, notImplemented: 1, none: 3 });
  });

  it('without a readiness list every held link counts as implemented', async () => {
    const { item } = await coverage();
    expect(item('B1').via.map((l) => l.implemented)).toEqual([true]);
  });
});

describe('inference across a pivot framework', () => {
  it('composes EQUAL then SUPERSET_OF into SUPERSET_OF, marked inferred with its path and weakest strength', async () => {
    const { item, status } = await coverage({ inferred: true });
    expect(status.B4).toBe('FULL');
    expect(item('B4').inferred).toBe(true);
    expect(item('B4').via).toEqual([
      expect.objectContaining({
        heldId: 'alpha:A3',
        relationship: 'SUPERSET_OF',
        inferred: true,
        strength: 6,
        path: ['alpha:A3', 'gamma:G1', 'beta:B4'],
        mappingIds: ['alpha--gamma:alpha:A3->gamma:G1', 'gamma--beta:gamma:G1->beta:B4'],
      }),
    ]);
  });

  it('is off unless asked for', async () => {
    const { status } = await coverage();
    expect(status.B4).toBe('NONE');
  });

  it('refuses an unsound chain: SUBSET_OF then SUPERSET_OF concludes nothing', async () => {
    const { status, item } = await coverage({ inferred: true }, (s) => {
      const set = s.mappings['alpha--gamma'] as { mappings: Array<{ relationship: string; strength: number }> };
      set.mappings[0]!.relationship = 'SUBSET_OF';
      set.mappings[0]!.strength = 9;
    });
    expect(status.B4).toBe('NONE');
    expect(item('B4').via).toEqual([]);
  });

  it('never lets an inferred link outrank a direct one', async () => {
    const { item } = await coverage({ inferred: true }, (s) => {
      (s.mappings['alpha--beta'] as { mappings: unknown[] }).mappings.push(mappingEntry('A2', 'B4', 'INTERSECTS_WITH', 3));
    });
    expect(item('B4').status).toBe('PARTIAL');
    expect(item('B4').inferred).toBe(false);
    expect(item('B4').via.map((v) => v.inferred)).toEqual([false]);
  });
});

describe('summaries', () => {
  it('counts statuses and shares, overall and per top-level group', async () => {
    const { result } = await coverage();
    expect(result.summary).toEqual({ total: 5, full: 1, partial: 1, notImplemented: 0, none: 3, unassessed: 0, coveredShare: 0.4, fullShare: 0.2 });
    expect(result.groups).toEqual([{ groupId: 'beta:B', summary: result.summary }]);
    expect(summarise([])).toMatchObject({ total: 0, coveredShare: 0, fullShare: 0 });
  });
});

describe('computeCoverage on a hand-built graph', () => {
  const mapping = (id: string, fromId: string, toId: string, relationship: Relationship, strength: number | null): Mapping => ({
    id,
    setId: `${fromId.split(':')[0]}--${toId.split(':')[0]}`,
    sourceId: 's',
    fromId,
    toId,
    relationship,
    strength,
    rationale: null,
    note: null,
    condition: null,
  });
  const set = (from: string, to: string): MappingSet => ({
    id: `${from}--${to}`,
    name: '',
    sourceId: 's',
    fromFrameworkId: from,
    toFrameworkId: to,
    comprehensive: [],
    description: '',
  });

  it('orders ties by strength, then by held id in natural order', () => {
    const t = requirement('t:1');
    const links = [
      mapping('m1', 'h:10', 't:1', 'INTERSECTS_WITH', 5),
      mapping('m2', 'h:9', 't:1', 'INTERSECTS_WITH', 5),
      mapping('m3', 'h:2', 't:1', 'INTERSECTS_WITH', 7),
      mapping('m4', 'h:3', 't:1', 'RELATED', null),
    ];
    const graph: CoverageGraph = {
      targetFrameworkId: 't',
      held: plainHeldSide(['h']),
      implemented: null,
      targets: [t],
      mappingSets: [set('h', 't')],
      mappingsOf: new Map([['t:1', links]]),
      noRelationshipsOf: new Map(),
      pivotMappingsOf: null,
    };
    const [item] = computeCoverage(graph);
    expect(item!.via.map((v) => v.heldId)).toEqual(['h:2', 'h:9', 'h:10', 'h:3']);
    expect(item!.status).toBe('PARTIAL');
  });

  it('keeps the strongest chain when several pivots join the same held requirement, and treats a missing strength as unknown', () => {
    const t = requirement('t:1');
    const graph: CoverageGraph = {
      targetFrameworkId: 't',
      held: plainHeldSide(['h']),
      implemented: null,
      targets: [t],
      mappingSets: [set('h', 'p'), set('p', 't')],
      mappingsOf: new Map([['t:1', [mapping('a', 'p:1', 't:1', 'EQUAL', 10), mapping('b', 'p:2', 't:1', 'RELATED', null)]]]),
      noRelationshipsOf: new Map(),
      pivotMappingsOf: new Map([
        ['p:1', [mapping('c', 'h:1', 'p:1', 'SUBSET_OF', 4)]],
        ['p:2', [mapping('d', 'h:1', 'p:2', 'EQUAL', 10)]],
      ]),
    };
    const [item] = computeCoverage(graph);
    expect(item!.via).toHaveLength(1);
    expect(item!.via[0]).toMatchObject({ heldId: 'h:1', relationship: 'SUBSET_OF', strength: 4, path: ['h:1', 'p:1', 't:1'] });
    expect(item!.status).toBe('PARTIAL');
  });
});

function mappingEntry(from: string, to: string, relationship: string, strength: number) {
  return { from, to, relationship, strength, rationale: 'SEMANTIC', note: `Test mapping ${from} to ${to} with enough words in it.` };
}
