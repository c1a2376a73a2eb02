import { ErrorCode } from './error-codes.js';
import type { Mapping, Relationship } from './types.js';

/**
 * Which mappings a client asks for and in what order (MappingSet.entries, Overlap.mappings,
 * Requirement.mappings): pure, so the same rule serves every list. Every order is total (ties fall
 * back to the list's own order, then the id), which keyset cursors need.
 */

export const MAPPING_ORDERS = ['SET_ORDER', 'STRENGTH_DESC', 'FROM_ID', 'TO_ID'] as const;
export type MappingOrder = (typeof MAPPING_ORDERS)[number];

export interface MappingFilter {
  /** Any of these relationships, as stored (read from `from` to `to`). */
  relationships?: readonly Relationship[] | null;
  /** At least this strength; a mapping whose publisher gave none never passes. */
  minStrength?: number | null;
  /** Only mappings asserted by this source (its store id, `crosswalk-curated`). */
  sourceId?: string | null;
}

export interface MappingFilterProblem {
  code: typeof ErrorCode.BAD_USER_INPUT;
  argument: string;
  message: string;
}

export function mappingFilterProblems(filter: MappingFilter, argument = 'filter'): MappingFilterProblem[] {
  const problems: MappingFilterProblem[] = [];
  const min = filter.minStrength;
  if (min != null && (!Number.isInteger(min) || min < 0 || min > 10)) {
    problems.push({ code: ErrorCode.BAD_USER_INPUT, argument, message: `"${argument}.minStrength" must be between 0 and 10; got ${min}.` });
  }
  if (filter.relationships != null && filter.relationships.length === 0) {
    problems.push({ code: ErrorCode.BAD_USER_INPUT, argument, message: `"${argument}.relationships" needs at least one relationship; leave it out for all.` });
  }
  return problems;
}

/**
 * The mappings that pass `filter`, in `order`. `relationshipOf` reads a mapping's relationship as the
 * list presents it (a requirement's list shows the inverse on the far side).
 */
export function selectMappings<T>(items: readonly T[], mappingOf: (item: T) => Mapping, filter: MappingFilter, order: MappingOrder, relationshipOf: (item: T) => Relationship = (item) => mappingOf(item).relationship): T[] {
  const relationships = filter.relationships ? new Set(filter.relationships) : null;
  const kept = items
    .map((item, position) => ({ item, position, mapping: mappingOf(item) }))
    .filter(({ item, mapping }) =>
      (!relationships || relationships.has(relationshipOf(item))) &&
      (filter.minStrength == null || (mapping.strength !== null && mapping.strength >= filter.minStrength)) &&
      (filter.sourceId == null || mapping.sourceId === filter.sourceId),
    );
  const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const compare: Record<MappingOrder, (a: (typeof kept)[number], b: (typeof kept)[number]) => number> = {
    SET_ORDER: (a, b) => a.position - b.position,
    STRENGTH_DESC: (a, b) => (b.mapping.strength ?? -1) - (a.mapping.strength ?? -1) || a.position - b.position,
    FROM_ID: (a, b) => text(a.mapping.fromId, b.mapping.fromId) || text(a.mapping.toId, b.mapping.toId),
    TO_ID: (a, b) => text(a.mapping.toId, b.mapping.toId) || text(a.mapping.fromId, b.mapping.fromId),
  };
  return kept.sort((a, b) => compare[order](a, b) || a.position - b.position || text(a.mapping.id, b.mapping.id)).map(({ item }) => item);
}
