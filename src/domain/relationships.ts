import type { Relationship } from './types.js';

/** The relationship seen from the other end: SUBSET_OF and SUPERSET_OF swap, the others are symmetric. */
export function inverseRelationship(relationship: Relationship): Relationship {
  if (relationship === 'SUBSET_OF') return 'SUPERSET_OF';
  if (relationship === 'SUPERSET_OF') return 'SUBSET_OF';
  return relationship;
}

/**
 * Composition of `a r1 b` and `b r2 c` into `a r c`, or null when set theory concludes nothing.
 * The table is docs/SEMANTICS.md's ("Composition across a pivot framework"), cell for cell; tests check every cell.
 */
const COMPOSITION: Record<Relationship, Record<Relationship, Relationship | null>> = {
  EQUAL: {
    EQUAL: 'EQUAL',
    SUBSET_OF: 'SUBSET_OF',
    SUPERSET_OF: 'SUPERSET_OF',
    INTERSECTS_WITH: 'INTERSECTS_WITH',
    RELATED: 'RELATED',
  },
  SUBSET_OF: { EQUAL: 'SUBSET_OF', SUBSET_OF: 'SUBSET_OF', SUPERSET_OF: null, INTERSECTS_WITH: null, RELATED: null },
  SUPERSET_OF: {
    EQUAL: 'SUPERSET_OF',
    SUBSET_OF: 'INTERSECTS_WITH',
    SUPERSET_OF: 'SUPERSET_OF',
    INTERSECTS_WITH: 'INTERSECTS_WITH',
    RELATED: null,
  },
  INTERSECTS_WITH: {
    EQUAL: 'INTERSECTS_WITH',
    SUBSET_OF: 'INTERSECTS_WITH',
    SUPERSET_OF: null,
    INTERSECTS_WITH: null,
    RELATED: null,
  },
  RELATED: { EQUAL: 'RELATED', SUBSET_OF: null, SUPERSET_OF: null, INTERSECTS_WITH: null, RELATED: null },
};

export function composeRelationships(first: Relationship, second: Relationship): Relationship | null {
  return COMPOSITION[first][second];
}

/** True when holding `a` satisfies all of `b` given `a r b`. */
export function isFullCoverage(relationship: Relationship): boolean {
  return relationship === 'EQUAL' || relationship === 'SUPERSET_OF';
}

/** Rank of a relationship as evidence of coverage, higher is better; used to order links. */
const COVERAGE_RANK: Record<Relationship, number> = {
  EQUAL: 5,
  SUPERSET_OF: 4,
  SUBSET_OF: 3,
  INTERSECTS_WITH: 2,
  RELATED: 1,
};

export function coverageRank(relationship: Relationship): number {
  return COVERAGE_RANK[relationship];
}
