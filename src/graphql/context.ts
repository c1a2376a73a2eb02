import type { Logger } from '../logger.js';
import { countingStore, type StoreCallCounter } from '../store/counting-store.js';
import type { GraphStore } from '../domain/graph-store.js';
import { ANONYMOUS, type Caller, type Principal } from '../domain/access.js';
import type { WorkspaceRepository } from '../domain/workspace-repository.js';
import type { ManifestArchive } from '../domain/dataset-manifest.js';
import type { PairSummaryIndex } from './pair-summaries.js';
import type { TargetGraphIndex } from './target-graphs.js';
import type { TargetGraphMemo } from '../analysis/coverage-query.js';
import { eventLoopPacer, NO_DEADLINE, type Deadline, type Pacer } from '../analysis/pacing.js';
import { createLoaders, loaderStore, type Loaders } from './loaders.js';

export interface RequestContext {
  /** The store read through this request's loaders (so every read is batched and cached), counting its round trips. */
  store: GraphStore;
  loaders: Loaders;
  trace: StoreCallCounter;
  /** The request asked for the trace extension (`x-crosswalk-trace: 1`). */
  traceRequested: boolean;
  requestId: string;
  log: Logger;
  /** The dataset this request reads; keys the result cache. Null when the store could not say. */
  datasetVersion: string | null;
  /** The response came from the result cache. */
  cacheHit: boolean;
  /** Paces the long analyses: pauses hand the event loop to other requests and stop work past the request's deadline. */
  pacer: Pacer;
  /** "Did you mean" searches left to this request (see takeSuggestion): each is a pass over a whole catalog. */
  suggestionsLeft: number;
  /** Who is asking: a key's principal or anonymous. */
  caller: Caller;
  /** The caller's workspace, when it presented a key: what writes and workspace queries use. */
  workspace: WorkspaceAccess | null;
  /** The manifests of the public dataset versions served, for `changes(since:)`; null when none are kept. */
  manifests: ManifestArchive | null;
  /** The public graph alone (never a workspace's view), for what must not depend on the caller. */
  publicStore: GraphStore;
  /** Bulk items this request's mutations have carried so far (requirements, proposals, decisions): capped per request. */
  itemsWritten: number;
  /** The overlap matrix's pair coverages kept by `datasetVersion` (one per server); null: computed every time. */
  pairSummaries: PairSummaryIndex | null;
  /** The graphs around target frameworks kept by `datasetVersion` (one per server); null: gathered every time. */
  targetGraphs: TargetGraphIndex | null;
}

export interface WorkspaceAccess {
  principal: Principal;
  repository: WorkspaceRepository;
  /** The public graph alone: what a write checks the public ids it names against. */
  publicStore: GraphStore;
  /** This request again, reading the workspace with its proposed mappings too (`includeProposed: true`). */
  withProposed(): Promise<RequestContext>;
  /** After a write: the request's reads (store, loaders) see the workspace as the write left it. */
  refresh(ctx: RequestContext): Promise<void>;
}

/** The target graphs kept for the version this request reads; null when there is none to key on. */
export function keptTargetGraphs(ctx: RequestContext): TargetGraphMemo | null {
  return ctx.targetGraphs?.at(ctx.datasetVersion) ?? null;
}

/** The context an analysis reads: this one, or its with-proposals twin when asked and there is a workspace. */
export async function viewContext(ctx: RequestContext, includeProposed: boolean | null | undefined): Promise<RequestContext> {
  return includeProposed && ctx.workspace ? ctx.workspace.withProposed() : ctx;
}

/**
 * Unknown ids answered with suggestions, per request, however many fields, aliases or list entries
 * ask: one search costs about half a millisecond of CPU here, so 30 aliases of nodes(ids:) with 100
 * unknown ids held the event loop for over a second at a cost of 3,030. The rest answer NOT_FOUND
 * without suggestions.
 */
export const MAX_SUGGESTIONS_PER_REQUEST = 20;

/** Whether this request may still run a suggestion search; counts it if so. */
export function takeSuggestion(ctx: RequestContext): boolean {
  if (ctx.suggestionsLeft <= 0) return false;
  ctx.suggestionsLeft--;
  return true;
}

export function createRequestContext(
  store: GraphStore,
  options: {
    traceRequested: boolean;
    requestId: string;
    log: Logger;
    datasetVersion?: string | null;
    deadline?: Deadline;
    caller?: Caller;
    workspace?: WorkspaceAccess | null;
    manifests?: ManifestArchive | null;
    publicStore?: GraphStore;
    pairSummaries?: PairSummaryIndex | null;
    targetGraphs?: TargetGraphIndex | null;
    /** The request's counters, when the caller counts below the port too (the read cache's database reads). */
    trace?: StoreCallCounter;
  },
): RequestContext {
  const trace: StoreCallCounter = options.trace ?? { storeCalls: 0 };
  const counted = countingStore(store, trace);
  const loaders = createLoaders(counted);
  const { deadline, ...rest } = options;
  return { store: loaderStore(loaders, counted), loaders, trace, datasetVersion: null, cacheHit: false, suggestionsLeft: MAX_SUGGESTIONS_PER_REQUEST, pacer: eventLoopPacer(deadline ?? NO_DEADLINE), caller: ANONYMOUS, workspace: null, manifests: null, publicStore: store, itemsWritten: 0, pairSummaries: null, targetGraphs: null, ...rest };
}
