// @apollo/subgraph 2.14 (the last line for Node 20; 2.15 needs Node 22) exports these from its modules, not its root.
import { entitiesResolver } from '@apollo/subgraph/dist/types.js';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { RequestContext } from '../context.js';
import { badInput } from '../errors.js';
import { findEntity, type EntityType } from '../lookup.js';
import { MAX_NODE_IDS } from './query.js';

/**
 * Apollo Federation's entry points (only in the subgraph schema, CROSSWALK_FEDERATION=1): a router
 * hands `_entities` representations `{ __typename, id }` of the entities Crosswalk owns, and each is
 * looked up as `node(id)` looks it up, through the request's loaders (one batched read per level).
 */
const ENTITY_TYPES: ReadonlySet<string> = new Set<EntityType>(['Framework', 'Requirement', 'MappingSet', 'Mapping']);

interface Representation {
  __typename: EntityType;
  id: string;
}

const isRepresentation = (value: unknown): value is Representation =>
  typeof value === 'object' && value !== null && ENTITY_TYPES.has(String((value as Record<string, unknown>).__typename)) && typeof (value as Record<string, unknown>).id === 'string';

/**
 * The entity or null. A copy: Apollo's entitiesResolver tags the value it is given with its
 * `__typename`, and the loaders hand out the store's objects, shared by every request.
 */
const reference =
  (type: EntityType) =>
  async ({ id }: Representation, ctx: RequestContext): Promise<object | null> => {
    const found = await findEntity(ctx, type, id);
    return found ? { ...found } : null;
  };

export const entityResolvers: GraphQLResolverMap<RequestContext> = {
  Query: {
    // The same bound as nodes(ids:), here and in the cost model (cost.ts): a router's batch of
    // representations is a list of ids. A malformed representation is an error at its position only.
    _entities: (_root, { representations }: { representations: unknown[] }, ctx: RequestContext, info) => {
      if (representations.length > MAX_NODE_IDS) throw badInput(`"representations" takes at most ${MAX_NODE_IDS} representations, as nodes(ids:) takes at most ${MAX_NODE_IDS} ids.`, 'representations');
      return representations.map((representation) =>
        isRepresentation(representation)
          ? entitiesResolver({ representations: [representation], context: ctx, info })[0]
          : badInput(`A representation is { __typename, id } with __typename one of ${[...ENTITY_TYPES].join(', ')}; got ${JSON.stringify(representation)?.slice(0, 120)}.`, 'representations'),
      );
    },
  },
  Framework: { __resolveReference: reference('Framework') },
  Requirement: { __resolveReference: reference('Requirement') },
  MappingSet: { __resolveReference: reference('MappingSet') },
  Mapping: { __resolveReference: reference('Mapping') },
};
