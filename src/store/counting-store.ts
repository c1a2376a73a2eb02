import type { GraphStore } from '../domain/graph-store.js';
import { wrapStore } from './wrap-store.js';

/** Counts the store round trips one request makes (the `x-crosswalk-trace` extension reads it). */
export interface StoreCallCounter {
  /** Calls of the GraphStore port (one per DataLoader batch). */
  storeCalls: number;
  /** Of those, the reads that reached the database (the read cache's misses), when a read cache counts them. */
  databaseCalls?: number;
}

export function countingStore(store: GraphStore, counter: StoreCallCounter): GraphStore {
  return wrapStore(store, (_method, call) => {
    counter.storeCalls += 1;
    return call();
  });
}
