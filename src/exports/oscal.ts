import { createHash } from 'node:crypto';
import type { Framework, Mapping, Rationale, Relationship, Requirement } from '../domain/types.js';
import { requirementRefOf } from '../domain/ids.js';
import type { MappingCondition } from '../domain/scope.js';
import type { MappingSetContents } from '../analysis/mapping-set-contents.js';

/**
 * A mapping set as an OSCAL 1.2 `mapping-collection` (JSON), and back. Crosswalk's "from r to" is
 * OSCAL's "source r target". RELATED has no OSCAL term: it travels as "related" in Crosswalk's own
 * namespace, which the OSCAL model allows for relationships outside its namespace. NO_RELATIONSHIP
 * records travel in the gap summaries (unmapped controls, see selectByRef), with their reasons in the remarks.
 */

export const OSCAL_VERSION = '1.2.0';
export const CROSSWALK_NS = 'https://crosswalk.dev/ns/oscal';

const TO_OSCAL: Record<Exclude<Relationship, 'RELATED'>, string> = {
  EQUAL: 'equal-to',
  SUBSET_OF: 'subset-of',
  SUPERSET_OF: 'superset-of',
  INTERSECTS_WITH: 'intersects-with',
};
const FROM_OSCAL: Record<string, Relationship> = {
  'equal-to': 'EQUAL',
  'equivalent-to': 'EQUAL',
  'subset-of': 'SUBSET_OF',
  'superset-of': 'SUPERSET_OF',
  'intersects-with': 'INTERSECTS_WITH',
};

/** A stable RFC 4122 version-5-style uuid from a name, so re-exporting the same set gives the same uuids. */
export function stableUuid(name: string): string {
  const hex = createHash('sha1').update(`crosswalk:${name}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** What the export renders: one whole mapping set as `readMappingSet` reads it, and the time to stamp (now, when not given). */
export type OscalExportInput = Omit<MappingSetContents, 'loadedAt'> & { now?: Date };

const refOf = (requirements: Map<string, Requirement>, id: string) => requirements.get(id)?.ref ?? requirementRefOf(id);

export function toOscal(input: OscalExportInput): Record<string, unknown> {
  return oscalDocument(input, input.mappings.map((m) => mapEntry(m, input.requirements)));
}

/** The document with `maps` as given: the entries themselves, or a stand-in a streaming writer replaces (oscal-stream.ts). */
export function oscalDocument(input: OscalExportInput, maps: unknown): Record<string, unknown> {
  const { set, source, from, to } = input;
  const resource = (f: Framework) => ({ uuid: stableUuid(`resource:${f.id}`), title: `${f.name} (${f.edition})`, props: [{ name: 'framework-id', ns: CROSSWALK_NS, value: f.id }] });
  const gap = (side: 'from' | 'to') => {
    const records = input.noRelationships.filter((n) => n.side === side);
    return records.length === 0
      ? undefined
      : { uuid: stableUuid(`gap:${set.id}:${side}`), 'unmapped-controls': [selectByRef(records.map((n) => refOf(input.requirements, n.requirementId)))] };
  };
  const reasons = input.noRelationships.map((n) => `- ${refOf(input.requirements, n.requirementId)}: ${n.reason}`);
  const rationale = dominantRationale(input.mappings);
  const mapping: Record<string, unknown> = {
    uuid: stableUuid(`mapping:${set.id}`),
    'source-resource': { type: 'catalog', href: `#${resource(from).uuid}` },
    'target-resource': { type: 'catalog', href: `#${resource(to).uuid}` },
    maps,
    props: [
      { name: 'source-framework', ns: CROSSWALK_NS, value: from.id },
      { name: 'target-framework', ns: CROSSWALK_NS, value: to.id },
      ...set.comprehensive.map((c) => ({ name: 'comprehensive', ns: CROSSWALK_NS, value: c.tag ? `${c.side}#${c.tag}` : c.side })),
    ],
    ...(reasons.length > 0 ? { remarks: `Assessed, nothing found (IR 8477 "not related to"):\n${reasons.join('\n')}` } : {}),
  };
  const sourceGap = gap('from');
  const targetGap = gap('to');
  if (sourceGap) mapping['source-gap-summary'] = sourceGap;
  if (targetGap) mapping['target-gap-summary'] = targetGap;
  return {
    'mapping-collection': {
      uuid: stableUuid(`collection:${set.id}:${input.datasetVersion}`),
      metadata: {
        title: set.name,
        'last-modified': (input.now ?? new Date()).toISOString(),
        version: input.datasetVersion,
        'oscal-version': OSCAL_VERSION,
        props: [{ name: 'mapping-source', ns: CROSSWALK_NS, value: source.id }],
        remarks: `${source.name}, published by ${source.publisher}${source.date ? ` (${source.date})` : ''}${source.url ? `, ${source.url}` : ''}. Licence: ${source.licence}.`,
      },
      provenance: {
        method: 'human',
        'matching-rationale': rationale,
        status: set.comprehensive.length > 0 ? 'complete' : 'not-complete',
        'mapping-description': set.description,
      },
      // The model's `mappings` is a singleton-or-array group: one mapping is written as the object
      // itself (the JSON schema refuses an array of one).
      mappings: mapping,
      'back-matter': { resources: [resource(from), resource(to)] },
    },
  };
}

/** OSCAL's token type (an XML NCName): `with-id` takes only these. "6.1.4", "GOVERN 1.1" and "AC-2(1)" are not tokens. */
const OSCAL_TOKEN = /^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$/u;
/** OSCAL's control-selection patterns are globs: a ref holding one of these would select more than itself. */
const GLOB_WILDCARD = /[*?]/;

export class OscalExportError extends Error {}

/**
 * Selects controls by their refs, exactly. A ref that is a token goes in `with-ids`; any other goes in
 * `matching` as a pattern (a string field) with no wildcard, which selects the control of that id and
 * nothing else. Rewriting refs into tokens would make readers map them back, and break the round trip.
 */
export function selectByRef(refs: string[]): Record<string, unknown> {
  const tokens = refs.filter((ref) => OSCAL_TOKEN.test(ref));
  const others = refs.filter((ref) => !OSCAL_TOKEN.test(ref));
  const wild = others.find((ref) => GLOB_WILDCARD.test(ref));
  if (wild !== undefined) throw new OscalExportError(`the ref "${wild}" holds a glob wildcard (* or ?) and is not an OSCAL token, so no OSCAL control selection names it alone`);
  return {
    ...(tokens.length > 0 ? { 'with-ids': tokens } : {}),
    ...(others.length > 0 ? { matching: others.map((pattern) => ({ pattern })) } : {}),
  };
}

/** The refs a control selection names one by one; a wildcard pattern names no single ref and is refused. */
function refsOfSelection(selection: any, where: string): string[] {
  const patterns = (selection?.matching ?? []).map((m: any) => String(m?.pattern ?? ''));
  const wild = patterns.find((p: string) => GLOB_WILDCARD.test(p) || p === '');
  if (wild !== undefined) throw new OscalImportError(`${where}: the pattern "${wild}" selects controls by wildcard; name each unmapped control by its id`);
  return [...(selection?.['with-ids'] ?? []).map(String), ...patterns];
}

/** A mapping-collection's `mappings`: one mapping (an object) or several (an array). */
function mappingsOf(collection: Record<string, any>): any[] {
  const mappings = collection.mappings;
  if (Array.isArray(mappings)) return mappings;
  return mappings && typeof mappings === 'object' ? [mappings] : [];
}

/** One mapping as an entry of the document's `maps`. */
export function mapEntry(m: Mapping, requirements: Map<string, Requirement>): Record<string, unknown> {
  const related = m.relationship === 'RELATED';
  const props = mapProps(m);
  return {
    uuid: stableUuid(`map:${m.id}`),
    ...(related ? { ns: CROSSWALK_NS } : {}),
    ...(m.rationale ? { 'matching-rationale': m.rationale.toLowerCase() } : {}),
    relationship: related ? 'related' : TO_OSCAL[m.relationship as Exclude<Relationship, 'RELATED'>],
    sources: [{ type: 'control', 'id-ref': refOf(requirements, m.fromId) }],
    targets: [{ type: 'control', 'id-ref': refOf(requirements, m.toId) }],
    ...(props.length > 0 ? { props } : {}),
    ...(m.note ? { remarks: m.note } : {}),
  };
}

/** Crosswalk's own props on a map: the strength, and the condition under which it holds (as JSON, docs/SEMANTICS.md). */
function mapProps(m: Mapping): Array<{ name: string; ns: string; value: string }> {
  return [
    ...(m.strength !== null ? [{ name: 'strength', ns: CROSSWALK_NS, value: String(m.strength) }] : []),
    ...(m.condition ? [{ name: 'condition', ns: CROSSWALK_NS, value: JSON.stringify(m.condition) }] : []),
  ];
}

/** Provenance needs one rationale: the most common among the mappings (semantic when none is given). */
function dominantRationale(mappings: Mapping[]): string {
  const counts = new Map<Rationale, number>();
  for (const m of mappings) if (m.rationale) counts.set(m.rationale, (counts.get(m.rationale) ?? 0) + 1);
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return (best?.[0] ?? 'SEMANTIC').toLowerCase();
}

/** A condition prop as the seed writes it; its values are checked when the set is loaded as seed. */
function parseCondition(value: string, uuid: string): MappingCondition {
  try {
    const parsed = JSON.parse(value);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as MappingCondition;
  } catch {
    // answered below
  }
  throw new OscalImportError(`map ${uuid}: the condition prop is not a JSON object`);
}

/** An imported mapping set in the seed file's shape (see seed/README.md). */
export interface ImportedMappingSet {
  id: string;
  name: string;
  source: string;
  from: string;
  to: string;
  comprehensive: Array<{ side: 'from' | 'to'; tag?: string }>;
  description: string;
  mappings: Array<{ from: string; to: string; relationship: Relationship; strength: number | null; rationale: Rationale | null; note: string | null; condition?: MappingCondition }>;
  noRelationship: Array<{ side: 'from' | 'to'; ref: string; reason: string }>;
}

export class OscalImportError extends Error {}

/**
 * Reads a mapping-collection into a seed mapping set. Framework ids come from Crosswalk's props, or
 * from `frameworks` when a third party's document has none. Pairs listed in both directions are kept
 * as published.
 */
export function fromOscal(document: unknown, options: { source: string; from?: string; to?: string }): ImportedMappingSet {
  const collection = (document as Record<string, any>)?.['mapping-collection'];
  if (!collection || typeof collection !== 'object') throw new OscalImportError('not an OSCAL mapping-collection document (no "mapping-collection" at the top)');
  const mappings = mappingsOf(collection);
  if (mappings.length === 0) throw new OscalImportError('the mapping-collection has no mappings');
  const first = mappings[0];
  const prop = (name: string) => (first.props ?? []).find((p: any) => p.name === name && p.ns === CROSSWALK_NS)?.value as string | undefined;
  const from = options.from ?? prop('source-framework');
  const to = options.to ?? prop('target-framework');
  if (!from || !to) throw new OscalImportError('the document does not name its frameworks: pass --from and --to');
  const imported: ImportedMappingSet = {
    id: `${from}--${to}`,
    name: String(collection.metadata?.title ?? `${from} to ${to}`),
    source: options.source,
    from,
    to,
    comprehensive: (first.props ?? [])
      .filter((p: any) => p.name === 'comprehensive' && p.ns === CROSSWALK_NS)
      .map((p: any) => {
        const [side, tag] = String(p.value).split('#');
        return { side: side === 'from' ? 'from' : 'to', ...(tag ? { tag } : {}) };
      }),
    description: String(collection.provenance?.['mapping-description'] ?? 'Imported from an OSCAL mapping-collection.'),
    mappings: [],
    noRelationship: [],
  };
  const reasons = new Map<string, string>();
  for (const line of String(first.remarks ?? '').split('\n')) {
    const match = /^- ([^:]+): (.+)$/.exec(line);
    if (match) reasons.set(match[1]!, match[2]!);
  }
  for (const mapping of mappings) {
    for (const map of mapping.maps ?? []) {
      const relationship = map.ns === CROSSWALK_NS && map.relationship === 'related' ? 'RELATED' : FROM_OSCAL[map.relationship];
      if (map.relationship === 'no-relationship') {
        for (const s of map.sources ?? []) imported.noRelationship.push({ side: 'from', ref: s['id-ref'], reason: String(map.remarks ?? 'Published as no-relationship.') });
        continue;
      }
      if (!relationship) throw new OscalImportError(`unknown relationship "${map.relationship}" in map ${map.uuid}`);
      const strength = (map.props ?? []).find((p: any) => p.name === 'strength')?.value;
      const condition = (map.props ?? []).find((p: any) => p.name === 'condition' && p.ns === CROSSWALK_NS)?.value;
      for (const s of map.sources ?? []) {
        for (const t of map.targets ?? []) {
          imported.mappings.push({
            from: s['id-ref'],
            to: t['id-ref'],
            relationship,
            strength: strength === undefined ? null : Number(strength),
            rationale: map['matching-rationale'] ? (String(map['matching-rationale']).toUpperCase() as Rationale) : null,
            note: map.remarks ?? null,
            ...(condition ? { condition: parseCondition(condition, map.uuid) } : {}),
          });
        }
      }
    }
    for (const [side, key] of [['from', 'source-gap-summary'], ['to', 'target-gap-summary']] as const) {
      for (const selection of mapping[key]?.['unmapped-controls'] ?? []) {
        for (const ref of refsOfSelection(selection, `${key} of mapping ${mapping.uuid}`)) {
          imported.noRelationship.push({ side, ref, reason: reasons.get(ref) ?? 'Listed as unmapped in the OSCAL gap summary.' });
        }
      }
    }
  }
  return imported;
}

