import type { Logger } from '../logger.js';
import { countingStore, type StoreCallCounter } from '../store/counting-store.js';
import type { GraphStore } from '../domain/graph-store.js';
import { createLoaders, loaderStore, type Loaders } from './loaders.js';

export interface RequestContext {
  /** The store read through this request's loaders (so every read is batched and cached), counting its round trips. */
  store: GraphStore;
  loaders: Loaders;
  trace: StoreCallCounter;
  /** The request asked for the trace extension (`x-crosswalk-trace: 1`). */
  traceRequested: boolean;
  requestId: string;
  log: Logger;
  /** The dataset this request reads; keys the result cache. Null when the store could not say. */
  datasetVersion: string | null;
  /** The response came from the result cache. */
  cacheHit: boolean;
}

export function createRequestContext(
  store: GraphStore,
  options: { traceRequested: boolean; requestId: string; log: Logger; datasetVersion?: string | null },
): RequestContext {
  const trace: StoreCallCounter = { storeCalls: 0 };
  const counted = countingStore(store, trace);
  const loaders = createLoaders(counted);
  return { store: loaderStore(loaders, counted), loaders, trace, datasetVersion: null, cacheHit: false, ...options };
}
