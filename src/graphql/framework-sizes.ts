import { LRUCache } from 'lru-cache';
import { firstRows, type GraphStore } from '../domain/graph-store.js';

/**
 * How large a framework's catalog is, for the cost model (cost.ts): what an analysis answer naming
 * the framework can hold, whatever its `kind` filter. `leaves` bounds one item per leaf requirement
 * (coverage and gaps items, crosswalk rows by target); `topLevel` bounds `Coverage.groups`.
 */
export interface FrameworkSize {
  /** Requirements that are not headings (CLAUSE and CONTROL): what coverage reports one item each for. */
  leaves: number;
  /** Requirements without a parent: the groups a coverage is summarised under. */
  topLevel: number;
}

/** What the cost walk asks: a framework's size, or undefined when unknown (the walk prices a fallback). */
export type FrameworkSizeLookup = (frameworkId: string) => FrameworkSize | undefined;

/** Reads one framework's size from the store: one whole-catalog read; null when it has no requirements (unknown id). */
export async function readFrameworkSize(store: GraphStore, frameworkId: string): Promise<FrameworkSize | null> {
  const [page] = await store.findRequirements([{ filter: { frameworkIds: [frameworkId] }, page: firstRows() }]);
  if (!page || page.totalCount === 0) return null;
  let leaves = 0;
  let topLevel = 0;
  for (const requirement of page.items) {
    if (requirement.kind !== 'GROUP') leaves++;
    if (requirement.parentId === null) topLevel++;
  }
  return { leaves, topLevel };
}

/**
 * Frameworks' sizes by the version of what the caller sees (the public dataset version, or for a
 * key's caller its workspace and that workspace's revision: caller-version.ts), so a framework is
 * read from the store once per version and a workspace's own frameworks are sized from its own view.
 * Bounded in entries; unknown ids are cached too (as null), so a stream of made-up ids cannot make
 * every request read the store. Without a version (the store could not say) nothing is cached.
 */
export class FrameworkSizeCache {
  private readonly entries: LRUCache<string, { size: FrameworkSize | null }>;

  constructor(maxEntries = 1_000) {
    this.entries = new LRUCache({ max: maxEntries });
  }

  /** The sizes of `frameworkIds` as `store` sees them at `version`; a failed read is priced as unknown and not cached. */
  async sizes(store: GraphStore, version: string | null, frameworkIds: Iterable<string>): Promise<Map<string, FrameworkSize | null>> {
    const result = new Map<string, FrameworkSize | null>();
    const missing: string[] = [];
    for (const id of new Set(frameworkIds)) {
      const hit = version === null ? undefined : this.entries.get(`${version}\0${id}`);
      if (hit) result.set(id, hit.size);
      else missing.push(id);
    }
    await Promise.all(
      missing.map(async (id) => {
        try {
          const size = await readFrameworkSize(store, id);
          result.set(id, size);
          if (version !== null) this.entries.set(`${version}\0${id}`, { size });
        } catch {
          // The store is down or refused: the cost prices a fallback, and execution reports the outage.
          result.set(id, null);
        }
      }),
    );
    return result;
  }
}
