import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestContext, GraphQLResponse } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import type { RequestContext } from './context.js';

export interface ResultCacheLimits {
  /** Most entries kept. */
  maxEntries: number;
  /** Most bytes of heap the entries hold in all (estimated: HEAP_PER_JSON_BYTE times their JSON); least recently used go first. */
  maxBytes: number;
}

/** A bigger answer (in JSON bytes) is not worth holding: it would push out many small ones, and it is cheap per byte to recompute. */
export const MAX_ENTRY_BYTES = 1024 * 1024;

/**
 * Heap a cached answer holds per byte of its JSON: its objects, frozen, take more room than its text
 * (measured 2.0 for a catalog page of 100 with nested mappings, 2.7 for the headline coverage answer).
 * Counted by JSON bytes alone, the 64 MiB default let the cache hold about 130 MB more heap in the
 * soak (bench/RESULTS.md, "Soak").
 */
export const HEAP_PER_JSON_BYTE = 3;

type Body = Extract<GraphQLResponse['body'], { kind: 'single' }>;

export interface ResultCache {
  plugin: ApolloServerPlugin<RequestContext>;
  /** Bytes and entries held now: for tests and metrics. */
  usage(): { bytes: number; entries: number };
}

/**
 * Whole-response cache, honest because the dataset only changes with the seed or the database:
 * keyed by dataset version, operation text, operation name, the operation's declared variables
 * (an extra variable such as a nonce does not make a new entry) and the trace header.
 * Error-free responses only, bounded in entries and in bytes.
 */
export function resultCache(limits: ResultCacheLimits): ResultCache {
  const cache = new LRUCache<string, Body>({ max: limits.maxEntries, maxSize: limits.maxBytes, maxEntrySize: Math.min(MAX_ENTRY_BYTES * HEAP_PER_JSON_BYTE, limits.maxBytes) });
  const keyOf = (ctx: GraphQLRequestContext<RequestContext>): string | null => {
    const version = ctx.contextValue.datasetVersion;
    // Queries only: a mutation answered from the cache would not be carried out.
    if (!version || !ctx.source || !ctx.operation || ctx.operation.operation !== 'query') return null;
    // Validation refuses a declared variable that is not used, so declared is used.
    const given = ctx.request.variables ?? {};
    const variables = (ctx.operation.variableDefinitions ?? []).map((d) => given[d.variable.name.value] ?? null);
    return createHash('sha256')
      .update(`${version}\0${ctx.request.operationName ?? ''}\0${ctx.contextValue.traceRequested}\0${JSON.stringify(variables)}\0${ctx.source}`)
      .digest('hex');
  };
  const plugin: ApolloServerPlugin<RequestContext> = {
    async requestDidStart() {
      return {
        async responseForOperation(ctx) {
          const key = keyOf(ctx);
          const hit = key ? cache.get(key) : undefined;
          if (!hit) return null;
          ctx.contextValue.cacheHit = true;
          // A shallow copy: plugins only replace top-level keys (extensions); the frozen data below is shared.
          return { http: ctx.response.http, body: { kind: 'single', singleResult: { ...hit.singleResult } } };
        },
        async willSendResponse(ctx) {
          const key = keyOf(ctx);
          const body = ctx.response.body;
          if (!key || ctx.contextValue.cacheHit || body.kind !== 'single' || body.singleResult.errors?.length) return;
          const bytes = Buffer.byteLength(JSON.stringify(body.singleResult));
          const heap = bytes * HEAP_PER_JSON_BYTE;
          if (bytes > MAX_ENTRY_BYTES || heap > limits.maxBytes) return; // not even cloned
          cache.set(key, { kind: 'single', singleResult: deepFreeze(structuredClone(body.singleResult)) }, { size: heap });
        },
      };
    },
  };
  return { plugin, usage: () => ({ bytes: cache.calculatedSize, entries: cache.size }) };
}

/** Frozen, so a hit shared between requests can never be changed by one of them. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
