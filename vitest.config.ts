import { defineConfig } from 'vitest/config';
import { oneGraphql } from './vitest.resolve.js';

export default defineConfig({
  resolve: oneGraphql,
  test: {
    include: ['test/**/*.test.ts'],
    // The live Neo4j leg needs Java: `npm run test:live` runs it (and CI does, every run).
    exclude: ['test/live/**', '**/node_modules/**'],
    globalSetup: ['test/helpers/announce-live-leg.ts'],
    // The JSON report is what .ci/run reads for its closing "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: 'test-output/vitest-results.json' }]],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
