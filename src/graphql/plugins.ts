import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from './context.js';

/** With `x-crosswalk-trace: 1`, reports the request's store round trips in `extensions.trace`. */
export function tracePlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (!contextValue.traceRequested || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const { storeCalls, databaseCalls } = contextValue.trace;
          result.extensions = { ...result.extensions, trace: { storeCalls, ...(databaseCalls === undefined ? {} : { databaseCalls }) } };
        },
      };
    },
  };
}

/** One structured log line per operation: request id, operation, duration, store calls, error codes, the key id. Never variables or keys. */
export function operationLogPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, operationName, errors }) {
          const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
          contextValue.log.info(
            {
              requestId: contextValue.requestId,
              operation: operationName ?? null,
              durationMs: Math.round(durationMs * 100) / 100,
              storeCalls: contextValue.trace.storeCalls,
              ...(contextValue.trace.databaseCalls === undefined ? {} : { databaseCalls: contextValue.trace.databaseCalls }),
              status: response.http.status ?? 200,
              errors: errors?.map((e) => e.extensions?.code ?? 'UNKNOWN'),
              // Who asked, by key id (never the key): a log line can be matched with the audit trail.
              ...(contextValue.caller.kind === 'key' ? { keyId: contextValue.caller.keyId, workspace: contextValue.caller.workspace } : {}),
            },
            'graphql operation',
          );
        },
      };
    },
  };
}
