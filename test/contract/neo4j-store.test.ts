import { loadCypherRegistry, loadSchemaStatements } from '../../src/store/neo4j/cypher-registry.js';
import { createNeo4jDriver } from '../../src/store/neo4j/driver.js';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { writeGraph } from '../../src/store/neo4j/seed-writer.js';
import { readNeo4jConfig } from '../../src/config.js';
import { RecordingDriver } from '../helpers/recording-driver.js';
import { defineGraphStoreContract } from './graph-store-contract.js';

// Not Cypher behaviour: the fake answers each statement name from a MemoryStore, so this checks the
// adapter's statement names, parameters and row handling (integers, nulls, re-keying) only.
defineGraphStoreContract('neo4j adapter statement names, parameters and row handling (recording fake; no Cypher runs)', async (graph) => new Neo4jStore(new RecordingDriver(graph), loadCypherRegistry()));

// The same contract against a live Neo4j whenever NEO4J_URI points at one; the fixture graph is seeded into it.
const live = readNeo4jConfig();
if (live) {
  defineGraphStoreContract(`neo4j at ${live.uri}`, async (graph) => {
    const driver = createNeo4jDriver(live, { retryMs: 15_000 });
    await writeGraph(driver, loadCypherRegistry(), loadSchemaStatements(), graph, live.database ? { database: live.database } : {});
    return new Neo4jStore(driver, loadCypherRegistry(), live.database);
  });
} else {
  console.log('GraphStore contract: live Neo4j leg skipped because NEO4J_URI is not set (the recording-fake leg ran)');
}
