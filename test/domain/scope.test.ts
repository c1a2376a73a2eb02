import { describe, expect, it } from 'vitest';
import { scopeProblems, quotedArgument, toHeldScope } from '../../src/analysis/request-checks.js';
import { computeCoverage, type CoverageGraph } from '../../src/domain/coverage.js';
import { expandToLeaves } from '../../src/domain/leaves.js';
import { conditionMet, describeScopeValues, isHeldRequirement, plainHeldSide, tagsInScope, type HeldScope, type HeldSide } from '../../src/domain/scope.js';
import type { Mapping, MappingSet, Requirement } from '../../src/domain/types.js';
import { requirement } from '../helpers/builders.js';

/** The one rule of scoped holdings (docs/SEMANTICS.md, "Scoped holdings"), read as a spec. */

const side = (scopes: HeldScope[], tags: Record<string, string[]>, held = scopes.map((s) => s.frameworkId)): HeldSide => ({
  frameworkIds: new Set(held),
  scopes: new Map(scopes.map((s) => [s.frameworkId, s])),
  tagsOf: new Map(Object.entries(tags)),
});

describe('which held requirements are in scope', () => {
  it('a SOC 2 criterion is in scope when its category is chosen', () => {
    const held = side([{ frameworkId: 'soc2', categories: ['SECURITY'] }], { 'soc2:CC6.1': ['Security'], 'soc2:A1.1': ['Availability'] });
    expect(isHeldRequirement(held, 'soc2:CC6.1')).toBe(true);
    expect(isHeldRequirement(held, 'soc2:A1.1')).toBe(false);
  });

  it('an AI Act article is in scope when its addressees and risk class meet the chosen ones; untagged dimensions do not restrict', () => {
    const deployerHigh = { roles: ['DEPLOYER'], riskClasses: ['HIGH_RISK'] };
    expect(tagsInScope(['applies-to:deployer', 'risk-class:high-risk'], deployerHigh)).toBe(true);
    expect(tagsInScope(['applies-to:provider', 'risk-class:high-risk'], deployerHigh)).toBe(false);
    expect(tagsInScope(['applies-to:deployer', 'risk-class:high-risk'], { roles: ['DEPLOYER'], riskClasses: ['MINIMAL_RISK'] })).toBe(false);
    // AI literacy binds providers and deployers of any system: no risk-class tag, so in scope for every class.
    expect(tagsInScope(['applies-to:provider', 'applies-to:deployer'], { roles: ['DEPLOYER'], riskClasses: ['MINIMAL_RISK'] })).toBe(true);
    expect(tagsInScope([], deployerHigh)).toBe(true);
  });

  it('a plain id holds the whole framework, and a framework not held holds nothing', () => {
    const held = plainHeldSide(['soc2']);
    expect(isHeldRequirement(held, 'soc2:A1.1')).toBe(true);
    expect(isHeldRequirement(held, 'iso27001:A.8.6')).toBe(false);
  });
});

describe('mapping conditions', () => {
  const condition = { roles: ['DEPLOYER'], riskClasses: ['HIGH_RISK'] };

  it('are met when the held scope includes a listed value on every named dimension', () => {
    expect(conditionMet(condition, side([{ frameworkId: 'eu-ai-act', roles: ['DEPLOYER'], riskClasses: ['HIGH_RISK'] }], {}))).toBe(true);
    expect(conditionMet(condition, side([{ frameworkId: 'eu-ai-act', roles: ['PROVIDER', 'DEPLOYER'] }], {}))).toBe(true);
    expect(conditionMet(condition, side([{ frameworkId: 'eu-ai-act', roles: ['PROVIDER'] }], {}))).toBe(false);
    expect(conditionMet(condition, side([{ frameworkId: 'eu-ai-act', riskClasses: ['LIMITED_RISK'] }], {}))).toBe(false);
  });

  it('are met when the framework is held whole (every condition applies) or not held (the target is not scoped)', () => {
    expect(conditionMet(condition, plainHeldSide(['eu-ai-act']))).toBe(true);
    expect(conditionMet(condition, plainHeldSide(['iso42001']))).toBe(true);
    expect(conditionMet(null, side([{ frameworkId: 'eu-ai-act', roles: ['PROVIDER'] }], {}))).toBe(true);
  });

  it('are described in words for reasons and tables', () => {
    expect(describeScopeValues(condition)).toBe('roles: deployer; risk classes: high risk');
    expect(describeScopeValues({ categories: ['SECURITY', 'PROCESSING_INTEGRITY'] })).toBe('categories: security, processing integrity');
  });
});

describe('coverage under a scope', () => {
  const mapping = (from: string, to: string, relationship: Mapping['relationship'], condition: Mapping['condition'] = null): Mapping => ({
    id: `${from}->${to}`, setId: 'h--t', sourceId: 's', fromId: from, toId: to, relationship, strength: 6, rationale: 'SEMANTIC', note: 'n', condition,
  });
  const set: MappingSet = { id: 'h--t', name: '', sourceId: 's', fromFrameworkId: 'h', toFrameworkId: 't', comprehensive: [{ side: 'to', tag: null }], description: '' };
  const graph = (held: HeldSide, mappings: Mapping[], implemented: string[] | null = null): CoverageGraph => ({
    targetFrameworkId: 't',
    held,
    implemented: implemented ? new Set(implemented) : null,
    targets: [requirement('t:1')],
    mappingSets: [set],
    mappingsOf: new Map([['t:1', mappings]]),
    noRelationshipsOf: new Map(),
    pivotMappingsOf: null,
  });

  it('drops a link whose condition the scope does not meet into outOfScope, leaving the requirement examined (NONE)', () => {
    const links = [mapping('h:1', 't:1', 'SUPERSET_OF', { roles: ['DEPLOYER'] })];
    // roles belong to eu-ai-act: held whole (or not held) the condition is met; held as a provider it is not.
    const [met] = computeCoverage(graph(plainHeldSide(['h']), links));
    expect(met!.status).toBe('FULL');
    expect(met!.via[0]!.conditions).toEqual([{ roles: ['DEPLOYER'] }]);
    const unmet = side([{ frameworkId: 'eu-ai-act', roles: ['PROVIDER'] }], {}, ['h', 'eu-ai-act']);
    const [item] = computeCoverage(graph(unmet, links));
    expect(item!.status).toBe('NONE');
    expect(item!.outOfScope.map((l) => l.heldId)).toEqual(['h:1']);
  });

  it('inference follows a chain only when the conditions of both hops are met and its held end is in scope', () => {
    const held = side([{ frameworkId: 'eu-ai-act', roles: ['PROVIDER'] }], { 'eu-ai-act:Art.26': ['applies-to:deployer'], 'eu-ai-act:Art.9': ['applies-to:provider'] });
    const chain = (first: Mapping, second: Mapping): CoverageGraph => ({
      ...graph(held, [second]),
      mappingSets: [],
      pivotMappingsOf: new Map([['p:1', [first]]]),
    });
    const second = mapping('p:1', 't:1', 'EQUAL');
    const [ok] = computeCoverage(chain(mapping('eu-ai-act:Art.9', 'p:1', 'SUPERSET_OF'), second));
    expect(ok!.via.map((l) => [l.heldId, l.inferred, l.relationship])).toEqual([['eu-ai-act:Art.9', true, 'SUPERSET_OF']]);
    const [unmet] = computeCoverage(chain(mapping('eu-ai-act:Art.9', 'p:1', 'SUPERSET_OF', { roles: ['DEPLOYER'] }), second));
    expect(unmet!.via).toEqual([]);
    const [outside] = computeCoverage(chain(mapping('eu-ai-act:Art.26', 'p:1', 'SUPERSET_OF'), second));
    expect(outside!.via).toEqual([]);
    const [conditioned] = computeCoverage(chain(mapping('eu-ai-act:Art.9', 'p:1', 'SUPERSET_OF', { roles: ['PROVIDER'] }), second));
    expect(conditioned!.via[0]!.conditions).toEqual([{ roles: ['PROVIDER'] }]);
  });

  it('NOT_IMPLEMENTED only for in-scope links: an out-of-scope one does not make a requirement "not implemented"', () => {
    const held = side([{ frameworkId: 'soc2', categories: ['SECURITY'] }], { 'soc2:A1.1': ['Availability'], 'soc2:CC7.5': ['Security'] });
    const g = (mappings: Mapping[]) => ({ ...graph(held, mappings, []), mappingSets: [{ ...set, fromFrameworkId: 'soc2' }] });
    const [outside] = computeCoverage(g([mapping('soc2:A1.1', 't:1', 'INTERSECTS_WITH')]));
    expect(outside!.status).toBe('NONE');
    const [inside] = computeCoverage(g([mapping('soc2:CC7.5', 't:1', 'INTERSECTS_WITH'), mapping('soc2:A1.1', 't:1', 'SUPERSET_OF')]));
    expect(inside!.status).toBe('NOT_IMPLEMENTED');
    expect(inside!.via.map((l) => [l.heldId, l.implemented])).toEqual([['soc2:CC7.5', false]]);
  });
});

describe('checking a scope request', () => {
  const problems = (scopes: Parameters<typeof scopeProblems>[0], held = ['soc2', 'eu-ai-act']) => scopeProblems(scopes, held, quotedArgument).map((p) => p.message);

  it('accepts a scope per held framework with its own dimensions', () => {
    expect(problems([{ framework: 'soc2', categories: ['SECURITY', 'AVAILABILITY'] }, { framework: 'eu-ai-act', roles: ['PROVIDER'], riskClasses: ['HIGH_RISK'] }])).toEqual([]);
  });

  it('refuses, naming the bad key or value', () => {
    expect(problems([{ framework: 'soc2', categories: ['SECURITY', 'AVAILABILTY'] }])).toEqual([expect.stringContaining('unknown categories value "AVAILABILTY"')]);
    expect(problems([{ framework: 'soc2', roles: ['PROVIDER'] }])).toEqual([expect.stringContaining('"soc2" has no roles')]);
    expect(problems([{ framework: 'iso27001', categories: ['SECURITY'] }], ['iso27001'])).toEqual([expect.stringContaining('"iso27001" has no categories')]);
    expect(problems([{ framework: 'nist', categories: ['SECURITY'] }])[0]).toContain('"nist", which is not in "held"');
    expect(problems([{ framework: 'soc2' }, { framework: 'soc2' }])).toEqual([expect.stringContaining('more than once')]);
    expect(problems([{ framework: 'soc2', categories: ['PRIVACY'] }])).toEqual([expect.stringContaining('must include SECURITY')]);
    expect(problems([{ framework: 'eu-ai-act', roles: [] }])).toEqual([expect.stringContaining('must not be empty')]);
  });

  it('keeps only the dimensions given, without repeats', () => {
    expect(toHeldScope({ framework: 'soc2', categories: ['SECURITY', 'SECURITY'], roles: null })).toEqual({ frameworkId: 'soc2', categories: ['SECURITY'] });
  });
});

describe('group ids in a readiness list', () => {
  const group = (id: string, parentId: string | null = null): Requirement => ({ ...requirement(id), kind: 'GROUP', parentId });
  const leaf = (id: string, parentId: string, position: number): Requirement => ({ ...requirement(id, position), parentId });
  const catalog = [group('s:CC6'), leaf('s:CC6.1', 's:CC6', 1), leaf('s:CC6.2', 's:CC6', 2), group('s:CC7'), leaf('s:CC7.1', 's:CC7', 4)];

  it('stand for every leaf below them; leaves stay; no repeats; catalog order', () => {
    expect(expandToLeaves(['s:CC7.1', 's:CC6', 's:CC6.2'], catalog)).toEqual(['s:CC6.1', 's:CC6.2', 's:CC7.1']);
    expect(expandToLeaves(['s:CC7'], catalog)).toEqual(['s:CC7.1']);
  });
});
