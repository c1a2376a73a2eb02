import { globalId, setMemberGlobalId } from './ids.js';
import type { Framework, Mapping, MappingSet, NoRelationship, Requirement } from './types.js';

/**
 * The records of the bulk export (`GET /export/mappings.jsonl`, README "Bulk export"): one JSON
 * object a line, each with its `type`. Ids are the API's global ids, as GraphQL and
 * `changes(since:)` name them, so a full pull and the later syncs speak of the same things.
 */

export const EXPORT_FORMAT = 'crosswalk-export/1';

/** What an export holds, in the order its lines come. */
export const EXPORT_RECORD_KINDS = ['framework', 'requirement', 'mappingSet', 'mapping', 'noRelationship'] as const;
export type ExportRecordKind = (typeof EXPORT_RECORD_KINDS)[number];
export type ExportCounts = Record<ExportRecordKind, number>;

/** What a caller asked to narrow the export to: a framework (every set with it at either end) and/or one set. */
export interface ExportFilter {
  frameworkId: string | null;
  setId: string | null;
}

export interface ExportHeader {
  type: 'header';
  format: typeof EXPORT_FORMAT;
  /** The sync token: pass it to `changes(since:)` later. */
  datasetVersion: string;
  filter: { framework: string | null; set: string | null };
  /** How many lines of each type follow: a client that counts fewer knows the stream was cut. */
  counts: ExportCounts;
}

export type ExportRecord =
  | ExportHeader
  | ({ type: 'framework' } & Omit<Framework, 'citations'>)
  | ({ type: 'requirement' } & Requirement)
  | { type: 'mappingSet'; id: string; name: string; source: string; from: string; to: string; comprehensive: MappingSet['comprehensive']; description: string; revision: number | null }
  | {
      type: 'mapping';
      id: string;
      set: string;
      from: string;
      to: string;
      relationship: Mapping['relationship'];
      strength: number | null;
      rationale: Mapping['rationale'];
      note: string | null;
      condition: Mapping['condition'];
      source: string;
      status: string;
    }
  | { type: 'noRelationship'; id: string; set: string; requirement: string; side: NoRelationship['side']; reason: string; source: string; status: string };

export function exportHeader(datasetVersion: string, filter: ExportFilter, counts: ExportCounts): ExportHeader {
  return { type: 'header', format: EXPORT_FORMAT, datasetVersion, filter: { framework: filter.frameworkId, set: filter.setId === null ? null : globalId('MappingSet', filter.setId) }, counts };
}

export function frameworkRecord(f: Framework): ExportRecord {
  // The citation grammar is how the search reads texts, not data an integrator mirrors.
  const { citations: _citations, ...rest } = f;
  return { type: 'framework', ...rest };
}

export function requirementRecord(r: Requirement): ExportRecord {
  return { type: 'requirement', ...r };
}

export function mappingSetRecord(s: MappingSet): ExportRecord {
  return {
    type: 'mappingSet',
    id: globalId('MappingSet', s.id),
    name: s.name,
    source: globalId('MappingSource', s.sourceId),
    from: s.fromFrameworkId,
    to: s.toFrameworkId,
    comprehensive: s.comprehensive,
    description: s.description,
    revision: s.revision ?? null,
  };
}

export function mappingRecord(m: Mapping): ExportRecord {
  return {
    type: 'mapping',
    id: setMemberGlobalId('Mapping', m.id),
    set: globalId('MappingSet', m.setId),
    from: m.fromId,
    to: m.toId,
    relationship: m.relationship,
    strength: m.strength,
    rationale: m.rationale,
    note: m.note,
    condition: m.condition,
    source: globalId('MappingSource', m.sourceId),
    // As GraphQL's Mapping.status: public mappings were reviewed in the seed.
    status: m.review?.status ?? 'ACCEPTED',
  };
}

export function noRelationshipRecord(n: NoRelationship): ExportRecord {
  return {
    type: 'noRelationship',
    id: setMemberGlobalId('NoRelationship', n.id),
    set: globalId('MappingSet', n.setId),
    requirement: n.requirementId,
    side: n.side,
    reason: n.reason,
    source: globalId('MappingSource', n.sourceId),
    status: n.review?.status ?? 'ACCEPTED',
  };
}

/** The sets an export covers: those with the framework at either end, and the one set when named. */
export function selectExportSets(sets: readonly MappingSet[], filter: ExportFilter): MappingSet[] {
  return sets.filter((s) => (filter.frameworkId === null || s.fromFrameworkId === filter.frameworkId || s.toFrameworkId === filter.frameworkId) && (filter.setId === null || s.id === filter.setId));
}

/** The frameworks an export covers: the one named, else the ends of the one set named, else all. */
export function selectExportFrameworks(frameworks: readonly Framework[], filter: ExportFilter, set: MappingSet | null): Framework[] {
  if (filter.frameworkId !== null) return frameworks.filter((f) => f.id === filter.frameworkId);
  if (set) return frameworks.filter((f) => f.id === set.fromFrameworkId || f.id === set.toFrameworkId);
  return [...frameworks];
}
