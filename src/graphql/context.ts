import type { Logger } from '../logger.js';
import { countingStore, type StoreCallCounter } from '../store/counting-store.js';
import type { GraphStore } from '../store/port.js';
import { createLoaders, type Loaders } from './loaders.js';

export interface RequestContext {
  /** The store, counting this request's round trips. */
  store: GraphStore;
  loaders: Loaders;
  trace: StoreCallCounter;
  /** The request asked for the trace extension (`x-crosswalk-trace: 1`). */
  traceRequested: boolean;
  requestId: string;
  log: Logger;
}

export function createRequestContext(store: GraphStore, options: { traceRequested: boolean; requestId: string; log: Logger }): RequestContext {
  const trace: StoreCallCounter = { storeCalls: 0 };
  const counted = countingStore(store, trace);
  return { store: counted, loaders: createLoaders(counted), trace, ...options };
}
