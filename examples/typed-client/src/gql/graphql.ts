/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Why the relation holds: same wording (SYNTACTIC), same meaning (SEMANTIC), same outcome (FUNCTIONAL). */
export type Rationale =
  /** Same outcome. */
  | 'FUNCTIONAL'
  /** Same meaning. */
  | 'SEMANTIC'
  /** Same wording. */
  | 'SYNTACTIC';

/**
 * NIST IR 8477 set relations. `a SUBSET_OF b`: a asks for less than b. `a SUPERSET_OF b`: a asks for more
 * than b. RELATED: a concept crosswalk listed the pair without a set relation.
 */
export type Relationship =
  /** The two ask for the same. */
  | 'EQUAL'
  /** The two share some but not all of what they ask. */
  | 'INTERSECTS_WITH'
  /** A concept crosswalk listed the pair without a set relation. */
  | 'RELATED'
  /** `a` asks for less than `b`. */
  | 'SUBSET_OF'
  /** `a` asks for more than `b`. */
  | 'SUPERSET_OF';

export type MappingSetPageQueryVariables = Exact<{
  set: string | number;
  after?: string | null | undefined;
}>;


export type MappingSetPageQuery = { mappingSet: { id: string, contentHash: string, entries: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, contentHash: string, relationship: Relationship, strength: number | null, rationale: Rationale | null, from: { id: string, title: string }, to: { id: string, title: string } }> } } | null };


export const MappingSetPageDocument = {"__meta__":{"hash":"sha256:dfa68b853e3334e2837548bd0cdf70c2c8d1fa3c7d38592136eb43a194eb336c"}} as unknown as DocumentNode<MappingSetPageQuery, MappingSetPageQueryVariables>;