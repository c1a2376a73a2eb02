import { defineConfig } from 'vitest/config';
import { oneGraphql } from './vitest.resolve.js';

/**
 * The live Neo4j leg (`npm run test:live`): each file starts its own Neo4j from the Maven launcher
 * in neo4j/local/ (Java 17 and Maven needed), so files run one at a time to bound memory.
 */
export default defineConfig({
  resolve: oneGraphql,
  test: {
    include: ['test/live/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'test-output/vitest-results.json' }]],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
});
