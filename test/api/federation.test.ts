import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { buildClientSchema, getIntrospectionQuery, lexicographicSortSchema, parse, printType, type GraphQLObjectType, type IntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import { subgraphSdl } from '../../src/graphql/federation.js';
import { startTestServer, type GraphQLResponse, type TestServer } from '../helpers/http.js';
import { startWorkspaceServer, type WorkspaceServer } from '../helpers/workspace-server.js';

/**
 * Crosswalk as an Apollo Federation 2 subgraph (CROSSWALK_FEDERATION=1), composed with a GRC tool's
 * own subgraph (its controls and their implementation status, which extend Crosswalk's Requirement)
 * and queried through a gateway: all three run as HTTP servers, as in a deployment.
 */

/** The GRC tool's subgraph: its controls, each implementing requirements Crosswalk owns. */
const GRC_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

  """How far a control is implemented."""
  enum ImplementationStatus { PLANNED IN_PROGRESS IMPLEMENTED }

  """A control as the GRC tool tracks it."""
  type Control @key(fields: "id") {
    id: ID!
    name: String!
    status: ImplementationStatus!
    """The requirements the control implements: Crosswalk's entities."""
    requirements: [Requirement!]!
  }

  type Requirement @key(fields: "id") {
    id: ID!
    """The GRC tool's controls that implement this requirement."""
    controls: [Control!]!
  }

  type Query {
    controls: [Control!]!
    control(id: ID!): Control
  }
`;

const CONTROLS = [
  { id: 'ctl-access-review', name: 'Quarterly access review', status: 'IMPLEMENTED', requirementIds: ['soc2:CC6.1'] },
  { id: 'ctl-model-monitoring', name: 'Model drift monitoring', status: 'IN_PROGRESS', requirementIds: ['soc2:CC6.1'] },
  // Implements a requirement of the ACME workspace: only ACME's key can see it in Crosswalk.
  { id: 'ctl-acme-policy', name: 'ACME access policy', status: 'PLANNED', requirementIds: ['acme:controls:AC-1'] },
  // Points at a requirement that never existed, in any workspace.
  { id: 'ctl-stale-link', name: 'Stale link', status: 'PLANNED', requirementIds: ['acme:controls:AC-9'] },
];

function grcSubgraph(): ApolloServer {
  return new ApolloServer({
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    schema: buildSubgraphSchema([{
      typeDefs: parse(GRC_SDL),
      resolvers: {
        Query: { controls: () => CONTROLS, control: (_root: unknown, { id }: { id: string }) => CONTROLS.find((c) => c.id === id) ?? null },
        Control: { requirements: (control: (typeof CONTROLS)[number]) => control.requirementIds.map((id) => ({ id })) },
        Requirement: {
          __resolveReference: (reference: { id: string }) => reference,
          controls: (requirement: { id: string }) => CONTROLS.filter((c) => c.requirementIds.includes(requirement.id)),
        },
      } as never,
    }]),
  });
}

async function post(url: string, query: string, variables?: Record<string, unknown>, key?: string): Promise<GraphQLResponse<any>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { ...((await response.json()) as GraphQLResponse), status: response.status };
}

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Framework { id name }
    ... on Requirement { id title }
    ... on MappingSet { id fromFramework { id } }
    ... on Mapping { id relationship }
  }
}`;

let crosswalk: WorkspaceServer;
let grc: { server: ApolloServer; url: string };
let gateway: { server: ApolloServer; url: string };
let plain: TestServer;
let acme: { key: string };
let globex: { key: string };
let acmeSetId: string;
let publicMappingId: string;
let supergraph: ReturnType<typeof composeServices>;

beforeAll(async () => {
  crosswalk = await startWorkspaceServer({ config: { federation: true } });
  plain = await startTestServer();
  acme = await crosswalk.key('acme', 'admin');
  globex = await crosswalk.key('globex', 'admin');
  const admin = crosswalk.as(acme.key);
  expect((await admin(`mutation { createFramework(input: { id: "acme:controls", name: "ACME controls" }) { userErrors { code } } }`)).data?.createFramework.userErrors).toEqual([]);
  const upserted = await admin(`mutation { upsertRequirements(input: { framework: "acme:controls", requirements: [{ ref: "AC-1", title: "Access control policy" }] }) { userErrors { code } } }`);
  expect(upserted.data?.upsertRequirements.userErrors).toEqual([]);
  const set = await admin(`mutation { createMappingSet(input: { from: "acme:controls", to: "soc2" }) { mappingSet { id } userErrors { code } } }`);
  acmeSetId = set.data?.createMappingSet.mappingSet.id;
  expect(acmeSetId).toMatch(/^mapping-set:acme:/);
  const mappings = await plain.query(`{ requirement(id: "soc2:CC6.1") { mappings { mapping { id } } } }`);
  publicMappingId = mappings.data?.requirement.mappings[0].mapping.id;
  expect(publicMappingId).toMatch(/^mapping:/);

  const grcServer = grcSubgraph();
  const grcStarted = await startStandaloneServer(grcServer, { listen: { port: 0, host: '127.0.0.1' } });
  grc = { server: grcServer, url: grcStarted.url };

  // Composed from what each subgraph serves (`_service { sdl }`), as `rover supergraph compose` does.
  const crosswalkSdl = (await post(`${crosswalk.url}/graphql`, '{ _service { sdl } }')).data?._service.sdl as string;
  const grcSdl = (await post(grc.url, '{ _service { sdl } }')).data?._service.sdl as string;
  supergraph = composeServices([
    { name: 'crosswalk', typeDefs: parse(crosswalkSdl), url: `${crosswalk.url}/graphql` },
    { name: 'grc', typeDefs: parse(grcSdl), url: grc.url },
  ]);
  if (!supergraph.supergraphSdl) throw new Error(`composition failed: ${supergraph.errors?.map((e) => e.message).join('; ')}`);

  // The caller's key travels to the subgraphs, so Crosswalk answers with the caller's workspace.
  const apolloGateway = new ApolloGateway({
    supergraphSdl: supergraph.supergraphSdl,
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource<{ authorization?: string }>({
        url,
        willSendRequest({ request, context }) {
          if (context.authorization) request.http?.headers.set('authorization', context.authorization);
        },
      }),
  });
  const gatewayServer = new ApolloServer({ gateway: apolloGateway });
  const gatewayStarted = await startStandaloneServer(gatewayServer, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => ({ authorization: req.headers.authorization }),
  });
  gateway = { server: gatewayServer, url: gatewayStarted.url };
}, 60_000);

afterAll(async () => {
  await gateway?.server.stop();
  await grc?.server.stop();
  await crosswalk?.close();
  await plain?.close();
});

describe('composition', () => {
  it('composes Crosswalk with the GRC subgraph without errors, Requirement owned by Crosswalk and extended by the GRC tool', () => {
    expect(supergraph.errors).toBeUndefined();
    // Not even a hint (advice such as an inconsistent description or a field only one side has).
    expect((supergraph.hints ?? []).map((h) => h.message)).toEqual([]);
    const sdl = supergraph.supergraphSdl!;
    // Crosswalk defines Requirement (no `extension: true`); the GRC subgraph adds its controls to it.
    expect(sdl).toMatch(/type Requirement implements Node\s+@join__implements\(graph: CROSSWALK, interface: "Node"\)\s+@join__type\(graph: CROSSWALK, key: "id"\)\s+@join__type\(graph: GRC, key: "id"\)/);
    expect(sdl).toMatch(/controls: \[Control!\]! @join__field\(graph: GRC\)/);
    for (const entity of ['Framework', 'MappingSet', 'Mapping']) expect(sdl).toMatch(new RegExp(`type ${entity} implements Node[^{]*@join__type\\(graph: CROSSWALK, key: "id"\\)`));
  });

  it('composes the same supergraph from `npm run subgraph-sdl` as from the running server\'s _service', async () => {
    expect(subgraphSdl()).toBe((await post(`${crosswalk.url}/graphql`, '{ _service { sdl } }')).data?._service.sdl);
    const grcSdl = (await post(grc.url, '{ _service { sdl } }')).data?._service.sdl as string;
    const fromFile = composeServices([
      { name: 'crosswalk', typeDefs: parse(subgraphSdl()), url: `${crosswalk.url}/graphql` },
      { name: 'grc', typeDefs: parse(grcSdl), url: grc.url },
    ]);
    expect(fromFile.errors).toBeUndefined();
    expect(fromFile.supergraphSdl).toBe(supergraph.supergraphSdl);
  });
});

describe('a query through the gateway', () => {
  it('goes from the GRC tool\'s controls to the requirements Crosswalk serves, with their mappings', async () => {
    const answer = await post(gateway.url, `{ control(id: "ctl-access-review") { status requirements { id title framework { id } mappings { relationship other { id } } } } }`);
    expect(answer.errors).toBeUndefined();
    const direct = await plain.query(`{ requirement(id: "soc2:CC6.1") { id title framework { id } mappings { relationship other { id } } } }`);
    expect(direct.data?.requirement.mappings.length).toBeGreaterThan(0);
    // Crosswalk's own answer, field for field, under the GRC tool's control.
    expect(answer.data.control).toEqual({ status: 'IMPLEMENTED', requirements: [direct.data?.requirement] });
  });

  it('goes from a Crosswalk requirement to the GRC tool\'s controls that implement it', async () => {
    const answer = await post(gateway.url, `{ requirement(id: "soc2:CC6.1") { title controls { id name status } } }`);
    expect(answer.errors).toBeUndefined();
    expect(answer.data.requirement.title).toBe((await plain.query(`{ requirement(id: "soc2:CC6.1") { title } }`)).data?.requirement.title);
    expect(answer.data.requirement.controls.map((c: { id: string; status: string }) => `${c.id} ${c.status}`).sort()).toEqual(['ctl-access-review IMPLEMENTED', 'ctl-model-monitoring IN_PROGRESS']);
  });

  it('answers a workspace requirement to its own workspace\'s key only', async () => {
    const query = `{ control(id: "ctl-acme-policy") { status requirements { id title } } }`;
    const asAcme = await post(gateway.url, query, undefined, acme.key);
    expect(asAcme.errors).toBeUndefined();
    expect(asAcme.data.control).toEqual({ status: 'PLANNED', requirements: [{ id: 'acme:controls:AC-1', title: 'Access control policy' }] });
    // For another workspace (and for no key) Crosswalk resolves the entity to null: the gateway then
    // has no title for a non-null field. The answer is the one for a requirement that never existed.
    const stale = (key?: string) => post(gateway.url, query.replace('ctl-acme-policy', 'ctl-stale-link'), undefined, key);
    const shape = (answer: GraphQLResponse<any>) => JSON.stringify(answer).replaceAll('ctl-acme-policy', 'CONTROL').replaceAll('ctl-stale-link', 'CONTROL').replaceAll('AC-1', 'REF').replaceAll('AC-9', 'REF');
    for (const key of [globex.key, undefined]) {
      const other = await post(gateway.url, query, undefined, key);
      expect(other.data?.control ?? null).toBeNull();
      expect(JSON.stringify(other)).not.toContain('Access control policy');
      expect(shape(other)).toBe(shape(await stale(key)));
      expect(shape(other)).toBe(shape(await stale(acme.key)));
      // The GRC tool's own part of the control still answers.
      expect((await post(gateway.url, `{ control(id: "ctl-acme-policy") { status } }`, undefined, key)).data?.control).toEqual({ status: 'PLANNED' });
    }
  });
});

describe('entity resolution (_entities)', () => {
  const representations = () => [
    { __typename: 'Requirement', id: 'acme:controls:AC-1' },
    { __typename: 'MappingSet', id: acmeSetId },
    { __typename: 'Framework', id: 'acme:controls' },
    { __typename: 'Requirement', id: 'soc2:CC6.1' },
    { __typename: 'MappingSet', id: 'mapping-set:soc2--iso42001' },
    { __typename: 'Framework', id: 'soc2' },
    { __typename: 'Mapping', id: publicMappingId },
    { __typename: 'Requirement', id: 'soc2:CC99.9' },
    { __typename: 'MappingSet', id: 'mapping-set:soc2--nowhere' },
    { __typename: 'Framework', id: 'nowhere' },
    { __typename: 'Requirement', id: 'soc2' },
  ];
  const entities = async (key?: string) => post(`${crosswalk.url}/graphql`, ENTITIES, { representations: representations() }, key);
  const idsOf = (answer: GraphQLResponse<any>) => (answer.data?._entities as Array<{ id: string } | null>).map((e) => e?.id ?? null);

  it('resolves a Requirement, a MappingSet, a Framework and a Mapping by id, as node(id) finds them', async () => {
    const answer = await entities(acme.key);
    expect(answer.errors).toBeUndefined();
    expect(idsOf(answer)).toEqual(['acme:controls:AC-1', acmeSetId, 'acme:controls', 'soc2:CC6.1', 'mapping-set:soc2--iso42001', 'soc2', publicMappingId, null, null, null, null]);
    expect(answer.data?._entities[0]).toEqual({ __typename: 'Requirement', id: 'acme:controls:AC-1', title: 'Access control policy' });
    expect(answer.data?._entities[1]).toEqual({ __typename: 'MappingSet', id: acmeSetId, fromFramework: { id: 'acme:controls' } });
    // The same lookups: an entity is there exactly when node(id) answers it for the same key.
    for (const [i, representation] of representations().entries()) {
      const node = await post(`${crosswalk.url}/graphql`, `query ($id: ID!) { node(id: $id) { __typename id } }`, { id: representation.id }, acme.key);
      const found = node.data?.node?.__typename === representation.__typename ? node.data.node.id : null;
      expect(found, `${representation.__typename} ${representation.id}`).toBe(idsOf(answer)[i]);
    }
  });

  it('answers another workspace\'s ids with null, exactly as ids that never existed', async () => {
    // The same text and variables ACME was just answered (result cache on): the answer is per workspace.
    for (const key of [globex.key, undefined]) {
      const answer = await entities(key);
      expect(answer.errors).toBeUndefined();
      expect(idsOf(answer)).toEqual([null, null, null, 'soc2:CC6.1', 'mapping-set:soc2--iso42001', 'soc2', publicMappingId, null, null, null, null]);
    }
  });

  it('refuses a representation that is not { __typename, id } of an entity, at its position only', async () => {
    const answer = await post(`${crosswalk.url}/graphql`, ENTITIES, { representations: [{ __typename: 'Discipline', id: 'discipline:risk-management' }, { __typename: 'Requirement' }, { __typename: 'Requirement', id: 'soc2:CC6.1' }] });
    expect(answer.status).toBe(200);
    expect(answer.data?._entities.map((e: { id: string } | null) => e?.id ?? null)).toEqual([null, null, 'soc2:CC6.1']);
    expect(answer.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([
      ['_entities.0', 'BAD_USER_INPUT'],
      ['_entities.1', 'BAD_USER_INPUT'],
    ]);
  });
});

describe('limits', () => {
  const inline = (n: number) => `{ _entities(representations: [${Array.from({ length: n }, () => '{ __typename: "Requirement", id: "soc2:CC6.1" }').join(', ')}]) { ... on Requirement { id } } }`;
  const reps = (n: number) => Array.from({ length: n }, () => ({ __typename: 'Requirement', id: 'soc2:CC6.1' }));
  const URL_OF = () => `${crosswalk.url}/graphql`;

  it('counts _entities(representations:) in the cost model as nodes(ids:) is counted, inline, in variables or as a default', async () => {
    const ids = Array.from({ length: 201 }, () => 'soc2:CC6.1');
    const nodes = await post(URL_OF(), `query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids });
    expect(nodes.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const byVariables = await post(URL_OF(), `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Requirement { id } } }`, { r: reps(201) });
    const written = await post(URL_OF(), inline(201));
    const literal = inline(201).slice(inline(201).indexOf('['), inline(201).indexOf(']') + 1);
    const byDefault = await post(URL_OF(), `query ($r: [_Any!]! = ${literal}) { _entities(representations: $r) { ... on Requirement { id } } }`);
    for (const answer of [byVariables, written, byDefault]) {
      expect(answer.status).toBe(400);
      expect(answer.data).toBeUndefined();
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', cost: nodes.errors?.[0]?.extensions?.cost });
    }
    // A small batch is answered: the refusal is the size, not the field.
    const small = await post(URL_OF(), inline(3));
    expect(small.data?._entities).toEqual([{ id: 'soc2:CC6.1' }, { id: 'soc2:CC6.1' }, { id: 'soc2:CC6.1' }]);
  });

  it('takes at most 100 representations, as nodes(ids:) takes at most 100 ids', async () => {
    for (const answer of [await post(URL_OF(), `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Requirement { id } } }`, { r: reps(101) }), await post(URL_OF(), inline(101))]) {
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'representations' });
      // `_entities` is non-null: refused whole, as nodes(ids:) is, nothing looked up.
      expect(answer.data ?? null).toBeNull();
    }
    const hundred = await post(URL_OF(), inline(100));
    expect(hundred.errors).toBeUndefined();
    expect(hundred.data?._entities).toHaveLength(100);
  });
});

describe('plain clients', () => {
  it('see no federation fields unless CROSSWALK_FEDERATION is on', async () => {
    for (const query of ['{ _service { sdl } }', '{ _entities(representations: []) { __typename } }']) {
      const answer = await plain.query(query);
      expect(answer.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
  });

  it('see the same schema from the subgraph, federation\'s additions aside', async () => {
    // In name order: the subgraph merges the `extend type` files in another order, which no client sees as a change.
    const introspect = async (url: string) => lexicographicSortSchema(buildClientSchema((await post(`${url}/graphql`, getIntrospectionQuery())).data as IntrospectionQuery));
    const [federated, ordinary] = [await introspect(crosswalk.url), await introspect(plain.url)];
    const added = Object.keys(federated.getTypeMap()).filter((name) => !ordinary.getType(name)).sort();
    expect(added).toEqual(['_Any', '_Entity', '_Service', 'federation__FieldSet', 'link__Import', 'link__Purpose']);
    for (const type of Object.values(ordinary.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      const twin = federated.getType(type.name)!;
      if (type.name !== 'Query') {
        expect(printType(twin), type.name).toBe(printType(type));
        continue;
      }
      const fields = Object.keys((twin as GraphQLObjectType).getFields());
      expect(fields.filter((f) => !f.startsWith('_'))).toEqual(Object.keys((type as GraphQLObjectType).getFields()));
      expect(fields.filter((f) => f.startsWith('_')).sort()).toEqual(['_entities', '_service']);
    }
  });

  it('with introspection off, the subgraph SDL is refused as introspection is, and entities still resolve', async () => {
    const closed = await startWorkspaceServer({ config: { federation: true, introspection: false } });
    try {
      const sdl = await post(`${closed.url}/graphql`, '{ _service { sdl } }');
      expect(sdl.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(sdl.errors?.[0]?.message).toMatch(/introspection/);
      expect(JSON.stringify(sdl)).not.toMatch(/@key|type Requirement/);
      const entity = await post(`${closed.url}/graphql`, ENTITIES, { representations: [{ __typename: 'Requirement', id: 'soc2:CC6.1' }] });
      expect(entity.data?._entities[0].id).toBe('soc2:CC6.1');
    } finally {
      await closed.close();
    }
  });

  it('refuses federation with trusted documents only, at start-up, naming both settings', () => {
    expect(readConfig({ CROSSWALK_FEDERATION: '1' }).federation).toBe(true);
    expect(readConfig({}).federation).toBe(false);
    expect(() => readConfig({ CROSSWALK_FEDERATION: '1', CROSSWALK_TRUSTED_DOCUMENTS_ONLY: '1' })).toThrow(/CROSSWALK_FEDERATION and CROSSWALK_TRUSTED_DOCUMENTS_ONLY/);
  });
});
