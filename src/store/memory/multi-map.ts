/** A map from a key to a list of values; an absent key reads as an empty list. */
export class MultiMap<K, V> {
  private readonly map = new Map<K, V[]>();

  add(key: K, value: V): this {
    const list = this.map.get(key);
    if (list) list.push(value);
    else this.map.set(key, [value]);
    return this;
  }

  get(key: K): readonly V[] {
    return this.map.get(key) ?? [];
  }

  sortEach(compare: (a: V, b: V) => number): void {
    for (const list of this.map.values()) list.sort(compare);
  }
}
