import { beforeAll, describe, expect, it } from 'vitest';
import { SCOPE_DIMENSIONS, tagsInScope, valuesOf } from '../../src/domain/scope.js';
import type { GraphData, Requirement } from '../../src/domain/types.js';
import { loadSeed } from '../../src/seed/load-seed.js';

/**
 * The tags scoped holdings read (docs/SEMANTICS.md, "Scoped holdings") and the conditions on
 * mappings (seed/README.md): present where the scope rule needs them, and never contradicting the
 * requirements they sit on.
 */

let graph: GraphData;
let byId: Map<string, Requirement>;
beforeAll(async () => {
  graph = await loadSeed();
  byId = new Map(graph.requirements.map((r) => [r.id, r]));
});

const of = (frameworkId: string) => graph.requirements.filter((r) => r.frameworkId === frameworkId);
const categoryTags = Object.values(SCOPE_DIMENSIONS.categories.tags) as string[];

describe('SOC 2 categories', () => {
  it('every criterion carries exactly one Trust Services category, and the common criteria are Security', () => {
    for (const r of of('soc2')) {
      expect(r.tags.filter((t) => categoryTags.includes(t)), r.id).toHaveLength(1);
      if (r.ref.startsWith('CC')) expect(r.tags, r.id).toContain('Security');
    }
    const availability = of('soc2').filter((r) => r.tags.includes('Availability') && r.kind !== 'GROUP').map((r) => r.ref);
    expect(availability).toEqual(['A1.1', 'A1.2', 'A1.3']);
  });
});

describe('EU AI Act addressees and risk class', () => {
  const tagged = (tag: string) => of('eu-ai-act').filter((r) => r.tags.includes(tag)).map((r) => r.ref);

  it('tags the high-risk articles, and leaves those for every system untagged', () => {
    const high = tagged('risk-class:high-risk');
    expect(high).toEqual(expect.arrayContaining(['Art.9', 'Art.10', 'Art.11', 'Art.12', 'Art.13', 'Art.14', 'Art.15', 'Art.17', 'Art.26', 'Art.27', 'Art.43', 'Art.49', 'Art.72', 'Art.73']));
    for (const general of ['Art.4', 'Art.5', 'Art.50', 'Art.53', 'Art.55']) expect(high).not.toContain(general);
  });

  it('names the addressees of the focus articles, including importers and distributors', () => {
    for (const r of of('eu-ai-act').filter((x) => x.tags.includes('focus'))) {
      expect(r.tags.some((t) => t.startsWith('applies-to:')), r.id).toBe(true);
    }
    expect(tagged('applies-to:deployer')).toEqual(expect.arrayContaining(['Art.26', 'Art.27']));
    expect(tagged('applies-to:importer')).toContain('Art.23');
    expect(tagged('applies-to:distributor')).toContain('Art.24');
  });

  it('uses only tags the scope rule knows for addressees and risk classes', () => {
    const known = new Set([...Object.values(SCOPE_DIMENSIONS.roles.tags), ...Object.values(SCOPE_DIMENSIONS.riskClasses.tags)] as string[]);
    const used = of('eu-ai-act').flatMap((r) => r.tags.filter((t) => t.startsWith('applies-to:') || t.startsWith('risk-class:')));
    expect(used.filter((t) => !known.has(t))).toEqual([]);
  });
});

describe('mapping conditions', () => {
  const conditional = () => graph.mappings.filter((m) => m.condition !== null);
  const key = (m: { fromId: string; toId: string }) => `${m.fromId} -> ${m.toId}`;

  it('are set where a link holds only for some addressees or risk classes', () => {
    expect(conditional().map(key).sort()).toEqual([
      'eu-ai-act:Art.11 -> iso42001:A.6.2.3',
      'eu-ai-act:Art.26 -> iso42001:A.9.4',
      'eu-ai-act:Art.50 -> iso42001:A.6.2.2',
      'eu-ai-act:Art.50 -> iso42001:A.8.2',
    ]);
    expect(conditional().find((m) => m.fromId === 'eu-ai-act:Art.26')!.condition).toEqual({ roles: ['DEPLOYER'], riskClasses: ['HIGH_RISK'] });
  });

  it('never contradict the requirement they sit on: some scope keeps it in scope and meets the condition', () => {
    for (const m of conditional()) {
      const scoped = [m.fromId, m.toId].map((id) => byId.get(id)!).filter((r) => r.frameworkId === 'eu-ai-act');
      // The condition itself, taken as the scope, must keep the AI Act end in scope.
      for (const r of scoped) expect(tagsInScope(r.tags, m.condition!), `${key(m)} ${JSON.stringify(m.condition)}`).toBe(true);
    }
  });

  it('name only known values', () => {
    for (const m of conditional()) {
      expect(m.condition!.roles ?? []).toEqual((m.condition!.roles ?? []).filter((v) => valuesOf('roles').includes(v)));
      expect(m.condition!.riskClasses ?? []).toEqual((m.condition!.riskClasses ?? []).filter((v) => valuesOf('riskClasses').includes(v)));
    }
  });
});

describe('review findings', () => {
  it('A1.1 only overlaps A.8.6 (capacity of people and premises too), strength about 7, saying so', () => {
    const m = graph.mappings.find((x) => x.fromId === 'soc2:A1.1' && x.toId === 'iso27001:A.8.6')!;
    expect(m.relationship).toBe('INTERSECTS_WITH');
    expect(m.strength).toBeGreaterThanOrEqual(6);
    expect(m.strength).toBeLessThanOrEqual(7);
    expect(m.note).toMatch(/people/);
  });
});
