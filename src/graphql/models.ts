import type { ComprehensiveSide, Mapping, Requirement } from '../domain/types.js';

/** What resolvers pass between each other where the GraphQL type has no domain type of its own. */

/** One page of a list: the items and where the page starts, for cursors. */
export interface ConnectionModel<T> {
  items: T[];
  offset: number;
  totalCount: number;
}
export type RequirementConnectionModel = ConnectionModel<Requirement>;
export type MappingConnectionModel = ConnectionModel<Mapping>;

/** A stored mapping seen from one of its ends. */
export interface RequirementMappingModel {
  /** The requirement the mapping is seen from. */
  fromHere: string;
  mapping: Mapping;
}

export interface ComprehensiveSideModel extends ComprehensiveSide {
  frameworkId: string;
}
