import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ApolloServerErrorCode, unwrapResolverError } from '@apollo/server/errors';
import { AnalysisTimeoutError } from '../analysis/pacing.js';
import type { RequestProblem } from '../analysis/request-checks.js';
import { ErrorCode } from '../domain/error-codes.js';
import { StoreUnavailableError } from '../domain/graph-store.js';
import type { Logger } from '../logger.js';

export function notFound(what: string, id: string, suggestions: string[]): GraphQLError {
  const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?` : '';
  return clientError(`No ${what} has id "${truncate(id)}".${hint}`, { code: ErrorCode.NOT_FOUND, id, suggestions });
}

/**
 * An error about the request, answered to the client as it is. It carries no stack trace: clients
 * never see one, and graphql-js reads the stack of every error a resolver throws, which under source
 * maps cost about 0.3 ms each (100 unknown ids in nodes(ids:) took 38 ms, bench/RESULTS.md, "Cost").
 */
function clientError(message: string, extensions: Record<string, unknown>): GraphQLError {
  const error = new GraphQLError(message, { extensions });
  Object.defineProperty(error, 'stack', { value: `GraphQLError: ${message}`, writable: true, configurable: true });
  return error;
}

/** The first problem an analysis request check found, as the coded error it answers with (none: nothing thrown). */
export function throwFirstProblem(problems: readonly RequestProblem[]): void {
  const [first] = problems;
  if (first) throw badInput(first.message, first.argument);
}

export function badInput(message: string, argument?: string): GraphQLError {
  return clientError(message, { code: ErrorCode.BAD_USER_INPUT, ...(argument ? { argument } : {}) });
}

/** Codes whose errors reach clients as they are: ours and Apollo's, except an internal error, which is masked. */
const KNOWN_CODES = new Set<string>(
  [ErrorCode.BAD_USER_INPUT, ErrorCode.NOT_FOUND, ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.QUERY_TOO_COMPLEX, ...Object.values(ApolloServerErrorCode)].filter(
    (code) => code !== ErrorCode.INTERNAL_SERVER_ERROR,
  ),
);

/**
 * The one place every error is shaped for clients. Never throws. Known, coded errors pass through
 * without stack traces; a store outage becomes SERVICE_UNAVAILABLE; anything else is logged whole
 * and answered as INTERNAL_SERVER_ERROR with no details. With `hideSuggestions`, no "Did you mean" hint
 * naming the schema (enum values, fields).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, log: Logger, hideSuggestions = false): GraphQLFormattedError {
  try {
    // Apollo's hideSchemaDetailsFromClientErrors covers validation, not variable coercion
    // ("Variable "$k" got invalid value ... Did you mean the enum value "CONTROL"?").
    // NOT_FOUND's hints are ids of our data, not the schema: they stay.
    if (hideSuggestions && formatted.extensions?.code !== ErrorCode.NOT_FOUND && / Did you mean /.test(formatted.message)) formatted = { ...formatted, message: formatted.message.replace(/ ?Did you mean [^?]*\?/g, '') };
    const original = unwrapResolverError(error);
    const { stacktrace: _stack, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
    if (original instanceof AnalysisTimeoutError) {
      return { message: original.message, path: formatted.path, extensions: { code: ErrorCode.REQUEST_TIMEOUT } };
    }
    if (original instanceof StoreUnavailableError) {
      return { message: 'The graph store is unavailable; try again shortly.', path: formatted.path, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } };
    }
    const code = typeof extensions.code === 'string' ? extensions.code : undefined;
    // graphql-armor labels its depth, alias and directive refusals "Syntax Error", which they are not.
    if (code === ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED && formatted.message.startsWith('Syntax Error: ')) {
      return { ...formatted, message: formatted.message.slice('Syntax Error: '.length), extensions };
    }
    if (code && KNOWN_CODES.has(code)) return { ...formatted, extensions };
    log.error({ err: original }, 'unexpected error');
    return { message: 'Internal server error', path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  } catch {
    return { message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  }
}

function truncate(value: string, max = 120): string {
  return value.length > max ? `${value.slice(0, max)}...` : value;
}
