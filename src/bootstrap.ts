import type { Config } from './config.js';
import { loadSeed } from './seed/load-seed.js';
import { MemoryStore } from './store/memory/memory-store.js';
import { loadCypherRegistry } from './store/neo4j/cypher-registry.js';
import { createNeo4jDriver } from './store/neo4j/driver.js';
import { Neo4jStore } from './store/neo4j/neo4j-store.js';
import type { GraphStore } from './domain/graph-store.js';

/** The embedded store loaded from seed/ by default; Neo4j when NEO4J_URI is set. Used by the server and the CLI. */
export async function createStore(config: Pick<Config, 'neo4j' | 'seedDir'>): Promise<{ store: GraphStore; description: string }> {
  if (config.neo4j) {
    // No connectivity check here: the API starts and answers SERVICE_UNAVAILABLE until Neo4j answers.
    const store = new Neo4jStore(createNeo4jDriver(config.neo4j), loadCypherRegistry(), config.neo4j.database);
    return { store, description: `Neo4j at ${config.neo4j.uri}` };
  }
  const graph = await loadSeed(config.seedDir);
  const info = `${graph.frameworks.length} frameworks, ${graph.requirements.length} requirements, ${graph.mappings.length} mappings`;
  return { store: new MemoryStore(graph), description: `embedded store, dataset ${graph.version}: ${info}` };
}
