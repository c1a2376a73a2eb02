import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { machineNote, writeSection } from './results-file.js';
import { startServerProcess, stopServerProcess, type ServerProcess } from './server-process.js';
import { ATTACKS, type AttackRun } from './soak-attackers.js';

/**
 * `npm run bench:soak` (or `npm run bench -- --soak`): issue #16's "nobody can take the service down",
 * measured. Starts the API as production does (NODE_ENV=production, `npm start`'s tsx entry), then:
 *   1. warms up with every client (so the bounded caches, filled by legitimate and accepted abusive
 *      requests alike, reach their steady state), samples the heap;
 *   2. measures the legitimate client alone (baseline throughput and p99);
 *   3. for the soak duration (10 minutes unless `--minutes N` / `--seconds N`), runs the same client
 *      beside abusive clients replaying the attacks of issue #16 (test/hardening/), sampling the heap;
 *   4. samples the heap once the traffic has stopped.
 * Then measures `{ __typename }` with and without the hardening (bench/ab-server.ts). Writes the
 * "Soak" and "Hardening A/B" sections of bench/RESULTS.md.
 *
 * The heap is read through a bench-only preload (bench/memory-probe.mjs) on the IPC channel: after a
 * forced collection (--expose-gc) once warm-up is over and once the traffic has stopped, so those two
 * compare retained memory; during the measured phases without one (a forced collection holds the
 * event loop and would be measured as the clients' latency). RSS comes from /proc.
 */

const HERE = path.dirname(new URL(import.meta.url).pathname);
const ROOT = path.resolve(HERE, '..');
const argument = (name: string): number | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : undefined;
};
const SOAK_S = Math.round(argument('--seconds') ?? (argument('--minutes') ?? 10) * 60);
if (!Number.isFinite(SOAK_S) || SOAK_S < 10) throw new Error('--minutes / --seconds: at least 10 seconds');
// Long enough for the byte-bounded caches to fill (the heap rose for about 200 s in a 60 s warm-up's soak).
const WARMUP_S = Math.min(240, Math.max(5, Math.round(SOAK_S * 0.4)));
const BASELINE_S = Math.min(60, Math.max(10, Math.round(SOAK_S / 5)));
const SAMPLE_EVERY_S = Math.min(30, Math.max(5, Math.round(SOAK_S / 10)));
const LEGIT_CONNECTIONS = 8;

// ---------------------------------------------------------------- traffic

const FRAMEWORKS = ['soc2', 'iso42001', 'iso27001', 'nist-ai-rmf', 'eu-ai-act'];
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

const HEADLINE = '{ coverage(target: "iso42001", held: ["soc2"], kind: CONTROL) { summary { full partial none unassessed } items { requirement { id } status via { requirement { id } relationship strength } } } }';
const COVERAGE =
  'query Coverage($target: ID!, $held: [ID!]!) { coverage(target: $target, held: $held) { summary { full partial none unassessed } items { requirement { id } status via { requirement { id } relationship strength } } } }';
const CATALOG =
  'query Catalog($framework: ID!, $first: Int, $after: String) { framework(id: $framework) { requirements(first: $first, after: $after) { pageInfo { hasNextPage } nodes { id title mappings { relationship strength other { id title } } } } } }';
/** Cursors the API issued for each framework's catalog, after its 25th, 50th and 75th requirement (read once at start). */
const CURSORS = new Map<string, string[]>();

async function readCatalogCursors(url: string): Promise<void> {
  for (const framework of FRAMEWORKS) {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: HEADERS,
      body: JSON.stringify({ query: 'query ($f: ID!) { framework(id: $f) { requirements(first: 75) { edges { cursor } } } }', variables: { f: framework } }),
    });
    const body = (await response.json()) as { data?: { framework?: { requirements: { edges: Array<{ cursor: string }> } } } };
    const edges = body.data?.framework?.requirements.edges;
    if (!edges) throw new Error(`no catalog cursors for ${framework}: ${JSON.stringify(body).slice(0, 200)}`);
    CURSORS.set(framework, [24, 49, 74].map((i) => edges[Math.min(i, edges.length - 1)]!.cursor));
  }
}

/**
 * What an integrator asks: the headline coverage query (cached after its first answer), coverage
 * with varied targets and held sets (held in any order: hundreds of distinct requests), and catalog
 * pages of varied size and offset (thousands), so the result cache answers some and misses others.
 */
function legitBody(): string {
  const r = Math.random();
  if (r < 0.4) return JSON.stringify({ query: HEADLINE });
  if (r < 0.7) {
    const target = pick(FRAMEWORKS);
    const others = FRAMEWORKS.filter((f) => f !== target).sort(() => Math.random() - 0.5);
    return JSON.stringify({ query: COVERAGE, variables: { target, held: others.slice(0, 1 + Math.floor(Math.random() * 3)) } });
  }
  const first = 10 + Math.floor(Math.random() * 91);
  const framework = pick(FRAMEWORKS);
  const start = Math.floor(Math.random() * 4); // the first page, or after the 25th, 50th or 75th
  return JSON.stringify({ query: CATALOG, variables: { framework, first, ...(start > 0 ? { after: CURSORS.get(framework)![start - 1] } : {}) } });
}

// ---------------------------------------------------------------- server

interface MemorySample {
  atS: number;
  /** How long the forced collection took; null when none was forced. */
  collectMs: number | null;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  rssMb: number;
}

/** CPU seconds a process has used, from /proc (clock ticks of 1/100 s, Linux's USER_HZ). */
function processCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const ownCpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** Cores' worth of CPU each party used during a phase: server, legitimate client (this process), abusive clients. */
interface CpuShare {
  server: number;
  legit: number;
  attackers: number | null;
}

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

let sampleIds = 0;

/**
 * The heap (bench/memory-probe.mjs) and RSS from /proc as a second figure. `collect`: after a full
 * collection, so the figure is retained heap; it holds the server's event loop for as long as it
 * takes (hundreds of milliseconds with a heap this size), so it is asked for only outside the
 * measured phases: a forced collection every 30 s during them would be measured as the clients' latency.
 */
async function sampleMemory(server: ServerProcess, atS: number, collect: boolean): Promise<MemorySample> {
  const id = ++sampleIds;
  const { memory, collectMs } = await new Promise<{ memory: NodeJS.MemoryUsage; collectMs: number | null }>((resolve, reject) => {
    const onMessage = (message: { id: number; memory: NodeJS.MemoryUsage; collectMs: number | null }) => {
      if (message.id !== id) return;
      clearTimeout(timer);
      server.child.off('message', onMessage);
      resolve(message);
    };
    const timer = setTimeout(() => {
      server.child.off('message', onMessage);
      reject(new Error('no memory answer from the server'));
    }, 30_000);
    server.child.on('message', onMessage);
    server.child.send({ type: 'memory', id, collect });
  });
  const status = readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
  return { atS, collectMs, heapUsedMb: mb(memory.heapUsed), heapTotalMb: mb(memory.heapTotal), externalMb: mb(memory.external + memory.arrayBuffers), rssMb: Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024) };
}

// ---------------------------------------------------------------- clients

interface LegitRun {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  errorSamples: string[];
}

/** The legitimate client's address as the proxy reports it: a client apart from the attacker's. */
const LEGIT_ADDRESS = '198.51.100.10';
const HEADERS = { 'content-type': 'application/json', 'x-forwarded-for': LEGIT_ADDRESS };

/**
 * The legitimate client: as fast as its connections allow (`rate` unset: what it can get, its
 * throughput), or paced at `rate` requests a second overall (an integrator's steady load: its latency).
 */
async function legitClient(url: string, seconds: number, rate?: number): Promise<LegitRun> {
  let errors = 0;
  const errorSamples: string[] = [];
  const result = await autocannon({
    url,
    connections: LEGIT_CONNECTIONS,
    duration: seconds,
    ...(rate ? { overallRate: rate } : {}),
    requests: [
      {
        method: 'POST',
        path: '/graphql',
        headers: HEADERS,
        setupRequest: (request) => ({ ...request, body: legitBody() }),
        onResponse: (status, body) => {
          // No field of this schema is called "errors": its presence is a GraphQL error.
          if (status !== 200 || body.includes('"errors"')) {
            errors++;
            if (errorSamples.length < 5) errorSamples.push(`${status} ${body.slice(0, 200)}`);
          }
        },
      },
    ],
  });
  errors += result.errors + result.timeouts;
  return { rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, requests: result.requests.total, errors, errorSamples };
}

/**
 * The abusive clients run in a process of their own (bench/soak-attackers.ts): building their bodies
 * and reading their answers must not queue behind the legitimate client's measurements.
 */
async function runAttackers(url: string, seconds: number): Promise<{ runs: AttackRun[]; cpuSeconds: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'soak-attackers.ts'), url, String(seconds)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`the abusive clients exited with ${code}`);
  const last = JSON.parse(output.trim().split('\n').at(-1)!) as { cpuSeconds: number; runs: Array<Omit<AttackRun, 'outcomes'> & { outcomes: Array<[string, number]> }> };
  return { cpuSeconds: last.cpuSeconds, runs: last.runs.map((r) => ({ ...r, outcomes: new Map(r.outcomes) })) };
}

// ---------------------------------------------------------------- runs

interface SoakResult {
  startedAt: Date;
  loadBefore: number[];
  loadAfter: number[];
  baseline: LegitRun;
  underAttack: LegitRun;
  /** The paced client's rate, and what it got alone and under attack. */
  pacedRate: number;
  pacedAlone: LegitRun;
  pacedUnderAttack: LegitRun;
  attacks: AttackRun[];
  afterWarmup: MemorySample;
  samples: MemorySample[];
  atEnd: MemorySample;
  cpuAlone: CpuShare;
  cpuUnderAttack: CpuShare;
}

async function soak(): Promise<SoakResult> {
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  // As behind a proxy on the same machine that says who each client is (README, CROSSWALK_TRUST_PROXY).
  const server = await startServerProcess('src/server.ts', { CROSSWALK_TRUST_PROXY: 'loopback' }, { nodeArgs: ['--expose-gc', '--import', path.join(HERE, 'memory-probe.mjs')], ipc: true });
  const t0 = performance.now();
  const at = () => Math.round((performance.now() - t0) / 1000);
  try {
    await readCatalogCursors(server.url);
    console.log(`warm-up ${WARMUP_S} s, every client`);
    await Promise.all([legitClient(server.url, WARMUP_S), runAttackers(server.url, WARMUP_S)]);
    const afterWarmup = await sampleMemory(server, at(), true);
    console.log(`  heap ${afterWarmup.heapUsedMb} MB, RSS ${afterWarmup.rssMb} MB`);
    console.log(`baseline: legitimate client alone, ${BASELINE_S} s`);
    const pid = server.child.pid!;
    let mark = { server: processCpuSeconds(pid), legit: ownCpuSeconds(), at: performance.now() };
    const share = (attackerSeconds: number | null): CpuShare => {
      const now = { server: processCpuSeconds(pid), legit: ownCpuSeconds(), at: performance.now() };
      const wall = (now.at - mark.at) / 1000;
      const result = { server: (now.server - mark.server) / wall, legit: (now.legit - mark.legit) / wall, attackers: attackerSeconds === null ? null : attackerSeconds / wall };
      mark = now;
      return result;
    };
    const baseline = await legitClient(server.url, BASELINE_S);
    const cpuAlone = share(null);
    console.log(`  ${baseline.rps} req/s, p99 ${baseline.p99} ms, errors ${baseline.errors}`);
    const pacedRate = Math.max(10, Math.round(baseline.rps / 2));
    console.log(`baseline: legitimate client alone, paced at ${pacedRate} req/s, ${BASELINE_S} s`);
    const pacedAlone = await legitClient(server.url, BASELINE_S, pacedRate);
    console.log(`  ${pacedAlone.rps} req/s, p99 ${pacedAlone.p99} ms, errors ${pacedAlone.errors}`);
    console.log(`soak: legitimate client beside ${ATTACKS.length} abusive clients, ${SOAK_S} s (first half as fast as it can, second half paced)`);
    const samples: MemorySample[] = [];
    const sampler = setInterval(() => {
      void sampleMemory(server, at(), false).then(
        (s) => {
          samples.push(s);
          console.log(`  ${s.atS} s: heap ${s.heapUsedMb} MB, RSS ${s.rssMb} MB`);
        },
        () => {},
      );
    }, SAMPLE_EVERY_S * 1000);
    mark = { server: processCpuSeconds(pid), legit: ownCpuSeconds(), at: performance.now() };
    const half = Math.round(SOAK_S / 2);
    const legitimate = async () => {
      const flat = await legitClient(server.url, half);
      return { flat, paced: await legitClient(server.url, SOAK_S - half, pacedRate) };
    };
    const [{ flat: underAttack, paced: pacedUnderAttack }, attackers] = await Promise.all([legitimate(), runAttackers(server.url, SOAK_S)]);
    const cpuUnderAttack = share(attackers.cpuSeconds);
    const attacks = attackers.runs;
    clearInterval(sampler);
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // a sample in flight lands first
    console.log(`  legitimate: ${underAttack.rps} req/s, p99 ${underAttack.p99} ms, errors ${underAttack.errors}; paced: ${pacedUnderAttack.rps} req/s, p99 ${pacedUnderAttack.p99} ms, errors ${pacedUnderAttack.errors}`);
    const atEnd = await sampleMemory(server, at(), true);
    console.log(`  after the soak: heap ${atEnd.heapUsedMb} MB, RSS ${atEnd.rssMb} MB`);
    return { startedAt, loadBefore, loadAfter: os.loadavg(), baseline, underAttack, pacedRate, pacedAlone, pacedUnderAttack, attacks, afterWarmup, samples, atEnd, cpuAlone, cpuUnderAttack };
  } finally {
    await stopServerProcess(server);
  }
}

interface AbRun {
  hardening: boolean;
  rps: number;
  p99: number;
  errors: number;
}

/** `{ __typename }` on the API with and without the query limits, alternating twice to even out drift. */
async function hardeningAb(seconds: number): Promise<AbRun[]> {
  const runs: AbRun[] = [];
  for (const hardening of [true, false, true, false]) {
    const server = await startServerProcess(path.join(HERE, 'ab-server.ts'), { CROSSWALK_BENCH_HARDENING: hardening ? 'on' : 'off' }, { ipc: true });
    try {
      const request = { method: 'POST' as const, path: '/graphql', headers: HEADERS, body: JSON.stringify({ query: '{ __typename }' }) };
      await autocannon({ url: server.url, connections: 16, duration: 2, requests: [request] });
      const r = await autocannon({ url: server.url, connections: 16, duration: seconds, requests: [request] });
      runs.push({ hardening, rps: Math.round(r.requests.average), p99: r.latency.p99, errors: r.errors + r.non2xx + r.timeouts });
      console.log(`  hardening ${hardening ? 'on ' : 'off'}: ${runs.at(-1)!.rps} req/s`);
    } finally {
      await stopServerProcess(server);
    }
  }
  return runs;
}

// ---------------------------------------------------------------- report

const fmt = (n: number) => n.toLocaleString('en-GB');
const met = (ok: boolean) => (ok ? '**met**' : '**not met**');
const loads = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');

function soakSection(r: SoakResult, command: string): string {
  const ratio = r.underAttack.rps / r.baseline.rps;
  const heapChange = (r.atEnd.heapUsedMb - r.afterWarmup.heapUsedMb) / r.afterWarmup.heapUsedMb;
  const runs = [r.baseline, r.underAttack, r.pacedAlone, r.pacedUnderAttack];
  const legitErrors = runs.reduce((n, run) => n + run.errors, 0);
  const half = Math.round(SOAK_S / 2);
  const heaps = r.samples.map((s) => s.heapUsedMb);
  const targets = [
    { what: 'legitimate throughput under attack / alone >= 0.5', ok: ratio >= 0.5, value: ratio.toFixed(2) },
    { what: 'legitimate p99 under attack < 100 ms (paced client)', ok: r.pacedUnderAttack.p99 < 100, value: `${r.pacedUnderAttack.p99} ms` },
    { what: 'legitimate p99 under attack < 100 ms (as fast as it can)', ok: r.underAttack.p99 < 100, value: `${r.underAttack.p99} ms` },
    { what: 'errors seen by the legitimate client = 0', ok: legitErrors === 0, value: String(legitErrors) },
    { what: 'heap after the soak within 20% of after warm-up', ok: Math.abs(heapChange) <= 0.2, value: `${heapChange >= 0 ? '+' : ''}${(heapChange * 100).toFixed(1)}%` },
  ];
  return [
    `Written by \`${command}\` on ${r.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC. ${machineNote()} Load average at the start: ${loads(r.loadBefore)}.`,
    '',
    `The API runs as production runs it (\`NODE_ENV=production\`, \`npm start\`'s entry \`src/server.ts\` under tsx, the embedded store, default limits and result cache), run as \`npm start\` runs it (\`node --import tsx\`), with a bench-only preload that answers heap samples on the IPC channel (\`bench/memory-probe.mjs\`, \`--expose-gc\`; see below for when it forces a collection); RSS is read from /proc. A legitimate client (${LEGIT_CONNECTIONS} connections: 40% the headline coverage query, 30% coverage of varied targets and held sets, 30% catalog pages of varied size and offset, so the result cache answers some and misses others) and the abusive clients warm up together for ${WARMUP_S} s (so the bounded caches reach their steady state before the first heap sample). The legitimate client then runs alone for ${BASELINE_S} s as fast as its connections allow (its throughput), then for ${BASELINE_S} s paced at half that rate (an integrator's steady load: its latency, which for a client that saturates the server is mostly its own queue), then the same two for ${half} s each beside ${ATTACKS.length} abusive clients (${ATTACKS.reduce((n, a) => n + a.connections, 0)} connections) replaying the attacks of issue #16 from a process of their own (\`bench/soak-attackers.ts\`) for the whole ${SOAK_S} s, each request made new by a nonce or a comment so no cache absorbs it (the two bodies costly to build come from pools of 200 variants). As behind a proxy that says who each client is (\`CROSSWALK_TRUST_PROXY=loopback\`, \`X-Forwarded-For\`), the legitimate client is one address and the attacker, all seven attacks, another: the fair queue (README, "Fair admission") gives each its share, and the attacker's refusals count against it in the penalty box, which refuses all its requests (its accepted explains too: one client) with a held 429 while it is boxed. Client and server share the machine's cores.`,
    '',
    '| legitimate client | req/s | p50 ms | p99 ms | requests | errors |',
    '| --- | --- | --- | --- | --- | --- |',
    `| as fast as it can, alone (${BASELINE_S} s) | ${fmt(r.baseline.rps)} | ${r.baseline.p50} | ${r.baseline.p99} | ${fmt(r.baseline.requests)} | ${r.baseline.errors} |`,
    `| as fast as it can, under attack (${half} s) | ${fmt(r.underAttack.rps)} | ${r.underAttack.p50} | ${r.underAttack.p99} | ${fmt(r.underAttack.requests)} | ${r.underAttack.errors} |`,
    `| paced at ${r.pacedRate} req/s, alone (${BASELINE_S} s) | ${fmt(r.pacedAlone.rps)} | ${r.pacedAlone.p50} | ${r.pacedAlone.p99} | ${fmt(r.pacedAlone.requests)} | ${r.pacedAlone.errors} |`,
    `| paced at ${r.pacedRate} req/s, under attack (${SOAK_S - half} s) | ${fmt(r.pacedUnderAttack.rps)} | ${r.pacedUnderAttack.p50} | ${r.pacedUnderAttack.p99} | ${fmt(r.pacedUnderAttack.requests)} | ${r.pacedUnderAttack.errors} |`,
    '',
    ...(legitErrors > 0 ? ['Errors the legitimate client saw (first few):', '', ...runs.flatMap((run) => run.errorSamples).map((s) => `- \`${s.replace(/`/g, "'")}\``), ''] : []),
    `CPU, in cores' worth of the machine's ${os.cpus().length} (CPU seconds per second of wall time): alone and as fast as it can, server ${r.cpuAlone.server.toFixed(2)} and legitimate client ${r.cpuAlone.legit.toFixed(2)}; over the whole attack, server ${r.cpuUnderAttack.server.toFixed(2)}, legitimate client ${r.cpuUnderAttack.legit.toFixed(2)}, abusive clients' process ${r.cpuUnderAttack.attackers!.toFixed(2)} (the attackers' own work, taken from the same cores; a real attacker's machine would not take it from the server).`,
    '',
    `Heap (after a forced collection, outside the measured phases): ${r.afterWarmup.heapUsedMb} MB after warm-up, ${r.atEnd.heapUsedMb} MB after the soak (each collection held the event loop ${r.afterWarmup.collectMs?.toFixed(0) ?? '?'} and ${r.atEnd.collectMs?.toFixed(0) ?? '?'} ms); during it, without forcing a collection (so garbage not yet collected counts too, and no sample disturbs the clients' latency), ${heaps.length > 0 ? `${Math.min(...heaps)} to ${Math.max(...heaps)} MB over ${heaps.length} samples every ${SAMPLE_EVERY_S} s` : 'no samples'}. RSS: ${r.afterWarmup.rssMb} MB after warm-up, ${r.atEnd.rssMb} MB after the soak${r.samples.length > 0 ? `, at most ${Math.max(...r.samples.map((s) => s.rssMb))} MB during it` : ''}; V8's heap reserved (heapTotal) ${r.afterWarmup.heapTotalMb} and ${r.atEnd.heapTotalMb} MB, external and array buffers ${r.afterWarmup.externalMb} and ${r.atEnd.externalMb} MB.`,
    '',
    `Heap samples during the soak (s: heap used / RSS MB): ${r.samples.map((s) => `${s.atS}: ${s.heapUsedMb} / ${s.rssMb}`).join('; ')}.`,
    '',
    '| abusive client | connections | requests | req/s | p99 ms | what it got (HTTP status and error code: count) |',
    '| --- | --- | --- | --- | --- | --- |',
    ...r.attacks.map((a, i) => {
      const outcomes = [...a.outcomes.entries()].sort((x, y) => y[1] - x[1]).map(([k, v]) => `${k}: ${fmt(v)}`).join('; ');
      return `| ${a.name} | ${ATTACKS[i]!.connections} | ${fmt(a.requests)} | ${fmt(a.rps)} | ${a.p99} | ${outcomes} |`;
    }),
    '',
    '| acceptance target | this run | |',
    '| --- | --- | --- |',
    ...targets.map((t) => `| ${t.what} | ${t.value} | ${met(t.ok)} |`),
    '',
    `Targets met: ${targets.filter((t) => t.ok).length} of ${targets.length}. ${loadNote(r)}`,
  ].join('\n');
}

/** Says whether other work on the shared machine disturbed the figures, from the load averages. */
function loadNote(r: SoakResult): string {
  const cores = os.cpus().length;
  const busiest = Math.max(r.loadBefore[0]!, r.loadAfter[0]!);
  if (busiest <= cores) return `The machine was not oversubscribed (one-minute load average ${r.loadBefore[0]!.toFixed(1)} at the start, ${r.loadAfter[0]!.toFixed(1)} at the end, on ${cores} cores).`;
  return `The figures are disturbed by other work on this shared machine: the one-minute load average was ${r.loadBefore[0]!.toFixed(1)} at the start and ${r.loadAfter[0]!.toFixed(1)} at the end, on ${cores} cores, so server and clients waited for a core much of the time. Absolute throughput is far below an idle machine's (compare the Operations table) and the latencies include that waiting, which hurts the p99 target most; the throughput ratio compares two phases run under similar outside load, but that load varied from minute to minute.`;
}

function abSection(runs: AbRun[], seconds: number): string {
  const mean = (on: boolean) => Math.round(runs.filter((r) => r.hardening === on).reduce((n, r) => n + r.rps, 0) / runs.filter((r) => r.hardening === on).length);
  const on = mean(true);
  const off = mean(false);
  return [
    `Written by the same run. \`{ __typename }\` over HTTP (16 connections, ${seconds} s after a 2 s warm-up), on the API built as src/server.ts builds it (\`bench/ab-server.ts\`) with the query limits on and off (graphql-armor's depth, alias and directive rules, the parser's token limit, the cost limit, the query-text and body-nesting checks, the request timeout), alternating on, off, on, off.`,
    '',
    '| hardening | req/s | p99 ms | errors |',
    '| --- | --- | --- | --- |',
    ...runs.map((r) => `| ${r.hardening ? 'on' : 'off'} | ${fmt(r.rps)} | ${r.p99} | ${r.errors} |`),
    '',
    `Mean: ${fmt(on)} req/s with, ${fmt(off)} without; ratio with/without **${(on / off).toFixed(2)}**.`,
  ].join('\n');
}

async function main(): Promise<void> {
  const command = `npm run bench:soak${process.argv.length > 2 ? ` -- ${process.argv.slice(2).filter((a) => a !== '--soak').join(' ')}` : ''}`.trim();
  const result = await soak();
  writeSection('Soak', soakSection(result, command.endsWith('--') ? 'npm run bench:soak' : command));
  console.log('hardening A/B');
  const abSeconds = SOAK_S >= 300 ? 10 : 5;
  writeSection('Hardening A/B', abSection(await hardeningAb(abSeconds), abSeconds));
  console.log('wrote the Soak and Hardening A/B sections of bench/RESULTS.md');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
