import { LRUCache } from 'lru-cache';

/**
 * Values derived from one version of what a caller reads (the public dataset version, or a key's
 * workspace revision: caller-version.ts), kept between requests: an analysis's intermediate results
 * that depend on nothing but that version. A value another request is computing now is waited for,
 * not computed again; if that computation fails for reasons of its own (its deadline, its client
 * gone), the waiter computes it itself. Without a version (the store could not say, or a write in
 * this request changed the view) nothing is kept. One per server and kind of value, bounded in entries.
 */
export class VersionedMemo<V> {
  private readonly entries: LRUCache<string, V & object>;
  private readonly computing = new Map<string, Promise<V>>();

  constructor(maxEntries: number) {
    this.entries = new LRUCache({ max: maxEntries });
  }

  /** Reads and fills for one version; null when there is no version to key on. */
  at(version: string | null): VersionedValues<V> | null {
    if (version === null) return null;
    const keyOf = (key: string) => `${version}\0${key}`;
    return {
      get: (key) => this.entries.get(keyOf(key)),
      known: (key) => this.entries.has(keyOf(key)) || this.computing.has(keyOf(key)),
      value: (key, compute) => this.value(keyOf(key), compute),
    };
  }

  private async value(key: string, compute: () => Promise<V>): Promise<V> {
    const kept = this.entries.get(key);
    if (kept) return kept;
    const pending = this.computing.get(key);
    if (pending) {
      try {
        return await pending;
      } catch {
        // Whoever computed it failed for reasons of its own: compute it here.
      }
    }
    const running = compute();
    this.computing.set(key, running);
    try {
      const value = await running;
      this.entries.set(key, value as V & object);
      return value;
    } finally {
      if (this.computing.get(key) === running) this.computing.delete(key);
    }
  }
}

export interface VersionedValues<V> {
  /** The kept value, if any. */
  get(key: string): V | undefined;
  /** Kept, or being computed by some request. */
  known(key: string): boolean;
  /** The kept value, or the one being computed, or `compute`'s (then kept). */
  value(key: string, compute: () => Promise<V>): Promise<V>;
}
