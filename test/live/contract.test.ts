import { afterAll } from 'vitest';
import { loadCypherRegistry } from '../../src/store/neo4j/cypher-registry.js';
import { createNeo4jDriver } from '../../src/store/neo4j/driver.js';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { defineGraphStoreContract } from '../contract/graph-store-contract.js';
import { startTestNeo4j, type TestNeo4j } from './live-neo4j.js';

// The shared GraphStore contract on a live Neo4j: the fixture graph seeded by the real seeding code,
// read through the real driver. The same suite the embedded store passes.
let neo4j: Promise<TestNeo4j> | undefined;
const server = () => (neo4j ??= startTestNeo4j());
afterAll(async () => (await neo4j)?.stop());

defineGraphStoreContract('neo4j (live, bolt://)', async (graph) => {
  const live = await server();
  await live.seed(graph);
  return live.store();
});

// Over a neo4j:// routing URI the driver first asks the server for a routing table; a single
// instance answers it, so the same contract holds.
defineGraphStoreContract('neo4j (live, neo4j:// routing URI)', async (graph) => {
  const live = await server();
  await live.seed(graph);
  const uri = live.config.uri.replace(/^bolt:/, 'neo4j:');
  return new Neo4jStore(createNeo4jDriver({ ...live.config, uri }), loadCypherRegistry());
});
