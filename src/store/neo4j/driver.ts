import neo4j from 'neo4j-driver';
import type { CypherDriver } from './session.js';

export interface Neo4jConfig {
  uri: string;
  user: string;
  password: string;
  database: string | undefined;
}

/**
 * A pooled driver with bounded waits, so an unreachable database is an error in seconds, not a hang.
 * neo4j:// URIs route reads to followers on a cluster; managed transactions are retried by the driver.
 */
export function createNeo4jDriver(config: Neo4jConfig, options: { retryMs?: number } = {}): CypherDriver {
  return neo4j.driver(config.uri, neo4j.auth.basic(config.user, config.password), {
    maxConnectionPoolSize: 50,
    connectionTimeout: 5_000,
    connectionAcquisitionTimeout: 10_000,
    // The API fails fast (SERVICE_UNAVAILABLE) rather than hold requests; seeding waits longer.
    maxTransactionRetryTime: options.retryMs ?? 2_000,
    userAgent: 'crosswalk',
  }) as unknown as CypherDriver;
}

/** A one-line account of why the database could not be reached. */
export function describeConnectionError(uri: string, error: unknown): string {
  const cause = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return `cannot reach Neo4j at ${uri}: ${cause}`;
}
