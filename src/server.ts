import { createApp, installGracefulShutdown } from './app.js';
import { readConfig, type Config } from './config.js';
import { createLogger } from './logger.js';
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

/** Main entry: build the store, serve, and on SIGTERM or SIGINT finish in-flight requests, close the store, exit. */
async function main(): Promise<void> {
  const config = readConfig();
  const log = createLogger(config.logLevel);
  const { store, description } = await createStore(config);
  const app = await createApp(store, { config, log });
  const { httpServer } = app;
  httpServer.listen(config.port, config.host, () => {
    const address = httpServer.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    // A plain line for people, then structured logs.
    console.log(`Crosswalk API on http://localhost:${port}/graphql (${description})`);
  });
  installGracefulShutdown(app, store, log);
}

main().catch((error: unknown) => {
  console.error(error instanceof SeedError ? error.message : error);
  process.exit(1);
});
