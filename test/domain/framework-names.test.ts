import { describe, expect, it } from 'vitest';
import { frameworkBySpelling, spellingKey } from '../../src/domain/framework-names.js';

const frameworks = [
  { id: 'soc2', name: 'SOC 2 (AICPA Trust Services Criteria 2017)' },
  { id: 'iso42001', name: 'ISO/IEC 42001:2023' },
  { id: 'nist-ai-rmf', name: 'NIST AI Risk Management Framework 1.0' },
];

describe('framework names as people write them', () => {
  it('folds case, spaces, punctuation and "ISO/IEC"', () => {
    expect(spellingKey('ISO/IEC 42001')).toBe('iso42001');
    expect(spellingKey('SOC 2')).toBe('soc2');
    expect(spellingKey('NIST AI-RMF')).toBe('nistairmf');
  });

  it('finds the framework by id, by a spelling of its id, or by its full name', () => {
    expect(frameworkBySpelling('soc2', frameworks)?.id).toBe('soc2');
    expect(frameworkBySpelling('SOC 2', frameworks)?.id).toBe('soc2');
    expect(frameworkBySpelling('Nist AI RMF', frameworks)?.id).toBe('nist-ai-rmf');
    expect(frameworkBySpelling('ISO/IEC 42001:2023', frameworks)?.id).toBe('iso42001');
  });

  it('answers null rather than guess: unknown or ambiguous spellings, empty input', () => {
    expect(frameworkBySpelling('SOC 3', frameworks)).toBeNull();
    expect(frameworkBySpelling(' - ', frameworks)).toBeNull();
    expect(frameworkBySpelling('X 1', [{ id: 'x-1', name: 'X' }, { id: 'x1', name: 'Other' }])).toBeNull();
    expect(frameworkBySpelling('x1', [{ id: 'x-1', name: 'X' }, { id: 'x1', name: 'Other' }])?.id).toBe('x1');
  });
});
