/**
 * Long CPU-bound analyses (the explain path search, coverage with inference, matrices of coverage)
 * run in slices; between slices they call `pause()`. On the server a pause hands the event loop to
 * the other requests (and to the request-timeout timer) and gives up with AnalysisTimeoutError once
 * the request's deadline has passed or its client has gone, so one request can neither hold the loop
 * for its whole run nor keep working after its answer was abandoned.
 *
 * Why slices on the main thread rather than a worker: the analyses read the store through the
 * request's loaders (batched, cached, counted) and build objects the resolvers then serve; a worker
 * would need its own copy of the graph and a serialised answer. Pausing keeps one design.
 */

export interface Pacer {
  pause(): Promise<void>;
}

export interface Deadline {
  expired(): boolean;
}

/** The request ran past its time (or its client left); its work is abandoned. */
export class AnalysisTimeoutError extends Error {
  constructor() {
    super('The analysis ran past the request time limit and was stopped.');
    this.name = 'AnalysisTimeoutError';
  }
}

export const NO_DEADLINE: Deadline = { expired: () => false };

/** A deadline `ms` from now on `now`'s clock (injected by tests), which can also be given up early. */
export function deadlineAfter(ms: number, now: () => number = Date.now): Deadline & { abandon(): void } {
  const end = now() + ms;
  let abandoned = false;
  return {
    expired: () => abandoned || now() >= end,
    abandon: () => {
      abandoned = true;
    },
  };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Pauses by a turn of the event loop (`yieldTo`, injected by tests), then checks the deadline. */
export function eventLoopPacer(deadline: Deadline, yieldTo: () => Promise<void> = nextTurn): Pacer {
  return {
    async pause() {
      await yieldTo();
      if (deadline.expired()) throw new AnalysisTimeoutError();
    },
  };
}

/** Never pauses: for callers with nobody else to serve (the CLI, exports). */
export const NO_PACING: Pacer = { pause: () => Promise.resolve() };

/** Runs a resumable computation (a generator yielding between slices), pausing between slices. */
export async function runPaced<T>(steps: Generator<unknown, T, void>, pacer: Pacer): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pacer.pause();
  }
}
