import { buildSchema, isInputObjectType, isListType, isNonNullType, isScalarType, type GraphQLArgument, type GraphQLInputType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { loadTypeDefs } from '../../src/graphql/schema.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { fixtureGraph } from '../helpers/fixture-seed.js';
import { startTestServer, type TestServer } from '../helpers/http.js';

/** Bad input of every kind gets a coded error, never a crash, a 5xx or a stack trace; the server answers the next request. */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(new MemoryStore(fixtureGraph()), { config: defaultConfig({ introspection: true }) });
});
afterAll(async () => {
  await server.close();
});

const NASTY = [
  '',
  ' ',
  "'; MATCH (n) DETACH DELETE n //",
  '" OR 1=1 --',
  '${7*7}',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  'ﬁ\u0000\u202Eevil\uFFFF',
  '🦄'.repeat(50),
  'x'.repeat(5000),
  'iso42001:A.6.2.4\n',
  '__proto__',
];

async function expectCoded(response: Awaited<ReturnType<TestServer['query']>>, what: string) {
  expect(response.status, what).toBeLessThan(500);
  for (const error of response.errors ?? []) {
    expect(typeof error.extensions?.code, `${what}: ${error.message}`).toBe('string');
    expect(error.extensions?.code, what).not.toBe('INTERNAL_SERVER_ERROR');
  }
  expect(JSON.stringify(response), what).not.toMatch(/\n\s+at |\.ts:\d+|node_modules/);
}

async function stillUp() {
  const { data } = await server.query(`{ frameworks { id } }`);
  expect(data!.frameworks.length).toBe(3);
}

/** A value of the argument's type, with `text` wherever a string goes. */
function valueFor(type: GraphQLInputType, text: string): unknown {
  if (isNonNullType(type)) return valueFor(type.ofType, text);
  if (isListType(type)) return [valueFor(type.ofType, text)];
  if (isInputObjectType(type)) return {};
  if (isScalarType(type)) return ['String', 'ID'].includes(type.name) ? text : type.name === 'Int' ? 1 : type.name === 'Boolean' ? true : text;
  return null;
}

describe('injection-shaped and unicode strings in every string argument', () => {
  const schema = buildSchema(loadTypeDefs().join('\n'));
  const fields = Object.values(schema.getQueryType()!.getFields()).filter((f) => f.args.some((a) => /String|ID/.test(String(a.type))));
  const stringArgs = (args: readonly GraphQLArgument[]) => args.filter((a) => /String|ID/.test(String(a.type)));

  it.each(fields.map((f) => [f.name, f]))('%s', async (_name, field) => {
    for (const text of NASTY) {
      for (const target of stringArgs(field.args)) {
        const variables: Record<string, unknown> = {};
        const declared = field.args.filter((a) => a === target || isNonNullType(a.type)).map((a) => {
          variables[a.name] = valueFor(a.type, a === target ? text : 'soc2');
          return a;
        });
        const signature = declared.map((a) => `$${a.name}: ${a.type}`).join(', ');
        const call = declared.map((a) => `${a.name}: $${a.name}`).join(', ');
        const query = `query Fuzz${signature ? `(${signature})` : ''} { ${field.name}${call ? `(${call})` : ''} { __typename } }`;
        await expectCoded(await server.query(query, variables), `${field.name}.${target.name} = ${JSON.stringify(text).slice(0, 40)}`);
      }
    }
    await stillUp();
  });
});

describe('malformed requests', () => {
  it.each([
    ['unknown id', `{ requirement(id: "beta:Z9") { id } }`, 'NOT_FOUND'],
    ['wrong type', `{ requirements(first: "ten") { totalCount } }`, 'GRAPHQL_VALIDATION_FAILED'],
    ['empty list', `{ compare(frameworks: []) { requirementCount } }`, 'BAD_USER_INPUT'],
    ['huge list', `{ compare(frameworks: [${Array.from({ length: 60 }, () => '"alpha"').join(',')}]) { requirementCount } }`, 'BAD_USER_INPUT'],
    ['huge refs list', `{ resolveRefs(refs: [${Array.from({ length: 201 }, () => '"A.1"').join(',')}]) { input } }`, 'BAD_USER_INPUT'],
    ['unknown field', `{ frameworks { colour } }`, 'GRAPHQL_VALIDATION_FAILED'],
    ['syntax error', `{ frameworks { id `, 'GRAPHQL_PARSE_FAILED'],
  ])('%s', async (_name, query, code) => {
    const response = await server.query(query);
    await expectCoded(response, query);
    expect(response.errors?.[0]?.extensions?.code).toBe(code);
    await stillUp();
  });

  it('refuses a depth bomb before execution', async () => {
    const deep = `{ requirement(id: "beta:B1") { ${'parent { children { '.repeat(8)} id ${'} } '.repeat(8)} } }`;
    const response = await server.query(deep, undefined, { 'x-crosswalk-trace': '1' });
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0]?.message).toMatch(/depth/i);
    expect(response.data).toBeUndefined();
  });

  it('refuses an alias bomb before execution', async () => {
    const bomb = `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: frameworks { id }`).join(' ')} }`;
    const response = await server.query(bomb);
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0]?.message).toMatch(/alias/i);
  });

  it('refuses a token flood and a directive flood', async () => {
    const tokens = await server.query(`{ frameworks { ${'id '.repeat(4000)} } }`);
    expect(tokens.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const directives = await server.query(`{ frameworks { id ${'@include(if: true) '.repeat(50)} } }`);
    expect(directives.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses an expensive query by cost', async () => {
    const costly = `{ ${Array.from({ length: 25 }, (_, i) => `a${i}: requirements(first: 500) { nodes { mappings { other { mappings { other { id title summary } } } } } }`).join(' ')} }`;
    const response = await server.query(costly);
    expect(response.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(response.errors?.[0]?.message).toMatch(/cost/i);
  });

  it('answers an oversized body, malformed JSON and a mutation over GET with coded errors', async () => {
    const big = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ frameworks { id } }`, variables: { x: 'y'.repeat(300_000) } }) });
    expect(big.status).toBe(413);
    expect(((await big.json()) as any).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const json = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": "{ frameworks { id } }"' });
    expect(json.status).toBe(400);
    expect(((await json.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
    const mutation = await fetch(`${server.url}/graphql?query=${encodeURIComponent('mutation { __typename }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(mutation.status).toBe(405);
    const body = (await mutation.json()) as any;
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
    await stillUp();
  });

  it('keeps CSRF prevention on: a simple cross-site GET is refused', async () => {
    const response = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ frameworks { id } }')}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF|preflight/i);
  });
});
