import type { NodeLabel } from './types.js';

/**
 * Global ids (README, "Conventions for integrators"): a framework is `soc2`, a requirement
 * `iso42001:A.6.2.4`, the others carry their type as prefix (`discipline:risk-management`).
 */

/** Prefixes of the typed ids; a requirement id's prefix is its framework's id instead. */
export const TYPE_PREFIXES = {
  Discipline: 'discipline',
  Risk: 'risk',
  Evidence: 'evidence',
  MappingSource: 'source',
  MappingSet: 'mapping-set',
} as const satisfies Partial<Record<NodeLabel, string>>;

type PrefixedType = keyof typeof TYPE_PREFIXES;

export function requirementId(frameworkId: string, ref: string): string {
  return `${frameworkId}:${ref}`;
}

/** The framework a requirement id belongs to: the part before the first colon; '' for an id with none. */
export function frameworkIdOf(requirementId: string): string {
  const colon = requirementId.indexOf(':');
  return colon === -1 ? '' : requirementId.slice(0, colon);
}

/** The framework's own reference in a requirement id: the part after the first colon. */
export function requirementRefOf(requirementId: string): string {
  return requirementId.slice(requirementId.indexOf(':') + 1);
}

/**
 * A mapping's id, derived from what it says (its set and its two ends), so it survives the
 * reordering, insertion or removal of other mappings: `soc2--iso42001:soc2:CC7.2->iso42001:A.6.2.6`.
 */
export function mappingId(setId: string, fromId: string, toId: string): string {
  return `${setId}:${fromId}->${toId}`;
}

/** An "assessed, nothing found" record's id: its set and the requirement examined. */
export function noRelationshipId(setId: string, requirementId: string): string {
  return `${setId}:${requirementId}`;
}

export function globalId(type: PrefixedType, localId: string): string {
  return `${TYPE_PREFIXES[type]}:${localId}`;
}

/**
 * Mappings and "assessed, nothing found" records live inside a mapping set rather than as nodes of
 * their own, but are addressable all the same: their global id is their content-derived store id
 * under a prefix of its own, `mapping:soc2--iso42001:soc2:CC7.2->iso42001:A.6.2.6` and
 * `no-relationship:soc2--iso42001:iso42001:A.5.2`.
 */
export const SET_MEMBER_PREFIXES = { Mapping: 'mapping', NoRelationship: 'no-relationship' } as const;
export type SetMemberType = keyof typeof SET_MEMBER_PREFIXES;

export function setMemberGlobalId(type: SetMemberType, storeId: string): string {
  return `${SET_MEMBER_PREFIXES[type]}:${storeId}`;
}

/** The mapping set a mapping's or NO_RELATIONSHIP record's store id belongs to: the part before the first colon. */
export function setIdOfMember(storeId: string): string {
  return storeId.slice(0, storeId.indexOf(':'));
}

export interface ParsedId {
  type: NodeLabel | SetMemberType;
  /** The id the store knows the node by: a framework's or requirement's id, or the slug after the prefix. */
  localId: string;
}

const PREFIX_TO_TYPE = new Map<string, PrefixedType>(
  Object.entries(TYPE_PREFIXES).map(([type, prefix]) => [prefix, type as PrefixedType]),
);

/** What kind of node an id names, by its form alone; null when the id cannot be any node's. */
export function parseGlobalId(id: string): ParsedId | null {
  if (id.length === 0 || id.length > 200 || id !== id.trim()) return null;
  const colon = id.indexOf(':');
  if (colon === -1) return /^[a-z0-9-]+$/.test(id) ? { type: 'Framework', localId: id } : null;
  const prefix = id.slice(0, colon);
  const rest = id.slice(colon + 1);
  if (rest.length === 0) return null;
  const type = PREFIX_TO_TYPE.get(prefix);
  if (type) return { type, localId: rest };
  if (prefix === SET_MEMBER_PREFIXES.Mapping) return /^[a-z0-9-]+:.+->.+$/.test(rest) ? { type: 'Mapping', localId: rest } : null;
  if (prefix === SET_MEMBER_PREFIXES.NoRelationship) return /^[a-z0-9-]+:[a-z0-9-]+:.+$/.test(rest) ? { type: 'NoRelationship', localId: rest } : null;
  return /^[a-z0-9-]+$/.test(prefix) ? { type: 'Requirement', localId: id } : null;
}
