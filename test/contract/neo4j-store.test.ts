import { loadCypherRegistry } from '../../src/store/neo4j/cypher-registry.js';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { RecordingDriver } from '../helpers/recording-driver.js';
import { defineGraphStoreContract } from './graph-store-contract.js';

// The adapter's row handling (re-keying, integers, absent properties) over a recording fake that
// answers each named statement as Neo4j would. Real Cypher behaviour is the live leg's job:
// test/live/contract.test.ts runs this same contract on a live Neo4j (`npm run test:live`).
defineGraphStoreContract('neo4j adapter row handling over the recording fake', async (graph) => new Neo4jStore(new RecordingDriver(graph), loadCypherRegistry()));
