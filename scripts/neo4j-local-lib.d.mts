// Types for scripts/neo4j-local-lib.mjs (plain JavaScript so `npm run neo4j:local` needs no build).

export type NeoLine = 'lts' | 'latest';

export interface LocalNeo4jOptions {
  port?: number;
  password?: string;
  dataDir?: string;
  fresh?: boolean;
  ephemeral?: boolean;
  line?: NeoLine;
  javaHome?: string;
  timeoutMs?: number;
  onStderr?: (line: string) => void;
  signal?: AbortSignal;
}

export interface LocalNeo4jExit {
  code: number | null;
  signal: string | null;
}

export interface LocalNeo4j {
  uri: string;
  port: number;
  password: string;
  dataDir: string;
  pid: number;
  exited: Promise<LocalNeo4jExit>;
  stop(graceMs?: number): Promise<LocalNeo4jExit>;
}

export const REPO_ROOT: string;
export const DEFAULT_PASSWORD: string;
export function startLocalNeo4j(options?: LocalNeo4jOptions): Promise<LocalNeo4j>;
