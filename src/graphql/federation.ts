import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { concatAST, GraphQLError, Kind, parse, type ASTVisitor, type ConstDirectiveNode, type DocumentNode, type GraphQLSchema, type ValidationContext } from 'graphql';
import type { RequestContext } from './context.js';
import { allResolvers } from './resolvers/index.js';
import { entityResolvers } from './resolvers/entities.js';
import { loadFederationTypeDefs, loadTypeDefs } from './schema.js';

/**
 * Crosswalk as an Apollo Federation 2 subgraph (CROSSWALK_FEDERATION=1): the public schema
 * (schema/*.graphql, its resolvers) plus schema/federation/subgraph.graphql (the entities' keys) and
 * their reference resolvers. buildSubgraphSchema adds `_service` (the subgraph SDL, for composition)
 * and `_entities` (for a router's entity fetches); nothing else of the public schema changes.
 */
export function buildCrosswalkSubgraph(): GraphQLSchema {
  const sdl = subgraphSdl();
  // Per type, as resolvers/index.ts merges: the entity types keep their field resolvers.
  const resolvers = allResolvers() as unknown as Record<string, Record<string, unknown>>;
  for (const [type, fields] of Object.entries(entityResolvers)) resolvers[type] = { ...resolvers[type], ...fields };
  resolvers.Query = { ...resolvers.Query, _service: () => ({ sdl }) };
  return buildSubgraphSchema([{ typeDefs: subgraphTypeDefs(), resolvers: resolvers as GraphQLResolverMap<RequestContext> }]);
}

/**
 * The subgraph SDL a composition reads, served by `_service { sdl }` and printed by
 * `npm run subgraph-sdl`: one text either way. Printed from the SDL alone, as written: built with the
 * resolvers, the custom scalars would carry graphql-scalars' descriptions instead of ours.
 */
export function subgraphSdl(): string {
  return printSubgraphSchema(buildSubgraphSchema([{ typeDefs: subgraphTypeDefs() }]));
}

function subgraphTypeDefs(): DocumentNode {
  return keysOnDefinitions(concatAST([parse(loadTypeDefs().join('\n')), parse(loadFederationTypeDefs())]));
}

/**
 * The keys are written apart, as `extend type Requirement @key(fields: "id")`, but belong on the
 * types' definitions: Crosswalk defines these entities, it does not extend another subgraph's, and
 * the SDL it serves for composition says so (a supergraph would otherwise mark them `extension: true`).
 */
function keysOnDefinitions(document: DocumentNode): DocumentNode {
  const keys = new Map<string, ConstDirectiveNode[]>();
  const definitions = document.definitions.filter((definition) => {
    if (definition.kind !== Kind.OBJECT_TYPE_EXTENSION || definition.fields?.length || definition.interfaces?.length) return true;
    keys.set(definition.name.value, [...(keys.get(definition.name.value) ?? []), ...(definition.directives ?? [])]);
    return false;
  });
  const folded = definitions.map((definition) => {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION || !keys.has(definition.name.value)) return definition;
    const directives = keys.get(definition.name.value)!;
    keys.delete(definition.name.value);
    return { ...definition, directives: [...(definition.directives ?? []), ...directives] };
  });
  if (keys.size > 0) throw new Error(`schema/federation/subgraph.graphql keys ${[...keys.keys()].join(', ')}, which schema/*.graphql does not define`);
  return { ...document, definitions: folded };
}

/**
 * With introspection off, `_service { sdl }` is refused as `__schema` is: it prints the whole schema.
 * A router on a supergraph composed ahead of time never asks for it (README, "Apollo Federation").
 */
export function noSubgraphSdlRule(context: ValidationContext): ASTVisitor {
  return {
    Field(node) {
      if (node.name.value !== '_service' || context.getParentType() !== context.getSchema().getQueryType()) return;
      context.reportError(new GraphQLError('GraphQL introspection is not allowed here, and neither is the subgraph SDL (_service): compose from the SDL files instead.', { nodes: node }));
    },
  };
}
