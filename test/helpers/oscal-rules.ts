import { readFileSync } from 'node:fs';
import { REFERENCE_DIR } from './reference.js';
import path from 'node:path';

/**
 * The OSCAL 1.2 mapping model's rules that a mapping-collection must meet, with the vocabularies
 * read from the metaschema in reference/oscal/ (the authoritative definition).
 */

const metaschema = () => readFileSync(path.join(REFERENCE_DIR, 'oscal/oscal_mapping-common_metaschema.xml'), 'utf8');

/** The enum values allowed for a named flag or field in the metaschema. */
export function vocabulary(name: string): string[] {
  const text = metaschema();
  const start = text.search(new RegExp(`<define-(?:flag|field) name="${name}"`));
  if (start === -1) throw new Error(`no definition of ${name} in the metaschema`);
  const end = text.indexOf('</define-', start);
  return [...text.slice(start, end).matchAll(/<enum value="([^"]+)"/g)].map((m) => m[1]!);
}

const UUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[45][0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$/;
const OSCAL_NS = 'http://csrc.nist.gov/ns/oscal';

export function checkMappingCollection(document: any): string[] {
  const problems: string[] = [];
  const need = (value: unknown, where: string) => {
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) problems.push(`${where} is required`);
  };
  const uuids = new Set<string>();
  const uuid = (value: unknown, where: string) => {
    if (typeof value !== 'string' || !UUID.test(value)) problems.push(`${where} must be a version 4 or 5 uuid, got ${JSON.stringify(value)}`);
    else if (uuids.has(value)) problems.push(`${where} repeats uuid ${value}`);
    else uuids.add(value);
  };
  const oneOf = (value: unknown, allowed: string[], where: string) => {
    if (value !== undefined && !allowed.includes(String(value))) problems.push(`${where} "${value}" is not one of ${allowed.join(', ')}`);
  };
  const relationships = vocabulary('relationship');
  const rationales = vocabulary('matching-rationale');
  const statuses = vocabulary('status');
  const methods = vocabulary('method');

  const c = document?.['mapping-collection'];
  need(c, 'mapping-collection');
  if (!c) return problems;
  uuid(c.uuid, 'mapping-collection.uuid');
  need(c.metadata, 'metadata');
  for (const field of ['title', 'last-modified', 'version', 'oscal-version']) need(c.metadata?.[field], `metadata.${field}`);
  if (c.metadata?.['last-modified'] && Number.isNaN(Date.parse(c.metadata['last-modified']))) problems.push('metadata.last-modified must be a date-time');
  need(c.provenance, 'provenance');
  need(c.provenance?.['mapping-description'], 'provenance.mapping-description');
  need(c.provenance?.method, 'provenance.method');
  oneOf(c.provenance?.method, methods, 'provenance.method');
  need(c.provenance?.['matching-rationale'], 'provenance.matching-rationale');
  oneOf(c.provenance?.['matching-rationale'], rationales, 'provenance.matching-rationale');
  need(c.provenance?.status, 'provenance.status');
  oneOf(c.provenance?.status, statuses, 'provenance.status');
  need(c.mappings, 'mappings');
  const resources = new Set<string>((c['back-matter']?.resources ?? []).map((r: any) => {
    uuid(r.uuid, 'back-matter resource uuid');
    return `#${r.uuid}`;
  }));
  // A singleton-or-array group: one mapping is the object itself, several are an array (of two or more).
  if (Array.isArray(c.mappings) && c.mappings.length === 1) problems.push('mappings: a single mapping must be written as an object, not an array of one');
  const mappings: any[] = Array.isArray(c.mappings) ? c.mappings : c.mappings ? [c.mappings] : [];
  mappings.forEach((m: any, i: number) => {
    const at = `mappings[${i}]`;
    uuid(m.uuid, `${at}.uuid`);
    for (const side of ['source-resource', 'target-resource']) {
      need(m[side]?.type, `${at}.${side}.type`);
      oneOf(m[side]?.type, ['catalog', 'profile'], `${at}.${side}.type`);
      need(m[side]?.href, `${at}.${side}.href`);
      if (typeof m[side]?.href === 'string' && m[side].href.startsWith('#') && !resources.has(m[side].href)) problems.push(`${at}.${side}.href points at no back-matter resource`);
    }
    need(m.maps, `${at}.maps`);
    (m.maps ?? []).forEach((map: any, j: number) => {
      const where = `${at}.maps[${j}]`;
      uuid(map.uuid, `${where}.uuid`);
      need(map.relationship, `${where}.relationship`);
      if ((map.ns ?? OSCAL_NS) === OSCAL_NS) oneOf(map.relationship, relationships, `${where}.relationship`);
      oneOf(map['matching-rationale'], rationales, `${where}.matching-rationale`);
      for (const list of ['sources', 'targets']) {
        need(map[list], `${where}.${list}`);
        (map[list] ?? []).forEach((item: any, k: number) => {
          need(item.type, `${where}.${list}[${k}].type`);
          oneOf(item.type, ['control', 'statement'], `${where}.${list}[${k}].type`);
          need(item['id-ref'], `${where}.${list}[${k}].id-ref`);
        });
      }
    });
    for (const gap of ['source-gap-summary', 'target-gap-summary']) {
      if (!m[gap]) continue;
      uuid(m[gap].uuid, `${at}.${gap}.uuid`);
      need(m[gap]['unmapped-controls'], `${at}.${gap}.unmapped-controls`);
    }
  });
  return problems;
}
