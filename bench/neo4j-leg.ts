import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLocalNeo4j, type LocalNeo4j } from '../scripts/neo4j-local-lib.mjs';
import type { GraphData } from '../src/domain/types.js';
import { loadSeed } from '../src/seed/load-seed.js';
import { loadCypherRegistry, loadSchemaStatements } from '../src/store/neo4j/cypher-registry.js';
import { createNeo4jDriver } from '../src/store/neo4j/driver.js';
import { writeGraph } from '../src/store/neo4j/seed-writer.js';
import { renderNeo4jScaleChart } from './chart.js';
import { OPERATIONS } from './operations.js';
import { startServerProcess, stopServerProcess } from './server-process.js';
import { comparePeerAnswers, PEER_QUESTIONS } from './peer/questions.js';
import { machineNote, writeSection } from './results-file.js';
import { writeSyntheticSeed } from './synthetic-seed.js';
import { describeWarmUps, measureSteady, QUICK_WARM_UP, STEADY, type SteadyMeasure, type WarmUp } from './steady-load.js';

/**
 * `npm run bench:neo4j` (also run by `npm run bench`): the Neo4j leg. Starts a Neo4j of its own from
 * the project's Maven launcher, seeds it from seed/, and measures the API on it next to the embedded
 * store in the same run: every operation uncached and cached, with store calls (one Cypher statement
 * each) and the CPU share of the API and of Neo4j; then the @neo4j/graphql peer on the same data;
 * then the synthetic 10x and 100x graphs seeded into Neo4j. Writes the "Neo4j" sections of
 * bench/RESULTS.md. `--quick` shortens every run.
 */

const QUICK = process.argv.includes('--quick');
const SECONDS = QUICK ? 2 : 6;
const CONNECTIONS = 16;
const TICKS_PER_SECOND = 100; // USER_HZ on Linux
/**
 * Neo4j as production runs it: neo4j/local/jvm.options stops the JIT at C1 for quick starts in tests,
 * which a benchmark must not measure, so the full tiered compiler and a 2 GB heap are asked for here.
 */
const NEO4J_JAVA_OPTS = ['-XX:TieredStopAtLevel=4', '-Xmx2g'];

interface Measured extends SteadyMeasure {
  /** CPU seconds per wall second (1.0 = one core) of the API process and of Neo4j, during the measured window. */
  apiCpu: number;
  neo4jCpu: number;
}

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

const WARM_UP = QUICK ? QUICK_WARM_UP : STEADY;
const warmUps: WarmUp[] = [];
const TRIVIAL = { method: 'POST' as const, path: '/graphql', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: OPERATIONS[0]!.query }) };

/**
 * `query` on one server until its throughput is steady, then measured; with `againstTrivial`, the
 * trivial query is measured just before and after on the same server, and the ratio is to those.
 */
async function load(url: string, pathName: string, query: string, pids: { api: number; neo4j: number }, seconds = SECONDS, againstTrivial = false): Promise<Measured> {
  const request = { method: 'POST' as const, path: pathName, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) };
  let before = { api: 0, neo4j: 0, at: 0 };
  let cpu = { api: 0, neo4j: 0 };
  const measured = await measureSteady(url, request, {
    connections: CONNECTIONS,
    seconds,
    warmUp: WARM_UP,
    ...(againstTrivial ? { reference: { request: TRIVIAL, seconds: QUICK ? 1 : 3 } } : {}),
    window: {
      before: () => (before = { api: cpuSeconds(pids.api), neo4j: cpuSeconds(pids.neo4j), at: performance.now() }),
      after: () => {
        const wall = (performance.now() - before.at) / 1000;
        cpu = { api: (cpuSeconds(pids.api) - before.api) / wall, neo4j: (cpuSeconds(pids.neo4j) - before.neo4j) / wall };
      },
    },
  });
  warmUps.push(measured.warmUp);
  return { ...measured, apiCpu: cpu.api, neo4jCpu: cpu.neo4j };
}

type Traced = { data?: unknown; errors?: unknown[]; extensions?: { trace?: { storeCalls: number; databaseCalls?: number } } };

async function post(url: string, pathName: string, query: string, headers: Record<string, string> = {}): Promise<Traced> {
  const response = await fetch(`${url}${pathName}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  const body = (await response.json()) as Traced;
  if (body.errors) throw new Error(`${query}: ${JSON.stringify(body.errors).slice(0, 500)}`);
  return body;
}

/**
 * Seeds `graph`; `batched` (the scale graphs) writes it in one transaction per 1,000 rows, as
 * `npm run seed:neo4j -- --batched` does, since one transaction for the 100x graph does not fit in
 * the heap. No API is running yet, so no wait for API processes to see the seeding mark.
 */
async function seedNeo4j(neo: LocalNeo4j, graph: GraphData, batched = false): Promise<{ seconds: number; items: number }> {
  const driver = createNeo4jDriver({ uri: neo.uri, user: 'neo4j', password: neo.password, database: undefined }, { retryMs: 30_000 });
  try {
    const started = performance.now();
    const summary = await writeGraph(driver, loadCypherRegistry(), loadSchemaStatements(), graph, { batched, markSeenAfterMs: 0 });
    return { seconds: (performance.now() - started) / 1000, items: summary.nodesCreated + summary.relationshipsCreated };
  } finally {
    await driver.close();
  }
}

/** The API on `neo`; `readCache: false` switches off the read cache (src/store/read-cache.ts) that production on Neo4j has. */
const apiEnv = (neo: LocalNeo4j, cacheSize: number, readCache = true) => ({
  NEO4J_URI: neo.uri,
  NEO4J_USER: 'neo4j',
  NEO4J_PASSWORD: neo.password,
  CROSSWALK_RESULT_CACHE_SIZE: String(cacheSize),
  ...(readCache ? {} : { CROSSWALK_STORE_CACHE_BYTES: '0' }),
});
const fmt = (n: number) => n.toLocaleString('en-GB');
const share = (n: number) => n.toFixed(2);

interface OperationRow {
  name: string;
  /** Port calls of one uncached request (the same on both stores). */
  storeCalls: { embedded: number; neo4j: number };
  /** Cypher statements of one uncached request on Neo4j: without the read cache, its first time with it, and again. */
  statements: { noReadCache: number; cold: number; warm: number };
  embedded: { uncached: Measured; cached: Measured };
  neo4j: { uncached: Measured; cached: Measured; noReadCache: Measured };
}

/**
 * Every operation on both stores, uncached then cached, each server alone on the machine while
 * measured; on Neo4j also with the read cache off, what each request costs when every read is a
 * Cypher statement (the figures before the read cache).
 */
async function operations(neo: LocalNeo4j): Promise<OperationRow[]> {
  const rows: OperationRow[] = OPERATIONS.map((op) => ({ name: op.name, storeCalls: { embedded: 0, neo4j: 0 }, statements: { noReadCache: 0, cold: 0, warm: 0 }, embedded: {}, neo4j: {} }) as OperationRow);
  const runs = [
    { store: 'embedded', cacheSize: 0, column: 'uncached' },
    { store: 'embedded', cacheSize: 1000, column: 'cached' },
    { store: 'neo4j', cacheSize: 0, column: 'noReadCache' },
    { store: 'neo4j', cacheSize: 0, column: 'uncached' },
    { store: 'neo4j', cacheSize: 1000, column: 'cached' },
  ] as const;
  const traced = { 'x-crosswalk-trace': '1' };
  for (const run of runs) {
    const env = run.store === 'neo4j' ? apiEnv(neo, run.cacheSize, run.column !== 'noReadCache') : { CROSSWALK_RESULT_CACHE_SIZE: String(run.cacheSize) };
    const api = await startServerProcess('src/server.ts', env);
    try {
      for (const [i, op] of OPERATIONS.entries()) {
        const row = rows[i]!;
        if (run.column === 'uncached') {
          const first = (await post(api.url, '/graphql', op.query, traced)).extensions?.trace;
          row.storeCalls[run.store] = first?.storeCalls ?? 0;
          if (run.store === 'neo4j') row.statements = { ...row.statements, cold: first?.databaseCalls ?? 0, warm: (await post(api.url, '/graphql', op.query, traced)).extensions?.trace?.databaseCalls ?? 0 };
        }
        if (run.column === 'noReadCache') row.statements.noReadCache = (await post(api.url, '/graphql', op.query, traced)).extensions?.trace?.storeCalls ?? 0;
        const measured = await load(api.url, '/graphql', op.query, { api: api.child.pid!, neo4j: neo.pid }, SECONDS, true);
        (row[run.store] as Record<string, Measured>)[run.column] = measured;
        console.log(`  ${run.store} ${run.column} ${op.name}: ${measured.rps} req/s, p50 ${measured.p50} ms`);
      }
    } finally {
      await stopServerProcess(api);
    }
  }
  return rows;
}

interface PeerRow {
  name: string;
  ours: Measured;
  /** This API with its read cache off: every read a Cypher statement, as the peer's every request is. */
  oursNoReadCache: Measured;
  peer: Measured;
  same: string;
}

/** The questions @neo4j/graphql can express, asked of both APIs on the same Neo4j, answers compared. */
async function peerComparison(neo: LocalNeo4j): Promise<PeerRow[]> {
  const ours = await startServerProcess('src/server.ts', apiEnv(neo, 0));
  const oursNoReadCache = await startServerProcess('src/server.ts', apiEnv(neo, 0, false));
  const peer = await startServerProcess('bench/peer/server.ts', { NEO4J_URI: neo.uri, NEO4J_USER: 'neo4j', NEO4J_PASSWORD: neo.password }, { ready: /peer on http:\/\/127\.0\.0\.1:(\d+)\// });
  try {
    const rows: PeerRow[] = [];
    for (const question of PEER_QUESTIONS) {
      const oursAnswer = await post(ours.url, '/graphql', question.ours);
      const peerAnswer = await post(peer.url, '/', question.peer);
      const same = comparePeerAnswers(question, oursAnswer.data, peerAnswer.data);
      const oursMeasured = await load(ours.url, '/graphql', question.ours, { api: ours.child.pid!, neo4j: neo.pid });
      const oursNoCacheMeasured = await load(oursNoReadCache.url, '/graphql', question.ours, { api: oursNoReadCache.child.pid!, neo4j: neo.pid });
      const peerMeasured = await load(peer.url, '/', question.peer, { api: peer.child.pid!, neo4j: neo.pid });
      rows.push({ name: question.name, ours: oursMeasured, oursNoReadCache: oursNoCacheMeasured, peer: peerMeasured, same });
      console.log(`  peer ${question.name}: ours ${oursMeasured.rps} req/s (${oursNoCacheMeasured.rps} without the read cache), peer ${peerMeasured.rps} req/s; answers: ${same}`);
    }
    return rows;
  } finally {
    await stopServerProcess(ours);
    await stopServerProcess(oursNoReadCache);
    await stopServerProcess(peer);
  }
}

interface ScaleRow {
  label: string;
  requirements: number;
  mappings: number;
  seedSeconds: number;
  seedRate: number;
  coverage: Measured | null;
  catalog: Measured | null;
  /** Why the point could not be measured (seeding refused by Neo4j, say): a finding, reported as such. */
  failure: string | null;
}

async function scale(base: string | undefined): Promise<ScaleRow[]> {
  const sizes = QUICK
    ? [{ label: '10x', frameworks: 10, requirements: 500, mappings: 15_000 }]
    : [
        { label: '10x', frameworks: 10, requirements: 500, mappings: 15_000 },
        { label: '100x', frameworks: 53, requirements: 1000, mappings: 150_000 },
      ];
  const rows: ScaleRow[] = [];
  for (const size of sizes) {
    const dir = mkdtempSync(path.join(tmpdir(), 'crosswalk-neo4j-scale-'));
    writeSyntheticSeed(dir, size, base);
    const graph = await loadSeed(dir);
    const neo = await startLocalNeo4j({ ephemeral: true, javaOpts: NEO4J_JAVA_OPTS, onStderr: () => {} });
    try {
      const started = performance.now();
      const seeded = await seedNeo4j(neo, graph, true).catch((error: { code?: string; message?: string }) => {
        const failure = `seeding failed after ${((performance.now() - started) / 1000).toFixed(0)} s: ${error.code ?? error.message}`;
        rows.push({ label: size.label, requirements: graph.requirements.length, mappings: graph.mappings.length, seedSeconds: NaN, seedRate: NaN, coverage: null, catalog: null, failure });
        console.log(`  neo4j scale ${size.label}: ${failure}`);
        return null;
      });
      if (!seeded) continue;
      const api = await startServerProcess('src/server.ts', { ...apiEnv(neo, 0), CROSSWALK_SEED_DIR: dir });
      try {
        const pids = { api: api.child.pid!, neo4j: neo.pid };
        const coverage = await load(api.url, '/graphql', OPERATIONS.find((o) => o.name.startsWith('coverage soc2'))!.query, pids, QUICK ? 2 : 4);
        const catalog = await load(api.url, '/graphql', OPERATIONS.find((o) => o.name.startsWith('catalog page'))!.query, pids, QUICK ? 2 : 4);
        rows.push({ label: size.label, requirements: graph.requirements.length, mappings: graph.mappings.length, seedSeconds: seeded.seconds, seedRate: seeded.items / seeded.seconds, coverage, catalog, failure: null });
        console.log(`  neo4j scale ${size.label}: seeded in ${seeded.seconds.toFixed(1)} s; coverage p50 ${coverage.p50} ms; catalog p50 ${catalog.p50} ms`);
      } finally {
        await stopServerProcess(api);
      }
    } finally {
      await neo.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

function neo4jVersion(): string {
  const pom = readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), '../neo4j/local/pom.xml'), 'utf8');
  return /<neo4j\.version>([^<]+)</.exec(pom)?.[1] ?? 'unknown';
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const base = process.env.CROSSWALK_SEED_DIR;
  const graph = await loadSeed(base);
  console.log('neo4j: starting a server of its own');
  const neo = await startLocalNeo4j({ ephemeral: true, javaOpts: NEO4J_JAVA_OPTS, onStderr: () => {} });
  let ops: OperationRow[];
  let peers: PeerRow[];
  let seeded: { seconds: number; items: number };
  try {
    seeded = await seedNeo4j(neo, graph);
    console.log(`neo4j: seeded ${fmt(seeded.items)} nodes and relationships in ${seeded.seconds.toFixed(1)} s`);
    ops = await operations(neo);
    peers = await peerComparison(neo);
  } finally {
    await neo.stop();
  }
  console.log('neo4j: scale');
  const scaleRows = await scale(base);

  const ratio = (m: Measured) => (m.ratio === null ? '-' : m.ratio.toFixed(2));
  const met = (m: Measured, target: number) => `${m.ratio!.toFixed(3)} (${m.ratio! >= target ? 'met' : 'not met'})`;
  const headline = ops.find((o) => o.name === 'coverage soc2 -> iso42001')!;
  const matrix = ops.find((o) => o.name.startsWith('overlapMatrix'))!;
  const catalogPeer = peers.find((p) => p.name.startsWith('catalog page'));
  const targets = [
    `uncached headline coverage on the embedded store at 0.35 or more of the trivial query: ${met(headline.embedded.uncached, 0.35)}`,
    `overlap matrix uncached at 0.15 or more (embedded): ${met(matrix.embedded.uncached, 0.15)}`,
    `uncached headline coverage on Neo4j at 0.15 or more: ${met(headline.neo4j.uncached, 0.15)}; without the read cache ${ratio(headline.neo4j.noReadCache)}`,
    catalogPeer
      ? `this API at least as fast as the @neo4j/graphql peer on the catalog page: ${fmt(catalogPeer.ours.rps)} against ${fmt(catalogPeer.peer.rps)} req/s (${catalogPeer.ours.rps >= catalogPeer.peer.rps ? 'met' : 'not met'}; without the read cache ${fmt(catalogPeer.oursNoReadCache.rps)} req/s, ${catalogPeer.oursNoReadCache.rps >= catalogPeer.peer.rps ? 'as fast or faster' : 'slower'})`
      : 'catalog page against the peer: not measured',
  ];
  const body = [
    `Written by \`npm run bench:neo4j\`${QUICK ? ' --quick' : ''} on ${startedAt.toISOString().slice(0, 10)} with Neo4j Community ${neo4jVersion()} (the project's Maven launcher, \`neo4j/local/\`, default JVM options) on the same machine as the API. ${machineNote()}`,
    `Each server runs alone while measured: autocannon, ${CONNECTIONS} connections. Each operation is first driven in ${WARM_UP.windowSeconds} s windows until a window is no more than ${Math.round(WARM_UP.tolerance * 100)}% faster than the one before (\`bench/steady-load.ts\`: a fresh server keeps speeding up for tens of seconds, and a 1 s warm-up measured the headline coverage anywhere between 0.18 and 0.41 of trivial; warm-ups in this run: ${describeWarmUps(warmUps, WARM_UP)}), then measured for ${SECONDS} s. Ratios are to the trivial query measured on the same server for ${QUICK ? 1 : 3} s just before and just after each operation (the mean of the two), so the machine's drift over the run (the trivial query's throughput moved between 1,100 and 1,900 req/s within minutes on this quiet machine) is not taken for a difference between operations; the trivial row's own ratio (1 if windows a few seconds apart agreed) shows how far one window strays from its neighbours. CPU is CPU seconds per wall second of each process during the run (1.00 = one core; the machine has two, shared by autocannon, the API and Neo4j). Store calls are the port calls of one uncached request (one per DataLoader batch). On Neo4j the API keeps the public graph's reads by dataset version (\`src/store/read-cache.ts\`, \`CROSSWALK_STORE_CACHE_BYTES\`, on by default with Neo4j): Cypher statements are counted by \`extensions.trace.databaseCalls\` the first time an operation is asked (cold: the operations above it in the table ran first on the same server, so keys they read are kept already; each is asked first on its own in the live differential test) and the next time (warm), and without the read cache (each port call one statement in its own read transaction). \"Uncached\" is the result cache off, with the read cache (on Neo4j) and the analysis memo (\`CROSSWALK_ANALYSIS_MEMO\`: the graph around each target framework, per dataset version) on and warm, which is what an integrator's varied questions meet: both key on what is read (a framework's requirements, a requirement's mappings, a target's graph), not on the question, so other \`held\`, \`implemented\` or scopes read the same keys. The seed (${fmt(graph.requirements.length)} requirements, ${fmt(graph.mappings.length)} mappings) was written into Neo4j in ${seeded.seconds.toFixed(1)} s (${fmt(seeded.items)} nodes and relationships).`,
    '',
    '| operation | store calls | Cypher statements: no read cache / cold / warm | Neo4j without read cache req/s (ratio), p50 / p99 ms | embedded uncached req/s (ratio) | Neo4j uncached req/s (ratio) | Neo4j p50 / p90 / p99 ms | CPU API / Neo4j | embedded cached req/s (ratio) | Neo4j cached req/s (ratio) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...ops.map(
      (o) =>
        `| ${o.name} | ${o.storeCalls.embedded} / ${o.storeCalls.neo4j} | ${o.statements.noReadCache} / ${o.statements.cold} / ${o.statements.warm} | ${fmt(o.neo4j.noReadCache.rps)} (${ratio(o.neo4j.noReadCache)})${o.neo4j.noReadCache.errors ? `, ${fmt(o.neo4j.noReadCache.errors)} errors` : ''}, ${o.neo4j.noReadCache.p50} / ${o.neo4j.noReadCache.p99} | ${fmt(o.embedded.uncached.rps)} (${ratio(o.embedded.uncached)}) | ${fmt(o.neo4j.uncached.rps)} (${ratio(o.neo4j.uncached)})${o.neo4j.uncached.errors ? `, ${fmt(o.neo4j.uncached.errors)} errors` : ''} | ${o.neo4j.uncached.p50} / ${o.neo4j.uncached.p90} / ${o.neo4j.uncached.p99} | ${share(o.neo4j.uncached.apiCpu)} / ${share(o.neo4j.uncached.neo4jCpu)} | ${fmt(o.embedded.cached.rps)} (${ratio(o.embedded.cached)}) | ${fmt(o.neo4j.cached.rps)} (${ratio(o.neo4j.cached)})${o.neo4j.cached.errors ? `, ${fmt(o.neo4j.cached.errors)} errors` : ''} |`,
    ),
    '',
    `Errors across these runs: ${ops.reduce((n, o) => n + o.embedded.uncached.errors + o.embedded.cached.errors + o.neo4j.uncached.errors + o.neo4j.cached.errors + o.neo4j.noReadCache.errors, 0)}. The ratios without the read cache are to the trivial query on that same server.`,
    '',
    '### Against @neo4j/graphql',
    '',
    "The peer is what a team would get from Neo4j's own library: `bench/peer/server.ts`, type definitions for the labels and relationships the questions need and nothing else; each request becomes one Cypher statement. Both APIs answer the same questions with the same fields on the same Neo4j, result cache off (this API as production runs it on Neo4j, with its read cache, and again without it); the answers are compared after normalising ids and reading each mapping from the asked requirement's side.",
    '',
    '| question | this API req/s | p50 / p99 ms | CPU API / Neo4j | this API without read cache req/s, p50 / p99 ms | peer req/s | p50 / p99 ms | CPU peer / Neo4j | same answer |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...peers.map(
      (p) =>
        `| ${p.name} | ${fmt(p.ours.rps)} | ${p.ours.p50} / ${p.ours.p99} | ${share(p.ours.apiCpu)} / ${share(p.ours.neo4jCpu)} | ${fmt(p.oursNoReadCache.rps)}, ${p.oursNoReadCache.p50} / ${p.oursNoReadCache.p99} | ${fmt(p.peer.rps)} | ${p.peer.p50} / ${p.peer.p99} | ${share(p.peer.apiCpu)} / ${share(p.peer.neo4jCpu)} | ${p.same} |`,
    ),
    '',
    "What the peer cannot express: coverage, gaps, inference and the overlap matrix. They need set-theoretic composition across mapping sets, comprehensive sides and nothing-found records, which a generated CRUD schema has no resolver for; with @neo4j/graphql they would be custom Cypher (`@cypher` fields) written and maintained by hand, that is, this project's work again.",
    '',
    '### Scale on Neo4j',
    '',
    'The synthetic graphs of the Scale section (`bench/synthetic-seed.ts`), each seeded into a fresh Neo4j by the seeding command\'s writer in batched mode (`npm run seed:neo4j -- --batched`: one transaction per 1,000 rows; one transaction for the whole 100x graph ran out of Neo4j\'s transaction memory at 2 GB of heap); then the headline coverage query (soc2 to iso42001, inside the bigger graph) and the catalog page, result cache off, read cache on (128 MiB, the default), 16 connections.',
    '',
    '![p50 latency on Neo4j against graph size](neo4j-scale.svg)',
    '',
    '| graph | requirements | mappings | seeding s | seeding rate (nodes and relationships / s) | headline coverage p50 / p99 ms (req/s) | catalog page p50 / p99 ms (req/s) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...scaleRows.map((s) =>
      s.failure || !s.coverage || !s.catalog
        ? `| ${s.label} | ${fmt(s.requirements)} | ${fmt(s.mappings)} | ${s.failure} | - | - | - |`
        : `| ${s.label} | ${fmt(s.requirements)} | ${fmt(s.mappings)} | ${s.seedSeconds.toFixed(1)} | ${fmt(Math.round(s.seedRate))} | ${s.coverage.p50} / ${s.coverage.p99} (${fmt(s.coverage.rps)}, ${s.coverage.errors} errors) | ${s.catalog.p50} / ${s.catalog.p99} (${fmt(s.catalog.rps)}, ${s.catalog.errors} errors) |`,
    ),
    '',
    '### Targets in this run',
    '',
    ...targets.map((line) => `- ${line}`),
  ];
  writeSection('Neo4j', body.join('\n'));
  // The seed's point from the operations table (same server settings: result cache off, read cache on), then the scale graphs.
  const chartPoints = [
    { requirements: graph.requirements.length, coverageP50: headline.neo4j.uncached.p50, catalogP50: ops.find((o) => o.name.startsWith('catalog page'))!.neo4j.uncached.p50 },
    ...scaleRows.filter((r) => r.coverage && r.catalog).map((r) => ({ requirements: r.requirements, coverageP50: r.coverage!.p50, catalogP50: r.catalog!.p50 })),
  ];
  writeFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), 'neo4j-scale.svg'), renderNeo4jScaleChart(chartPoints));
  console.log('wrote the Neo4j section of bench/RESULTS.md');
  for (const line of targets) console.log(`  ${line}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
