import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { RequestContext } from './context.js';
import { formatError } from './errors.js';
import { allResolvers } from './resolvers/index.js';
import { loadTypeDefs } from './schema.js';
import { tracePlugin } from './plugins.js';

export interface ApolloOptions {
  introspection: boolean;
}

/** Builds the Apollo server; the schema is built here, at start-up, so SDL faults surface before serving. */
export function createApolloServer(options: ApolloOptions): ApolloServer<RequestContext> {
  return new ApolloServer<RequestContext>({
    typeDefs: loadTypeDefs(),
    resolvers: allResolvers() as never,
    introspection: options.introspection,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => formatError(formatted, error),
    plugins: [tracePlugin(), ApolloServerPluginLandingPageDisabled()],
  });
}
