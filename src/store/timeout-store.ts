import { StoreUnavailableError, type GraphStore } from './port.js';

/**
 * Bounds every store call: one that has not answered in `timeoutMs` counts as an outage
 * (StoreUnavailableError), so a hung database never holds a request past its timeout.
 */
export function timeoutStore(store: GraphStore, timeoutMs: number): GraphStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || property === 'close') return value;
      return (...args: unknown[]) => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_resolve, reject) => {
          timer = setTimeout(() => reject(new StoreUnavailableError(`the store did not answer ${String(property)} within ${timeoutMs} ms`)), timeoutMs);
        });
        const call = Promise.resolve((value as (...a: unknown[]) => unknown).apply(target, args));
        return Promise.race([call, timeout]).finally(() => clearTimeout(timer));
      };
    },
  });
}
