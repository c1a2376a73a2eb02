import { createRequire } from 'node:module';

/**
 * One graphql-js in tests, as in production. graphql 16 has no "exports" map: Node resolves
 * `graphql` to its CommonJS entry (what Apollo, graphql-tools and graphql-jit use), while Vite would
 * pick the "module" field's .mjs copy for the sources under test. Two copies cannot share a schema
 * ("Cannot use GraphQLEnumType from another module or realm"), so the sources get Node's.
 */
export const oneGraphql = { alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }] };
