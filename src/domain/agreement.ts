import { composeRelationships, inverseRelationship } from './relationships.js';
import type { Mapping, MappingSet, NoRelationship, Relationship, Requirement } from './types.js';

/**
 * Where sources agree. Several sources can speak about one pair of requirements: a mapping set
 * directly, a chain of two mappings through a pivot requirement (composed soundly, as coverage does),
 * or a set that examined one of the two and found nothing in the other's framework. Each claim
 * allows some exact relations; two claims contradict when no relation satisfies both.
 * Annotation only: coverage never reads it, so a disagreement never raises a status.
 */

/** The exact relation between two requirements, NONE for no relation at all (IR 8477 "not related"). */
type Exact = 'EQ' | 'SUB' | 'SUP' | 'INT' | 'NONE';
const OVERLAPPING: readonly Exact[] = ['EQ', 'SUB', 'SUP', 'INT'];

const EXACT: Record<Relationship, readonly Exact[]> = {
  EQUAL: ['EQ'],
  SUBSET_OF: ['SUB'],
  SUPERSET_OF: ['SUP'],
  INTERSECTS_WITH: ['INT'],
  // A concept crosswalk says the two overlap in some way, not which.
  RELATED: OVERLAPPING,
};

export type ClaimKind = 'DIRECT' | 'INFERRED' | 'NOTHING_FOUND';

/** One source's word on a pair (from, to), with the relation read from `from`'s side. */
export interface SourceClaim {
  kind: ClaimKind;
  /** The relation claimed; null for NOTHING_FOUND. */
  relationship: Relationship | null;
  /** The mappings behind it: one for DIRECT, two for INFERRED, none for NOTHING_FOUND. */
  mappings: Mapping[];
  /** The pivot requirement of an INFERRED claim. */
  pivotId: string | null;
  /** The recorded assessment behind a NOTHING_FOUND claim; null when it follows from a comprehensive side. */
  noRelationship: NoRelationship | null;
  /** The mapping sets behind the claim, in path order. */
  setIds: string[];
  /** The sources behind the claim (distinct), in path order. */
  sourceIds: string[];
  /** The weakest hop's strength; null when a hop has none or for NOTHING_FOUND. */
  strength: number | null;
  /** Why nothing was found, for NOTHING_FOUND. */
  reason: string | null;
  /** The exact relations this claim allows. */
  allows: readonly Exact[];
}

export type Agreement = 'AGREE' | 'OVERLAP' | 'DISAGREE' | 'SINGLE_SOURCE';

export interface PairAgreement {
  fromId: string;
  toId: string;
  agreement: Agreement;
  claims: SourceClaim[];
  /** Index pairs of claims that cannot both hold. */
  conflicts: Array<[number, number]>;
}

/** What an inferred relation allows: exact through EQUAL hops and chains of one direction, any overlap otherwise. */
function inferredAllows(first: Relationship, second: Relationship): readonly Exact[] {
  if (first === 'EQUAL') return EXACT[second];
  if (second === 'EQUAL') return EXACT[first];
  if (first === second && (first === 'SUBSET_OF' || first === 'SUPERSET_OF')) return EXACT[first];
  return OVERLAPPING;
}

const disjoint = (a: readonly Exact[], b: readonly Exact[]) => !a.some((x) => b.includes(x));
const sameSet = (a: readonly Exact[], b: readonly Exact[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * Judges a pair's claims: DISAGREE when two cannot both hold; AGREE when two or more lines of evidence
 * allow exactly the same relations; OVERLAP when they are compatible but not the same; SINGLE_SOURCE
 * when one line speaks.
 */
export function judgeClaims(claims: readonly SourceClaim[]): { agreement: Agreement; conflicts: Array<[number, number]> } {
  const conflicts: Array<[number, number]> = [];
  for (let i = 0; i < claims.length; i++) {
    for (let j = i + 1; j < claims.length; j++) if (disjoint(claims[i]!.allows, claims[j]!.allows)) conflicts.push([i, j]);
  }
  if (conflicts.length > 0) return { agreement: 'DISAGREE', conflicts };
  if (new Set(claims.map(lineOf)).size < 2) return { agreement: 'SINGLE_SOURCE', conflicts };
  const all = claims.every((c) => sameSet(c.allows, claims[0]!.allows));
  return { agreement: all ? 'AGREE' : 'OVERLAP', conflicts };
}

/**
 * A line of evidence: the mapping sets a claim rests on. Each set is one publisher's assertion about
 * one pair of frameworks, so two sets of the same publisher are two lines (this project's curated sets
 * are written and reviewed one by one); two pivots through the same pair of sets are one.
 */
export function lineOf(claim: SourceClaim): string {
  return claim.setIds.join('+');
}

/** How many distinct lines of evidence make a claim compatible with `claim` (its own included). */
export function agreeingLines(claim: SourceClaim, claims: readonly SourceClaim[]): number {
  return new Set(claims.filter((c) => !disjoint(c.allows, claim.allows)).map(lineOf)).size;
}

/** The graph around two frameworks, as the analysis gathers it. */
export interface AgreementInput {
  fromFrameworkId: string;
  toFrameworkId: string;
  /** Leaf requirements of both frameworks. */
  requirements: Requirement[];
  /** Mappings touching the from-framework's leaves (direct ones and first hops). */
  firstHops: Mapping[];
  /** Mappings touching the pivots reached by the first hops. */
  secondHops: Mapping[];
  noRelationships: NoRelationship[];
  mappingSets: MappingSet[];
  frameworkOf: (requirementId: string) => string;
}

/** Every pair of leaves of the two frameworks that some source links, with every source's claim about it. */
export function pairAgreements(input: AgreementInput): PairAgreement[] {
  const { fromFrameworkId: a, toFrameworkId: b, frameworkOf } = input;
  const claims = new Map<string, SourceClaim[]>();
  const add = (fromId: string, toId: string, claim: SourceClaim) => {
    const key = `${fromId}\u0000${toId}`;
    const list = claims.get(key) ?? [];
    list.push(claim);
    claims.set(key, list);
  };
  const seen = (mapping: Mapping, here: string) =>
    mapping.fromId === here ? { other: mapping.toId, relationship: mapping.relationship } : { other: mapping.fromId, relationship: inverseRelationship(mapping.relationship) };
  const distinct = (ids: string[]) => [...new Set(ids)];

  const firstByFrom = new Map<string, Mapping[]>();
  const direct = new Set<string>();
  for (const m of input.firstHops) {
    for (const here of [m.fromId, m.toId]) {
      if (frameworkOf(here) !== a) continue;
      const { other, relationship } = seen(m, here);
      if (frameworkOf(other) === b) {
        if (direct.has(m.id)) continue;
        direct.add(m.id);
        add(here, other, claim('DIRECT', relationship, [m], null, EXACT[relationship], m.strength));
      } else if (frameworkOf(other) !== a) {
        firstByFrom.set(here, [...(firstByFrom.get(here) ?? []), m]);
      }
    }
  }
  const secondByPivot = new Map<string, Mapping[]>();
  for (const m of input.secondHops) {
    for (const pivot of [m.fromId, m.toId]) {
      const { other } = seen(m, pivot);
      if (frameworkOf(other) === b && frameworkOf(pivot) !== a && frameworkOf(pivot) !== b) secondByPivot.set(pivot, [...(secondByPivot.get(pivot) ?? []), m]);
    }
  }
  for (const [fromId, hops] of firstByFrom) {
    for (const first of hops) {
      const { other: pivot, relationship: r1 } = seen(first, fromId);
      for (const second of secondByPivot.get(pivot) ?? []) {
        const { other: toId, relationship: r2 } = seen(second, pivot);
        const composed = composeRelationships(r1, r2);
        if (!composed) continue;
        const strength = first.strength === null || second.strength === null ? null : Math.min(first.strength, second.strength);
        add(fromId, toId, claim('INFERRED', composed, [first, second], pivot, inferredAllows(r1, r2), strength));
      }
    }
  }

  // Nothing found: a set between the two frameworks examined one end and found nothing on the other side.
  const setsBetween = input.mappingSets.filter((s) => (s.fromFrameworkId === a && s.toFrameworkId === b) || (s.fromFrameworkId === b && s.toFrameworkId === a));
  const recorded = new Map<string, NoRelationship[]>();
  for (const n of input.noRelationships) {
    if (setsBetween.some((s) => s.id === n.setId)) recorded.set(n.requirementId, [...(recorded.get(n.requirementId) ?? []), n]);
  }
  const mappedInSet = new Set(input.firstHops.flatMap((m) => [`${m.setId}\u0000${m.fromId}`, `${m.setId}\u0000${m.toId}`]));
  const requirementsById = new Map(input.requirements.map((r) => [r.id, r]));
  const nothingFound = (requirementId: string): SourceClaim[] => {
    const explicit = (recorded.get(requirementId) ?? []).map((n) => nothingClaim(n.setId, n.sourceId, n, n.reason));
    const implied = setsBetween
      .filter((s) => !explicit.some((c) => c.setIds[0] === s.id) && !mappedInSet.has(`${s.id}\u0000${requirementId}`))
      .filter((s) => examinedOn(s, requirementId, frameworkOf, requirementsById))
      .map((s) => nothingClaim(s.id, s.sourceId, null, `Every requirement on this side was examined; ${requirementId} has no mapping in the set.`));
    return [...explicit, ...implied];
  };

  const result: PairAgreement[] = [];
  for (const [key, list] of claims) {
    const [fromId, toId] = key.split('\u0000') as [string, string];
    const all = [...list, ...nothingFound(fromId), ...nothingFound(toId)];
    result.push({ fromId, toId, claims: all, ...judgeClaims(all) });
  }
  const position = (id: string) => requirementsById.get(id)?.position ?? Number.MAX_SAFE_INTEGER;
  return result.sort((x, y) => position(x.toId) - position(y.toId) || position(x.fromId) - position(y.fromId));

  function claim(kind: ClaimKind, relationship: Relationship, mappings: Mapping[], pivotId: string | null, allows: readonly Exact[], strength: number | null): SourceClaim {
    return {
      kind,
      relationship,
      mappings,
      pivotId,
      noRelationship: null,
      setIds: mappings.map((m) => m.setId),
      sourceIds: distinct(mappings.map((m) => m.sourceId)),
      strength,
      reason: null,
      allows,
    };
  }
  function nothingClaim(setId: string, sourceId: string, record: NoRelationship | null, reason: string): SourceClaim {
    return { kind: 'NOTHING_FOUND', relationship: null, mappings: [], pivotId: null, noRelationship: record, setIds: [setId], sourceIds: [sourceId], strength: null, reason, allows: ['NONE'] };
  }
}

/** Whether a set examined this requirement in full: its side is comprehensive (for the side's tag, if any). */
function examinedOn(set: MappingSet, requirementId: string, frameworkOf: (id: string) => string, requirements: Map<string, Requirement>): boolean {
  const side = frameworkOf(requirementId) === set.fromFrameworkId ? 'from' : 'to';
  const declared = set.comprehensive.find((c) => c.side === side);
  if (!declared) return false;
  return declared.tag === null || (requirements.get(requirementId)?.tags.includes(declared.tag) ?? false);
}
