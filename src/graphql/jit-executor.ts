import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { execute, getVariableValues, GraphQLError, printSchema, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';

/**
 * Executes operations with graphql-jit: an operation asked again is compiled once into a plain
 * function per selection, which runs without graphql-js's per-field walk (resolving, completing and
 * checking each field of each list item at run time). Apollo Server hands execution over only to a
 * gateway, so this is one: the schema is the server's own, parsing, validation, plugins (cost, the
 * result cache, logs) and error formatting stay Apollo's.
 *
 * Compiling costs more than executing once and each compiled operation holds generated code, so an
 * operation is compiled only on its `compileAfter`-th run; before that, and for every text seen
 * only once (a client making each request new with a comment), graphql-js executes it. Compiled
 * operations are bounded in number (least recently used go), and kept apart from the run counts of
 * texts not yet compiled: a flood of new texts pushes out only other counts, never a compiled
 * operation that legitimate clients keep asking.
 */
export interface JitOptions {
  /** Runs of the same operation text before it is compiled. */
  compileAfter: number;
  /** Compiled operations kept. */
  maxCompiled: number;
}

export const DEFAULT_JIT: JitOptions = { compileAfter: 2, maxCompiled: 500 };

/** Texts whose runs are counted, towards compiling: many, since each is a number. */
const COUNTED_TEXTS = 10_000;

/**
 * graphql-jit's errors are its own objects (no `extensions` unless the original had some); Apollo's
 * formatting reads `error.extensions.code` and, finding none, answered "Internal server error" for
 * every resolver error. They become graphql-js errors with the same message, path, locations and
 * original error, so formatError (errors.ts) sees exactly what graphql-js would have given it.
 */
function asGraphqlJsResult(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length) return result;
  const errors = result.errors.map((e) => {
    const upstream = new GraphQLError(e.message, { path: e.path, originalError: e.originalError ?? undefined, extensions: e.extensions });
    if (e.locations) Object.assign(upstream, { locations: e.locations });
    return upstream;
  });
  return { ...result, errors };
}

export function jitGateway(schema: GraphQLSchema, options: JitOptions = DEFAULT_JIT): GatewayInterface {
  const compiledOperations = new LRUCache<string, CompiledQuery>({ max: options.maxCompiled });
  const runs = new LRUCache<string, number>({ max: COUNTED_TEXTS });
  /** The compiled operation for `key`, compiling it on its `compileAfter`-th run; null: graphql-js runs it. */
  const compiledFor = (key: string, document: Parameters<typeof compileQuery>[1], operationName: string | undefined): CompiledQuery | null => {
    const kept = compiledOperations.get(key);
    if (kept) return kept;
    const count = (runs.get(key) ?? 0) + 1;
    if (count < options.compileAfter) {
      runs.set(key, count);
      return null;
    }
    runs.delete(key);
    const compiled = compileQuery(schema, document, operationName, { disablingCapturingStackErrors: true }) as CompiledQuery | ExecutionResult;
    // What graphql-jit cannot compile, graphql-js executes (and says why, as it always does); not tried again.
    if (!isCompiledQuery(compiled)) {
      runs.set(key, Number.NEGATIVE_INFINITY);
      return null;
    }
    compiledOperations.set(key, compiled);
    return compiled;
  };
  const executor: GatewayExecutor = async (requestContext) => {
    const { document, request, operationName, operation, queryHash } = requestContext;
    const contextValue = requestContext.context;
    const variables = request.variables ?? {};
    const compiled = compiledFor(`${queryHash}\0${operationName ?? ''}`, document, operationName ?? undefined);
    if (!compiled) return execute({ schema, document, contextValue, variableValues: variables, operationName }) as Promise<ExecutionResult>;
    // Variables are checked by graphql-js first, so a bad one is refused in exactly its words and
    // codes (Apollo classifies them as BAD_USER_INPUT by their shape), compiled or not.
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
    if (coerced.errors) return { errors: coerced.errors };
    return asGraphqlJsResult((await compiled.query(undefined, contextValue, variables)) as ExecutionResult);
  };
  return {
    async load() {
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => {};
    },
    async stop() {},
  };
}
