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

/** The URI without any user name or password written into it, for logs and messages. */
export function redactUri(uri: string): string {
  return uri.replace(/^([a-z0-9+.-]+:\/\/)[^@/]*@/i, '$1');
}

/** Errors that no retry will mend: the server answered and refused us. */
export function isConfigurationError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('Neo.ClientError.Security.') || code === 'Neo.ClientError.Database.DatabaseNotFound');
}

/** A one-line account of what went wrong talking to Neo4j, naming the cause, never the credentials. */
export function describeNeo4jError(uri: string, error: unknown, user = 'neo4j'): string {
  const code = (error as { code?: unknown })?.code;
  const cause = (error instanceof Error ? error.message.split('\n')[0]! : String(error)).replace(uri, redactUri(uri));
  const where = redactUri(uri);
  if (code === 'Neo.ClientError.Security.Unauthorized') return `Neo4j at ${where} refused the credentials of user "${user}" (check NEO4J_USER and NEO4J_PASSWORD): ${cause}`;
  if (typeof code === 'string' && code.startsWith('Neo.ClientError.Security.')) return `Neo4j at ${where} refused access (${code}): ${cause}`;
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') return `Neo4j at ${where} has no such database (check NEO4J_DATABASE): ${cause}`;
  if (code === 'ServiceUnavailable' || code === 'SessionExpired' || /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|connect/i.test(cause)) return `cannot reach Neo4j at ${where}: ${cause}`;
  return `Neo4j at ${where} failed${typeof code === 'string' && code !== '' ? ` (${code})` : ''}: ${cause}`;
}
