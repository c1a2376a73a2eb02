// Types for scripts/neo4j-local-lib.mjs (plain JavaScript, so `npm run neo4j:local` needs no build).

export type NeoLine = 'lts' | 'latest';

export interface LocalNeo4jOptions {
  /** Bolt port on 127.0.0.1; default: a free port picked by the server. */
  port?: number;
  /** Password of user neo4j, 8+ characters; default DEFAULT_PASSWORD. */
  password?: string;
  /** Default `<repo>/.neo4j-local/data`. */
  dataDir?: string;
  /** Wipe dataDir first, for an empty server. */
  fresh?: boolean;
  /** A new temp data dir, deleted once the server has exited (dataDir is ignored). */
  ephemeral?: boolean;
  /** Default 'lts' (5.26, Java 17+); 'latest' needs Java 21+. */
  line?: NeoLine;
  /** JDK to run and build with; default JAVA_HOME, else `java` on PATH. */
  javaHome?: string;
  /** Extra JVM options after neo4j/local/jvm.options, e.g. ['-XX:TieredStopAtLevel=1'] for quicker starts. */
  javaOpts?: string[];
  /** Class-data sharing archive (recorded on first use); default true unless NEO4J_CDS=0. */
  cds?: boolean;
  /** How long to wait for the ready line; default 180000. */
  timeoutMs?: number;
  onStderr?: (line: string) => void;
  /** Aborting before the server is ready stops Maven or the JVM and rejects. */
  signal?: AbortSignal;
}

export interface LocalNeo4jExit {
  code: number | null;
  signal: string | null;
}

export interface LocalNeo4j {
  /** bolt://127.0.0.1:PORT (neo4j:// on the same port works too). */
  uri: string;
  port: number;
  password: string;
  dataDir: string;
  /** The JVM's pid. */
  pid: number;
  /** Settles when the JVM has exited (and an ephemeral data dir is gone). */
  exited: Promise<LocalNeo4jExit>;
  /** SIGTERM, then SIGKILL after graceMs (default 30000); idempotent. */
  stop(graceMs?: number): Promise<LocalNeo4jExit>;
}

export const REPO_ROOT: string;
export const PROJECT_DIR: string;
export const STATE_DIR: string;
export const DEFAULT_DATA_DIR: string;
export const DEFAULT_PASSWORD: string;
export const LINES: Record<NeoLine, { profile: string | null; minJava: number }>;
export function startLocalNeo4j(options?: LocalNeo4jOptions): Promise<LocalNeo4j>;
export function findJava(line?: NeoLine, javaHome?: string): { bin: string; home: string | null; major: number; version: string };
export function resolveClasspath(options?: { line?: NeoLine; javaHome?: string; signal?: AbortSignal }): Promise<string>;
