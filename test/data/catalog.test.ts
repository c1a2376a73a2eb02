import { beforeAll, describe, expect, it } from 'vitest';
import type { GraphData, Requirement } from '../../src/domain/types.js';
import { loadSeed } from '../../src/seed/load-seed.js';
import { readReference } from '../helpers/reference.js';

/** The five framework catalogs against the checked reference lists: ids, titles, counts, hierarchy. */

let graph: GraphData;
beforeAll(async () => {
  graph = await loadSeed();
});

const of = (framework: string) => graph.requirements.filter((r) => r.frameworkId === framework);
const refsOf = (framework: string, kind?: Requirement['kind']) => of(framework).filter((r) => !kind || r.kind === kind).map((r) => r.ref);
const titles = (framework: string) => Object.fromEntries(of(framework).map((r) => [r.ref, r.title]));

describe('framework catalogs match the reference', () => {
  it('has the five frameworks with the facts a buyer compares', () => {
    const facts = readReference('framework-facts.json').frameworks as Record<string, { kind: string; ai_specific: boolean }>;
    expect(graph.frameworks.map((f) => f.id).sort()).toEqual(Object.keys(facts).sort());
    for (const f of graph.frameworks) {
      expect(f.kind, f.id).toBe(facts[f.id]!.kind);
      expect(f.aiSpecific, f.id).toBe(facts[f.id]!.ai_specific);
      expect(f.summary.length, f.id).toBeGreaterThan(60);
    }
    expect(graph.frameworks.find((f) => f.id === 'soc2')!.observationPeriod).toMatch(/Type 2/);
  });

  it('SOC 2: 61 criteria with the reference ids and titles, in 20 series', () => {
    const reference = readReference('soc2-tsc-2017.json').items as Array<{ id: string; title: string; group: string }>;
    expect(refsOf('soc2', 'CONTROL')).toEqual(reference.map((i) => i.id));
    expect(refsOf('soc2', 'CONTROL')).toHaveLength(61);
    for (const item of reference) {
      expect(titles('soc2')[item.id]).toBe(item.title);
      expect(graph.requirements.find((r) => r.id === `soc2:${item.id}`)!.parentId).toBe(`soc2:${item.group.split(' ')[0]}`);
    }
    expect(refsOf('soc2', 'GROUP')).toHaveLength(20);
  });

  it.each([
    ['iso42001', 'iso42001-2023.json', 38, 43],
    ['iso27001', 'iso27001-2022.json', 93, 41],
  ])('%s: every clause and Annex A control, with reference titles', (framework, file, controls, clauses) => {
    const reference = readReference(file).items as Array<{ id: string; title: string; type: string }>;
    expect(refsOf(framework)).toEqual(reference.map((i) => i.id));
    expect(refsOf(framework, 'CONTROL')).toHaveLength(controls);
    expect(reference.filter((i) => i.type === 'clause')).toHaveLength(clauses);
    for (const item of reference) expect(titles(framework)[item.id], item.id).toBe(item.title);
  });

  it('ISO 42001 Annex A: 38 controls in the groups the reference counts', () => {
    const perGroup = readReference('iso42001-2023.json').counts.annex_a_controls_per_group as Record<string, number>;
    for (const [group, count] of Object.entries(perGroup)) {
      const groupRef = group.split(' ')[0]!;
      const inGroup = of('iso42001').filter((r) => r.kind === 'CONTROL' && (r.ref.startsWith(`${groupRef}.`)));
      expect(inGroup, group).toHaveLength(count);
    }
  });

  it('NIST AI RMF: 4 functions, 19 categories, 72 subcategories', () => {
    const reference = readReference('nist-ai-rmf-1.0.json').items as Array<{ id: string; title: string; type: string; statement: string }>;
    expect(refsOf('nist-ai-rmf')).toEqual(reference.map((i) => i.id));
    expect(refsOf('nist-ai-rmf', 'CONTROL')).toHaveLength(72);
    expect(refsOf('nist-ai-rmf', 'GROUP')).toHaveLength(23);
    for (const item of reference) {
      const requirement = of('nist-ai-rmf').find((r) => r.ref === item.id)!;
      expect(requirement.title).toBe(item.title);
      // Summaries are our own words, not the official statement.
      expect(requirement.summary.trim().toLowerCase(), item.id).not.toBe(item.statement.trim().toLowerCase());
    }
  });

  it('EU AI Act: all 113 articles under their chapters, the 20 focus articles tagged', () => {
    const reference = readReference('eu-ai-act.json').items as Array<{ id: string; title: string; focus: boolean; chapter: string }>;
    expect(refsOf('eu-ai-act', 'CLAUSE')).toEqual(reference.map((i) => i.id));
    const focus = of('eu-ai-act').filter((r) => r.tags.includes('focus')).map((r) => r.ref);
    expect(focus).toEqual(reference.filter((i) => i.focus).map((i) => i.id));
    expect(focus).toHaveLength(20);
    for (const item of reference) {
      const article = of('eu-ai-act').find((r) => r.ref === item.id)!;
      expect(article.title).toBe(item.title);
      expect(article.parentId).toBe(`eu-ai-act:Ch.${item.chapter.split(' ')[1]}`);
    }
  });

  it('every requirement has a summary of its own, one or two sentences', () => {
    for (const r of graph.requirements) {
      expect(r.summary.length, r.id).toBeGreaterThanOrEqual(20);
      expect(r.summary.length, r.id).toBeLessThanOrEqual(400);
      expect(r.summary.toLowerCase(), r.id).not.toBe(r.title.toLowerCase());
      // Placeholder wording from the generator that made the first catalogs never ships.
      expect(r.summary, r.id).not.toMatch(/pending curator review|^Heading grouping|^Asks the organisation to address/i);
    }
  });

  it('no two requirements of a framework share a summary', () => {
    const seen = new Map<string, string>();
    for (const r of graph.requirements) {
      const key = `${r.frameworkId}|${r.summary.trim().toLowerCase()}`;
      expect(seen.get(key), `${r.id} repeats the summary of ${seen.get(key)}`).toBeUndefined();
      seen.set(key, r.id);
    }
  });

  it('imports the public NIST AI RMF to ISO 42001 crosswalk as its own RELATED source', () => {
    const reference = readReference('mappings/nist-ai-rmf-1.0_to_iso42001-2023.json').pairs as Array<{ from: string; to: string }>;
    const imported = graph.mappings.filter((m) => m.setId === 'nist-ai-rmf--iso42001');
    expect(imported.map((m) => `${m.fromId}>${m.toId}`)).toEqual(reference.map((p) => `nist-ai-rmf:${p.from}>iso42001:${p.to}`));
    expect(imported.every((m) => m.relationship === 'RELATED' && m.sourceId === 'nist-airc-ai-rmf-iso42001' && m.strength === null)).toBe(true);
    const source = graph.sources.find((s) => s.id === 'nist-airc-ai-rmf-iso42001')!;
    expect(source.url).toMatch(/^https:\/\/airc\.nist\.gov\//);
  });
});
