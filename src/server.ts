import { createApp } from './app.js';
import { readConfig, type Config } from './config.js';
import { loadSeed } from './seed/load-seed.js';
import { SeedError } from './seed/seed-error.js';
import { MemoryStore } from './store/memory/memory-store.js';
import { loadCypherRegistry } from './store/neo4j/cypher-registry.js';
import { createNeo4jDriver } from './store/neo4j/driver.js';
import { Neo4jStore } from './store/neo4j/neo4j-store.js';
import type { GraphStore } from './store/port.js';

/** The embedded store loaded from seed/ by default; Neo4j when NEO4J_URI is set. */
async function createStore(config: Config): Promise<{ store: GraphStore; description: string }> {
  if (config.neo4j) {
    // No connectivity check here: the API starts and answers SERVICE_UNAVAILABLE until Neo4j answers.
    const store = new Neo4jStore(createNeo4jDriver(config.neo4j), loadCypherRegistry(), config.neo4j.database);
    return { store, description: `Neo4j at ${config.neo4j.uri}` };
  }
  const graph = await loadSeed(config.seedDir);
  const info = `${graph.frameworks.length} frameworks, ${graph.requirements.length} requirements, ${graph.mappings.length} mappings`;
  return { store: new MemoryStore(graph), description: `embedded store, dataset ${graph.version}: ${info}` };
}

/** Main entry: build the store, serve, and shut down cleanly on SIGTERM or SIGINT. */
async function main(): Promise<void> {
  const config = readConfig();
  const { store, description } = await createStore(config);
  const { app, stop } = await createApp(store, { introspection: config.introspection });
  const server = app.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    console.log(`Crosswalk API on http://localhost:${port}/graphql (${description})`);
  });
  const shutdown = () => {
    server.close(() => void stop().then(() => store.close()).then(() => process.exit(0)));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  if (error instanceof SeedError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
