import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { AnalysisTimeoutError, eventLoopPacer, NO_DEADLINE, type Deadline } from './analysis/pacing.js';
import { buildTable, readTableRequest, TABLE_NAMES, TABLE_PARAMETERS, TableRequestError, type TableName, type TableRequest } from './analysis/table-request.js';
import type { Table } from './analysis/tables.js';
import type { Caller } from './domain/access.js';
import { ErrorCode } from './domain/error-codes.js';
import { DatasetSeedingError, StoreUnavailableError, type GraphStore } from './domain/graph-store.js';
import type { WorkspaceState } from './domain/workspace-model.js';
import type { CoverContext } from './exports/cover.js';
import { toCsv, toHtml, toMarkdown } from './exports/text.js';
import { toXlsx } from './exports/xlsx.js';
import { FrameworkSizeCache } from './graphql/framework-sizes.js';
import { tableCost, tableFrameworks } from './graphql/table-cost.js';
import type { CallerVersion } from './caller-version.js';
import { codedBody } from './http-errors.js';
import type { WorkspaceLayers } from './store/workspace-layers.js';

/**
 * The consultant's tables over HTTP (README, "Table downloads"): `GET /export/tables/<table>.<format>`
 * with the CLI's options as query parameters, e.g.
 * `/export/tables/crosswalk.xlsx?from=soc2&to=iso42001` or `/export/tables/gaps.csv?target=iso42001&held=soc2:SECURITY,AVAILABILITY`.
 * The request is read and checked by the rules the CLI and GraphQL share, the table built and
 * rendered by the code the CLI runs (analysis/tables.ts, exports/text.ts, exports/xlsx.ts), so a
 * download and `crosswalk table ... --format xlsx` hold the same rows. It is admitted, keyed and
 * limited as /export is (a key's caller reads its workspace laid over the public graph, never
 * another's), priced as the GraphQL query for the same table (table-cost.ts) and refused over the
 * same cost limit, and abandoned at the same request time limit.
 */

export const TABLE_FORMATS = ['csv', 'xlsx', 'html', 'md'] as const;
type TableFormat = (typeof TABLE_FORMATS)[number];

const CONTENT_TYPES: Record<TableFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
};

export interface TableRoutes {
  store: GraphStore;
  layers: WorkspaceLayers | null;
  versionOf: CallerVersion;
  /** Authentication, the per-key rate limit, admission and the request time limit, as /export and /graphql run them. */
  access: RequestHandler[];
  /** GraphQL's cost limit (config.limits.maxCost). */
  maxCost: number;
  /** The clock the cover dates a download by; tests fix it. */
  now?: () => Date;
}

export function tableRouter(routes: TableRoutes): Router {
  const router = express.Router();
  const sizes = new FrameworkSizeCache();
  router.use(routes.access);
  router.get('/:file', (req, res, next) => void download(routes, sizes, req, res).catch(next));
  return router;
}

async function download(routes: TableRoutes, sizes: FrameworkSizeCache, req: Request, res: Response): Promise<void> {
  const file = String(req.params.file);
  const [name, format] = file.split('.') as [string, string | undefined];
  if (!(TABLE_NAMES as readonly string[]).includes(name) || !(TABLE_FORMATS as readonly string[]).includes(format ?? '') || file.split('.').length !== 2) {
    return refuse(res, 404, ErrorCode.NOT_FOUND, `No table download "${file.slice(0, 80)}": ask for /export/tables/<${TABLE_NAMES.join('|')}>.<${TABLE_FORMATS.join('|')}>.`);
  }
  const table = name as TableName;
  const query = readQuery(req, [...TABLE_PARAMETERS[table], 'check']);
  if (typeof query === 'string') return refuse(res, 400, ErrorCode.BAD_REQUEST, query);
  const { check, ...params } = query;
  if (check !== undefined && check !== '1') return refuse(res, 400, ErrorCode.BAD_REQUEST, 'The query parameter "check" takes only 1.');
  res.setHeader('cache-control', callerOf(res).kind === 'key' ? 'private, no-cache' : 'no-cache');
  res.vary('Authorization');
  try {
    // The workspace state the version names is the one the table reads (caller-version.ts).
    const { version, workspace } = await routes.versionOf(callerOf(res));
    const store = await viewOf(routes, res, workspace);
    const request = await readTableRequest(store, table, params);
    const known = await sizes.sizes(store, version, tableFrameworks(request));
    const cost = tableCost(request, (id) => known.get(id) ?? undefined);
    const file = fileName(request, format as TableFormat);
    if (cost > routes.maxCost) {
      const cli = cliCommand(table, params, format as TableFormat, file);
      const message = `This table's cost (${cost}) is over the limit of ${routes.maxCost}, as the same GraphQL query's would be: narrow it (kind=CLAUSE or CONTROL) or use the CLI, which has no limit${cli ? `: ${cli}` : ''}.`;
      // Asked whether it would be served (the explorer asks before it offers buttons): the answer is no, and why.
      if (check) {
        res.status(200).json({ served: false, code: ErrorCode.QUERY_TOO_COMPLEX, message, cost, limit: routes.maxCost, cli });
        return;
      }
      return refuse(res, 400, ErrorCode.QUERY_TOO_COMPLEX, message, { cost, limit: routes.maxCost, ...(cli ? { cli } : {}) });
    }
    if (check) {
      res.status(200).json({ served: true, cost, limit: routes.maxCost, file });
      return;
    }
    const deadline = (res.locals.deadline as Deadline | undefined) ?? NO_DEADLINE;
    const built = await buildTable(store, request, eventLoopPacer(deadline));
    // The time limit answered already (503 REQUEST_TIMEOUT) and abandoned the work.
    if (res.headersSent) return;
    const context: CoverContext = { datasetVersion: (await store.datasetInfo()).version, generatedAt: (routes.now ?? (() => new Date()))() };
    const body = await render(built, format as TableFormat, context);
    res.setHeader('content-type', CONTENT_TYPES[format as TableFormat]);
    // HTML is a print-ready page to open; the others are files to save.
    res.setHeader('content-disposition', `${format === 'html' ? 'inline' : 'attachment'}; filename="${file}"`);
    if (version !== null) res.setHeader('x-crosswalk-dataset', context.datasetVersion);
    res.status(200).send(body);
  } catch (error) {
    if (error instanceof TableRequestError) {
      const extensions = { argument: error.argument, ...(error.code === ErrorCode.NOT_FOUND ? { suggestions: error.suggestions } : {}) };
      return refuse(res, error.code === ErrorCode.NOT_FOUND ? 404 : 400, error.code, error.message, extensions);
    }
    if (error instanceof AnalysisTimeoutError) {
      // Normally the time limit has answered already; if not, say so as it would.
      if (!res.headersSent) refuse(res, 503, ErrorCode.REQUEST_TIMEOUT, 'The table took longer than the request time limit.');
      return;
    }
    if (error instanceof StoreUnavailableError && !res.headersSent) return refuse(res, 503, ErrorCode.SERVICE_UNAVAILABLE, 'The graph store is not answering; try again shortly.');
    if (error instanceof DatasetSeedingError && !res.headersSent) return refuse(res, 503, ErrorCode.SERVICE_UNAVAILABLE, error.message);
    throw error;
  }
}

async function render(table: Table, format: TableFormat, context: CoverContext): Promise<string | Buffer> {
  if (format === 'xlsx') return toXlsx([table], context);
  return format === 'csv' ? toCsv(table) : format === 'md' ? toMarkdown(table) : toHtml(table, context);
}

/** "crosswalk-soc2-to-iso42001.xlsx", "gaps-iso42001-given-soc2-iso27001-controls.csv": what and for whom, safe in any file system. */
export function fileName(request: TableRequest, format: TableFormat): string {
  const kind = 'kind' in request && typeof request.kind === 'string' ? [`${request.kind.toLowerCase()}s`] : [];
  const inferred = 'inferred' in request && request.inferred ? ['inferred'] : [];
  const scoped = 'scopes' in request && request.scopes.length > 0 ? ['scoped'] : [];
  const parts = ((): string[] => {
    switch (request.table) {
      case 'crosswalk':
        return ['crosswalk', request.from.id, 'to', request.to.id];
      case 'evidence':
      case 'compare':
        return [request.table, ...request.frameworks.map((f) => f.id)];
      case 'roadmap':
        return ['roadmap', 'given', ...request.held.map((h) => h.id)];
      case 'explain':
        return ['explain', request.from.id, 'to', request.to.id];
      case 'catalog':
        return 'list' in request ? [request.list] : ['requirements-of', request.of.kind.toLowerCase(), request.of.id, ...(request.framework ? ['in', request.framework.id] : [])];
      default:
        return [request.table, request.target.id, 'given', ...request.held.map((h) => h.id)];
    }
  })();
  const stem = [...parts, ...scoped, ...kind, ...inferred].join('-').replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 150);
  return `${stem}.${format}`;
}

/** The CLI verb that writes each table, where there is one. */
const CLI_VERBS: Partial<Record<TableName, string>> = { crosswalk: 'table', gaps: 'gaps', coverage: 'coverage', evidence: 'evidence', roadmap: 'roadmap', compare: 'compare' };

/**
 * The command that writes the same table with no cost limit, from the request's own parameters
 * (already checked, so each is one of the table's and a plain value): `npm run crosswalk -- gaps
 * --target nist-800-53 --held soc2 --format xlsx -o gaps-nist-800-53-given-soc2.xlsx`. Null for a
 * table the CLI has no verb for.
 */
export function cliCommand(table: TableName, params: Record<string, string>, format: TableFormat, file: string): string | null {
  const verb = CLI_VERBS[table];
  if (!verb) return null;
  const quote = (value: string) => (/^[A-Za-z0-9._:,@/-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`);
  const options = Object.entries(params).flatMap(([name, value]) => (name === 'inferred' ? (value === 'true' ? ['--inferred'] : []) : [`--${name}`, quote(value)]));
  return ['npm run crosswalk --', verb, ...options, '--format', format, '-o', quote(file)].join(' ');
}

const callerOf = (res: Response): Caller => (res.locals.caller as Caller | undefined) ?? { kind: 'anonymous' };

async function viewOf(routes: TableRoutes, res: Response, known: WorkspaceState | null): Promise<GraphStore> {
  const caller = callerOf(res);
  return caller.kind === 'key' && routes.layers ? routes.layers.view(routes.store, caller.workspace, 'accepted', known ?? undefined) : routes.store;
}

function refuse(res: Response, status: number, code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): void {
  const body = codedBody(code, message);
  Object.assign(body.errors[0]!.extensions, extensions);
  res.status(status).json(body);
}

/** The query parameters, each at most once and only those the table takes; a message when not. */
function readQuery(req: Request, allowed: readonly string[]): Record<string, string> | string {
  const params = new URLSearchParams(req.url.split('?')[1] ?? '');
  const values: Record<string, string> = {};
  for (const [name, value] of params) {
    if (!allowed.includes(name)) return `Unknown query parameter "${name.slice(0, 40)}": this table takes ${allowed.join(', ')}.`;
    if (name in values) return `The query parameter "${name}" is given more than once.`;
    if (value.trim() === '') return `The query parameter "${name}" is empty.`;
    values[name] = value;
  }
  return values;
}
