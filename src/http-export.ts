import type { WorkspaceState } from './domain/workspace-model.js';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response, type Router } from 'express';
import { planBulkExport } from './analysis/bulk-export.js';
import { readMappingSet } from './analysis/mapping-set-contents.js';
import type { Caller } from './domain/access.js';
import { ErrorCode } from './domain/error-codes.js';
import type { ExportFilter } from './domain/export-records.js';
import { StoreUnavailableError, type GraphStore } from './domain/graph-store.js';
import { globalId, isFrameworkIdForm, parseGlobalId, TYPE_PREFIXES } from './domain/ids.js';
import { oscalPieces } from './exports/oscal-stream.js';
import { OscalExportError } from './exports/oscal.js';
import type { CallerVersion } from './caller-version.js';
import { ifNoneMatchHits } from './http-caching.js';
import { codedBody } from './http-errors.js';
import type { Logger } from './logger.js';
import type { WorkspaceLayers } from './store/workspace-layers.js';

/**
 * The bulk export over HTTP (README, "Bulk export"), for an integrator's first full pull:
 * `GET /export/mappings.jsonl` (JSON Lines, one record a line) and `GET /export/oscal/<set>.json`
 * (a mapping set as an OSCAL mapping-collection). Both are written as they are read, honouring
 * backpressure (a Readable piped into the response, through the compression middleware), under a
 * strong ETag named by the caller's version (caller-version.ts: the dataset, and with a key its
 * workspace's revision and the key's role). The caller is authenticated and rate-limited by the
 * same handlers as /graphql, so a key's exports count against its rate.
 */

export interface ExportRoutes {
  /** The public graph; a key's caller reads it with its workspace laid over it. */
  store: GraphStore;
  layers: WorkspaceLayers | null;
  versionOf: CallerVersion;
  /** Authentication and the per-key rate limit, the very handlers /graphql runs. */
  access: RequestHandler[];
  log: Logger;
}

export function exportRouter(routes: ExportRoutes): Router {
  const router = express.Router();
  router.use(routes.access);
  router.get('/mappings.jsonl', (req, res, next) => void jsonLines(routes, req, res).catch(next));
  router.get('/oscal/:file', (req, res, next) => void oscal(routes, req, res).catch(next));
  router.use(storeOutage);
  return router;
}

/** The store down before anything was sent: 503 with its code, as GraphQL says SERVICE_UNAVAILABLE; the rest goes to the app's handler. */
const storeOutage: ErrorRequestHandler = (error, _req, res, next) => {
  if (!(error instanceof StoreUnavailableError) || res.headersSent) return next(error);
  refuse(res, 503, ErrorCode.SERVICE_UNAVAILABLE, STORE_DOWN);
};

const STORE_DOWN = 'The graph store is not answering; try again shortly.';

async function jsonLines(routes: ExportRoutes, req: Request, res: Response): Promise<void> {
  const query = readQuery(req, ['framework', 'set']);
  if (typeof query === 'string') return refuse(res, 400, ErrorCode.BAD_REQUEST, query);
  const filter: ExportFilter = { frameworkId: query.framework ?? null, setId: null };
  if (filter.frameworkId !== null && !isFrameworkIdForm(filter.frameworkId)) {
    return refuse(res, 400, ErrorCode.BAD_REQUEST, `"framework" must be a framework id such as "soc2" or a workspace's "acme:controls"; got "${filter.frameworkId.slice(0, 80)}".`);
  }
  if (query.set !== undefined) {
    filter.setId = setIdOf(query.set);
    if (filter.setId === null) return refuse(res, 400, ErrorCode.BAD_REQUEST, `"set" must be a mapping set id such as "mapping-set:soc2--iso42001"; got "${query.set.slice(0, 80)}".`);
  }
  const tag = await tagFor(routes, res, ['mappings.jsonl', filter.frameworkId, filter.setId]);
  if (tag === null) return;
  const plan = await planBulkExport(await viewOf(routes, res), filter);
  if ('kind' in plan) {
    if (plan.kind === 'badFilter') return refuse(res, 400, ErrorCode.BAD_REQUEST, plan.message);
    return refuse(res, 404, ErrorCode.NOT_FOUND, `No ${plan.what} has id ${plan.what === 'framework' ? plan.id : globalId('MappingSet', plan.id)}.`);
  }
  if (notModified(req, res, tag)) return;
  res.setHeader('content-type', 'application/x-ndjson; charset=utf-8');
  const { header } = plan;
  await send(routes, res, (async function* () {
    yield `${JSON.stringify(header)}\n`;
    for await (const record of plan.records()) yield `${JSON.stringify(record)}\n`;
  })());
}

async function oscal(routes: ExportRoutes, req: Request, res: Response): Promise<void> {
  const query = readQuery(req, []);
  if (typeof query === 'string') return refuse(res, 400, ErrorCode.BAD_REQUEST, query);
  const file = String(req.params.file);
  const setId = file.endsWith('.json') ? setIdOf(file.slice(0, -'.json'.length)) : null;
  if (setId === null) return refuse(res, 400, ErrorCode.BAD_REQUEST, `Name a mapping set as /export/oscal/<set id>.json, e.g. /export/oscal/soc2--iso42001.json; got "${file.slice(0, 80)}".`);
  // The document's last-modified is when the graph was loaded, so the same tag always means the same bytes.
  const loadedAt = (await routes.store.datasetInfo()).loadedAt;
  const tag = await tagFor(routes, res, ['oscal', setId, loadedAt]);
  if (tag === null) return;
  const view = await viewOf(routes, res);
  const [exists] = await view.nodes('MappingSet', [setId]);
  // Another workspace's set is not in this caller's view: the same answer as a set that never existed.
  if (!exists) return refuse(res, 404, ErrorCode.NOT_FOUND, `No mapping set has id ${globalId('MappingSet', setId)}.`);
  if (notModified(req, res, tag)) return;
  const contents = (await readMappingSet(view, setId))!;
  let pieces: Iterable<string>;
  try {
    pieces = oscalPieces({ ...contents, now: new Date(loadedAt) });
  } catch (error) {
    if (!(error instanceof OscalExportError)) throw error;
    return refuse(res, 422, ErrorCode.BAD_USER_INPUT, `The mapping set ${globalId('MappingSet', setId)} cannot be written as OSCAL: ${error.message}.`);
  }
  res.setHeader('content-type', 'application/json; charset=utf-8');
  await send(routes, res, pieces);
}

/**
 * The tag of what the caller would be sent, with the caching headers every answer carries; null
 * (answered 503) when the store cannot say its version. The workspace state it was read from is
 * kept on the response, and the caller's view of the graph is built from that same state: the
 * content is exactly what the tag names, whatever write lands in between.
 */
async function tagFor(routes: ExportRoutes, res: Response, request: unknown[]): Promise<string | null> {
  const caller = callerOf(res);
  res.setHeader('cache-control', caller.kind === 'key' ? 'private, no-cache' : 'no-cache');
  res.vary('Authorization');
  res.vary('Accept-Encoding');
  const { version, workspace } = await routes.versionOf(caller);
  res.locals.workspaceState = workspace;
  if (version === null) {
    refuse(res, 503, ErrorCode.SERVICE_UNAVAILABLE, STORE_DOWN);
    return null;
  }
  return `"${createHash('sha256').update(JSON.stringify([version, ...request])).digest('hex').slice(0, 32)}"`;
}

/** Sets the tag (once the resource is known to exist) and answers 304 when the caller holds it. */
function notModified(req: Request, res: Response, tag: string): boolean {
  res.setHeader('etag', tag);
  if (!ifNoneMatchHits(req.headers['if-none-match'], tag)) return false;
  res.status(304).end();
  return true;
}

const callerOf = (res: Response): Caller => (res.locals.caller as Caller | undefined) ?? { kind: 'anonymous' };

async function viewOf(routes: ExportRoutes, res: Response): Promise<GraphStore> {
  const caller = callerOf(res);
  // The state the tag was read from, so the content is exactly what the tag names.
  return caller.kind === 'key' && routes.layers ? routes.layers.view(routes.store, caller.workspace, 'accepted', (res.locals.workspaceState as WorkspaceState | null | undefined) ?? undefined) : routes.store;
}

/**
 * Writes the pieces as the client takes them (the pipe waits for 'drain'). A failure once the
 * status is sent cannot become an error status: the connection is cut without the final chunk, so
 * the client sees an incomplete response, never a short one passed off as whole.
 */
async function send(routes: ExportRoutes, res: Response, pieces: AsyncIterable<string> | Iterable<string>): Promise<void> {
  res.status(200);
  try {
    await pipeline(Readable.from(pieces, { objectMode: false }), res);
  } catch (error) {
    // A client that hung up is no fault of ours; anything else is worth a log line.
    if ((error as NodeJS.ErrnoException)?.code !== 'ERR_STREAM_PREMATURE_CLOSE') routes.log.error({ err: error }, 'export failed mid-stream: connection cut');
    res.destroy();
  }
}

function refuse(res: Response, status: number, code: ErrorCode, message: string): void {
  res.status(status).json(codedBody(code, message));
}

/** A mapping set's store id from `mapping-set:<id>` or the bare `<id>`; null when it is no set id. */
function setIdOf(raw: string): string | null {
  const prefix = `${TYPE_PREFIXES.MappingSet}:`;
  const parsed = parseGlobalId(raw.startsWith(prefix) ? raw : `${prefix}${raw}`);
  // Every set id joins its two frameworks with "--" (`soc2--iso42001`, `acme:controls--soc2`).
  return parsed?.type === 'MappingSet' && parsed.localId.includes('--') ? parsed.localId : null;
}

/** The query parameters, each at most once and only those the route takes; a message when not. */
function readQuery(req: Request, allowed: readonly string[]): Record<string, string | undefined> | string {
  const params = new URLSearchParams(req.url.split('?')[1] ?? '');
  const values: Record<string, string> = {};
  for (const [name, value] of params) {
    if (!allowed.includes(name)) return `Unknown query parameter "${name.slice(0, 40)}"${allowed.length ? `: this export takes ${allowed.join(', ')}` : ': this export takes none'}.`;
    if (name in values) return `The query parameter "${name}" is given more than once.`;
    if (value === '') return `The query parameter "${name}" is empty.`;
    values[name] = value;
  }
  return values;
}
