import type { GraphData, Mapping } from '../../src/domain/types.js';

/**
 * Cross-set consistency of mapping data, as a pure function over the loaded graph (no I/O, no
 * globals), so a "disagreements" feature can reuse it: it imports only domain types and can move to
 * src/domain unchanged.
 *
 * Two requirements of different frameworks are near-equivalent when a mapping states EQUAL between
 * them, or when they are the same-numbered harmonized-structure clause (ISO management-system clauses
 * 4-10) of two ISO management-system standards and a mapping rates them strength 8 or more.
 *
 * Findings:
 * - NOTHING_FOUND_CONTRADICTED: a set records "assessed, nothing found" for requirement n against
 *   framework O, yet some requirement of O is linked to n's near-equivalent (target side), or n
 *   itself is linked to a near-equivalent of a requirement of O (source side). For harmonized clauses
 *   any link counts (the status given O must agree between the two ISO standards); otherwise only a
 *   link of strength 6 or more, or a containment or EQUAL.
 * - STRENGTH_MISMATCH / RATIONALE_MISMATCH: the same pair (directly, in reverse, or with one end
 *   swapped for its near-equivalent) is rated in two sets with strengths more than 2 apart or on
 *   different rationale bases.
 */

export type ConsistencyKind = 'NOTHING_FOUND_CONTRADICTED' | 'STRENGTH_MISMATCH' | 'RATIONALE_MISMATCH';

export interface ConsistencyFinding {
  kind: ConsistencyKind;
  /** Requirement ids the finding is about, the disputed one first. */
  requirements: string[];
  /** Mapping set ids whose records disagree. */
  sets: string[];
  message: string;
}

export type ConsistencyInput = Pick<GraphData, 'requirements' | 'mappingSets' | 'mappings' | 'noRelationships'>;

const ISO_MSS = new Set(['iso27001', 'iso42001']);
const HARMONIZED_CLAUSE = /^(?:[4-9]|10)(?:\.\d+)*$/;
const NEAR_EQUAL_STRENGTH = 8;
const STRONG_LINK = 6;
const STRENGTH_TOLERANCE = 2;

const frameworkOf = (id: string) => id.slice(0, id.indexOf(':'));
const refOf = (id: string) => id.slice(id.indexOf(':') + 1);

/** How a near-equivalence was established: EQUAL mapping, or strong link between harmonized clauses. */
type Equivalence = 'EQUAL' | 'HARMONIZED';

export function nearEquivalents(mappings: readonly Mapping[]): Map<string, Map<string, Equivalence>> {
  const eq = new Map<string, Map<string, Equivalence>>();
  const add = (a: string, b: string, how: Equivalence) => eq.set(a, (eq.get(a) ?? new Map()).set(b, how));
  for (const m of mappings) {
    let how: Equivalence | null = null;
    if (m.relationship === 'EQUAL') how = 'EQUAL';
    else if (isHarmonizedPair(m.fromId, m.toId) && (m.strength ?? 0) >= NEAR_EQUAL_STRENGTH) how = 'HARMONIZED';
    if (!how) continue;
    add(m.fromId, m.toId, how);
    add(m.toId, m.fromId, how);
  }
  return eq;
}

function isHarmonizedPair(a: string, b: string): boolean {
  const [fa, fb] = [frameworkOf(a), frameworkOf(b)];
  return fa !== fb && ISO_MSS.has(fa) && ISO_MSS.has(fb) && refOf(a) === refOf(b) && HARMONIZED_CLAUSE.test(refOf(a));
}

/** A link strong enough that, through a near-equivalence, it denies a nothing-found record. */
function counts(m: Mapping, via: Equivalence): boolean {
  if (via === 'HARMONIZED') return true;
  return m.relationship === 'EQUAL' || m.relationship === 'SUPERSET_OF' || m.relationship === 'SUBSET_OF' || (m.strength ?? 0) >= STRONG_LINK;
}

const show = (m: Mapping) => `${m.fromId} ${m.relationship} ${m.toId} (${m.strength ?? '-'} ${m.rationale ?? '-'}, ${m.setId})`;

export function findInconsistencies(graph: ConsistencyInput): ConsistencyFinding[] {
  const findings: ConsistencyFinding[] = [];
  const eq = nearEquivalents(graph.mappings);
  const linksOf = new Map<string, Array<{ other: string; mapping: Mapping }>>();
  for (const m of graph.mappings) {
    linksOf.set(m.fromId, [...(linksOf.get(m.fromId) ?? []), { other: m.toId, mapping: m }]);
    linksOf.set(m.toId, [...(linksOf.get(m.toId) ?? []), { other: m.fromId, mapping: m }]);
  }
  const setById = new Map(graph.mappingSets.map((s) => [s.id, s]));

  // (a) nothing-found records denied through a near-equivalent.
  for (const n of graph.noRelationships) {
    const set = setById.get(n.setId);
    if (!set) continue;
    const against = frameworkOf(n.requirementId) === set.fromFrameworkId ? set.toFrameworkId : set.fromFrameworkId;
    const seen = new Set<string>();
    const report = (m: Mapping, why: string) => {
      if (seen.has(m.id)) return;
      seen.add(m.id);
      findings.push({
        kind: 'NOTHING_FOUND_CONTRADICTED',
        requirements: [n.requirementId, m.fromId, m.toId].filter((id, i, all) => all.indexOf(id) === i),
        sets: [n.setId, m.setId],
        message: `${n.setId} records nothing found for ${n.requirementId} against ${against}, but ${show(m)} ${why}`,
      });
    };
    const how = (h: Equivalence) => (h === 'EQUAL' ? 'EQUAL' : 'harmonized clause rated 8+');
    // Target side: n's near-equivalent is linked from a requirement of `against`.
    for (const [twin, h] of eq.get(n.requirementId) ?? []) {
      if (frameworkOf(twin) === against) continue;
      for (const { other, mapping } of linksOf.get(twin) ?? []) {
        if (frameworkOf(other) === against && counts(mapping, h)) report(mapping, `links ${other} to ${twin}, near-equivalent to ${n.requirementId} (${how(h)})`);
      }
    }
    // Source side: n is linked to a near-equivalent of a requirement of `against`.
    for (const { other, mapping } of linksOf.get(n.requirementId) ?? []) {
      for (const [twin, h] of eq.get(other) ?? []) {
        if (frameworkOf(twin) === against && counts(mapping, h)) report(mapping, `links it to ${other}, near-equivalent to ${twin} (${how(h)})`);
      }
    }
  }

  // (b) the same pair, or a pair with one end swapped for its near-equivalent, rated differently.
  const byPair = new Map<string, Mapping[]>();
  for (const m of graph.mappings) {
    if (m.strength !== null && m.rationale !== null) byPair.set(pairKey(m.fromId, m.toId), [...(byPair.get(pairKey(m.fromId, m.toId)) ?? []), m]);
  }
  const compared = new Set<string>();
  for (const m of graph.mappings) {
    if (m.strength === null || m.rationale === null) continue;
    const variants: Array<[string, string]> = [[m.fromId, m.toId]];
    for (const [twin] of eq.get(m.toId) ?? []) if (frameworkOf(twin) !== frameworkOf(m.fromId)) variants.push([m.fromId, twin]);
    for (const [twin] of eq.get(m.fromId) ?? []) if (frameworkOf(twin) !== frameworkOf(m.toId)) variants.push([twin, m.toId]);
    for (const other of variants.flatMap(([a, b]) => byPair.get(pairKey(a, b)) ?? [])) {
      if (other.id === m.id || other.setId === m.setId) continue;
      const key = [m.id, other.id].sort().join('|');
      if (compared.has(key)) continue;
      compared.add(key);
      const [first, second] = [m, other].sort((x, y) => x.id.localeCompare(y.id));
      const ends = [...new Set([first!.fromId, first!.toId, second!.fromId, second!.toId])];
      if (Math.abs(first!.strength! - second!.strength!) > STRENGTH_TOLERANCE) {
        findings.push({ kind: 'STRENGTH_MISMATCH', requirements: ends, sets: [first!.setId, second!.setId], message: `${show(first!)} vs ${show(second!)}: strengths more than ${STRENGTH_TOLERANCE} apart` });
      }
      if (first!.rationale !== second!.rationale) {
        findings.push({ kind: 'RATIONALE_MISMATCH', requirements: ends, sets: [first!.setId, second!.setId], message: `${show(first!)} vs ${show(second!)}: different rationale bases` });
      }
    }
  }
  return findings;
}

const pairKey = (a: string, b: string) => [a, b].sort().join('|');
