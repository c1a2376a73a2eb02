import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphData } from '../../src/domain/types.js';
import type { GraphStore } from '../../src/domain/graph-store.js';
import { fixtureGraph } from '../helpers/fixture-seed.js';

/**
 * The one contract every GraphStore adapter passes, run over the fixture graph.
 * Each adapter's test file calls this with a factory that loads the graph into that store.
 */
export function defineGraphStoreContract(name: string, createStore: (graph: GraphData) => Promise<GraphStore>): void {
  describe(`GraphStore contract: ${name}`, () => {
    const graph = fixtureGraph();
    let store: GraphStore;

    beforeAll(async () => {
      store = await createStore(graph);
    });
    afterAll(async () => {
      await store?.close();
    });

    it('returns nodes in key order, with null for unknown ids', async () => {
      const found = await store.nodes('Requirement', ['beta:B2', 'nope:X', 'alpha:A1', 'beta:B2']);
      expect(found.map((r) => r?.id ?? null)).toEqual(['beta:B2', null, 'alpha:A1', 'beta:B2']);
      expect(found[2]).toEqual(graph.requirements.find((r) => r.id === 'alpha:A1'));
      const [framework] = await store.nodes('Framework', ['beta']);
      expect(framework).toEqual(graph.frameworks[1]);
      expect((await store.nodes('Discipline', ['oversight']))[0]?.scope).toBe('AI');
      expect((await store.nodes('MappingSet', ['alpha--beta']))[0]?.comprehensive).toEqual([{ side: 'to', tag: null }]);
    });

    it('lists small labels whole, in catalog order', async () => {
      expect((await store.allNodes('Framework')).map((f) => f.id)).toEqual(['alpha', 'beta', 'gamma']);
      expect((await store.allNodes('MappingSet')).map((s) => s.id)).toEqual(['alpha--beta', 'alpha--gamma', 'gamma--beta']);
      expect((await store.allNodes('Risk'))[0]).toMatchObject({ id: 'drift', disciplineId: 'oversight' });
    });

    it('answers relations per key, in catalog order', async () => {
      expect(await store.related('children', ['beta', 'beta:B', 'beta:B1'])).toEqual([
        ['beta:B'],
        ['beta:B1', 'beta:B2', 'beta:B3', 'beta:B4', 'beta:B5'],
        [],
      ]);
      expect(await store.related('requirementsOfDiscipline', ['oversight'])).toEqual([['alpha:A3', 'beta:B3']]);
      expect(await store.related('disciplinesOfRequirement', ['beta:B3', 'alpha:A1'])).toEqual([['oversight'], ['risk']]);
      expect(await store.related('risksOfRequirement', ['beta:B3'])).toEqual([['drift']]);
      expect(await store.related('requirementsOfRisk', ['drift'])).toEqual([['beta:B3']]);
      expect(await store.related('requirementsOfEvidence', ['register'])).toEqual([['alpha:A1', 'beta:B1']]);
      expect(await store.related('evidenceOfRequirement', ['beta:B1', 'beta:B2'])).toEqual([['register'], []]);
      expect(await store.related('risksOfDiscipline', ['oversight', 'risk'])).toEqual([['drift'], []]);
    });

    it('returns mappings touching a requirement in both directions', async () => {
      const [ofB4, ofA1, ofG1, ofB5] = await store.mappingsOf(['beta:B4', 'alpha:A1', 'gamma:G1', 'beta:B5']);
      expect(ofB4!.map((m) => [m.fromId, m.relationship, m.toId])).toEqual([['gamma:G1', 'SUPERSET_OF', 'beta:B4']]);
      expect(ofA1!.map((m) => m.toId)).toEqual(['beta:B1']);
      expect(ofG1!.map((m) => m.id).sort()).toEqual(['alpha--gamma:alpha:A3->gamma:G1', 'gamma--beta:gamma:G1->beta:B4']);
      expect(ofB5).toEqual([]);
      expect(ofA1![0]).toEqual(graph.mappings[0]);
    });

    it('returns NO_RELATIONSHIP assessments per requirement and per set', async () => {
      const [ofB3, ofB1] = await store.noRelationshipsOf(['beta:B3', 'beta:B1']);
      expect(ofB3).toEqual([expect.objectContaining({ setId: 'alpha--beta', side: 'to', reason: 'Nothing in alpha speaks to oversight.' })]);
      expect(ofB1).toEqual([]);
      const [inSet, inOther] = await store.noRelationshipsInSet(['alpha--beta', 'gamma--beta']);
      expect(inSet).toHaveLength(1);
      expect(inOther).toEqual([]);
      const [mappings] = await store.mappingsInSet(['alpha--beta']);
      expect(mappings!.map((m) => m.toId)).toEqual(['beta:B1', 'beta:B2']);
    });

    it('finds requirements by framework, kind and words, paged, with the total', async () => {
      const [all, controls, page2, searched, none] = await store.findRequirements([
        { filter: { frameworkIds: ['beta'] }, page: { after: null, limit: 100 } },
        { filter: { frameworkIds: ['beta'], kinds: ['CONTROL'] }, page: { after: null, limit: 2 } },
        { filter: { frameworkIds: ['beta'], kinds: ['CONTROL'] }, page: { after: 'beta:B2', limit: 2 } },
        { filter: { search: 'asks B3' }, page: { after: null, limit: 10 } },
        { filter: { frameworkIds: ['gamma'], kinds: ['CLAUSE'] }, page: { after: null, limit: 10 } },
      ]);
      expect(all!.totalCount).toBe(6);
      expect(all!.items.map((r) => r.ref)).toEqual(['B', 'B1', 'B2', 'B3', 'B4', 'B5']);
      expect(controls).toMatchObject({ totalCount: 5, hasMore: true, anchorFound: true });
      expect(controls!.items.map((r) => r.ref)).toEqual(['B1', 'B2']);
      expect(page2).toMatchObject({ totalCount: 5, hasMore: true, anchorFound: true });
      expect(page2!.items.map((r) => r.ref)).toEqual(['B3', 'B4']);
      expect(searched!.items.map((r) => r.id)).toEqual(['beta:B3']);
      expect(none).toEqual({ items: [], totalCount: 0, hasMore: false, anchorFound: true });
    });

    it('pages by keyset: after a row, whether or not the row matches the filter; a vanished row is reported, not skipped past', async () => {
      const [last, afterGroup, gone, toEnd] = await store.findRequirements([
        { filter: { frameworkIds: ['beta'], kinds: ['CONTROL'] }, page: { after: 'beta:B4', limit: 2 } },
        // beta:B is a GROUP: not in the filtered list, but its key still places the page.
        { filter: { frameworkIds: ['beta'], kinds: ['CONTROL'] }, page: { after: 'beta:B', limit: 2 } },
        { filter: { frameworkIds: ['beta'] }, page: { after: 'beta:B9', limit: 2 } },
        { filter: { frameworkIds: ['beta'] }, page: { after: 'beta:B3', limit: 2 } },
      ]);
      expect(last).toMatchObject({ totalCount: 5, hasMore: false, anchorFound: true });
      expect(last!.items.map((r) => r.ref)).toEqual(['B5']);
      expect(afterGroup!.items.map((r) => r.ref)).toEqual(['B1', 'B2']);
      expect(gone).toEqual({ items: [], totalCount: 6, hasMore: false, anchorFound: false });
      expect(toEnd).toMatchObject({ hasMore: false });
      expect(toEnd!.items.map((r) => r.ref)).toEqual(['B4', 'B5']);
    });

    it('lists requirements of several frameworks in catalog order, whatever order they are asked in', async () => {
      const [page] = await store.findRequirements([{ filter: { frameworkIds: ['gamma', 'alpha'], kinds: ['CONTROL'] }, page: { after: null, limit: 10 } }]);
      const catalog = graph.requirements.filter((r) => ['alpha', 'gamma'].includes(r.frameworkId) && r.kind === 'CONTROL').map((r) => r.id);
      expect(page!.items.map((r) => r.id)).toEqual(catalog);
      expect(catalog[0]!.startsWith('alpha:')).toBe(true);
    });

    it('matches search words case-insensitively across frameworks', async () => {
      const [page] = await store.findRequirements([{ filter: { search: 'REQUIREMENT a' }, page: { after: null, limit: 10 } }]);
      expect(page!.items.map((r) => r.id)).toEqual(['alpha:A1', 'alpha:A2', 'alpha:A3', 'beta:B1', 'beta:B2', 'beta:B3', 'beta:B4', 'beta:B5', 'gamma:G1', 'gamma:G2']);
    });

    it('reports the dataset version and counts', async () => {
      const info = await store.datasetInfo();
      // The embedded store reports the seed's version; Neo4j its seeded version (seed and seeding code).
      expect(info.version).toMatch(/^[0-9a-f]{16}$/);
      expect((await store.datasetInfo()).version).toBe(info.version);
      expect(info.counts).toMatchObject({ frameworks: 3, requirements: 13, mappings: 4, noRelationships: 1 });
      expect(Number.isNaN(Date.parse(info.loadedAt))).toBe(false);
    });
  });
}
