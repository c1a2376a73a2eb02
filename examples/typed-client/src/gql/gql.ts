/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment MappingEntry on Mapping { id contentHash relationship strength rationale from { id title } to { id title } }\n": typeof types.MappingEntryFragmentDoc,
    "\n  query MappingSetPage($set: ID!, $after: String) {\n    dataset { version }\n    mappingSet(id: $set) {\n      id\n      contentHash\n      entries(first: 100, after: $after) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        nodes { ...MappingEntry }\n      }\n    }\n  }\n": typeof types.MappingSetPageDocument,
    "\n  query SyncChanges($since: String!) {\n    changes(since: $since) {\n      version\n      hasMore\n      dataset { mappings { added changed removed } }\n    }\n  }\n": typeof types.SyncChangesDocument,
    "\n  query MappingsById($ids: [ID!]!) {\n    nodes(ids: $ids) { ... on Mapping { ...MappingEntry } }\n  }\n": typeof types.MappingsByIdDocument,
};
const documents: Documents = {
    "\n  fragment MappingEntry on Mapping { id contentHash relationship strength rationale from { id title } to { id title } }\n": types.MappingEntryFragmentDoc,
    "\n  query MappingSetPage($set: ID!, $after: String) {\n    dataset { version }\n    mappingSet(id: $set) {\n      id\n      contentHash\n      entries(first: 100, after: $after) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        nodes { ...MappingEntry }\n      }\n    }\n  }\n": types.MappingSetPageDocument,
    "\n  query SyncChanges($since: String!) {\n    changes(since: $since) {\n      version\n      hasMore\n      dataset { mappings { added changed removed } }\n    }\n  }\n": types.SyncChangesDocument,
    "\n  query MappingsById($ids: [ID!]!) {\n    nodes(ids: $ids) { ... on Mapping { ...MappingEntry } }\n  }\n": types.MappingsByIdDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MappingEntry on Mapping { id contentHash relationship strength rationale from { id title } to { id title } }\n"): (typeof documents)["\n  fragment MappingEntry on Mapping { id contentHash relationship strength rationale from { id title } to { id title } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MappingSetPage($set: ID!, $after: String) {\n    dataset { version }\n    mappingSet(id: $set) {\n      id\n      contentHash\n      entries(first: 100, after: $after) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        nodes { ...MappingEntry }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MappingSetPage($set: ID!, $after: String) {\n    dataset { version }\n    mappingSet(id: $set) {\n      id\n      contentHash\n      entries(first: 100, after: $after) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        nodes { ...MappingEntry }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SyncChanges($since: String!) {\n    changes(since: $since) {\n      version\n      hasMore\n      dataset { mappings { added changed removed } }\n    }\n  }\n"): (typeof documents)["\n  query SyncChanges($since: String!) {\n    changes(since: $since) {\n      version\n      hasMore\n      dataset { mappings { added changed removed } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MappingsById($ids: [ID!]!) {\n    nodes(ids: $ids) { ... on Mapping { ...MappingEntry } }\n  }\n"): (typeof documents)["\n  query MappingsById($ids: [ID!]!) {\n    nodes(ids: $ids) { ... on Mapping { ...MappingEntry } }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;