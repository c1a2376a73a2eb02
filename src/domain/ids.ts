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

/**
 * The framework a requirement id belongs to: the part before the last colon ('' for an id with none).
 * Refs never contain a colon (seed/schemas.ts), while a workspace's framework ids do
 * (`acme:controls`, whose requirements are `acme:controls:AC-01`), so the last colon is the split.
 */
export function frameworkIdOf(requirementId: string): string {
  const colon = requirementId.lastIndexOf(':');
  return colon === -1 ? '' : requirementId.slice(0, colon);
}

/** The framework's own reference in a requirement id: the part after the last colon. */
export function requirementRefOf(requirementId: string): string {
  return requirementId.slice(requirementId.lastIndexOf(':') + 1);
}

/**
 * Workspace-owned ids (issue #21): a workspace's frameworks and mapping sets are named
 * `<workspace>:<slug>` (`acme:controls`, `mapping-set:acme:controls--soc2`); public ones have no
 * workspace part (`soc2`, `mapping-set:soc2--iso42001`).
 */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function workspaceScopedId(workspace: string, localId: string): string {
  return `${workspace}:${localId}`;
}

/** The workspace a framework or mapping set id belongs to; null for a public one. */
export function workspaceOfId(frameworkOrSetId: string): string | null {
  const colon = frameworkOrSetId.indexOf(':');
  return colon === -1 ? null : frameworkOrSetId.slice(0, colon);
}

/** The id a workspace's framework or set has inside its workspace (`controls` of `acme:controls`). */
export function localIdOf(frameworkOrSetId: string): string {
  return frameworkOrSetId.slice(frameworkOrSetId.indexOf(':') + 1);
}

/** Whether an id has the form of a framework id: `soc2` (public) or `acme:controls` (a workspace's). */
export function isFrameworkIdForm(id: string): boolean {
  const parts = id.split(':');
  return parts.length <= 2 && parts.every((p) => SLUG.test(p));
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

/**
 * The mapping set a mapping's or NO_RELATIONSHIP record's store id belongs to. A public set's id has
 * no colon and its members name public requirements (one colon each); a workspace set's id has one
 * (`acme:controls--soc2`), and its members' first requirement may be the workspace's (two colons).
 * So: a public set's member has one colon before its first requirement's ref (`set:fw:ref...`), a
 * workspace set's member more; the set id is the first part, or the first two.
 */
export function setIdOfMember(storeId: string): string {
  const head = storeId.split('->')[0]!;
  const parts = head.split(':');
  // Public: [set, fw, ref]; workspace set with a public first end: [ws, set, fw, ref]; with its own: [ws, set, ws, fw, ref].
  return parts.length <= 3 ? parts[0]! : `${parts[0]}:${parts[1]}`;
}

export interface ParsedId {
  type: NodeLabel | SetMemberType;
  /** The id the store knows the node by: a framework's or requirement's id, or the slug after the prefix. */
  localId: string;
  /**
   * `x:y` with a slug on both sides is either requirement `y` of framework `x` (`iso42001:4`) or
   * framework `y` of workspace `x` (`acme:controls`): the form cannot tell, the caller's graph can.
   */
  orFramework?: true;
}

const PREFIX_TO_TYPE = new Map<string, PrefixedType>(
  Object.entries(TYPE_PREFIXES).map(([type, prefix]) => [prefix, type as PrefixedType]),
);

/** What kind of node an id names, by its form alone; null when the id cannot be any node's. */
export function parseGlobalId(id: string): ParsedId | null {
  if (id.length === 0 || id.length > 200 || id !== id.trim()) return null;
  const colon = id.indexOf(':');
  if (colon === -1) return /^[a-z0-9-]+$/.test(id) ? { type: 'Framework', localId: id } : null;
  if (id.endsWith(':')) return null;
  const prefix = id.slice(0, colon);
  const rest = id.slice(colon + 1);
  if (rest.length === 0) return null;
  const type = PREFIX_TO_TYPE.get(prefix);
  if (type) return { type, localId: rest };
  if (prefix === SET_MEMBER_PREFIXES.Mapping) return /^[a-z0-9-]+:.+->.+$/.test(rest) ? { type: 'Mapping', localId: rest } : null;
  if (prefix === SET_MEMBER_PREFIXES.NoRelationship) return /^[a-z0-9-]+:[a-z0-9-]+:.+$/.test(rest) ? { type: 'NoRelationship', localId: rest } : null;
  if (!/^[a-z0-9-]+$/.test(prefix)) return null;
  const parts = id.split(':');
  // A workspace framework's requirement: `acme:controls:AC-01`; more colons than that is no id.
  if (parts.length === 3) return SLUG.test(parts[1]!) ? { type: 'Requirement', localId: id } : null;
  if (parts.length > 3) return null;
  return SLUG.test(rest) ? { type: 'Requirement', localId: id, orFramework: true } : { type: 'Requirement', localId: id };
}
