import { describe, expect, it } from 'vitest';
import { explainSearch } from '../../src/analysis/explain.js';
import { MAX_PATH_EXPANSIONS, searchPaths, type Hop } from '../../src/domain/explain.js';
import { realSeedStore } from '../helpers/http.js';

/**
 * Issue #16, finding 2: explain enumerated every simple path before keeping `first`; in the
 * shared-discipline cliques of the real seed one maxHops 4 request blocked the event loop for over
 * a second. The search is bounded by construction: by `first` (length by length) and by a budget of
 * expansions. Work is asserted as counted steps, not time. Answers are unchanged (test/domain/planning,
 * test/api/analysis-fixture, headline).
 */
describe('explain path search is bounded', () => {
  it('stops at `first` paths: the attack query takes a few hundred steps', async () => {
    const store = await realSeedStore();
    const search = await explainSearch(store, 'iso42001:A.6.2.7', 'iso42001:6.1.2', 4, 10);
    expect(search.paths).toHaveLength(10);
    expect(search.expansions).toBeLessThan(1_000);
  });

  it('stops at the expansion budget when many paths are wanted', async () => {
    const store = await realSeedStore();
    const search = await explainSearch(store, 'iso42001:A.6.2.7', 'iso42001:6.1.2', 4, 1_000_000);
    expect(search.expansions).toBeLessThanOrEqual(MAX_PATH_EXPANSIONS);
    expect(search.paths.length).toBeGreaterThan(10);
  });

  it('a clique with no way to the target costs at most the budget', () => {
    const ids = Array.from({ length: 14 }, (_, i) => `n${i}`);
    const edges = new Map<string, Hop[]>();
    for (const a of ids) edges.set(a, ids.filter((b) => b !== a).map((b) => ({ kind: 'SHARED_DISCIPLINE', fromId: a, toId: b, disciplineId: 'k' })));
    edges.set('n13', [...edges.get('n13')!, { kind: 'SHARED_DISCIPLINE', fromId: 'n13', toId: 'z', disciplineId: 'k' }]);
    const search = searchPaths(edges, 'n0', 'z', 4, 1_000_000, 500);
    expect(search.expansions).toBeLessThanOrEqual(500);
  });
});
