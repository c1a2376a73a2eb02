import { describe, expect, it } from 'vitest';
import { composeRelationships, coverageRank, inverseRelationship, isFullCoverage } from '../../src/domain/relationships.js';
import { RELATIONSHIPS, type Relationship } from '../../src/domain/types.js';

/** The composition table of docs/SEMANTICS.md ("Composition across a pivot framework"), row r1, column r2; "-" is "nothing can be concluded". */
const TABLE = `
                 EQUAL            SUBSET_OF        SUPERSET_OF      INTERSECTS_WITH  RELATED
EQUAL            EQUAL            SUBSET_OF        SUPERSET_OF      INTERSECTS_WITH  RELATED
SUBSET_OF        SUBSET_OF        SUBSET_OF        -                -                -
SUPERSET_OF      SUPERSET_OF      INTERSECTS_WITH  SUPERSET_OF      INTERSECTS_WITH  -
INTERSECTS_WITH  INTERSECTS_WITH  INTERSECTS_WITH  -                -                -
RELATED          RELATED          -                -                -                -
`;

const rows = TABLE.trim().split('\n').map((line) => line.trim().split(/\s+/));
const columns = rows[0] as Relationship[];
const cells = rows.slice(1).flatMap(([r1, ...results]) => results.map((result, i) => [r1 as Relationship, columns[i]!, result === '-' ? null : (result as Relationship)] as const));

describe('relationship algebra', () => {
  it('the table covers every pair', () => {
    expect(cells).toHaveLength(RELATIONSHIPS.length ** 2);
  });

  it.each(cells)('%s then %s composes to %s', (first, second, expected) => {
    expect(composeRelationships(first, second)).toBe(expected);
  });

  it('inverts SUBSET_OF and SUPERSET_OF and keeps the symmetric ones', () => {
    expect(inverseRelationship('SUBSET_OF')).toBe('SUPERSET_OF');
    expect(inverseRelationship('SUPERSET_OF')).toBe('SUBSET_OF');
    for (const r of ['EQUAL', 'INTERSECTS_WITH', 'RELATED'] as const) expect(inverseRelationship(r)).toBe(r);
    for (const r of RELATIONSHIPS) expect(inverseRelationship(inverseRelationship(r))).toBe(r);
  });

  it('counts only EQUAL and SUPERSET_OF as full coverage, and ranks them first', () => {
    expect(RELATIONSHIPS.filter(isFullCoverage)).toEqual(['EQUAL', 'SUPERSET_OF']);
    expect([...RELATIONSHIPS].sort((a, b) => coverageRank(b) - coverageRank(a))).toEqual(['EQUAL', 'SUPERSET_OF', 'SUBSET_OF', 'INTERSECTS_WITH', 'RELATED']);
  });
});
