import autocannon from 'autocannon';

/**
 * Warm-up until throughput stops climbing. A fresh server keeps speeding up for tens of seconds
 * under one operation (V8 tiers its hot functions up, graphql-jit's compiled operations get
 * optimised in turn, the heap settles): measured after a fixed 1 s warm-up, the headline coverage
 * ran at 0.20, 0.23 and 0.36 of trivial in three rounds on one server, so where a run landed on
 * that curve decided the verdict. Each operation is now driven in short windows until a window is
 * no more than `tolerance` faster than the one before it (or `maxSeconds` have passed), and only
 * then measured.
 */

export interface WarmUp {
  /** Seconds of load before the measurement. */
  seconds: number;
  /** Requests per second of each window, in order. */
  windows: number[];
  /** False when `maxSeconds` ran out while throughput was still climbing. */
  steady: boolean;
}

export interface WarmUpOptions {
  windowSeconds: number;
  maxSeconds: number;
  /** A window at most this much faster than the previous one (0.05: 5%) counts as steady. */
  tolerance: number;
}

export const STEADY: WarmUpOptions = { windowSeconds: 2, maxSeconds: 40, tolerance: 0.05 };
/** `--quick`: one short window, for a smoke check of the bench itself. */
export const QUICK_WARM_UP: WarmUpOptions = { windowSeconds: 1, maxSeconds: 1, tolerance: Number.POSITIVE_INFINITY };

type Request = NonNullable<autocannon.Options['requests']>[number];

/** True once the last window is no faster than `tolerance` above the one before it. */
export function isSteady(windows: readonly number[], tolerance: number): boolean {
  if (windows.length < 2) return false;
  const [previous, last] = windows.slice(-2) as [number, number];
  return last <= previous * (1 + tolerance);
}

export async function warmUntilSteady(url: string, request: Request, connections: number, options: WarmUpOptions): Promise<WarmUp> {
  const windows: number[] = [];
  let seconds = 0;
  while (seconds < options.maxSeconds) {
    const r = await autocannon({ url, connections, duration: options.windowSeconds, requests: [request] });
    windows.push(Math.round(r.requests.average));
    seconds += options.windowSeconds;
    if (options.tolerance === Number.POSITIVE_INFINITY || isSteady(windows, options.tolerance)) return { seconds, windows, steady: true };
  }
  return { seconds, windows, steady: false };
}

/** "4-12 s (median 6), 1 of 24 still climbing at 40 s" for the report's method paragraph. */
export function describeWarmUps(warmUps: readonly WarmUp[], options: WarmUpOptions): string {
  if (warmUps.length === 0) return 'no operations measured';
  const seconds = warmUps.map((w) => w.seconds).sort((a, b) => a - b);
  const median = seconds[Math.floor(seconds.length / 2)]!;
  const climbing = warmUps.filter((w) => !w.steady).length;
  return `${seconds[0]}-${seconds.at(-1)} s (median ${median})${climbing ? `, ${climbing} of ${warmUps.length} still climbing at ${options.maxSeconds} s` : ''}`;
}

export interface SteadyMeasure {
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  errors: number;
  warmUp: WarmUp;
  /**
   * Throughput against the trivial query measured on the same server just before and just after
   * (the mean of the two windows): the machine's speed drifts over minutes (the trivial query ran at
   * 1,100 and at 1,900 req/s on one quiet machine within ten minutes), so a ratio to one trivial run
   * at the start of the table mixes that drift into every row. Null when no reference was asked.
   */
  ratio: number | null;
}

export interface MeasureOptions {
  connections: number;
  seconds: number;
  warmUp: WarmUpOptions;
  /** The trivial request, measured for `referenceSeconds` before and after (the ratio). */
  reference?: { request: Request; seconds: number };
  /** Called just before and just after the measured window (CPU sampling). */
  window?: { before(): void; after(): void };
}

/** Warm-up until steady, then one measured window, between two windows of the reference when asked. */
export async function measureSteady(url: string, request: Request, options: MeasureOptions): Promise<SteadyMeasure> {
  const warmUp = await warmUntilSteady(url, request, options.connections, options.warmUp);
  const reference = options.reference;
  const referenceRps = async () => (reference ? (await autocannon({ url, connections: options.connections, duration: reference.seconds, requests: [reference.request] })).requests.average : 0);
  const before = await referenceRps();
  options.window?.before();
  const r = await autocannon({ url, connections: options.connections, duration: options.seconds, requests: [request] });
  options.window?.after();
  const after = await referenceRps();
  const rps = Math.round(r.requests.average);
  return {
    rps,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx + r.timeouts,
    warmUp,
    ratio: reference && before + after > 0 ? rps / ((before + after) / 2) : null,
  };
}
