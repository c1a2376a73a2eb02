import {
  exportHeader,
  frameworkRecord,
  mappingRecord,
  mappingSetRecord,
  noRelationshipRecord,
  requirementRecord,
  selectExportFrameworks,
  selectExportSets,
  type ExportCounts,
  type ExportFilter,
  type ExportHeader,
  type ExportRecord,
} from '../domain/export-records.js';
import type { GraphStore, RequirementFilter } from '../domain/graph-store.js';
import type { MappingSet } from '../domain/types.js';

/**
 * The bulk export's use case (README, "Bulk export"): what a filter selects, counted up front for
 * the header, then every record read through the port a slice at a time (requirements in keyset
 * pages, mappings a few sets at a time), so the caller writes it out as it comes and neither side
 * holds the whole export.
 */

/** Requirements per store page, and sets per mappings read: a slice, never the whole export. */
const REQUIREMENTS_PER_PAGE = 500;
const SETS_PER_READ = 4;

export type ExportProblem = { kind: 'notFound'; what: 'framework' | 'mapping set'; id: string } | { kind: 'badFilter'; message: string };

export interface BulkExport {
  header: ExportHeader;
  /** The records after the header, in the header's order of types. */
  records(): AsyncGenerator<ExportRecord>;
}

export async function planBulkExport(store: GraphStore, filter: ExportFilter): Promise<BulkExport | ExportProblem> {
  const [info, frameworks, allSets] = await Promise.all([store.datasetInfo(), store.allNodes('Framework'), store.allNodes('MappingSet')]);
  if (filter.frameworkId !== null && !frameworks.some((f) => f.id === filter.frameworkId)) return { kind: 'notFound', what: 'framework', id: filter.frameworkId };
  const named = filter.setId === null ? null : (allSets.find((s) => s.id === filter.setId) ?? null);
  if (filter.setId !== null && !named) return { kind: 'notFound', what: 'mapping set', id: filter.setId };
  const sets = selectExportSets(allSets, filter);
  if (named && sets.length === 0) return { kind: 'badFilter', message: `The mapping set ${filter.setId} does not have ${filter.frameworkId} at either end: give one of the two, or a set of that framework.` };
  const chosen = selectExportFrameworks(frameworks, filter, named);
  const requirementFilter: RequirementFilter = filter.frameworkId === null && filter.setId === null ? {} : { frameworkIds: chosen.map((f) => f.id) };
  const [firstPage] = await store.findRequirements([{ filter: requirementFilter, page: { after: null, limit: 0 } }]);
  const counts: ExportCounts = { framework: chosen.length, requirement: firstPage!.totalCount, mappingSet: sets.length, mapping: 0, noRelationship: 0 };
  for await (const slice of setSlices(store, sets)) {
    counts.mapping += slice.mappings.length;
    counts.noRelationship += slice.noRelationships.length;
  }
  return {
    header: exportHeader(info.version, filter, counts),
    async *records() {
      for (const f of chosen) yield frameworkRecord(f);
      for await (const r of allRequirements(store, requirementFilter)) yield requirementRecord(r);
      for (const s of sets) yield mappingSetRecord(s);
      for await (const slice of setSlices(store, sets, { noRelationships: false })) for (const m of slice.mappings) yield mappingRecord(m);
      for await (const slice of setSlices(store, sets, { mappings: false })) for (const n of slice.noRelationships) yield noRelationshipRecord(n);
    },
  };
}

/** The sets' mappings and "nothing found" records (either may be left out), a few sets per read. */
async function* setSlices(store: GraphStore, sets: readonly MappingSet[], read: { mappings?: false; noRelationships?: false } = {}) {
  const none = async (): Promise<never[][]> => [];
  for (let i = 0; i < sets.length; i += SETS_PER_READ) {
    const ids = sets.slice(i, i + SETS_PER_READ).map((s) => s.id);
    const [mappings, noRelationships] = await Promise.all([read.mappings === false ? none() : store.mappingsInSet(ids), read.noRelationships === false ? none() : store.noRelationshipsInSet(ids)]);
    yield { mappings: mappings.flat(), noRelationships: noRelationships.flat() };
  }
}

async function* allRequirements(store: GraphStore, filter: RequirementFilter) {
  let after: string | null = null;
  for (;;) {
    const [page] = await store.findRequirements([{ filter, page: { after, limit: REQUIREMENTS_PER_PAGE } }]);
    // The store a request reads is one version of the graph; a vanished anchor means it changed under the export.
    if (!page!.anchorFound) throw new Error(`the requirements changed during the export (requirement ${after} is gone)`);
    yield* page!.items;
    if (!page!.hasMore || page!.items.length === 0) return;
    after = page!.items.at(-1)!.id;
  }
}
