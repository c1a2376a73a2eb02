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
          result.extensions = { ...result.extensions, trace: { storeCalls: contextValue.trace.storeCalls } };
        },
      };
    },
  };
}
