import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderStats, withStats } from '../../src/cli/stats.js';
import { loadSeed } from '../../src/seed/load-seed.js';
import { fixtureGraph } from '../helpers/fixture-seed.js';

describe('data stats', () => {
  it('counts nodes, edges, mappings by set and relationship', () => {
    const stats = renderStats(fixtureGraph());
    expect(stats).toContain('| beta | 6 | 1 | 0 | 5 |');
    expect(stats).toContain('| MAPS_TO | 4 |');
    expect(stats).toContain('| alpha--beta | curated | 0 | 0 | 1 | 1 | 0 | 1 |');
  });

  it('replaces only the stats block of a document', () => {
    const doc = 'intro\n<!-- stats:start (npm run data:stats -- --write) -->\nold\n<!-- stats:end -->\nafter\n';
    expect(withStats(doc, 'new')).toBe('intro\n<!-- stats:start (npm run data:stats -- --write) -->\n\nnew\n<!-- stats:end -->\nafter\n');
    expect(() => withStats('no block', 'x')).toThrow(/stats:start/);
  });

  it('seed/README.md carries the current counts (npm run data:stats -- --write)', async () => {
    const readme = readFileSync(new URL('../../seed/README.md', import.meta.url), 'utf8');
    expect(withStats(readme, renderStats(await loadSeed()))).toBe(readme);
  });
});
