import { describe, expect, it } from 'vitest';
import { parseRef, titleMatches } from '../../src/domain/refs.js';

describe('parseRef', () => {
  it.each([
    ['A.6.2.4', ['iso42001:A.6.2.4', 'iso27001:A.6.2.4'], null],
    ['Annex A 6.2.4', ['iso42001:A.6.2.4', 'iso27001:A.6.2.4'], null],
    ['ISO 27001 A.5.15', ['iso27001:A.5.15'], null],
    ['ISO/IEC 42001:2023 Annex A.7.4', ['iso42001:A.7.4'], null],
    ['CC 6.1', ['soc2:CC6.1'], null],
    ['cc6.1', ['soc2:CC6.1'], null],
    ['SOC 2 PI1.3', ['soc2:PI1.3'], null],
    ['GV-1.1', ['nist-ai-rmf:GOVERN 1.1'], null],
    ['GOVERN 1.1', ['nist-ai-rmf:GOVERN 1.1'], null],
    ['MS-2.11', ['nist-ai-rmf:MEASURE 2.11'], null],
    ['Map 1', ['nist-ai-rmf:MAP 1'], null],
    ['Art. 14', ['eu-ai-act:Art.14'], null],
    ['Article 14 EU AI Act', ['eu-ai-act:Art.14'], null],
    ['clause 6.1.2', ['iso42001:6.1.2', 'iso27001:6.1.2'], null],
    ['A.7.2 Fairness', ['iso42001:A.7.2', 'iso27001:A.7.2'], 'Fairness'],
    ['ISO 42001 A.6.2.4 - AI system verification and validation', ['iso42001:A.6.2.4'], 'AI system verification and validation'],
  ])('%s', (input, candidates, title) => {
    const parsed = parseRef(input);
    expect(parsed.candidateIds).toEqual(candidates);
    expect(parsed.citedTitle).toBe(title);
  });

  it('narrows to the framework given by the caller', () => {
    expect(parseRef('A.5.15', 'iso27001').candidateIds).toEqual(['iso27001:A.5.15']);
    expect(parseRef('Art. 14', 'soc2').candidateIds).toEqual([]);
  });

  it('keeps text with no reference form as a title to search for', () => {
    expect(parseRef('human oversight')).toMatchObject({ candidateIds: [], citedTitle: 'human oversight' });
  });
});

describe('titleMatches', () => {
  it('accepts the same title in other words order or plural, rejects another control', () => {
    expect(titleMatches('Verification and validation of AI systems', 'AI system verification and validation')).toBe(true);
    expect(titleMatches('Data provenance', 'Data provenance')).toBe(true);
    expect(titleMatches('Fairness', 'Data for development and enhancement of AI system')).toBe(false);
    expect(titleMatches('Data quality', 'Data provenance')).toBe(false);
  });
});
