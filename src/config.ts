import type { Neo4jConfig } from './store/neo4j/driver.js';

/** Settings from the environment, read once at start-up. */
export interface Config {
  port: number;
  host: string;
  seedDir: string | undefined;
  introspection: boolean;
  /** Set when NEO4J_URI is: the API then reads Neo4j instead of the embedded store. */
  neo4j: Neo4jConfig | null;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number; got "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    seedDir: env.CROSSWALK_SEED_DIR,
    introspection: env.CROSSWALK_INTROSPECTION !== 'false',
    neo4j: readNeo4jConfig(env),
  };
}

export function readNeo4jConfig(env: NodeJS.ProcessEnv = process.env): Neo4jConfig | null {
  if (!env.NEO4J_URI) return null;
  return {
    uri: env.NEO4J_URI,
    user: env.NEO4J_USER ?? 'neo4j',
    password: env.NEO4J_PASSWORD ?? '',
    database: env.NEO4J_DATABASE || undefined,
  };
}
