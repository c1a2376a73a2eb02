import fc from 'fast-check';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTypeDefs } from '../../src/graphql/schema.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { fixtureGraph } from '../helpers/fixture-seed.js';
import { defaultConfig } from '../../src/config.js';
import { startTestServer, type TestServer } from '../helpers/http.js';

/**
 * Property: for queries and arguments generated from the schema (valid shapes with hostile values,
 * and some wrong types), the API never answers 5xx, every error has a code, and nothing leaks a stack.
 */

const schema = buildSchema(loadTypeDefs().join('\n'));
const ids = ['alpha', 'beta', 'gamma', 'beta:B1', 'alpha:A1', 'discipline:risk', 'risk:drift', 'evidence:register', 'nope', 'beta:B99', ''];

const hostileString = fc.oneof(fc.constantFrom(...ids), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }), fc.constantFrom("'; DROP", '${x}', '\u0000', 'x'.repeat(400)));

function valueArb(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return valueArb(type.ofType, depth);
  if (isListType(type)) return fc.array(valueArb(type.ofType, depth + 1), { maxLength: depth > 1 ? 2 : 6 });
  if (isEnumType(type)) return fc.oneof(fc.constantFrom(...type.getValues().map((v) => v.name)), fc.constant('NOT_A_VALUE'));
  if (isInputObjectType(type)) return fc.constant({});
  if (isScalarType(type)) {
    if (type.name === 'Int') return fc.oneof(fc.integer({ min: -5, max: 600 }), fc.constant(2 ** 31 - 1), fc.constant(-(2 ** 31)), fc.constant('12'));
    if (type.name === 'Boolean') return fc.oneof(fc.boolean(), fc.constant('yes'));
    if (type.name === 'Float') return fc.double();
    return hostileString;
  }
  return fc.constant(null);
}

/** A selection of up to three scalar fields, and one level of object fields' scalars. */
function selection(type: GraphQLOutputType, depth: number): string {
  const named = getNamedType(type);
  if (isScalarType(named) || isEnumType(named)) return '';
  if (!isObjectType(named) && !isInterfaceType(named)) return '{ __typename }';
  const fields = Object.values(named.getFields());
  const scalars = fields.filter((f) => f.args.every((a) => !isNonNullType(a.type)) && (isScalarType(getNamedType(f.type)) || isEnumType(getNamedType(f.type)))).slice(0, 3);
  const objects = depth > 0 ? fields.filter((f) => f.args.every((a) => !isNonNullType(a.type)) && isObjectType(getNamedType(f.type))).slice(0, 2) : [];
  return `{ __typename ${scalars.map((f) => f.name).join(' ')} ${objects.map((f) => `${f.name} ${selection(f.type, depth - 1)}`).join(' ')} }`;
}

const rootFields = Object.values(schema.getQueryType()!.getFields());

const requestArb = fc
  .constantFrom(...rootFields)
  .chain((field: GraphQLField<unknown, unknown>) =>
    fc.record(Object.fromEntries(field.args.map((a) => [a.name, fc.option(valueArb(a.type), { nil: undefined, freq: 4 })]))).map((values) => ({ field, values })),
  );

let server: TestServer;
beforeAll(async () => {
  // Most fuzzed requests are refused, all from one address: the penalty box (tested in
  // test/hardening/penalty-box.test.ts) would answer the rest 429 without looking at them.
  const config = defaultConfig();
  server = await startTestServer(new MemoryStore(fixtureGraph()), { config: { ...config, http: { ...config.http, refusalsLimit: 0 } } });
});
afterAll(async () => {
  await server.close();
});

describe('fuzz from the schema', () => {
  it('never answers 5xx, always codes errors, never leaks a stack', async () => {
    let errorsSeen = 0;
    await fc.assert(
      fc.asyncProperty(requestArb, async ({ field, values }) => {
        const given = field.args.filter((a) => values[a.name] !== undefined || isNonNullType(a.type));
        const signature = given.map((a) => `$${a.name}: ${a.type}`).join(', ');
        const call = given.map((a) => `${a.name}: $${a.name}`).join(', ');
        const query = `query Fuzz${signature ? `(${signature})` : ''} { ${field.name}${call ? `(${call})` : ''} ${selection(field.type, 1)} }`;
        const variables = Object.fromEntries(given.map((a) => [a.name, values[a.name] ?? null]));
        const response = await server.query(query, variables);
        expect(response.status, query).toBeLessThan(500);
        for (const error of response.errors ?? []) {
          errorsSeen += 1;
          expect(typeof error.extensions?.code, `${query} ${JSON.stringify(variables)} -> ${error.message}`).toBe('string');
          expect(error.extensions?.code, `${query} ${JSON.stringify(variables)} -> ${error.message}`).not.toBe('INTERNAL_SERVER_ERROR');
        }
        expect(JSON.stringify(response)).not.toMatch(/\n\s+at |\.ts:\d+|node_modules/);
      }),
      { numRuns: 300, seed: Number(process.env.FUZZ_SEED ?? 20261124) },
    );
    // The generator reaches error paths, not only happy ones.
    expect(errorsSeen).toBeGreaterThan(20);
  });
});
