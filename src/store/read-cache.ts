import { LRUCache } from 'lru-cache';
import type { GraphStore, Relation, RequirementPage, RequirementQuery } from '../domain/graph-store.js';
import type { Mapping, NodeLabel, NodeTypes, NoRelationship } from '../domain/types.js';

/**
 * The public graph's reads kept in process, by dataset version: the public dataset changes only when
 * it is seeded again (a new version), so what Neo4j answered for one key at one version is the answer
 * for as long as that version is served. Each Cypher statement costs milliseconds of Bolt round trip
 * and record decoding (about 3 ms of wall time and 1.5-2.5 ms of the API's CPU for a one-row read,
 * measured against the local Neo4j), so an analysis that reads six lists paid that six times on every
 * request the result cache did not answer.
 *
 * Kept per key (a node, a relation's neighbours, one requirement's mappings, one page query), in an
 * LRU bounded in bytes; concurrent misses of one key share one read, so a burst of cold requests for
 * the same lists costs one statement per key, not one per request. The version is what the API's
 * dataset-version step last read (`observe`): any other version, or none (store down, a batched
 * seeding under way), empties the cache, and a read begun before that moment is not kept.
 * Only the public graph goes through it; a workspace's part is laid over it (workspace-layers.ts).
 */

export interface ReadCacheOptions {
  /** Bound on the kept answers, in bytes of their JSON text (a fair proxy for their heap size). */
  maxBytes: number;
}

/** Database reads a request caused: the cache's misses it was the first to ask for. */
export interface DatabaseReadCounter {
  databaseCalls?: number;
}

type Value = unknown;

export class DatasetReadCache {
  private readonly kept: LRUCache<string, { value: Value }>;
  private readonly inFlight = new Map<string, Promise<Value>>();
  /** The version whose answers are kept; null: none (nothing is kept until a version is known). */
  private version: string | null = null;
  /** Bumped whenever the version changes: a read that began under an older epoch is not kept. */
  private epoch = 0;
  hits = 0;
  misses = 0;

  constructor(
    private readonly inner: GraphStore,
    options: ReadCacheOptions,
  ) {
    this.kept = new LRUCache({ maxSize: options.maxBytes, sizeCalculation: (entry) => sizeOf(entry.value) });
  }

  /** The dataset version the API serves now (null when it cannot say). */
  observe(version: string | null): void {
    if (version === this.version) return;
    this.version = version;
    this.epoch++;
    this.kept.clear();
    this.inFlight.clear();
  }

  /** Bytes kept now. */
  get keptBytes(): number {
    return this.kept.calculatedSize;
  }

  /** The public graph read through the cache; misses this view causes are counted into `counter`. */
  view(counter: DatabaseReadCounter = {}): GraphStore {
    const inner = this.inner;
    return {
      nodes: <L extends NodeLabel>(label: L, ids: readonly string[]) => this.each(`n\u0000${label}`, ids, (missing) => inner.nodes(label, missing), counter) as Promise<Array<NodeTypes[L] | null>>,
      allNodes: <L extends Exclude<NodeLabel, 'Requirement'>>(label: L) => this.one(`a\u0000${label}`, () => inner.allNodes(label), counter) as Promise<Array<NodeTypes[L]>>,
      related: (relation: Relation, ids: readonly string[]) => this.each(`r\u0000${relation}`, ids, (missing) => inner.related(relation, missing), counter) as Promise<string[][]>,
      mappingsOf: (ids) => this.each('m', ids, (missing) => inner.mappingsOf(missing), counter) as Promise<Mapping[][]>,
      noRelationshipsOf: (ids) => this.each('x', ids, (missing) => inner.noRelationshipsOf(missing), counter) as Promise<NoRelationship[][]>,
      mappingsInSet: (ids) => this.each('ms', ids, (missing) => inner.mappingsInSet(missing), counter) as Promise<Mapping[][]>,
      noRelationshipsInSet: (ids) => this.each('xs', ids, (missing) => inner.noRelationshipsInSet(missing), counter) as Promise<NoRelationship[][]>,
      findRequirements: (queries: readonly RequirementQuery[]) =>
        this.each('f', queries.map((q) => JSON.stringify(q)), (missing) => inner.findRequirements(missing.map((q) => JSON.parse(q) as RequirementQuery)), counter) as Promise<RequirementPage[]>,
      // The version is the store's to say, every time: it is also the readiness probe.
      datasetInfo: () => inner.datasetInfo(),
      close: () => inner.close(),
    };
  }

  /** A whole-list read (no keys). */
  private async one(key: string, read: () => Promise<Value>, counter: DatabaseReadCounter): Promise<Value> {
    const [value] = await this.each(key, [''], async () => [await read()], counter);
    return value;
  }

  /**
   * One value per key, in key order: kept ones at once, ones another request is reading from that
   * read, and the rest in one batched read of the store (which must answer in key order too).
   */
  private async each(space: string, keys: readonly string[], read: (missing: string[]) => Promise<Value[]>, counter: DatabaseReadCounter): Promise<Value[]> {
    if (this.version === null) {
      counter.databaseCalls = (counter.databaseCalls ?? 0) + 1;
      return read([...keys]);
    }
    const answers: Array<Value | Promise<Value>> = new Array(keys.length);
    const missing: string[] = [];
    const missingAt = new Map<string, number[]>();
    keys.forEach((key, i) => {
      const full = `${space}\u0000${key}`;
      const kept = this.kept.get(full);
      if (kept) {
        answers[i] = kept.value;
        return;
      }
      const pending = this.inFlight.get(full);
      if (pending) {
        answers[i] = pending;
        return;
      }
      const at = missingAt.get(key);
      if (at) at.push(i);
      else {
        missingAt.set(key, [i]);
        missing.push(key);
      }
    });
    this.hits += keys.length - missing.length;
    if (missing.length > 0) {
      this.misses += missing.length;
      counter.databaseCalls = (counter.databaseCalls ?? 0) + 1;
      const epoch = this.epoch;
      const batch = read(missing);
      missing.forEach((key, j) => {
        const full = `${space}\u0000${key}`;
        const one = batch.then((values) => values[j]);
        // Others may wait on it; a failure reaches them through their own await, not as unhandled.
        one.catch(() => {});
        this.inFlight.set(full, one);
        for (const i of missingAt.get(key)!) answers[i] = one;
      });
      try {
        const values = await batch;
        if (epoch === this.epoch) missing.forEach((key, j) => this.kept.set(`${space}\u0000${key}`, { value: values[j] }));
      } finally {
        if (epoch === this.epoch) for (const key of missing) this.inFlight.delete(`${space}\u0000${key}`);
      }
    }
    return Promise.all(answers);
  }
}

/** The JSON length of a value in bytes (two per character, as V8 keeps most strings), at least 64. */
function sizeOf(value: Value): number {
  try {
    return Math.max(64, 2 * (JSON.stringify(value)?.length ?? 0));
  } catch {
    return 4_096;
  }
}
