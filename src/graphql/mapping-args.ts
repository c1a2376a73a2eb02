import { mappingFilterProblems, type MappingFilter, type MappingOrder } from '../domain/mapping-filter.js';
import { parseGlobalId } from '../domain/ids.js';
import type { Relationship } from '../domain/types.js';
import type { RequestContext } from './context.js';
import { badInput, checkAll, throwProblems } from './errors.js';
import { requireNode } from './lookup.js';

/** The `filter` and `orderBy` arguments of a list of mappings, checked, with the source as a store id. */
export interface MappingArgs {
  filter?: { relationships?: readonly Relationship[] | null; minStrength?: number | null; source?: string | null } | null;
  orderBy?: MappingOrder | null;
}

export async function checkMappingArgs(ctx: RequestContext, args: MappingArgs): Promise<{ filter: MappingFilter; order: MappingOrder }> {
  const given = args.filter ?? {};
  const source = given.source ?? null;
  const [sourceId] = await checkAll([
    source === null
      ? Promise.resolve(null)
      : parseGlobalId(source)?.type === 'MappingSource'
        ? requireNode(ctx, source).then(() => parseGlobalId(source)!.localId)
        : Promise.reject(badInput(`"filter.source" must be a mapping source id such as "source:crosswalk-curated"; got "${source.slice(0, 80)}".`, 'filter')),
    () => throwProblems(mappingFilterProblems(given)),
  ] as const);
  // Sorted: the same filter written in another order is the same connection for its cursors.
  return { filter: { relationships: given.relationships ? [...new Set(given.relationships)].sort() : null, minStrength: given.minStrength ?? null, sourceId }, order: args.orderBy ?? 'SET_ORDER' };
}
