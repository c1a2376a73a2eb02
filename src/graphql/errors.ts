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

/** Every problem an analysis request check found, as one coded error listing them all (none: nothing thrown). */
export function throwProblems(problems: readonly RequestProblem[]): void {
  if (problems.length > 0) throw combineErrors(problems.map((p) => badInput(p.message, p.argument)));
}

/**
 * Runs a field's argument checks together and reports every one that fails, not only the first:
 * a client fixing its request sees all its faults at once. A failure that is not a client's fault
 * (the store is down) is thrown as it is.
 */
export async function checkAll<T extends readonly unknown[]>(checks: { [K in keyof T]: Promise<T[K]> | (() => T[K] | Promise<T[K]>) }): Promise<T> {
  const settled = await Promise.allSettled(checks.map((c) => (typeof c === 'function' ? Promise.resolve().then(c as () => unknown) : c)));
  const failures = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected').map((s) => s.reason as unknown);
  const unexpected = failures.find((f) => !isClientError(f));
  if (unexpected !== undefined) throw unexpected;
  if (failures.length > 0) throw combineErrors(failures as GraphQLError[]);
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

function isClientError(error: unknown): error is GraphQLError {
  const code = error instanceof GraphQLError ? error.extensions.code : undefined;
  return code === ErrorCode.BAD_USER_INPUT || code === ErrorCode.NOT_FOUND || code === ErrorCode.INVALID_CURSOR;
}

/** One error for several faults of one field: the first's code and argument, and `problems` listing each. */
export function combineErrors(errors: readonly GraphQLError[]): GraphQLError {
  if (errors.length === 1) return errors[0]!;
  // An error that already combines several contributes each of them, so `problems` stays flat.
  const problems = errors.flatMap((e) =>
    Array.isArray(e.extensions.problems) ? (e.extensions.problems as Array<Record<string, unknown>>) : [{ message: e.message, ...e.extensions }],
  );
  const { problems: _nested, message: _message, ...first } = problems[0]!;
  return new GraphQLError(problems.map((p) => p.message).join(' '), { extensions: { ...first, problems } });
}

/** A refused caller: no valid key (UNAUTHENTICATED) or a key whose role may not do it (FORBIDDEN). */
export function accessError(code: typeof ErrorCode.UNAUTHENTICATED | typeof ErrorCode.FORBIDDEN, message: string): GraphQLError {
  return clientError(message, { code });
}

export function badInput(message: string, argument?: string): GraphQLError {
  return clientError(message, { code: ErrorCode.BAD_USER_INPUT, ...(argument ? { argument } : {}) });
}

/** Codes whose errors reach clients as they are: ours and Apollo's, except an internal error, which is masked. */
const KNOWN_CODES = new Set<string>(
  [ErrorCode.BAD_USER_INPUT, ErrorCode.NOT_FOUND, ErrorCode.INVALID_CURSOR, ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.QUERY_TOO_COMPLEX, ErrorCode.UNAUTHENTICATED, ErrorCode.FORBIDDEN, ...Object.values(ApolloServerErrorCode)].filter(
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
