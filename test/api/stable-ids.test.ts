import { buildSchema, getNamedType, isCompositeType, parse, validate, type GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphData } from '../../src/domain/types.js';
import { loadTypeDefs } from '../../src/graphql/schema.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { fixtureGraph } from '../helpers/fixture-seed.js';
import { startTestServer, type TestServer } from '../helpers/http.js';

/**
 * Stable ids (issue #17): mappings and NO_RELATIONSHIP records are nodes that `node(id)` and
 * `nodes(ids)` answer, with content-derived ids, and every mapping and mapping set carries a
 * content hash, so a client that stored them can tell what changed.
 */

const MAPPING = 'mapping:alpha--beta:alpha:A1->beta:B1';
const NONE = 'no-relationship:alpha--beta:beta:B3';
const SET = 'mapping-set:alpha--beta';
const HASHES = `{ mappingSets { id contentHash entries { nodes { id contentHash } } noRelationships { id contentHash } } }`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(new MemoryStore(fixtureGraph()));
});
afterAll(() => server.close());

async function withGraph<T>(graph: GraphData, run: (s: TestServer) => Promise<T>): Promise<T> {
  const other = await startTestServer(new MemoryStore(graph));
  try {
    return await run(other);
  } finally {
    await other.close();
  }
}

type SetHashes = Array<{ id: string; contentHash: string; entries: { nodes: Array<{ id: string; contentHash: string }> } }>;
const hashesOf = async (s: TestServer) => (await s.query(HASHES)).data!.mappingSets as SetHashes;

describe('mappings and NO_RELATIONSHIP records as nodes', () => {
  it('node(id) answers a mapping id the API issued, and the same id again', async () => {
    const { data } = await server.query(`{ mappingSet(id: "${SET}") { entries(first: 1) { nodes { id } } } }`);
    const issued = data!.mappingSet.entries.nodes[0].id;
    expect(issued).toBe(MAPPING);
    const response = await server.query(`query ($id: ID!) { node(id: $id) { __typename id ... on Mapping { relationship strength from { id } to { id } mappingSet { id } } } }`, { id: issued });
    expect(response.errors).toBeUndefined();
    expect(response.data!.node).toEqual({
      __typename: 'Mapping',
      id: MAPPING,
      relationship: 'SUPERSET_OF',
      strength: 8,
      from: { id: 'alpha:A1' },
      to: { id: 'beta:B1' },
      mappingSet: { id: SET },
    });
  });

  it('nodes(ids) answers a mapping, a NO_RELATIONSHIP record and a mapping set in order', async () => {
    const { data, errors } = await server.query(`{ nodes(ids: ["${NONE}", "${MAPPING}", "${SET}"]) { __typename id ... on NoRelationship { reason requirement { id } } } }`);
    expect(errors).toBeUndefined();
    expect(data!.nodes.map((n: { __typename: string }) => n.__typename)).toEqual(['NoRelationship', 'Mapping', 'MappingSet']);
    expect(data!.nodes[0]).toMatchObject({ id: NONE, requirement: { id: 'beta:B3' } });
  });

  it('mapping(id) and mappingSet(id) answer NOT_FOUND with the nearest ids, BAD_USER_INPUT for another kind of id', async () => {
    const response = await server.query(`{ a: mapping(id: "mapping:alpha--beta:alpha:A1->beta:B2") { id } b: mappingSet(id: "mapping-set:alpha--bet") { id } c: mapping(id: "alpha:A1") { id } }`);
    const byPath = Object.fromEntries(response.errors!.map((e) => [e.path![0], e.extensions]));
    expect(byPath.a).toMatchObject({ code: 'NOT_FOUND', suggestions: expect.arrayContaining([MAPPING]) });
    expect(byPath.b).toMatchObject({ code: 'NOT_FOUND', suggestions: [SET] });
    expect(byPath.c).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
  });
});

describe('content hashes', () => {
  it('are the same on every load of the same content, and change only where the content does', async () => {
    const before = await hashesOf(server);
    expect(before.every((s) => /^[0-9a-f]{64}$/.test(s.contentHash))).toBe(true);
    expect(await withGraph(fixtureGraph(), hashesOf)).toEqual(before);

    const edited = fixtureGraph();
    const target = edited.mappings.find((m) => m.id === 'alpha--beta:alpha:A1->beta:B1')!;
    target.note = `${target.note ?? ''} Reviewed again.`;
    const after = await withGraph(edited, hashesOf);
    const set = (list: SetHashes, id: string) => list.find((s) => s.id === id)!;
    const entry = (list: SetHashes, id: string) => set(list, SET).entries.nodes.find((n) => n.id === id)!.contentHash;
    expect(entry(after, MAPPING)).not.toBe(entry(before, MAPPING));
    expect(entry(after, 'mapping:alpha--beta:alpha:A2->beta:B2')).toBe(entry(before, 'mapping:alpha--beta:alpha:A2->beta:B2'));
    expect(set(after, SET).contentHash).not.toBe(set(before, SET).contentHash);
    expect(set(after, 'mapping-set:alpha--gamma').contentHash).toBe(set(before, 'mapping-set:alpha--gamma').contentHash);
  });

  it('of a set ignore the order its mappings are listed in', async () => {
    const reordered = fixtureGraph();
    reordered.mappings.reverse();
    const before = await hashesOf(server);
    const after = await withGraph(reordered, hashesOf);
    expect(after.map((s) => s.contentHash)).toEqual(before.map((s) => s.contentHash));
  });
});

describe('node(id) fragments', () => {
  const schema = buildSchema(loadTypeDefs().join('\n'));
  const nodeTypes = schema.getPossibleTypes(schema.getType('Node') as never) as readonly GraphQLObjectType[];

  /** Every field of every Node type a client may select together, in one selection set under node(id). */
  function everyField(includeDeprecated: boolean): string {
    const fragments = nodeTypes.map((type) => {
      const fields = Object.values(type.getFields())
        .filter((f) => includeDeprecated || !f.deprecationReason)
        .filter((f) => f.args.every((a) => a.type.toString().slice(-1) !== '!' || a.defaultValue !== undefined))
        .map((f) => {
          const named = getNamedType(f.type);
          return isCompositeType(named) ? `${f.name} { __typename }` : f.name;
        });
      return `... on ${type.name} { ${fields.join(' ')} }`;
    });
    return `query ($id: ID!) { node(id: $id) { ${fragments.join(' ')} } }`;
  }

  it('include mappings and NO_RELATIONSHIP records', () => {
    expect(nodeTypes.map((t) => t.name)).toEqual(expect.arrayContaining(['Mapping', 'NoRelationship', 'MappingSet', 'Framework', 'Requirement']));
  });

  it('can select every current field of every node type at once: no two share a name with different types', () => {
    expect(validate(schema, parse(everyField(false))).map((e) => e.message)).toEqual([]);
  });

  it('would clash on the deprecated names (Framework.kind against Requirement.kind), which is why they are deprecated', () => {
    const messages = validate(schema, parse(everyField(true))).map((e) => e.message).join('\n');
    expect(messages).toMatch(/"kind" conflict/);
  });
});
