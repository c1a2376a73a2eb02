import type { GraphStore } from '../domain/graph-store.js';

/**
 * A store whose every read goes through `around` (counting, timing out, watching for failures).
 * `close` passes straight through, after `onClose` when one is given.
 */
export function wrapStore(store: GraphStore, around: (method: string, call: () => Promise<unknown>) => Promise<unknown>, onClose?: () => void): GraphStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property === 'close' && onClose) {
        return async () => {
          onClose();
          await target.close();
        };
      }
      if (typeof value !== 'function' || property === 'close') return value;
      return (...args: unknown[]) => around(String(property), () => Promise.resolve((value as (...a: unknown[]) => unknown).apply(target, args)));
    },
  });
}
