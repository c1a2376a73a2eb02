import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules in .dependency-cruiser.cjs (run by `npm run lint:deps` inside `npm test`) really
 * fail on a forbidden import: run over test/fixtures/layer-violations/, where each file breaks one
 * rule on purpose, they report every planted violation by rule name, and nothing that is allowed.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURE = path.join(ROOT, 'test/fixtures/layer-violations');
const DEPCRUISE = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

function cruise(cwd: string): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [DEPCRUISE, 'src', '--config', path.join(ROOT, '.dependency-cruiser.cjs')], { cwd, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('layer rules', () => {
  const { status, output } = cruise(FIXTURE);

  it('fail with a non-zero exit when a forbidden import is present', () => {
    expect(status).not.toBe(0);
    expect(output).toMatch(/8 dependency violations \(8 errors/);
  });

  it.each([
    ['domain-is-pure', 'src/domain/uses-store.js → src/store/memory/store.js'],
    ['domain-is-pure', 'src/domain/uses-node.js → fs'],
    ['analysis-uses-only-domain', 'src/analysis/uses-graphql.js → src/graphql/resolver.js'],
    ['store-uses-only-domain', 'src/store/memory/store.js → src/graphql/resolver.js'],
    ['store-adapters-stand-alone', 'src/store/memory/store.js → src/store/neo4j/driver.js'],
    ['workspace-uses-domain-and-seed', 'src/workspace/uses-graphql.js → src/graphql/resolver.js'],
    ['only-neo4j-adapter-imports-neo4j-driver', 'src/graphql/resolver.js → '],
    ['only-graphql-imports-apollo', 'src/cli/main.js → '],
  ])('name the rule %s for %s', (rule, edge) => {
    expect(output).toContain(`error ${rule}: ${edge}`);
  });

  it('let the allowed imports through: the Neo4j adapter its driver, the domain itself, the data directory the domain', () => {
    expect(output).not.toContain('src/store/neo4j/driver.js → ');
    expect(output).not.toContain('src/workspace/uses-domain.js → ');
    expect(output).not.toContain('src/domain/rule.js → ');
  });

  it('pass on the real source tree', () => {
    const real = cruise(ROOT);
    expect(real.output).toContain('no dependency violations found');
    expect(real.status).toBe(0);
  });
});
