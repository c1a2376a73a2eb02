import { StoreUnavailableError, type GraphStore } from '../domain/graph-store.js';
import { wrapStore } from './wrap-store.js';

/**
 * Bounds every store call: one that has not answered in `timeoutMs` counts as an outage
 * (StoreUnavailableError), so a hung database never holds a request past its timeout.
 */
export function timeoutStore(store: GraphStore, timeoutMs: number): GraphStore {
  return wrapStore(store, (method, call) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new StoreUnavailableError(`the store did not answer ${method} within ${timeoutMs} ms`)), timeoutMs);
    });
    return Promise.race([call(), timeout]).finally(() => clearTimeout(timer));
  });
}

export interface StoreHealth {
  /** When the store last failed to answer (ms since the epoch); 0 if never. */
  lastFailureAt: number;
}

/** Notes when the store last failed to answer, so caches stop vouching for it. */
export function observeFailures(store: GraphStore, health: StoreHealth): GraphStore {
  return wrapStore(store, async (_method, call) => {
    try {
      return await call();
    } catch (error) {
      if (error instanceof StoreUnavailableError) health.lastFailureAt = Date.now();
      throw error;
    }
  });
}
