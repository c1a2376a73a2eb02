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

export type MappingEntryFragment = { id: string, contentHash: string, relationship: Relationship, strength: number | null, rationale: Rationale | null, from: { id: string, title: string }, to: { id: string, title: string } } & { ' $fragmentName'?: 'MappingEntryFragment' };

export type MappingSetPageQueryVariables = Exact<{
  set: string | number;
  after?: string | null | undefined;
}>;


export type MappingSetPageQuery = { dataset: { version: string } | null, mappingSet: { id: string, contentHash: string, entries: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ ' $fragmentRefs'?: { 'MappingEntryFragment': MappingEntryFragment } }> } } | null };

export type SyncChangesQueryVariables = Exact<{
  since: string;
}>;


export type SyncChangesQuery = { changes: { version: string, hasMore: boolean, dataset: { mappings: { added: Array<string>, changed: Array<string>, removed: Array<string> } } | null } | null };

export type MappingsByIdQueryVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;


export type MappingsByIdQuery = { nodes: Array<
    | { ' $fragmentRefs'?: { 'MappingEntryFragment': MappingEntryFragment } }
    | Record<PropertyKey, never>
   | null> | null };

export const MappingEntryFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MappingEntry"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Mapping"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"contentHash"}},{"kind":"Field","name":{"kind":"Name","value":"relationship"}},{"kind":"Field","name":{"kind":"Name","value":"strength"}},{"kind":"Field","name":{"kind":"Name","value":"rationale"}},{"kind":"Field","name":{"kind":"Name","value":"from"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"to"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]} as unknown as DocumentNode<MappingEntryFragment, unknown>;
export const MappingSetPageDocument = {"__meta__":{"hash":"sha256:c0fc2f4a4c09a33619600e75efa0bbdc344d37c1b2848f8e64afaf706908e084"}} as unknown as DocumentNode<MappingSetPageQuery, MappingSetPageQueryVariables>;
export const SyncChangesDocument = {"__meta__":{"hash":"sha256:8c91228ea84d52c654753a06c1beb70661ea016cf5b7ced3fd2b9fa283cbe108"}} as unknown as DocumentNode<SyncChangesQuery, SyncChangesQueryVariables>;
export const MappingsByIdDocument = {"__meta__":{"hash":"sha256:e9f5ae6014c903d9f5b97b185ab088bee3444011fd7485a77840453ca10fcf20"}} as unknown as DocumentNode<MappingsByIdQuery, MappingsByIdQueryVariables>;