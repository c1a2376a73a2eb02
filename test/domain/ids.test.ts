import { describe, expect, it } from 'vitest';
import { frameworkIdOf, isFrameworkIdForm, mappingId, noRelationshipId, parseGlobalId, requirementRefOf, setIdOfMember, workspaceOfId } from '../../src/domain/ids.js';

/** Ids are read by their form (docs: "Conventions for integrators"), public and workspace ones alike. */
describe('global ids', () => {
  it.each([
    ['iso42001:A.6.2.4', 'iso42001', 'A.6.2.4'],
    ['nist-ai-rmf:GOVERN 1.1', 'nist-ai-rmf', 'GOVERN 1.1'],
    ['acme:controls:AC-01', 'acme:controls', 'AC-01'],
    ['acme:controls:4', 'acme:controls', '4'],
  ])('splits requirement %s into framework %s and ref %s', (id, framework, ref) => {
    expect(frameworkIdOf(id)).toBe(framework);
    expect(requirementRefOf(id)).toBe(ref);
  });

  it.each([
    ['soc2--iso42001', 'soc2:CC7.2', 'iso42001:A.6.2.6'],
    ['acme:controls--soc2', 'acme:controls:AC-01', 'soc2:CC6.1'],
    ['acme:soc2--controls', 'soc2:CC6.1', 'acme:controls:AC-01'],
    ['acme:controls--other', 'acme:controls:AC-01', 'acme:other:X-1'],
  ])('finds set %s in the ids of its members', (set, from, to) => {
    expect(setIdOfMember(mappingId(set, from, to))).toBe(set);
    expect(setIdOfMember(noRelationshipId(set, from))).toBe(set);
    expect(parseGlobalId(`mapping:${mappingId(set, from, to)}`)).toEqual({ type: 'Mapping', localId: mappingId(set, from, to) });
  });

  it('reads x:y with slugs on both sides as a requirement or a workspace framework, and says so', () => {
    expect(parseGlobalId('acme:controls')).toEqual({ type: 'Requirement', localId: 'acme:controls', orFramework: true });
    expect(parseGlobalId('iso42001:4')).toEqual({ type: 'Requirement', localId: 'iso42001:4', orFramework: true });
    expect(parseGlobalId('soc2:CC6.1')).toEqual({ type: 'Requirement', localId: 'soc2:CC6.1' });
    expect(parseGlobalId('acme:controls:AC-01')).toEqual({ type: 'Requirement', localId: 'acme:controls:AC-01' });
    expect(parseGlobalId('mapping-set:acme:controls--soc2')).toEqual({ type: 'MappingSet', localId: 'acme:controls--soc2' });
  });

  it.each(['acme:Controls:AC-01', 'a:b:c:d', 'acme:', 'acme:controls:', ':x', 'ACME:controls'])('refuses %s as no id at all', (id) => {
    expect(parseGlobalId(id)).toBeNull();
  });

  it('tells framework ids by form and their workspace', () => {
    expect(['soc2', 'acme:controls'].map(isFrameworkIdForm)).toEqual([true, true]);
    expect(['soc2:CC6.1', 'acme:controls:AC-01', 'a:b:c', 'Soc2'].map(isFrameworkIdForm)).toEqual([false, false, false, false]);
    expect([workspaceOfId('acme:controls'), workspaceOfId('soc2'), workspaceOfId('acme:controls--soc2')]).toEqual(['acme', null, 'acme']);
  });
});
