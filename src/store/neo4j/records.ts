import neo4j from 'neo4j-driver';
import type { Framework, Mapping, MappingSet, NoRelationship, Requirement } from '../../domain/types.js';
import type { NodeLabel, NodeTypes } from '../../domain/graph-store.js';

/**
 * Domain objects to Neo4j properties and back. Neo4j stores no nulls (a null property is an absent
 * one) and no nested maps, and returns integers as {low, high}: all three are handled here only.
 */

/** Fields that may be null in the domain, per label: absent in Neo4j, null again on the way back. */
const NULLABLE: { [L in NodeLabel]: Array<keyof NodeTypes[L]> } = {
  Framework: ['observationPeriod', 'typicalTimeline', 'citations'],
  Requirement: ['parentId'],
  Discipline: [],
  Risk: ['disciplineId'],
  Evidence: [],
  MappingSource: ['date', 'url'],
  MappingSet: [],
};

/** Properties only the database needs (ordering, search); not part of the domain object. */
const STORE_ONLY = new Set(['catalogOrder', 'searchText']);

/**
 * Every number the graph stores is a whole number (catalog order, strength, position); JavaScript
 * numbers would travel as floats, so they are sent as Neo4j integers.
 */
export function toStoredValue(value: unknown): unknown {
  if (typeof value === 'number' && Number.isInteger(value)) return neo4j.int(value);
  if (Array.isArray(value)) return value.map(toStoredValue);
  return value;
}

function storedProps(entries: Record<string, unknown>): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entries)) if (value !== null && value !== undefined) props[key] = toStoredValue(value);
  return props;
}

/** Converts Neo4j integers anywhere in a value to JavaScript numbers. */
export function toNative(value: unknown): unknown {
  if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
  if (Array.isArray(value)) return value.map(toNative);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toNative(v)]));
  }
  return value;
}

export function fromNodeProps<L extends NodeLabel>(label: L, props: unknown): NodeTypes[L] {
  const native = toNative(props) as Record<string, unknown>;
  const node: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(native)) if (!STORE_ONLY.has(key)) node[key] = value;
  for (const key of NULLABLE[label]) node[key as string] ??= null;
  if (label === 'Requirement') node.tags ??= [];
  if (label === 'MappingSet') node.comprehensive = JSON.parse(String(node.comprehensive ?? '[]'));
  if (label === 'Framework' && typeof node.citations === 'string') node.citations = JSON.parse(node.citations);
  return node as unknown as NodeTypes[L];
}

/** Properties to store for a node: the domain object flattened, without nulls, plus store-only ones. */
export function toNodeProps<L extends NodeLabel>(label: L, node: NodeTypes[L], catalogOrder: number): Record<string, unknown> {
  const props = storedProps({ catalogOrder, ...node });
  if (label === 'MappingSet') props.comprehensive = JSON.stringify((node as MappingSet).comprehensive);
  // A grammar is nested data (forms with maps): stored as JSON text, as the set's sides are.
  if (label === 'Framework' && (node as Framework).citations) props.citations = JSON.stringify((node as Framework).citations);
  if (label === 'Requirement') {
    const r = node as Requirement;
    props.searchText = `${r.ref}\n${r.title}\n${r.summary}`.toLowerCase();
  }
  return props;
}

export function fromMappingProps(props: unknown): Mapping {
  const m = toNative(props) as Record<string, unknown>;
  return {
    id: m.id as string,
    setId: m.setId as string,
    sourceId: m.sourceId as string,
    fromId: m.fromId as string,
    toId: m.toId as string,
    relationship: m.relationship as Mapping['relationship'],
    strength: (m.strength as number | undefined) ?? null,
    rationale: (m.rationale as Mapping['rationale'] | undefined) ?? null,
    note: (m.note as string | undefined) ?? null,
    condition: typeof m.condition === 'string' ? (JSON.parse(m.condition) as Mapping['condition']) : null,
  };
}

export function toMappingProps(mapping: Mapping, catalogOrder: number): Record<string, unknown> {
  const props = storedProps({ catalogOrder, ...mapping });
  // A property holds no map: the condition is stored as JSON, as a set's comprehensive sides are.
  if (mapping.condition) props.condition = JSON.stringify(mapping.condition);
  return props;
}

export function fromNoRelationshipProps(props: unknown): NoRelationship {
  const n = toNative(props) as Record<string, unknown>;
  return {
    id: n.id as string,
    setId: n.setId as string,
    sourceId: n.sourceId as string,
    requirementId: n.requirementId as string,
    side: n.side as NoRelationship['side'],
    reason: n.reason as string,
  };
}

export function toNoRelationshipProps(record: NoRelationship, catalogOrder: number): Record<string, unknown> {
  return storedProps({ ...record, catalogOrder });
}
