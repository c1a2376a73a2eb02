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
  it('has the frameworks with the facts a buyer compares', () => {
    const facts = readReference('framework-facts.json').frameworks as Record<string, { kind: string; ai_specific: boolean }>;
    // framework-facts.json covers the first five; the NIST catalogs imported from OSCAL carry their
    // facts in their overlays (seed/overlays/), and both are voluntary guidance outside government.
    const imported: Record<string, { kind: string; ai_specific: boolean }> = {
      'nist-csf': { kind: 'GUIDANCE', ai_specific: false },
      'nist-800-53': { kind: 'GUIDANCE', ai_specific: false },
    };
    const expected = { ...facts, ...imported };
    expect(graph.frameworks.map((f) => f.id).sort()).toEqual(Object.keys(expected).sort());
    for (const f of graph.frameworks) {
      expect(f.kind, f.id).toBe(expected[f.id]!.kind);
      expect(f.aiSpecific, f.id).toBe(expected[f.id]!.ai_specific);
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

  it('NIST CSF 2.0: 6 functions, 22 categories, 106 subcategories, with reference ids, titles and parents in order', () => {
    const reference = readReference('nist-csf-2.0.json').items as Array<{ id: string; title: string; type: string; parent?: string }>;
    expect(refsOf('nist-csf')).toEqual(reference.map((i) => i.id));
    expect(refsOf('nist-csf', 'CONTROL')).toEqual(reference.filter((i) => i.type === 'subcategory').map((i) => i.id));
    expect(refsOf('nist-csf', 'CONTROL')).toHaveLength(106);
    expect(of('nist-csf').filter((r) => r.tags.includes('function')).map((r) => r.ref)).toEqual(['GV', 'ID', 'PR', 'DE', 'RS', 'RC']);
    expect(of('nist-csf').filter((r) => r.tags.includes('category'))).toHaveLength(22);
    expect(refsOf('nist-csf', 'GROUP')).toHaveLength(28);
    for (const item of reference) {
      const requirement = of('nist-csf').find((r) => r.ref === item.id)!;
      expect(requirement.title, item.id).toBe(item.title);
      expect(requirement.parentId, item.id).toBe(item.parent ? `nist-csf:${item.parent}` : null);
    }
    // The CSF 1.1 items the catalog marks withdrawn are left out.
    expect(refsOf('nist-csf')).not.toContain('ID.BE');
    expect(refsOf('nist-csf')).not.toContain('PR.DS-03');
  });

  it('NIST SP 800-53 Rev. 5: 20 families and every live control and enhancement of the reference, withdrawn ones left out', () => {
    const ref = readReference('nist-sp-800-53-r5.json');
    const items = ref.items as Array<{ id: string; title: string; type: string; parent?: string; withdrawn?: boolean; baselines?: string[] }>;
    const live = items.filter((i) => !i.withdrawn);
    expect(refsOf('nist-800-53')).toEqual(live.map((i) => i.id));
    expect(refsOf('nist-800-53', 'GROUP')).toHaveLength(ref.counts.family);
    expect(of('nist-800-53').filter((r) => r.tags.includes('control'))).toHaveLength(ref.counts.active.control);
    expect(of('nist-800-53').filter((r) => r.tags.includes('enhancement'))).toHaveLength(ref.counts.active.enhancement);
    expect(refsOf('nist-800-53', 'CONTROL')).toHaveLength(298 + 709);
    for (const item of live) {
      const requirement = of('nist-800-53').find((r) => r.ref === item.id)!;
      expect(requirement.title, item.id).toBe(item.title);
      expect(requirement.parentId, item.id).toBe(item.parent ? `nist-800-53:${item.parent}` : null);
      // Families are groups; a base control stays a CONTROL whether or not enhancements refine it.
      expect(requirement.kind, item.id).toBe(item.type === 'family' ? 'GROUP' : 'CONTROL');
      const baselines = requirement.tags.filter((t) => ['LOW', 'MODERATE', 'HIGH', 'PRIVACY'].includes(t));
      expect(baselines, item.id).toEqual(item.baselines ?? []);
    }
    for (const [baseline, count] of Object.entries(ref.counts.baselines as Record<string, number>)) {
      expect(of('nist-800-53').filter((r) => r.tags.includes(baseline)), baseline).toHaveLength(count);
    }
    for (const item of items.filter((i) => i.withdrawn)) expect(refsOf('nist-800-53'), item.id).not.toContain(item.id);
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

  it.each([
    ['nist-csf--iso27001', 'nist-csf', 'mappings/nist-csf-2.0_to_iso27001-2022.json', 'nist-csf-informative-references', 341],
    ['nist-800-53--iso27001', 'nist-800-53', 'mappings/nist-sp-800-53-r5_to_iso27001-2022.json', 'nist-olir-800-53-iso27001', 642],
  ])('imports NIST\'s own %s mappings as RELATED pairs, every distinct pair of the reference once', (setId, from, file, sourceId, count) => {
    const pairs = readReference(file).pairs as Array<{ from: string; to: string; relationship_as_stated: string }>;
    const distinct = [...new Set(pairs.map((p) => `${from}:${p.from}>iso27001:${p.to}`))];
    const imported = graph.mappings.filter((m) => m.setId === setId);
    expect(imported.map((m) => `${m.fromId}>${m.toId}`)).toEqual(distinct);
    expect(imported).toHaveLength(count);
    // The copy's uniform "intersect" is the packager's, so nothing is promoted beyond RELATED.
    expect(pairs.every((p) => p.relationship_as_stated === 'intersect')).toBe(true);
    expect(imported.every((m) => m.relationship === 'RELATED' && m.strength === null && m.rationale === null && m.sourceId === sourceId)).toBe(true);
    const source = graph.sources.find((s) => s.id === sourceId)!;
    expect(source.publisher).toMatch(/^NIST/);
    expect(source.url).toMatch(/^https:\/\/(www|csrc)\.nist\.gov\//);
    expect(source.licence).toMatch(/not subject to copyright/);
    expect(source.description).toMatch(/packag/);
  });
});
