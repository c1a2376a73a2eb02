import { readdirSync, readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileGrammar, parseRef, type CompiledGrammar } from '../../src/domain/refs.js';
import type { GraphData } from '../../src/domain/types.js';
import { loadSeed } from '../../src/seed/load-seed.js';

/**
 * The citation corpus: each framework's seed/citations file lists citations as people write them and
 * the requirement each must read as. Read with every framework's grammar at once, so a new framework
 * whose forms steal another's citations fails here.
 */

let graph: GraphData;
let grammars: CompiledGrammar[];
beforeAll(async () => {
  graph = await loadSeed();
  grammars = graph.frameworks.filter((f) => f.citations).map((f) => compileGrammar(f.id, f.citations!));
});

const folder = new URL('../../seed/citations/', import.meta.url);
const files = readdirSync(folder).filter((f) => f.endsWith('.yaml'));
const corpus = files.flatMap((file) => {
  const data = load(readFileSync(new URL(file, folder), 'utf8')) as { framework: string; examples: Array<{ cite: string; ref: string; title?: string }> };
  return data.examples.map((e) => ({ file, framework: data.framework, ...e }));
});

describe('citation grammars', () => {
  it('every framework in seed/ has one', () => {
    const without = graph.frameworks.filter((f) => !f.citations).map((f) => f.id);
    expect(without).toEqual([]);
  });

  it('every grammar brings at least three examples', () => {
    for (const framework of graph.frameworks) {
      expect(corpus.filter((e) => e.framework === framework.id).length, framework.id).toBeGreaterThanOrEqual(3);
    }
  });

  it.each(corpus.map((e) => [`${e.file}: ${e.cite}`, e] as const))('%s', (_name, example) => {
    const id = `${example.framework}:${example.ref}`;
    const existing = new Set(graph.requirements.map((r) => r.id));
    expect(existing.has(id), `${id} is not a requirement`).toBe(true);
    const parsed = parseRef(example.cite, grammars);
    // Read as a resolver reads it: the first tier with a requirement that exists must be exactly this one.
    const firstHit = parsed.tiers.map((tier) => tier.filter((t) => existing.has(t))).find((tier) => tier.length > 0);
    expect(firstHit).toEqual([id]);
    expect(parsed.citedTitle).toBe(example.title ?? null);
  });
});
