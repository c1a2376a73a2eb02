import { readFileSync } from 'node:fs';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CYPHER_DIR, loadCypherRegistry, loadSchemaStatements } from '../../src/store/neo4j/cypher-registry.js';
import { isUnavailable, Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { describeNeo4jError, redactUri } from '../../src/store/neo4j/driver.js';
import { SEED_TRANSACTION_TIMEOUT_MS, seededVersion, writeGraph } from '../../src/store/neo4j/seed-writer.js';
import { StoreUnavailableError } from '../../src/domain/graph-store.js';
import { fixtureGraph, fixtureSeed } from '../helpers/fixture-seed.js';
import { startTestServer, type TestServer } from '../helpers/http.js';
import { RecordingDriver } from '../helpers/recording-driver.js';
import { fromMappingProps, toMappingProps } from '../../src/store/neo4j/records.js';

/** The adapter's translation of port calls into named Cypher statements and parameters. */

const registry = loadCypherRegistry();
const graph = fixtureGraph();

function setup() {
  const driver = new RecordingDriver(graph);
  return { driver, store: new Neo4jStore(driver, registry) };
}

const serviceUnavailable = () => Object.assign(new Error('Failed to connect to server: connect ECONNREFUSED 127.0.0.1:7687'), { code: 'ServiceUnavailable' });

describe('Neo4j adapter: port calls to Cypher', () => {
  it('answers a batch of ids with one parameterised statement, deduplicated, in key order', async () => {
    const { driver, store } = setup();
    const found = await store.nodes('Requirement', ['beta:B2', 'nope:X', 'beta:B2', 'alpha:A1']);
    expect(found.map((r) => r?.id ?? null)).toEqual(['beta:B2', null, 'beta:B2', 'alpha:A1']);
    expect(driver.calls).toEqual([{ name: 'requirement/by-ids', query: registry['requirement/by-ids'], parameters: { ids: ['beta:B2', 'nope:X', 'alpha:A1'] }, mode: 'READ', transaction: 1 }]);
  });

  it('converts Neo4j integers and restores nulls Neo4j cannot store', async () => {
    const { store } = setup();
    const [requirement] = await store.nodes('Requirement', ['beta:B']);
    expect(requirement).toEqual(graph.requirements.find((r) => r.id === 'beta:B'));
    expect(requirement!.parentId).toBeNull();
    expect(typeof requirement!.position).toBe('number');
    const [set] = await store.nodes('MappingSet', ['alpha--beta']);
    expect(set!.comprehensive).toEqual([{ side: 'to', tag: null }]);
  });

  it('stores a mapping condition as JSON (a property holds no map) and reads it back; none stays null', () => {
    const base = graph.mappings[0]!;
    const conditional = { ...base, condition: { roles: ['DEPLOYER'], riskClasses: ['HIGH_RISK'] } };
    const props = toMappingProps(conditional, 0);
    expect(props.condition).toBe('{"roles":["DEPLOYER"],"riskClasses":["HIGH_RISK"]}');
    expect(fromMappingProps(props)).toEqual(conditional);
    const plain = toMappingProps(base, 0);
    expect('condition' in plain).toBe(false);
    expect(fromMappingProps(plain).condition).toBeNull();
  });

  it('sends every requirement search as one statement with integer paging and lowercase words', async () => {
    const { driver, store } = setup();
    await store.findRequirements([
      { filter: { frameworkIds: ['beta'], kinds: ['CONTROL'] }, page: { after: 'beta:B2', limit: 2 } },
      { filter: { search: 'Asks  B3' }, page: { after: null, limit: 10 } },
    ]);
    expect(driver.names()).toEqual(['requirement/find']);
    const [first, second] = driver.calls[0]!.parameters.queries as any[];
    expect(first).toMatchObject({ frameworkIds: ['beta'], kinds: ['CONTROL'], words: [] });
    expect(first.after).toBe('beta:B2');
    expect(neo4j.isInt(first.limit) && first.limit.toNumber()).toBe(2);
    expect(second).toMatchObject({ frameworkIds: null, kinds: null, words: ['asks', 'b3'] });
  });

  it('never puts values into the statement text: the statement is the named file, the value travels as a parameter', async () => {
    const { driver, store } = setup();
    const hostile = "beta'; MATCH (n) DETACH DELETE n //";
    await store.related('children', [hostile]);
    await store.mappingsOf(['alpha:A1']);
    expect(driver.names()).toEqual(['requirement/children', 'mapping/of-requirements']);
    expect(driver.calls[0]!.query).toBe(readFileSync(path.join(CYPHER_DIR, 'requirement/children.cypher'), 'utf8'));
    for (const call of driver.calls) expect(call.query).not.toMatch(/DETACH DELETE|alpha:A1/);
    expect(driver.calls[0]!.parameters).toEqual({ ids: [hostile] });
    expect(driver.calls[1]!.parameters).toEqual({ ids: ['alpha:A1'] });
  });

  it('reports an unreachable database as StoreUnavailableError and other faults as they are', async () => {
    const { driver, store } = setup();
    driver.failure = serviceUnavailable();
    await expect(store.nodes('Framework', ['alpha'])).rejects.toBeInstanceOf(StoreUnavailableError);
    driver.failure = Object.assign(new Error('Invalid input'), { code: 'Neo.ClientError.Statement.SyntaxError' });
    await expect(store.nodes('Framework', ['alpha'])).rejects.not.toBeInstanceOf(StoreUnavailableError);
  });

  it('says an unseeded database is not ready', async () => {
    const { driver, store } = setup();
    driver.seeded = false;
    await expect(store.datasetInfo()).rejects.toThrow(/has not been seeded/);
  });
});

describe('Neo4j adapter behind the API', () => {
  let driver: RecordingDriver;
  let server: TestServer;
  beforeAll(async () => {
    driver = new RecordingDriver(graph);
    server = await startTestServer(new Neo4jStore(driver, registry));
  });
  afterAll(async () => {
    await server.close();
  });

  it('batches each level of a query into one Cypher call', async () => {
    driver.reset();
    const { data, errors, extensions } = await server.query(
      `{ framework(id: "beta") { requirements(first: 100) { nodes { id mappings { relationship other { id framework { id } } } } } } }`,
      undefined,
      { 'x-crosswalk-trace': '1' },
    );
    expect(errors).toBeUndefined();
    expect(data!.framework.requirements.nodes).toHaveLength(6);
    // dataset/info is the ETag's dataset version, cached across requests; it is not part of the query.
    expect(driver.names().filter((n) => n !== 'dataset/info')).toEqual(['framework/by-ids', 'requirement/find', 'mapping/of-requirements', 'requirement/by-ids', 'framework/by-ids']);
    expect(extensions!.trace.storeCalls).toBe(5);
  });

  it('turns readiness to 503 and queries to SERVICE_UNAVAILABLE while Neo4j is down, and back once it answers', async () => {
    driver.failure = serviceUnavailable();
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
    const down = await server.query(`{ frameworks { id } }`);
    expect(down.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    driver.failure = null;
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', datasetVersion: graph.version });
    expect((await server.query(`{ frameworks { id } }`)).data).toEqual({ frameworks: [{ id: 'alpha' }, { id: 'beta' }, { id: 'gamma' }] });
  });
});

describe('seeding Neo4j', () => {
  it('applies the schema, merges in batches, removes what left seed/, then records the dataset version', async () => {
    const driver = new RecordingDriver(graph);
    const lines: string[] = [];
    await writeGraph(driver, registry, loadSchemaStatements(), graph, { log: (l) => lines.push(l), now: () => new Date('2026-01-01T00:00:00Z') });
    const names = driver.names();
    expect(names.slice(0, loadSchemaStatements().length).every((n) => n === 'schema')).toBe(true);
    const firstDelete = names.findIndex((n) => n.startsWith('seed/delete-stale'));
    expect(names.slice(0, firstDelete).every((n) => n === 'schema' || n.startsWith('seed/merge-'))).toBe(true);
    expect(names.at(-1)).toBe('seed/set-dataset');
    const version = seededVersion(graph.version, registry, loadSchemaStatements());
    expect(driver.calls.at(-1)!.parameters).toMatchObject({ version, loadedAt: '2026-01-01T00:00:00.000Z' });
    const maps = driver.calls.find((c) => c.name === 'seed/merge-maps-to')!;
    expect((maps.parameters.rows as any[]).map((r) => r.props.id)).toEqual(graph.mappings.map((m) => m.id));
    const stale = driver.calls.find((c) => c.name === 'seed/delete-stale-requirement')!;
    expect(stale.parameters.ids).toEqual(graph.requirements.map((r) => r.id));
    for (const call of driver.calls.filter((c) => c.name !== 'schema')) expect(call.mode).toBe('WRITE');
    expect(lines.at(-1)).toBe(`dataset version ${version}`);
  });

  it('writes all data in one transaction, so readers never see a half-seeded graph', async () => {
    const driver = new RecordingDriver(graph);
    await writeGraph(driver, registry, loadSchemaStatements(), graph);
    const data = driver.calls.filter((c) => c.name !== 'schema');
    expect(new Set(data.map((c) => c.transaction))).toEqual(new Set([data[0]!.transaction]));
    expect(data[0]!.transaction).not.toBeNull();
    expect(driver.calls.filter((c) => c.name === 'schema').every((c) => c.transaction === null)).toBe(true);
    // Its own time limit: a server default sized for reads (30 s locally) ended it on a busy machine.
    expect(driver.transactionConfigs.get(data[0]!.transaction!)).toEqual({ timeout: SEED_TRANSACTION_TIMEOUT_MS });
  });

  it('stores whole numbers as Neo4j integers, never floats', async () => {
    const driver = new RecordingDriver(graph);
    await writeGraph(driver, registry, [], graph);
    const maps = driver.calls.find((c) => c.name === 'seed/merge-maps-to')!;
    const props = (maps.parameters.rows as any[]).map((r) => r.props);
    expect(props.every((p) => neo4j.isInt(p.catalogOrder) && (p.strength === undefined || neo4j.isInt(p.strength)))).toBe(true);
    expect(props.some((p) => neo4j.isInt(p.strength))).toBe(true);
    const addresses = driver.calls.find((c) => c.name === 'seed/merge-addresses')!;
    expect((addresses.parameters.rows as any[]).every((r) => neo4j.isInt(r.position))).toBe(true);
  });

  it('gives mappings ids from their content, so removing one leaves the others their ids', async () => {
    const seed = fixtureSeed();
    const before = fixtureGraph(seed);
    const set = seed.mappings['alpha--beta'] as { mappings: Array<{ from: string; to: string }> };
    const removed = set.mappings.shift()!;
    const after = fixtureGraph(seed);
    const gone = before.mappings.filter((m) => !after.mappings.some((n) => n.id === m.id));
    expect(gone.map((m) => [m.fromId, m.toId])).toEqual([[`alpha:${removed.from}`, `beta:${removed.to}`]]);
    for (const m of after.mappings) expect(before.mappings.find((b) => b.id === m.id)).toEqual(m);
  });

  it('versions the seeded data by the seed and the statements that wrote it', () => {
    const schema = loadSchemaStatements();
    const base = seededVersion(graph.version, registry, schema);
    expect(seededVersion(graph.version, registry, schema)).toBe(base);
    expect(seededVersion(graph.version, { ...registry, 'seed/merge-maps-to': registry['seed/merge-maps-to'] + '\n' }, schema)).not.toBe(base);
    expect(seededVersion('another-seed', registry, schema)).not.toBe(base);
    // Read statements do not change what was written.
    expect(seededVersion(graph.version, { ...registry, 'framework/all': registry['framework/all'] + '\n' }, schema)).toBe(base);
  });

  it('writes no nulls into Neo4j properties', async () => {
    const driver = new RecordingDriver(graph);
    await writeGraph(driver, registry, [], graph);
    const props = driver.calls.flatMap((c) => ((c.parameters.rows as any[]) ?? []).map((r) => r.props).filter(Boolean));
    expect(props.length).toBeGreaterThan(20);
    for (const p of props) expect(Object.values(p)).not.toContain(null);
  });
});

describe('Neo4j reads are bounded on the server too', () => {
  it('opens every read transaction with the store timeout, so Neo4j ends a query the API gave up on', async () => {
    const driver = new RecordingDriver(graph);
    const store = new Neo4jStore(driver, registry, undefined, 1_234);
    await store.nodes('Requirement', ['alpha:A1']);
    await store.mappingsOf(['alpha:A1']);
    const reads = driver.calls.filter((c) => c.mode === 'READ');
    expect(reads).toHaveLength(2);
    for (const call of reads) expect(driver.transactionConfigs.get(call.transaction!)).toEqual({ timeout: 1_234 });
  });
});

describe('Neo4j errors, named by their cause', () => {
  const coded = (code: string, message = 'refused') => Object.assign(new Error(message), { code });

  it('counts refusals and exhausted pools as the database being unavailable, not as internal errors', () => {
    expect(isUnavailable(coded('Neo.ClientError.Security.Unauthorized'))).toBe(true);
    expect(isUnavailable(coded('Neo.ClientError.Database.DatabaseNotFound'))).toBe(true);
    expect(isUnavailable(coded('Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration'))).toBe(true);
    expect(isUnavailable(new Error('Connection acquisition timed out in 10000 ms. Pool status: Active conn count = 50'))).toBe(true);
    expect(isUnavailable(coded('ProtocolError', 'Failed to connect to server. Please ensure ... Caused by: read ECONNRESET'))).toBe(true);
    expect(isUnavailable(coded('ProtocolError', 'Unknown Bolt protocol version'))).toBe(false);
    expect(isUnavailable(coded('Neo.ClientError.Statement.SyntaxError'))).toBe(false);
  });

  it('says which setting to check, and never prints credentials written into the URI', () => {
    const uri = 'bolt://admin:s3cret@db.example:7687';
    expect(redactUri(uri)).toBe('bolt://db.example:7687');
    const auth = describeNeo4jError(uri, coded('Neo.ClientError.Security.Unauthorized', `auth failed for ${uri}`), 'admin');
    expect(auth).toMatch(/refused the credentials of user "admin".*NEO4J_PASSWORD/);
    expect(auth).not.toContain('s3cret');
    expect(describeNeo4jError(uri, coded('Neo.ClientError.Database.DatabaseNotFound'))).toMatch(/no such database.*NEO4J_DATABASE/);
    expect(describeNeo4jError(uri, coded('ServiceUnavailable', 'connect ECONNREFUSED'))).toMatch(/^cannot reach Neo4j at bolt:\/\/db.example:7687/);
    expect(describeNeo4jError(uri, coded('Neo.ClientError.Statement.SyntaxError', 'bad'))).toBe('Neo4j at bolt://db.example:7687 failed (Neo.ClientError.Statement.SyntaxError): bad');
  });
});
