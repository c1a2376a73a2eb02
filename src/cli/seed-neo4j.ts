import { readNeo4jConfig } from '../config.js';
import { loadSeed } from '../seed/load-seed.js';
import { SeedError } from '../seed/seed-error.js';
import { loadCypherRegistry, loadSchemaStatements } from '../store/neo4j/cypher-registry.js';
import { createNeo4jDriver, describeNeo4jError } from '../store/neo4j/driver.js';
import { writeGraph } from '../store/neo4j/seed-writer.js';

/**
 * `npm run seed:neo4j [-- --batched]`: validates seed/ and loads it into the Neo4j at NEO4J_URI,
 * idempotently; in one transaction, or with --batched in many (for graphs too large for the heap:
 * the API answers SERVICE_UNAVAILABLE until it is done; seed-writer.ts).
 */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--batched');
  if (unknown.length > 0) {
    console.error(`seed:neo4j: unknown argument ${unknown.join(' ')}; the only option is --batched`);
    return 2;
  }
  const batched = args.includes('--batched');
  const config = readNeo4jConfig();
  if (!config) {
    console.error('seed:neo4j: NEO4J_URI is not set (also NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE)');
    return 2;
  }
  const graph = await loadSeed(process.env.CROSSWALK_SEED_DIR);
  console.log(`seed/ is valid: ${graph.requirements.length} requirements, ${graph.mappings.length} mappings, version ${graph.version}`);
  const driver = createNeo4jDriver(config, { retryMs: 15_000 });
  try {
    await driver.verifyConnectivity(config.database ? { database: config.database } : undefined);
  } catch (error) {
    console.error(`seed:neo4j: ${describeNeo4jError(config.uri, error, config.user)}`);
    await driver.close();
    return 1;
  }
  try {
    const started = Date.now();
    const summary = await writeGraph(driver, loadCypherRegistry(), loadSchemaStatements(), graph, {
      ...(config.database ? { database: config.database } : {}),
      batched,
      log: (line) => console.log(line),
    });
    console.log(
      `done in ${((Date.now() - started) / 1000).toFixed(1)} s: created ${summary.nodesCreated} nodes and ${summary.relationshipsCreated} relationships, ` +
        `set ${summary.propertiesSet} properties (updates), removed ${summary.nodesDeleted} nodes and ${summary.relationshipsDeleted} relationships`,
    );
    return 0;
  } catch (error) {
    console.error(`seed:neo4j: ${describeNeo4jError(config.uri, error, config.user)}`);
    if (!batched && /MemoryPoolOutOfMemory|memory pool/i.test(`${(error as { code?: string }).code ?? ''} ${(error as Error).message}`)) {
      console.error('seed:neo4j: one transaction for the whole graph did not fit in Neo4j\'s transaction memory; give Neo4j more heap, or seed with --batched (npm run seed:neo4j -- --batched)');
    }
    return 1;
  } finally {
    await driver.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof SeedError ? error.message : `seed:neo4j: ${(error as Error).message}`);
    process.exit(1);
  },
);
