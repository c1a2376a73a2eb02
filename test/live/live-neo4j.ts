import { loadSeed } from '../../src/seed/load-seed.js';
import { loadCypherRegistry, loadSchemaStatements } from '../../src/store/neo4j/cypher-registry.js';
import { createNeo4jDriver, type Neo4jConfig } from '../../src/store/neo4j/driver.js';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { writeGraph } from '../../src/store/neo4j/seed-writer.js';
import type { CypherDriver } from '../../src/store/neo4j/session.js';
import type { GraphData } from '../../src/domain/types.js';
import { startLocalNeo4j, type LocalNeo4j, type LocalNeo4jOptions, type NeoLine } from '../../scripts/neo4j-local-lib.mjs';

/**
 * A Neo4j server of the test's own: started from the project's Maven launcher on a free loopback
 * port with an empty temporary data directory, and stopped (directory removed) when the test ends.
 * The live tests never touch a server anyone else uses: seeding wipes what is not in the seed.
 */
export interface TestNeo4j {
  server: LocalNeo4j;
  config: Neo4jConfig;
  driver(): CypherDriver;
  /** Loads a graph the way `npm run seed:neo4j` does. */
  seed(graph: GraphData): Promise<void>;
  store(): Neo4jStore;
  /** One Cypher statement's rows as plain objects (integers converted). */
  rows(query: string, parameters?: Record<string, unknown>): Promise<Array<Record<string, unknown>>>;
  closeDrivers(): Promise<void>;
  /** Closes the drivers, and stops the server if this handle started it. */
  stop(): Promise<void>;
}

/** Which Neo4j line the live leg runs: `lts` (5.26, the default) or `latest` (CROSSWALK_NEO4J_LINE). */
export const NEO4J_LINE = (process.env.CROSSWALK_NEO4J_LINE ?? 'lts') as NeoLine;

export async function startTestNeo4j(options: Partial<LocalNeo4jOptions> = {}): Promise<TestNeo4j> {
  const server = await startLocalNeo4j({ ephemeral: true, line: NEO4J_LINE, ...options, onStderr: () => {} });
  return connectTestNeo4j(server, { owned: true });
}

/** Drivers and helpers for a server started elsewhere (`owned`: stop it too when done). */
export function connectTestNeo4j(server: LocalNeo4j, { owned = false } = {}): TestNeo4j {
  const config: Neo4jConfig = { uri: server.uri, user: 'neo4j', password: server.password, database: undefined };
  const drivers: CypherDriver[] = [];
  const driver = () => {
    const d = createNeo4jDriver(config, { retryMs: 15_000 });
    drivers.push(d);
    return d;
  };
  const shared = driver();
  return {
    server,
    config,
    driver,
    async seed(graph) {
      await writeGraph(shared, loadCypherRegistry(), loadSchemaStatements(), graph);
    },
    store: () => new Neo4jStore(driver(), loadCypherRegistry()),
    async rows(query, parameters = {}) {
      const session = shared.session();
      try {
        const result = await session.run(query, parameters);
        return result.records.map((r) => plain((r as unknown as { toObject(): Record<string, unknown> }).toObject()) as Record<string, unknown>);
      } finally {
        await session.close();
      }
    },
    async closeDrivers() {
      await Promise.allSettled(drivers.map((d) => d.close()));
    },
    async stop() {
      await Promise.allSettled(drivers.map((d) => d.close()));
      if (owned) await server.stop();
    },
  };
}

let realSeed: Promise<GraphData> | undefined;
export function realSeedGraph(): Promise<GraphData> {
  realSeed ??= loadSeed();
  return realSeed;
}

/** Neo4j integers to numbers, nodes and relationships to their properties, for comparisons. */
export function plain(value: unknown): unknown {
  if (value !== null && typeof value === 'object') {
    const v = value as Record<string, unknown> & { toNumber?: () => number; properties?: unknown; low?: unknown; high?: unknown };
    if (typeof v.toNumber === 'function' && 'low' in v && 'high' in v) return v.toNumber();
    if (Array.isArray(value)) return value.map(plain);
    if ('properties' in v && ('labels' in v || 'type' in v)) return plain(v.properties);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  }
  return value;
}
