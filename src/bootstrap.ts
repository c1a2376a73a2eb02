import type { Config } from './config.js';
import { loadSeed } from './seed/load-seed.js';
import { MemoryStore } from './store/memory/memory-store.js';
import { loadCypherRegistry, loadWorkspaceSchemaStatements } from './store/neo4j/cypher-registry.js';
import { Neo4jWorkspaceRepository } from './store/neo4j/workspace-repository.js';
import type { WorkspaceRepository } from './domain/workspace-repository.js';
import { createNeo4jDriver, describeNeo4jError, isConfigurationError, redactUri } from './store/neo4j/driver.js';
import { Neo4jStore } from './store/neo4j/neo4j-store.js';
import type { GraphStore } from './domain/graph-store.js';
import type { CypherDriver } from './store/neo4j/session.js';

/** The embedded store loaded from seed/ by default; Neo4j when NEO4J_URI is set. Used by the server and the CLI. */
export async function createStore(
  config: Pick<Config, 'neo4j' | 'seedDir'> & { http?: Pick<Config['http'], 'storeTimeoutMs'> },
): Promise<{ store: GraphStore; description: string; workspaces?: WorkspaceRepository }> {
  if (config.neo4j) {
    const driver = createNeo4jDriver(config.neo4j);
    await refuseMisconfiguredNeo4j(driver, config.neo4j);
    const cypher = loadCypherRegistry();
    const store = new Neo4jStore(driver, cypher, config.neo4j.database, config.http?.storeTimeoutMs);
    // Workspaces live in the same database: every API process sees every write.
    const workspaces = new Neo4jWorkspaceRepository(driver, cypher, loadWorkspaceSchemaStatements(), config.neo4j.database);
    return { store, description: `Neo4j at ${redactUri(config.neo4j.uri)}`, workspaces };
  }
  const graph = await loadSeed(config.seedDir);
  const info = `${graph.frameworks.length} frameworks, ${graph.requirements.length} requirements, ${graph.mappings.length} mappings`;
  return { store: new MemoryStore(graph), description: `embedded store, dataset ${graph.version}: ${info}` };
}

/**
 * A Neo4j that is down may come back, so the API starts anyway and answers SERVICE_UNAVAILABLE
 * until it does; one that refuses our credentials or database name never will, so start-up stops
 * with the cause named.
 */
async function refuseMisconfiguredNeo4j(driver: CypherDriver, neo4j: NonNullable<Config['neo4j']>): Promise<void> {
  try {
    await driver.verifyConnectivity(neo4j.database ? { database: neo4j.database } : undefined);
  } catch (error) {
    if (!isConfigurationError(error)) return;
    await driver.close();
    throw new StartupError(describeNeo4jError(neo4j.uri, error, neo4j.user));
  }
}

/** A start-up failure whose message says it all: printed alone, no stack. */
export class StartupError extends Error {}
