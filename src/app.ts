import { DEFAULT_JIT } from './graphql/jit-executor.js';
import type { WorkspaceState } from './domain/workspace-model.js';
import { PairSummaryIndex } from './graphql/pair-summaries.js';
import { TargetGraphIndex } from './graphql/target-graphs.js';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { expressMiddleware } from '@as-integrations/express5';
import compression from 'compression';
import cors from 'cors';
import express, { type Express, type RequestHandler } from 'express';
import { deadlineAfter, type Deadline } from './analysis/pacing.js';
import { defaultConfig, type Config } from './config.js';
import { ErrorCode } from './domain/error-codes.js';
import { DatasetSeedingError, type GraphStore } from './domain/graph-store.js';
import { mountExplorer } from './explorer/routes.js';
import { createApolloServer } from './graphql/apollo.js';
import { createRequestContext } from './graphql/context.js';
import { checkTrusted, loadTrustedManifest, persistedDocument, sha256, type TrustedManifest } from './graphql/trusted-documents.js';
import { codedBody, httpErrorHandler, notFoundHandler } from './http-errors.js';
import { createLogger, type Logger } from './logger.js';
import { circuitBreakerStore } from './store/circuit-breaker.js';
import { observeFailures, timeoutStore, type StoreHealth } from './store/timeout-store.js';
import { WorkspaceLayers } from './store/workspace-layers.js';
import { DatasetReadCache } from './store/read-cache.js';
import type { Caller } from './domain/access.js';
import type { WorkspaceRepository } from './domain/workspace-repository.js';
import type { ManifestArchive } from './domain/dataset-manifest.js';
import { authenticate, keyRateLimit, type Authenticator } from './http-access.js';
import { fairAdmission } from './http-admission.js';
import { FairQueue } from './admission/fair-queue.js';
import { PenaltyBox } from './admission/penalty-box.js';
import { callerVersions, type CallerVersion } from './caller-version.js';
import { ifNoneMatchHits } from './http-caching.js';
import { exportRouter } from './http-export.js';
import { tableRouter } from './http-tables.js';
import type { RequestContext, WorkspaceAccess } from './graphql/context.js';

export interface AppOptions {
  config?: Config;
  log?: Logger;
  /**
   * False drops the query limits (depth, aliases, directives, tokens, cost, query text, body nesting,
   * request time): only for measuring what they cost (bench/soak.ts, "Hardening A/B"). Not configurable.
   */
  hardening?: boolean;
  /** API keys and workspaces (the data directory): without them the API serves the public graph to anonymous callers only. */
  workspaces?: { keys: Authenticator; repository: WorkspaceRepository };
  /** Where the manifests of served dataset versions are kept, for `changes(since:)`; none: only the current version is known. */
  manifests?: ManifestArchive;
}

export interface App {
  app: Express;
  httpServer: Server;
  /** Stops taking requests, finishes those in flight, then returns. */
  stop(): Promise<void>;
}

/**
 * The HTTP application: GraphQL at /graphql, health at /healthz and readiness at /readyz,
 * behind body, time and CORS limits, with a request id on every response.
 */
export async function createApp(rawStore: GraphStore, options: AppOptions = {}): Promise<App> {
  const config = options.config ?? defaultConfig();
  const log = options.log ?? createLogger(config.logLevel);
  const health: StoreHealth = { lastFailureAt: 0 };
  // Outermost the breaker: while the store is known down, requests fail at once instead of queueing.
  const breaker = circuitBreakerStore(observeFailures(timeoutStore(rawStore, config.http.storeTimeoutMs), health));
  const store = breaker.store;
  // The public graph's reads kept by dataset version (Neo4j); the version step below says which version.
  const readCache = config.storeCacheBytes > 0 ? new DatasetReadCache(store, { maxBytes: config.storeCacheBytes }) : null;
  const publicReads = readCache ? readCache.view() : store;
  const trustedManifest = config.trustedDocumentsFile ? loadTrustedManifest(config.trustedDocumentsFile) : null;
  const version = datasetVersionCache(store, health, (v) => readCache?.observe(v));
  const layers = options.workspaces ? new WorkspaceLayers(options.workspaces.repository) : null;
  // What analyses derive from one version and nothing else (a matrix's pairs, the graph around a target).
  const pairSummaries = config.analysisMemo ? new PairSummaryIndex() : null;
  const targetGraphs = config.analysisMemo ? new TargetGraphIndex() : null;
  // What a caller sees is the public graph, plus its workspace's part when it has a key: its version names both.
  const callerVersion = callerVersions(() => version.get(), layers);

  const app = express();
  const httpServer = createServer(app);
  const hardening = options.hardening ?? true;
  const apollo = createApolloServer({ introspection: config.introspection, federation: config.federation, limits: config.limits, httpServer, log, trustedManifest, resultCache: { maxEntries: config.resultCacheSize, maxBytes: config.resultCacheBytes }, hardening, jit: config.jitCompileAfter > 0 ? { ...DEFAULT_JIT, compileAfter: config.jitCompileAfter } : null });
  await apollo.start();

  app.disable('x-powered-by');
  app.set('trust proxy', config.http.trustProxy);
  const admission = new FairQueue({ slots: config.http.concurrentRequests, maxWaitingPerClient: config.http.waitingPerClient });
  // One box for every queue: a client refused on /graphql is refused on /export too.
  const penaltyBox = new PenaltyBox({ limit: config.http.refusalsLimit });
  app.set('etag', false);
  app.use(requestId);
  // gzip or deflate as the client accepts, for answers over 1 kB (a coverage answer is tens of kB of JSON).
  // The default filter asks mime-db, which does not list JSON Lines (the bulk export) as compressible.
  app.use(compression({ filter: (req, res) => compression.filter(req, res) || /^application\/x-ndjson\b/.test(String(res.getHeader('content-type') ?? '')) }));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      // Readiness asks the store itself, so it is also what closes an open circuit soonest.
      if (breaker.state().phase === 'open') await breaker.probe();
      const info = await store.datasetInfo();
      version.set(info.version);
      res.json({ status: 'ready', datasetVersion: info.version, loadedAt: info.loadedAt });
    } catch (error) {
      // The cause goes to the log, not to whoever probes readiness.
      log.warn({ err: error }, 'not ready');
      res.status(503).json({ status: 'unavailable' });
    }
  });
  mountExplorer(app, log);
  const apiCors = cors({
    origin: config.http.corsOrigins.length > 0 ? config.http.corsOrigins : false,
    maxAge: 600,
    // A browser client may read these: revalidation, the dataset behind an answer, the log line's id.
    exposedHeaders: ['ETag', 'x-crosswalk-dataset', 'x-request-id'],
  });
  // One authenticator and one rate limiter for /graphql and /export: a key's exports count against the same rate.
  const access = [authenticate(options.workspaces?.keys ?? null, config.access.requireKey), keyRateLimit(config.access.keyRequestsPerMinute)];
  // Exports queue apart from GraphQL: a download holds its slot while a slow reader drains it, and must
  // not hold the slots queries run in.
  const exportAdmission = new FairQueue({ slots: EXPORT_SLOTS, maxWaitingPerClient: EXPORT_SLOTS });
  // Table downloads are analyses like GraphQL queries: they wait in GraphQL's queue, under its time and cost limits.
  app.use(
    '/export/tables',
    apiCors,
    tableRouter({
      store: publicReads,
      layers,
      versionOf: callerVersion,
      access: [...(hardening ? [requestTimeout(config.http.requestTimeoutMs)] : []), ...access, ...(hardening ? [fairAdmission(admission, penaltyBox, log)] : [])],
      maxCost: hardening ? config.limits.maxCost : Number.POSITIVE_INFINITY,
    }),
  );
  app.use('/export', apiCors, exportRouter({ store, layers, versionOf: callerVersion, access: [...access, ...(hardening ? [fairAdmission(exportAdmission, penaltyBox, log)] : [])], log }));
  app.use(
    '/graphql',
    apiCors,
    preflight,
    ...(hardening ? [requestTimeout(config.http.requestTimeoutMs)] : []),
    ...access,
    ...(hardening ? [fairAdmission(admission, penaltyBox, log)] : []),
    bodyParser(config.http.bodyLimit, config.http.keyedBodyLimit),
    documentIdRequests(trustedManifest),
    ...(hardening ? [queryTextLimit(config.limits.maxQueryBytes), nestingLimit(MAX_BODY_NESTING)] : []),
    ...(trustedManifest && config.trustedDocumentsOnly ? [trustedOnly(trustedManifest)] : []),
    etag(callerVersion, () => version.seeding()),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const caller = (res.locals.caller as Caller | undefined) ?? { kind: 'anonymous' as const };
        // Port calls above the read cache, and the database reads this request caused below it.
        const trace = readCache ? { storeCalls: 0, databaseCalls: 0 } : { storeCalls: 0 };
        const base = readCache ? readCache.view(trace) : store;
        const requestOptions = {
          trace,
          traceRequested: req.headers['x-crosswalk-trace'] === '1',
          requestId: String(res.getHeader('x-request-id')),
          datasetVersion: (res.locals.datasetVersion as string | undefined) ?? null,
          deadline: res.locals.deadline as Deadline | undefined,
          log,
          caller,
          manifests: options.manifests ?? null,
          publicStore: base,
          pairSummaries,
          targetGraphs,
        };
        if (caller.kind !== 'key' || !layers || !options.workspaces) return createRequestContext(base, requestOptions);
        return workspaceContext(base, layers, options.workspaces.repository, caller, requestOptions, (res.locals.workspaceState as WorkspaceState | null | undefined) ?? undefined);
      },
    }),
  );
  app.use(notFoundHandler);
  app.use(httpErrorHandler(log));
  return { app, httpServer, stop: () => apollo.stop() };
}

/**
 * On SIGTERM or SIGINT, or when the process that started this one is gone: stop taking requests,
 * finish those in flight (Apollo drains the HTTP server), close the store (and with it the Neo4j
 * driver), exit 0.
 */
export function installGracefulShutdown(app: App, store: Pick<GraphStore, 'close'>, log: Logger, exit: (code: number) => void = process.exit): void {
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    void app
      .stop()
      .then(() => store.close())
      .then(
        () => {
          log.info('stopped');
          exit(0);
        },
        (error: unknown) => {
          log.error({ err: error }, 'shutdown failed');
          exit(1);
        },
      );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  // A wrapper that dies of the signal without passing it on (the shell npm runs scripts in) leaves
  // this process reparented: stop as on SIGTERM rather than run on unowned, still answering.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && shutdown('parent exited'), 500).unref();
}

/** Echoes a well-formed `x-request-id`, or makes one, so a log line can be found from a response. */
const requestId: RequestHandler = (req, res, next) => {
  const given = req.headers['x-request-id'];
  res.setHeader('x-request-id', typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID());
  next();
};

/**
 * An OPTIONS request is a preflight or a capability probe, never an operation: 204 with what the
 * endpoint allows, with or without CORS configured (cors() has answered already when an allowed origin
 * asked), instead of Apollo's 400 for a method it does not run.
 */
const preflight: RequestHandler = (req, res, next) => {
  if (req.method !== 'OPTIONS') return next();
  res.setHeader('allow', 'GET, POST, OPTIONS');
  res.status(204).end();
};

/**
 * Every GraphQL answer may be stored but must be revalidated (its ETag makes that a cheap 304), and
 * varies with the headers that change it: Accept (the response media type and status codes) and the
 * trace request; compression and CORS add Accept-Encoding and Origin themselves.
 */
function cacheHeaders(res: express.Response): void {
  res.setHeader('cache-control', 'no-cache');
  res.vary('Accept');
  res.vary('x-crosswalk-trace');
  res.vary('Authorization');
}

/**
 * The body parser, with the larger limit for callers with a key (bulk writes carry up to 500
 * items); anonymous callers only read, and keep the small one.
 */
function bodyParser(anonymousLimit: string, keyedLimit: string): RequestHandler {
  const small = express.json({ limit: anonymousLimit });
  const large = express.json({ limit: keyedLimit });
  return (req, res, next) => ((res.locals.caller as Caller | undefined)?.kind === 'key' ? large : small)(req, res, next);
}

/**
 * A keyed request's context: the public graph with the caller's workspace laid over it, a twin
 * with proposals counted for `includeProposed`, and a refresh so that what a mutation wrote is
 * what the rest of the request reads.
 */
async function workspaceContext(
  publicStore: GraphStore,
  layers: WorkspaceLayers,
  repository: WorkspaceRepository,
  principal: Extract<Caller, { kind: 'key' }>,
  options: Parameters<typeof createRequestContext>[1],
  /** The workspace as the ETag step read it: the request reads that same state. */
  known?: WorkspaceState,
): Promise<RequestContext> {
  let proposed: Promise<RequestContext> | null = null;
  const access: WorkspaceAccess = {
    principal,
    repository,
    publicStore,
    // The twin reads another view of the same revision: its version says so (memos key on it).
    withProposed: () => (proposed ??= layers.view(publicStore, principal.workspace, 'withProposed', known).then((view) => createRequestContext(view, { ...options, datasetVersion: options.datasetVersion ? `${options.datasetVersion}+proposed` : null, workspace: access }))),
    // Apollo hands resolvers a copy of the context object: the one to update is the one given.
    refresh: async (ctx) => {
      const fresh = createRequestContext(await layers.view(publicStore, principal.workspace, 'accepted'), options);
      ctx.store = fresh.store;
      ctx.loaders = fresh.loaders;
      // What this request reads now is no longer the version it started with: memo nothing more.
      ctx.datasetVersion = null;
      proposed = null;
    },
  };
  return createRequestContext(await layers.view(publicStore, principal.workspace, 'accepted', known), { ...options, workspace: access });
}

/**
 * Answers with a coded 503 when a request runs past its time, so the client is not kept waiting, and
 * abandons the work: the long analyses check the request's deadline between slices (analysis/pacing.ts)
 * and stop. A client that hangs up abandons its work the same way.
 */
function requestTimeout(ms: number): RequestHandler {
  return (_req, res, next) => {
    const deadline = deadlineAfter(ms);
    res.locals.deadline = deadline;
    const timer = setTimeout(() => {
      deadline.abandon();
      if (!res.headersSent) res.status(503).json(codedBody(ErrorCode.REQUEST_TIMEOUT, `The request took longer than ${ms} ms.`));
    }, ms);
    res.on('close', () => {
      clearTimeout(timer);
      deadline.abandon(); // answered already, or nobody is listening any more
    });
    res.on('finish', () => clearTimeout(timer));
    next();
  };
}

/**
 * Refuses query text over `maxBytes` before it is parsed or cached: comments cost no tokens, so
 * without this a padded query would fill the parsed-document cache and the result cache's keys.
 */
function queryTextLimit(maxBytes: number): RequestHandler {
  return (req, res, next) => {
    const query: unknown = req.method === 'GET' ? req.query.query : req.body?.query;
    if (typeof query === 'string' && Buffer.byteLength(query) > maxBytes) {
      res.status(413).json(codedBody(ErrorCode.QUERY_TOO_LARGE, `The query text is longer than the limit (${maxBytes} bytes).`));
    } else next();
  };
}

/**
 * The persisted-documents request form, `{"documentId": "sha256:<hex>", "variables": ...}` (POST) or
 * `?documentId=...` (GET), as GraphQL Code Generator's client preset sends it: the document comes
 * from the trusted-documents manifest, and the request then runs as if it had sent the text.
 */
function documentIdRequests(manifest: TrustedManifest | null): RequestHandler {
  return (req, res, next) => {
    const fromGet = req.method === 'GET';
    const documentId: unknown = fromGet ? req.query.documentId : req.body?.documentId;
    if (documentId === undefined) return next();
    const text = typeof documentId === 'string' ? persistedDocument(manifest, documentId) : null;
    if (text === null) {
      const why = manifest ? `no registered document has id ${JSON.stringify(String(documentId).slice(0, 80))}` : 'this deployment has no trusted-documents manifest (CROSSWALK_TRUSTED_DOCUMENTS)';
      res.status(400).json(codedBody(ErrorCode.PERSISTED_DOCUMENT_NOT_FOUND, `Unknown documentId: ${why}.`));
      return;
    }
    if (fromGet) {
      // Apollo reads a GET's operation from req.url's query string (and Express's req.query follows req.url).
      const [pathname, search = ''] = req.url.split('?');
      const params = new URLSearchParams(search);
      params.delete('documentId');
      params.set('query', text);
      req.url = `${pathname}?${params.toString()}`;
    } else {
      const { documentId: _id, ...rest } = req.body as Record<string, unknown>;
      req.body = { ...rest, query: text };
    }
    next();
  };
}

function trustedOnly(manifest: TrustedManifest): RequestHandler {
  return (req, res, next) => {
    const body = req.method === 'GET' ? { query: req.query.query, extensions: parseJson(req.query.extensions) } : req.body;
    const check = checkTrusted(manifest, body);
    if (check.ok) next();
    else res.status(400).json(codedBody(ErrorCode.OPERATION_NOT_TRUSTED, check.message));
  };
}

/**
 * Honest HTTP caching: a response depends only on the request and the dataset, so its ETag is a
 * hash of both; a client holding the same ETag gets 304 without the query running again.
 */
function etag(versionOf: CallerVersion, seeding: () => DatasetSeedingError | null): RequestHandler {
  return async (req, res, next) => {
    const body: unknown = req.method === 'GET' ? req.query : (req.body ?? null);
    cacheHeaders(res);
    const { version: current, workspace } = await versionOf((res.locals.caller as Caller | undefined) ?? { kind: 'anonymous' });
    res.locals.workspaceState = workspace;
    const halfWritten = current ? null : seeding();
    if (halfWritten) {
      // Queries would run, on a graph that is half the old dataset and half the new one.
      res.status(503).setHeader('retry-after', '5').json(codedBody(ErrorCode.SERVICE_UNAVAILABLE, halfWritten.message));
      return;
    }
    if (!current) return next();
    const request = JSON.stringify(body);
    const tag = `W/"${sha256(`${current}\n${req.method}\n${req.headers['x-crosswalk-trace'] ?? ''}\n${request}`).slice(0, 32)}"`;
    res.setHeader('etag', tag);
    res.setHeader('x-crosswalk-dataset', current);
    res.locals.datasetVersion = current;
    if (ifNoneMatchHits(req.headers['if-none-match'], tag)) {
      res.status(304).end();
      return;
    }
    next();
  };
}

/**
 * Refuses a request body nested past any schema's depth before anything walks it (the ETag's
 * JSON.stringify, variable coercion): that deep it would overflow the stack.
 */
function nestingLimit(maxDepth: number): RequestHandler {
  return (req, res, next) => {
    const body: unknown = req.method === 'GET' ? req.query : (req.body ?? null);
    if (nestingDepth(body, maxDepth) > maxDepth) res.status(400).json(codedBody(ErrorCode.BAD_REQUEST, `The request nests deeper than ${maxDepth} levels.`));
    else next();
  };
}

/** Bulk exports streamed at once; more wait in their own fair queue. */
const EXPORT_SLOTS = 2;

/** Deeper than any input the schema takes (its inputs nest a few levels). */
const MAX_BODY_NESTING = 64;

/** How deep a JSON value nests, counted without recursion and given up past `cap`. */
function nestingDepth(value: unknown, cap: number): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > cap) return deepest;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return deepest;
}

interface DatasetVersionCache {
  get(): Promise<string | null>;
  set(version: string): void;
  /** Why the last read had no version, when it was a batched seeding under way (or stopped half-way). */
  seeding(): DatasetSeedingError | null;
}

/**
 * The dataset version, re-read at most every few seconds so ETags and the result cache cost no store
 * call per request; re-read at once after any store failure, so an outage is never hidden behind
 * cached answers.
 */
function datasetVersionCache(store: GraphStore, health: StoreHealth, onRead: (version: string | null) => void, ttlMs = 5_000): DatasetVersionCache {
  // A failed read is remembered too, so a store outage does not cost every request an extra slow call.
  let cached: { version: string | null; at: number; seeding?: DatasetSeedingError } | null = null;
  return {
    async get() {
      const fresh = cached && Date.now() - cached.at < ttlMs && health.lastFailureAt < cached.at;
      if (cached && fresh) return cached.version;
      try {
        cached = { version: (await store.datasetInfo()).version, at: Date.now() };
      } catch (error) {
        // No ETag; the query itself will say SERVICE_UNAVAILABLE, or (seeding) the request is refused.
        cached = { version: null, at: Date.now(), ...(error instanceof DatasetSeedingError ? { seeding: error } : {}) };
      }
      onRead(cached.version);
      return cached.version;
    },
    set(version) {
      cached = { version, at: Date.now() };
      onRead(version);
    },
    seeding: () => (cached && cached.version === null ? (cached.seeding ?? null) : null),
  };
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}
