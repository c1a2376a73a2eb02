import { describe, expect, it } from 'vitest';
import { editDistance, suggestIds } from '../../src/domain/suggest.js';

describe('suggestIds', () => {
  const ids = ['iso42001:A.6.2.2', 'iso42001:A.6.2.4', 'iso42001:A.6.1.2', 'iso42001:A.7.2', 'soc2:CC6.1', 'discipline:risk-management', 'discipline:asset-management'];

  it('puts the nearest ids first and drops far ones once a near one exists', () => {
    expect(suggestIds('discipline:risk-managment', ids)).toEqual(['discipline:risk-management']);
    expect(suggestIds('iso42001:A.6.2.5', ids)).toEqual(['iso42001:A.6.2.2', 'iso42001:A.6.2.4', 'iso42001:A.6.1.2']);
  });

  it('treats a fragment of an id as a good guess', () => {
    expect(suggestIds('CC6', ids)).toEqual(['soc2:CC6.1']);
  });

  it('suggests nothing for an id unlike any', () => {
    expect(suggestIds('zzzzzzzzzzzzzz', ids)).toEqual([]);
  });

  it('computes edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('bounded, gives the exact distance within the bound and bound + 1 beyond it', () => {
    const words = ['kitten', 'sitting', 'iso42001:a.6.2.4', 'iso27001:a.5.1', '', 'abc', 'a much longer identifier than the others'];
    for (const a of words) {
      for (const b of words) {
        const exact = editDistance(a, b);
        for (const max of [0, 1, 2, 5]) expect(editDistance(a, b, max), `${a} / ${b} / ${max}`).toBe(exact <= max ? exact : max + 1);
      }
    }
  });
});
