import { createServer } from 'node:http';
import { buildSchema, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { defaultConfig } from '../src/config.js';
import { createApolloServer } from '../src/graphql/apollo.js';
import { createRequestContext } from '../src/graphql/context.js';
import { frameworksNamed, operationCost } from '../src/graphql/cost.js';
import { FrameworkSizeCache } from '../src/graphql/framework-sizes.js';
import { loadTypeDefs } from '../src/graphql/schema.js';
import { createLogger } from '../src/logger.js';
import { loadSeed } from '../src/seed/load-seed.js';
import { MemoryStore } from '../src/store/memory/memory-store.js';
import { COST_QUERIES } from './cost-queries.js';
import { machineNote, writeSection } from './results-file.js';

/**
 * The cost model against measured CPU: each representative query runs in this process through the
 * same Apollo server the API uses (result cache off, no HTTP), and its CPU time per request is set
 * against its computed cost. With the embedded store a request never yields to the event loop, so its
 * CPU time is how long it holds the loop; ms per cost unit times the limit bounds that hold.
 */

export interface Calibration {
  name: string;
  cost: number;
  cpuMs: number;
  msPerUnit: number;
}

export async function calibrateCosts(options: { quick?: boolean } = {}): Promise<Calibration[]> {
  const config = defaultConfig();
  const limits = { ...config.limits, maxCost: 10_000_000 };
  const log = createLogger('silent');
  const store = new MemoryStore(await loadSeed(process.env.CROSSWALK_SEED_DIR));
  const apollo = createApolloServer({ introspection: false, limits, httpServer: createServer(), log, trustedManifest: null, resultCache: { maxEntries: 0, maxBytes: 0 } });
  await apollo.start();
  const schema = buildSchema(loadTypeDefs().join('\n'));
  const rows: Calibration[] = [];
  // Sized from the data, as the API's cost plugin sizes them (one version: the seed).
  const sizes = new FrameworkSizeCache();
  try {
    for (const q of COST_QUERIES) {
      const document = parse(q.query);
      const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
      const fragments = Object.fromEntries(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
      const known = await sizes.sizes(store, 'calibration', frameworksNamed(schema, operation, fragments, q.variables ?? {}));
      const cost = operationCost(schema, operation, fragments, q.variables ?? {}, (id) => known.get(id) ?? undefined);
      const run = async () => {
        const contextValue = createRequestContext(store, { traceRequested: false, requestId: 'calibration', log });
        const response = await apollo.executeOperation({ query: q.query, variables: q.variables }, { contextValue });
        const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
        if (response.body.kind !== 'single' || (errors && !q.errors) || (q.errors && !errors)) throw new Error(`${q.name}: ${JSON.stringify(response.body).slice(0, 500)}`);
      };
      // Warm-up (JIT, Apollo's parsed-document cache), then the median of several timed batches:
      // the machine is shared, and the median shrugs off a batch another process disturbed.
      const warm = performance.now();
      do await run();
      while (performance.now() - warm < (options.quick ? 100 : 400));
      const batches: number[] = [];
      for (let b = 0; b < (options.quick ? 3 : 7); b++) {
        const before = process.cpuUsage();
        const started = performance.now();
        let runs = 0;
        do {
          await run();
          runs++;
        } while (performance.now() - started < (options.quick ? 60 : 250));
        const used = process.cpuUsage(before);
        batches.push((used.user + used.system) / 1000 / runs);
      }
      const cpuMs = batches.sort((a, b) => a - b)[Math.floor(batches.length / 2)]!;
      rows.push({ name: q.name, cost, cpuMs, msPerUnit: cpuMs / cost });
      console.log(`  ${q.name}: cost ${cost}, ${cpuMs.toFixed(3)} ms CPU, ${((cpuMs / cost) * 1000).toFixed(2)} µs per unit`);
    }
  } finally {
    await apollo.stop();
  }
  return rows;
}

/** Below this cost a request's fixed work (parsing the body, context, serialising) dominates its ratio. */
const SIZEABLE = 1000;

/** `npm run bench:cost`: measures, prints, and writes the "Cost calibration" section of bench/RESULTS.md. */
export async function costCalibrationMain(quick: boolean): Promise<void> {
  const rows = await calibrateCosts({ quick });
  const limit = defaultConfig().limits.maxCost;
  const sizeable = rows.filter((r) => r.cost >= SIZEABLE);
  const worst = sizeable.reduce((a, b) => (b.msPerUnit > a.msPerUnit ? b : a));
  const sorted = sizeable.map((r) => r.msPerUnit).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const us = (ms: number) => (ms * 1000).toFixed(2);
  const holdMs = Math.round(worst.msPerUnit * limit);
  console.log(`median ${us(median)} µs per unit; worst ${us(worst.msPerUnit)} (${worst.name}); a query at the limit of ${limit} holds the loop about ${holdMs} ms`);
  writeSection(
    'Cost calibration',
    [
      `Written by \`npm run bench:cost\`${quick ? ' -- --quick' : ''} on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC. ${machineNote()}`,
      '',
      "Each query runs in-process through the API's own Apollo server on the embedded store (result cache off, no HTTP): median CPU time per request of several timed batches after a warm-up, against the cost the limit computes (`src/graphql/cost.ts`). With the embedded store a request never yields to the event loop except where an analysis paces itself, so its CPU time is how long it holds the loop.",
      '',
      '| query | cost | CPU ms | µs per cost unit |',
      '| --- | --- | --- | --- |',
      ...rows.map((r) => `| ${r.name} | ${r.cost.toLocaleString('en-GB')} | ${r.cpuMs.toFixed(2)} | ${us(r.msPerUnit)} |`),
      '',
      `Queries costing ${SIZEABLE} or more: median ${us(median)} µs per unit, worst ${us(worst.msPerUnit)} (${worst.name}). Smaller ones show a higher ratio because a request's fixed work (about half a millisecond) dominates them; the limit is about the big ones.`,
      `**A query at the limit (${limit.toLocaleString('en-GB')}) holds the event loop at most about ${holdMs} ms on this machine** (worst ratio times the limit). The long analyses (explain's path search, every coverage computation) also pause between slices (\`src/analysis/pacing.ts\`), so they hold it for a slice at a time, and stop once the request's time is up.`,
      'Unknown ids and references cost a "did you mean" search each, bounded to 20 per request (`MAX_SUGGESTIONS_PER_REQUEST`), whatever the cost says: about 20 to 30 ms at most here.',
    ].join('\n'),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  costCalibrationMain(process.argv.includes('--quick')).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
