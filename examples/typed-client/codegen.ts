import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * A GRC tool's typed client, as GraphQL Code Generator's client preset makes it: typed documents
 * for the operations in src/, and a persisted-documents manifest (sha256) the API is deployed with
 * (CROSSWALK_TRUSTED_DOCUMENTS=examples/typed-client/src/gql/persisted-documents.json), so the client sends
 * only `documentId`. Regenerate from the repository root: `npm run example:codegen`.
 */
const config: CodegenConfig = {
  schema: '../../schema/*.graphql',
  documents: ['src/**/*.ts', '!src/gql/**/*'],
  emitLegacyCommonJSImports: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { persistedDocuments: { hashAlgorithm: 'sha256', mode: 'replaceDocumentWithHash' } },
      config: { useTypeImports: true, scalars: { DateTime: 'string', LocalDate: 'string', URL: 'string', JSON: 'unknown' } },
    },
  },
};
export default config;
