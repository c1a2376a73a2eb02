import { buildSchema, isScalarType, isSpecifiedScalarType, type GraphQLScalarType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTypeDefs } from '../../src/graphql/schema.js';
import { startTestServer, type TestServer } from '../helpers/http.js';
import { startWorkspaceServer, type WorkspaceServer } from '../helpers/workspace-server.js';

/**
 * The custom scalars a client introspects are the SDL's (schema/common.graphql): their descriptions
 * and @specifiedBy URLs, on the plain schema and on the federated subgraph. graphql-scalars gives
 * only their parsing and serialising (it used to overwrite both, leaving specifiedByURL null).
 */
const sdl = buildSchema(loadTypeDefs().join('\n'));
const custom = Object.values(sdl.getTypeMap()).filter((t): t is GraphQLScalarType => isScalarType(t) && !isSpecifiedScalarType(t));

let plain: TestServer;
let federated: WorkspaceServer;
beforeAll(async () => {
  plain = await startTestServer();
  federated = await startWorkspaceServer({ config: { federation: true } });
});
afterAll(async () => {
  await plain.close();
  await federated.close();
});

const INTROSPECT = `{ __schema { types { name kind description specifiedByURL } } }`;

describe('custom scalars in introspection', () => {
  it.each(['plain', 'federated'] as const)('carry the SDL description and @specifiedBy URL (%s)', async (which) => {
    const response = which === 'plain' ? await plain.query(INTROSPECT) : await federated.as()(INTROSPECT);
    const served = new Map((response.data!.__schema.types as Array<{ name: string; description: string; specifiedByURL: string | null }>).map((t) => [t.name, t]));
    expect(custom.length).toBeGreaterThanOrEqual(4);
    for (const scalar of custom) {
      expect(served.get(scalar.name), scalar.name).toMatchObject({ description: scalar.description, specifiedByURL: scalar.specifiedByURL });
      expect(scalar.specifiedByURL, scalar.name).toMatch(/^https:\/\//);
    }
  });

  it('still parse and serialise as graphql-scalars does: a bad DateTime is a coded input error', async () => {
    const bad = await plain.query(`query ($since: DateTime!) { auditLog(since: $since) { __typename } }`, { since: 'yesterday' });
    expect(bad.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const ok = await plain.query(`{ dataset { loadedAt } }`);
    expect(ok.data!.dataset.loadedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  });
});
