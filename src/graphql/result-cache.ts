import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestContext, GraphQLResponse } from '@apollo/server';
import type { RequestContext } from './context.js';

/**
 * Whole-response cache, honest because the dataset only changes with the seed or the database:
 * keyed by dataset version, operation text, operation name, variables and the trace header.
 * Error-free responses only; least recently used entries are dropped first.
 */
export function resultCachePlugin(maxEntries: number): ApolloServerPlugin<RequestContext> {
  const cache = new Map<string, GraphQLResponse['body']>();
  const keyOf = (ctx: GraphQLRequestContext<RequestContext>): string | null => {
    const version = ctx.contextValue.datasetVersion;
    if (!version || !ctx.source) return null;
    return createHash('sha256')
      .update(`${version}\0${ctx.request.operationName ?? ''}\0${ctx.contextValue.traceRequested}\0${JSON.stringify(ctx.request.variables ?? {})}\0${ctx.source}`)
      .digest('hex');
  };
  return {
    async requestDidStart() {
      return {
        async responseForOperation(ctx) {
          const key = keyOf(ctx);
          const hit = key ? cache.get(key) : undefined;
          if (!key || !hit || hit.kind !== 'single') return null;
          cache.delete(key);
          cache.set(key, hit); // most recently used
          ctx.contextValue.cacheHit = true;
          // A shallow copy: plugins only replace top-level keys (extensions); the frozen data below is shared.
          return { http: ctx.response.http, body: { kind: 'single', singleResult: { ...hit.singleResult } } };
        },
        async willSendResponse(ctx) {
          const key = keyOf(ctx);
          const body = ctx.response.body;
          if (!key || ctx.contextValue.cacheHit || body.kind !== 'single' || body.singleResult.errors?.length) return;
          cache.set(key, { kind: 'single', singleResult: deepFreeze(structuredClone(body.singleResult)) });
          if (cache.size > maxEntries) cache.delete(cache.keys().next().value!);
        },
      };
    },
  };
}

/** Frozen, so a hit shared between requests can never be changed by one of them. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
