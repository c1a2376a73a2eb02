import { DatasetSeedingError, StoreUnavailableError, type GraphStore } from '../domain/graph-store.js';
import { wrapStore } from './wrap-store.js';

/**
 * While the store is known to be down, requests that need it fail at once with
 * StoreUnavailableError instead of each waiting out the driver's retries and the store timeout;
 * a probe in the background (one cheap read every `probeIntervalMs`) closes the circuit again as
 * soon as the store answers, with no restart. Requests that need no store never notice.
 */

export type CircuitState = { phase: 'closed' } | { phase: 'open'; since: number; cause: string };

export interface CircuitBreaker {
  store: GraphStore;
  state(): CircuitState;
  /** Tries the store now (as readiness checks do): closes the circuit if it answers, opens it if not. */
  probe(): Promise<boolean>;
}

export function circuitBreakerStore(inner: GraphStore, options: { probeIntervalMs?: number; now?: () => number } = {}): CircuitBreaker {
  const probeIntervalMs = options.probeIntervalMs ?? 250;
  const now = options.now ?? Date.now;
  let state: CircuitState = { phase: 'closed' };
  let probe: NodeJS.Timeout | null = null;

  const close = () => {
    state = { phase: 'closed' };
    if (probe) clearTimeout(probe);
    probe = null;
  };
  /** One try of the store: closes the circuit if it answers, (re)opens it if it is down. */
  const probeNow = async (): Promise<boolean> => {
    try {
      await inner.datasetInfo();
      close();
      return true;
    } catch (error) {
      // A dataset being seeded is a database that answers: the circuit closes, the API refuses by itself.
      if (error instanceof DatasetSeedingError) {
        close();
        return true;
      }
      if (error instanceof StoreUnavailableError) open(error.message);
      return false;
    }
  };
  const scheduleProbe = () => {
    probe = setTimeout(async () => {
      if (!(await probeNow()) && state.phase === 'open') scheduleProbe();
    }, probeIntervalMs);
    // A probe never keeps the process alive on its own (shutdown closes the store anyway).
    probe.unref();
  };
  const open = (cause: string) => {
    if (state.phase === 'open') return;
    state = { phase: 'open', since: now(), cause };
    scheduleProbe();
  };

  const store = wrapStore(inner, async (_method, call) => {
    if (state.phase === 'open') throw new StoreUnavailableError(`the store is down since ${new Date(state.since).toISOString()} (${state.cause}); retrying in the background`);
    try {
      return await call();
    } catch (error) {
      if (error instanceof StoreUnavailableError) open(error.message);
      throw error;
    }
  }, close);
  return { store, state: () => state, probe: probeNow };
}
