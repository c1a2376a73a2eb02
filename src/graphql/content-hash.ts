import { createHash } from 'node:crypto';
import type { Mapping, MappingSet, NoRelationship } from '../domain/types.js';

/**
 * Stable hashes of what a mapping, a NO_RELATIONSHIP record and a mapping set say, so a client that
 * stored them can tell what changed without comparing every field. Built from the content only
 * (never the order of the seed file, the load time or the dataset version): the same content hashes
 * the same on every store and every load. Arrays keep their order; objects are written with their
 * keys in a fixed order, so the text hashed is canonical.
 */

function sha256(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

export function mappingContentHash(m: Mapping): string {
  return sha256(['mapping', m.fromId, m.toId, m.relationship, m.strength, m.rationale, m.note, m.sourceId]);
}

export function noRelationshipContentHash(n: NoRelationship): string {
  return sha256(['no-relationship', n.requirementId, n.side, n.reason, n.sourceId]);
}

/** A set's own facts and its members' hashes, sorted: reordering the seed file changes nothing, any edit does. */
export function mappingSetContentHash(set: MappingSet, mappings: readonly Mapping[], noRelationships: readonly NoRelationship[]): string {
  return sha256([
    'mapping-set',
    set.id,
    set.name,
    set.description,
    set.sourceId,
    set.fromFrameworkId,
    set.toFrameworkId,
    set.comprehensive.map((c) => [c.side, c.tag]),
    mappings.map(mappingContentHash).sort(),
    noRelationships.map(noRelationshipContentHash).sort(),
  ]);
}
