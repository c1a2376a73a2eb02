import type { Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { QueryLimits } from '../config.js';
import type { Logger } from '../logger.js';
import type { RequestContext } from './context.js';
import { costLimitPlugin } from './cost.js';
import { formatError } from './errors.js';
import { buildCrosswalkSubgraph, noSubgraphSdlRule } from './federation.js';
import { operationLogPlugin, tracePlugin } from './plugins.js';
import { allResolvers } from './resolvers/index.js';
import { resultCache, type ResultCacheLimits } from './result-cache.js';
import { loadTypeDefs } from './schema.js';
import { DEFAULT_JIT, jitGateway, type JitOptions } from './jit-executor.js';
import { manifestCache, type TrustedManifest } from './trusted-documents.js';

export interface ApolloOptions {
  introspection: boolean;
  /** Serve the Apollo Federation 2 subgraph schema (`_service`, `_entities`) instead of the plain one. */
  federation?: boolean;
  limits: QueryLimits;
  httpServer: Server;
  log: Logger;
  trustedManifest: TrustedManifest | null;
  /** maxEntries 0 turns the whole-response cache off. */
  resultCache: ResultCacheLimits;
  plugins?: ApolloServerPlugin<RequestContext>[];
  /** False only to measure what the query limits cost (bench/soak.ts, "Hardening A/B"); never from configuration. */
  hardening?: boolean;
  /** Repeated operations compiled by graphql-jit (jit-executor.ts); null: graphql-js executes every one. */
  jit?: JitOptions | null;
}

/** Builds the Apollo server; the schema is built here, at start-up, so SDL faults surface before serving. */
export function createApolloServer(options: ApolloOptions): ApolloServer<RequestContext> {
  // Depth, aliases, directives and tokens are checked at parse and validation, before execution.
  // Cost is not armor's: it counts `first` only when written inline, so it is ours (cost.ts), after variables.
  const armor = new ApolloArmor({
    maxDepth: { n: options.limits.maxDepth, ignoreIntrospection: true },
    costLimit: { enabled: false },
    maxAliases: { n: options.limits.maxAliases },
    maxDirectives: { n: options.limits.maxDirectives },
    // Tokens are limited by graphql-js's own parser (parseOptions below): armor's token plugin
    // re-parses in a hook, which turns a plain syntax error into a 500.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: !options.limits.fieldSuggestions },
  }).protect();
  const hardening = options.hardening ?? true;
  // The same schema either way, plus federation's entry points in the subgraph (federation.ts).
  const schema = options.federation ? buildCrosswalkSubgraph() : makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers: allResolvers() as never });
  const jit = options.jit === undefined ? DEFAULT_JIT : options.jit;
  return new ApolloServer<RequestContext>({
    ...(jit ? { gateway: jitGateway(schema, jit) } : { schema }),
    introspection: options.introspection,
    includeStacktraceInErrorResponses: false,
    // With suggestions off, enum values must not leak either ("Did you mean the enum value CONTROL?").
    hideSchemaDetailsFromClientErrors: !options.limits.fieldSuggestions,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    // The app owns SIGTERM and SIGINT (installGracefulShutdown): Apollo's handler would stop and
    // re-raise the signal before the store is closed, exiting 143.
    stopOnTerminationSignals: false,
    parseOptions: hardening ? { maxTokens: options.limits.maxTokens } : {},
    validationRules: [...(hardening ? armor.validationRules : []), ...(options.federation && !options.introspection ? [noSubgraphSdlRule] : [])],
    persistedQueries: options.trustedManifest ? { cache: manifestCache(options.trustedManifest) } : {},
    formatError: (formatted, error) => formatError(formatted, error, options.log, !options.limits.fieldSuggestions),
    plugins: [
      ...(hardening ? [...(armor.plugins as ApolloServerPlugin<RequestContext>[]), costLimitPlugin(options.limits.maxCost)] : []),
      tracePlugin(),
      operationLogPlugin(),
      ApolloServerPluginDrainHttpServer({ httpServer: options.httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints are used (caching is by dataset version); the profile showed the plugin's per-field hook.
      ApolloServerPluginCacheControlDisabled(),
      // Apollo turns federated tracing on for a subgraph: per-field timings for any caller who sends its
      // header. Not served: Crosswalk has its own trace extension (x-crosswalk-trace), counted and cheap.
      ...(options.federation ? [ApolloServerPluginInlineTraceDisabled()] : []),
      ...(options.resultCache.maxEntries > 0 ? [resultCache(options.resultCache).plugin] : []),
      ...(options.plugins ?? []),
    ],
  });
}
