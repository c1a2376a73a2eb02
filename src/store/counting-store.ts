import type { GraphStore } from './port.js';

/** Counts the store round trips one request makes (the `x-crosswalk-trace` extension reads it). */
export interface StoreCallCounter {
  storeCalls: number;
}

export function countingStore(store: GraphStore, counter: StoreCallCounter): GraphStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || property === 'close') return value;
      return (...args: unknown[]) => {
        counter.storeCalls += 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
