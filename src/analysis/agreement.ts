import { pairAgreements, type PairAgreement } from '../domain/agreement.js';
import { firstRows, type GraphStore } from '../domain/graph-store.js';
import { frameworkIdOf } from '../domain/ids.js';

/**
 * Every source's claim about every linked pair of leaves of two frameworks: gathers both catalogs,
 * the mappings of the first framework's leaves and of the pivots they reach, and the assessments of
 * both sides, in four rounds of batched store calls whatever the frameworks' size.
 */
export async function queryPairAgreements(store: GraphStore, fromFrameworkId: string, toFrameworkId: string): Promise<PairAgreement[]> {
  const ALL = firstRows();
  const [pages, mappingSets] = await Promise.all([
    store.findRequirements([
      { filter: { frameworkIds: [fromFrameworkId] }, page: ALL },
      { filter: { frameworkIds: [toFrameworkId] }, page: ALL },
    ]),
    store.allNodes('MappingSet'),
  ]);
  const requirements = pages.flatMap((p) => p.items).filter((r) => r.kind !== 'GROUP');
  const fromLeaves = requirements.filter((r) => r.frameworkId === fromFrameworkId).map((r) => r.id);
  const [firstLists, assessmentLists] = await Promise.all([
    store.mappingsOf(fromLeaves),
    store.noRelationshipsOf(requirements.map((r) => r.id)),
  ]);
  const firstHops = [...new Map(firstLists.flat().map((m) => [m.id, m])).values()];
  const ends = (id: string) => frameworkIdOf(id) !== fromFrameworkId && frameworkIdOf(id) !== toFrameworkId;
  const pivots = [...new Set(firstHops.flatMap((m) => [m.fromId, m.toId]).filter(ends))];
  const secondHops = pivots.length > 0 ? [...new Map((await store.mappingsOf(pivots)).flat().map((m) => [m.id, m])).values()] : [];
  return pairAgreements({
    fromFrameworkId,
    toFrameworkId,
    requirements,
    firstHops,
    secondHops,
    noRelationships: assessmentLists.flat(),
    mappingSets,
    frameworkOf: frameworkIdOf,
  });
}

/** The pairs where sources conflict, for a curator to settle. */
export async function queryDisagreements(store: GraphStore, fromFrameworkId: string, toFrameworkId: string): Promise<PairAgreement[]> {
  return (await queryPairAgreements(store, fromFrameworkId, toFrameworkId)).filter((p) => p.agreement === 'DISAGREE');
}
