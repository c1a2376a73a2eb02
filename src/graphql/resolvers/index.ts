import type { GraphQLScalarType } from 'graphql';
import { DateTimeResolver, JSONResolver, LocalDateResolver, URLResolver } from 'graphql-scalars';
import type { Resolvers } from '../generated/resolvers-types.js';
import { agreementResolvers } from './agreement.js';
import { catalogResolvers } from './catalog.js';
import { coverageResolvers } from './coverage.js';
import { crosswalkResolvers } from './crosswalk.js';
import { explainResolvers } from './explain.js';
import { overlapResolvers } from './overlap.js';
import { planningResolvers } from './planning.js';
import { frameworkResolvers } from './framework.js';
import { mappingResolvers } from './mapping.js';
import { queryResolvers } from './query.js';
import { requirementResolvers } from './requirement.js';
import { searchResolvers } from './search.js';
import { syncResolvers } from './sync.js';
import { workspaceResolvers } from './workspace.js';

/**
 * graphql-scalars' parsing and serialising, and nothing else: handed a whole GraphQLScalarType, the
 * schema builders copy every property onto the SDL's scalar, so its description and @specifiedBy URL
 * (schema/common.graphql) gave way to graphql-scalars' own in introspection.
 */
function behaviourOf(scalar: GraphQLScalarType): GraphQLScalarType {
  const { serialize, parseValue, parseLiteral } = scalar.toConfig();
  return { serialize, parseValue, parseLiteral } as unknown as GraphQLScalarType;
}

const scalarResolvers: Resolvers = { URL: behaviourOf(URLResolver), LocalDate: behaviourOf(LocalDateResolver), DateTime: behaviourOf(DateTimeResolver), JSON: behaviourOf(JSONResolver) };

/** Every resolver map, merged per type: one file per noun, as schema/ has one file per noun. */
export function allResolvers(): Resolvers {
  const parts: Resolvers[] = [scalarResolvers, queryResolvers, frameworkResolvers, requirementResolvers, searchResolvers, mappingResolvers, catalogResolvers, coverageResolvers, overlapResolvers, planningResolvers, explainResolvers, crosswalkResolvers, agreementResolvers, workspaceResolvers, syncResolvers];
  const merged: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [type, fields] of Object.entries(part)) {
      const existing = merged[type];
      merged[type] = existing && typeof existing === 'object' && !(fields instanceof Object && 'serialize' in fields) ? { ...existing, ...fields } : fields;
    }
  }
  return merged as Resolvers;
}
