import type { Neo4jConfig } from './store/neo4j/driver.js';

/** Limits on what one request may ask, refused before execution. */
export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  /** Longest query text in bytes, comments included (the parser's token limit does not count comments). */
  maxQueryBytes: number;
  /** "Did you mean" hints in validation errors; off in production, where they map the schema for an attacker. */
  fieldSuggestions: boolean;
}

export interface HttpLimits {
  bodyLimit: string;
  /** Longest a request may take before it is answered with a coded error. */
  requestTimeoutMs: number;
  /** Longest one store call may take before it counts as an outage. */
  storeTimeoutMs: number;
  /** Allowed browser origins for CORS; empty means same-origin only. */
  corsOrigins: string[];
  /** Body limit for requests with an API key: bulk writes carry up to 500 requirements or mappings. */
  keyedBodyLimit: string;
  /** GraphQL requests that run at once; the others wait, and the least-served client goes next (src/admission/fair-queue.ts). */
  concurrentRequests: number;
  /** GraphQL requests one client (API key, else address) may have waiting; beyond, 429 RATE_LIMITED. */
  waitingPerClient: number;
  /**
   * Refusals (4xx answers) one client may earn, forgiven with a half-life of 10 s, before its requests
   * are refused outright (429 RATE_LIMITED) until half are forgiven (src/admission/penalty-box.ts); 0: never.
   */
  refusalsLimit: number;
  /**
   * Which proxies in front of the API to believe about the client's address (Express's `trust proxy`):
   * false (the default: the socket's address), a number of hops, or addresses, subnets and the names
   * loopback, linklocal, uniquelocal.
   */
  trustProxy: false | number | string;
}

/** Who may call, and how often (issue #21). */
export interface AccessSettings {
  /** Refuse every request without an API key (the public graph is then not open to anonymous callers). */
  requireKey: boolean;
  /** Requests per minute one API key may make; its burst is a tenth of that (at least 10). 0: no limit. */
  keyRequestsPerMinute: number;
}

/** Settings from the environment, read once at start-up. */
export interface Config {
  port: number;
  host: string;
  seedDir: string | undefined;
  /** The embedded data directory: API keys, workspaces, audit journals (src/workspace/). */
  dataDir: string;
  introspection: boolean;
  /** Serve as an Apollo Federation 2 subgraph: `_service` and `_entities` for a router (README, "Apollo Federation"). */
  federation: boolean;
  limits: QueryLimits;
  http: HttpLimits;
  access: AccessSettings;
  /** A JSON file mapping sha256 hashes to registered operations (trusted documents). */
  trustedDocumentsFile: string | undefined;
  /** Accept only registered operations. */
  trustedDocumentsOnly: boolean;
  /** Set when NEO4J_URI is: the API then reads Neo4j instead of the embedded store. */
  neo4j: Neo4jConfig | null;
  logLevel: string;
  /** Entries in the whole-response cache keyed by dataset version; 0 turns it off. */
  resultCacheSize: number;
  /** Bytes the whole-response cache may hold in all (answers over 1 MB are never kept). */
  resultCacheBytes: number;
  /** Bound on the public graph's reads kept in process by dataset version (src/store/read-cache.ts); 0: none. */
  storeCacheBytes: number;
  /** Keep analyses' intermediate results by the version a caller reads (target graphs, matrix pairs); off: every request computes them. */
  analysisMemo: boolean;
  /** Runs of one operation text before graphql-jit compiles it (src/graphql/jit-executor.ts); 0: never, graphql-js runs all. */
  jitCompileAfter: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const federation = flag(env, 'CROSSWALK_FEDERATION', false);
  const trustedDocumentsOnly = flag(env, 'CROSSWALK_TRUSTED_DOCUMENTS_ONLY', false);
  // A router's entity fetches are query plans made per client operation, never registered ones: the
  // subgraph would refuse them all. Trusted documents belong at the router then.
  if (federation && trustedDocumentsOnly) throw new ConfigError('CROSSWALK_FEDERATION and CROSSWALK_TRUSTED_DOCUMENTS_ONLY cannot both be on: a router\'s query plans are not registered operations; enforce trusted documents at the router');
  return {
    port: integer(env, 'PORT', 4000, 0, 65535),
    host: env.HOST ?? '0.0.0.0',
    seedDir: env.CROSSWALK_SEED_DIR,
    dataDir: env.CROSSWALK_DATA_DIR || './data',
    introspection: flag(env, 'CROSSWALK_INTROSPECTION', true),
    federation,
    limits: {
      maxDepth: integer(env, 'CROSSWALK_MAX_DEPTH', 12, 1, 100),
      maxCost: integer(env, 'CROSSWALK_MAX_COST', 20_000, 1, 10_000_000),
      maxAliases: integer(env, 'CROSSWALK_MAX_ALIASES', 30, 0, 1000),
      maxDirectives: integer(env, 'CROSSWALK_MAX_DIRECTIVES', 20, 0, 1000),
      maxTokens: integer(env, 'CROSSWALK_MAX_TOKENS', 3000, 10, 1_000_000),
      maxQueryBytes: integer(env, 'CROSSWALK_MAX_QUERY_BYTES', 20_000, 100, 10_000_000),
      fieldSuggestions: flag(env, 'CROSSWALK_FIELD_SUGGESTIONS', !production),
    },
    http: {
      bodyLimit: env.CROSSWALK_BODY_LIMIT ?? '100kb',
      requestTimeoutMs: integer(env, 'CROSSWALK_REQUEST_TIMEOUT_MS', 10_000, 100, 600_000),
      storeTimeoutMs: integer(env, 'CROSSWALK_STORE_TIMEOUT_MS', 5_000, 50, 600_000),
      corsOrigins: (env.CROSSWALK_CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
      keyedBodyLimit: env.CROSSWALK_KEYED_BODY_LIMIT ?? '2mb',
      // Embedded, requests are CPU work on one thread: two at once let one run while the other waits on I/O
      // (measured in the soak, bench/RESULTS.md: one or four gave the attacked client less); on Neo4j they mostly wait on the database.
      concurrentRequests: integer(env, 'CROSSWALK_CONCURRENT_REQUESTS', env.NEO4J_URI ? 16 : 2, 1, 10_000),
      waitingPerClient: integer(env, 'CROSSWALK_WAITING_PER_CLIENT', 32, 0, 100_000),
      refusalsLimit: integer(env, 'CROSSWALK_REFUSALS_LIMIT', 30, 0, 1_000_000),
      trustProxy: trustProxy(env.CROSSWALK_TRUST_PROXY),
    },
    access: {
      requireKey: flag(env, 'CROSSWALK_REQUIRE_KEY', false),
      keyRequestsPerMinute: integer(env, 'CROSSWALK_KEY_REQUESTS_PER_MINUTE', 1200, 0, 1_000_000),
    },
    jitCompileAfter: integer(env, 'CROSSWALK_JIT_COMPILE_AFTER', 2, 0, 1_000_000),
    trustedDocumentsFile: env.CROSSWALK_TRUSTED_DOCUMENTS || undefined,
    trustedDocumentsOnly,
    neo4j: readNeo4jConfig(env),
    logLevel: env.LOG_LEVEL ?? 'info',
    resultCacheSize: integer(env, 'CROSSWALK_RESULT_CACHE_SIZE', 1000, 0, 1_000_000),
    resultCacheBytes: integer(env, 'CROSSWALK_RESULT_CACHE_BYTES', 64 * 1024 * 1024, 1024, 4 * 1024 * 1024 * 1024),
    // On Neo4j every read is a Bolt round trip; the embedded store holds the graph in memory already.
    storeCacheBytes: integer(env, 'CROSSWALK_STORE_CACHE_BYTES', env.NEO4J_URI ? 128 * 1024 * 1024 : 0, 0, 16 * 1024 * 1024 * 1024),
    analysisMemo: flag(env, 'CROSSWALK_ANALYSIS_MEMO', true),
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

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; got "${raw}"`);
  return value;
}

/** CROSSWALK_TRUST_PROXY, checked here so a typo stops start-up with its name rather than inside Express. */
function trustProxy(raw: string | undefined): false | number | string {
  if (raw === undefined || raw.trim() === '' || raw === 'false') return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  const items = raw.split(',').map((item) => item.trim());
  const known = (item: string) => ['loopback', 'linklocal', 'uniquelocal'].includes(item) || /^[0-9a-f.:]+(\/\d{1,3})?$/i.test(item);
  if (items.every((item) => item !== '' && known(item))) return items.join(',');
  throw new ConfigError(`CROSSWALK_TRUST_PROXY must be a number of hops, or addresses, subnets and the names loopback, linklocal, uniquelocal, separated by commas; got "${raw}"`);
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(`${name} must be true or false; got "${raw}"`);
}

/** The configuration tests and embedders start from: defaults, no environment. */
export function defaultConfig(overrides: Partial<Config> = {}): Config {
  return { ...readConfig({}), ...overrides };
}

/** A setting that cannot be used: start-up stops and says which and why. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
