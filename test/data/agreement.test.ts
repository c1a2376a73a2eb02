import { beforeAll, describe, expect, it } from 'vitest';
import { queryPairAgreements } from '../../src/analysis/agreement.js';
import type { PairAgreement } from '../../src/domain/agreement.js';
import type { GraphData } from '../../src/domain/types.js';
import { loadSeed } from '../../src/seed/load-seed.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';

/**
 * Where the seed's lines of evidence disagree today, for every pair of frameworks in both directions.
 * The figure is reported, not assumed (there may be none); each reported disagreement must be a real
 * conflict: a relation against a nothing-found record, or two relations that exclude each other.
 */

let graph: GraphData;
const found: Array<{ a: string; b: string; pairs: PairAgreement[] }> = [];
beforeAll(async () => {
  graph = await loadSeed();
  const store = new MemoryStore(graph);
  for (const a of graph.frameworks) {
    for (const b of graph.frameworks) {
      if (a.id !== b.id) found.push({ a: a.id, b: b.id, pairs: await queryPairAgreements(store, a.id, b.id) });
    }
  }
});

describe('agreement between the seed\'s sources', () => {
  it('reports today\'s disagreements, each a real conflict', () => {
    const disagreements = found.flatMap(({ pairs }) => pairs.filter((p) => p.agreement === 'DISAGREE'));
    const lines = disagreements.map((p) => `  ${p.fromId} / ${p.toId}: ${p.claims.map((c) => `${c.kind} ${c.relationship ?? ''} (${c.setIds.join(' + ')})`).join('; ')}`);
    console.log(`disagreements between sources in seed/: ${disagreements.length} pair readings\n${lines.join('\n')}`);
    for (const p of disagreements) {
      expect(p.conflicts.length, `${p.fromId} / ${p.toId}`).toBeGreaterThan(0);
      for (const [i, j] of p.conflicts) expect(p.claims[i]!.allows.some((x) => p.claims[j]!.allows.includes(x))).toBe(false);
    }
  });

  it('reports how the linked pairs stand, and every pair has at least one claim with a relation', () => {
    const tally: Record<string, number> = {};
    for (const { pairs } of found) for (const p of pairs) tally[p.agreement] = (tally[p.agreement] ?? 0) + 1;
    console.log(`linked pair readings by agreement: ${JSON.stringify(tally)}`);
    for (const { pairs } of found) for (const p of pairs) expect(p.claims.some((c) => c.relationship !== null)).toBe(true);
    expect(Object.values(tally).reduce((x, y) => x + y, 0)).toBeGreaterThan(0);
  });
});
