import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  valueFromASTUntyped,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { ErrorCode } from '../domain/error-codes.js';
import type { RequestContext } from './context.js';

/**
 * The one cost model (README, "Limits"). It runs once the operation is known and its variables
 * coerced, so `first` counts the same whether written inline, passed as a variable or left to its
 * default, and aliases and fragments count every time they are selected:
 *
 *   cost(field) = 1 + weight(field) + size(field) * cost(its selections)
 *
 * size is `first` (on a connection, it multiplies the `nodes`/`edges` below), the length of
 * `nodes(ids:)` or of `_entities(representations:)`, or UNBOUNDED_LIST for any other list; weight
 * prices the analyses by their work.
 * Calibrated so that a unit is about 2 µs of CPU on the bench machine and the default limit of
 * 20,000 holds the event loop for at most about 70 ms (bench/RESULTS.md, "Cost calibration").
 */
export const UNBOUNDED_LIST = 10;

type Args = Record<string, unknown>;
const num = (value: unknown, fallback: number): number => (typeof value === 'number' && Number.isFinite(value) ? Math.max(0, value) : fallback);

const count = (value: unknown, fallback: number): number => (Array.isArray(value) ? value.length : fallback);

/**
 * Frameworks an omitted `frameworks` (overlapMatrix) or `candidates` (roadmap) list stands for: the
 * catalogue holds five today. Raise it when frameworks are added, or those queries are under-priced.
 */
export const ASSUMED_FRAMEWORKS = 7;

/** explain's search by maxHops: the shared-discipline cliques make 4 hops several times 3 (bench/RESULTS.md, "Cost"). */
const EXPLAIN_SEARCH = [0, 250, 300, 1000, 4000];

/**
 * The analyses' own work, beyond the items they return, in cost units calibrated against measured
 * CPU (`npm run bench:cost`: about 2 µs per unit on the bench machine): one unit is about one field
 * resolved. A coverage computes the rules over the target's whole catalog; a matrix one per cell.
 */
const WEIGHTS: Record<string, (args: Args) => number> = {
  'Query.explain': (a) => EXPLAIN_SEARCH[Math.min(4, Math.max(1, Math.trunc(num(a.maxHops, 3))))]!,
  'Query.coverage': (a) => (a.inferred ? 1000 : 700),
  'Query.gaps': (a) => (a.inferred ? 1000 : 700),
  'Query.crosswalk': (a) => (a.inferred ? 3000 : 2500),
  'Query.overlap': (a) => (a.inferred ? 2000 : 1700),
  'Query.overlapMatrix': (a) => {
    const n = count(a.frameworks, ASSUMED_FRAMEWORKS);
    return n * Math.max(0, n - 1) * (a.inferred ? 550 : 250);
  },
  'Query.roadmap': (a) => Math.max(1, count(a.candidates, ASSUMED_FRAMEWORKS - count(a.held, 1))) * (a.inferred ? 600 : 400),
  'Query.compare': (a) => count(a.frameworks, 1) * 200,
  'Query.evidencePlan': (a) => count(a.frameworks, 1) * 200,
  // Parsing and looking up each reference; the "did you mean" searches are bounded per request (context.ts).
  'Query.resolveRefs': (a) => count(a.refs, 1) * 50,
  // Priced for unknown ids: each costs an error of its own, the first 20 a suggestion search too
  // (100 unknown ids took about 45 ms of CPU; 100 known ones about 1 ms).
  'Query.nodes': (a) => count(a.ids, 1) * 100,
  // A router's entity fetch (the federation subgraph) is nodes(ids:) by another name: one lookup per representation.
  'Query._entities': (a) => count(a.representations, 1) * 100,
  // Agreement reads both catalogs and a second hop of mappings, once per framework pair per request:
  // priced like the crosswalk it annotates; per mapping, a share of the first one's work.
  'Query.disagreements': () => 2500,
  'Query.pairAgreement': () => 2500,
  'Mapping.agreement': () => 50,
  'CoverageLink.agreement': () => 10,
};

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

/**
 * The cost of an operation given its variables: a variable counts at its value, else its declared
 * default, else the argument's default. Read from the syntax tree and the printed types only, never
 * graphql's instanceof-checking helpers, so it works whichever copy of graphql built the schema.
 * A value of the wrong type counts as absent; validation or execution refuses it anyway.
 */
export function operationCost(schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>, rawVariables: Args): number {
  const variables: Args = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const value = Object.hasOwn(rawVariables, name) ? rawVariables[name] : definition.defaultValue ? valueFromASTUntyped(definition.defaultValue) : undefined;
    if (value !== undefined) variables[name] = value;
  }
  const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) return 0;
  return selectionCost({ schema, fragments, variables }, operation.selectionSet, root, undefined, new Set());
}

/** The field's arguments as the resolver will see them: literal, variable, or the argument's default. */
function argumentsOf(field: GraphQLField<unknown, unknown>, node: FieldNode, variables: Args): Args {
  const args: Args = {};
  for (const arg of field.args) {
    const written = node.arguments?.find((a) => a.name.value === arg.name)?.value;
    const value = written ? valueOf(written, variables) : undefined;
    // Resolvers read a null as "not given" (`first ?? 50`), so it counts at the default too.
    args[arg.name] = value == null ? arg.defaultValue : value;
  }
  return args;
}

function valueOf(node: ValueNode, variables: Args): unknown {
  if (node.kind === Kind.VARIABLE) return variables[node.name.value];
  return valueFromASTUntyped(node, variables);
}

/** `[Requirement!]!` is a list; `RequirementConnection!` is not. */
const isList = (field: GraphQLField<unknown, unknown>): boolean => String(field.type).startsWith('[');
const namedTypeOf = (schema: GraphQLSchema, field: GraphQLField<unknown, unknown>): GraphQLNamedType | undefined => schema.getType(String(field.type).replace(/[[\]!]/g, '')) ?? undefined;

/** `pending` is a connection's `first`, waiting for the list (`nodes`, `edges`) it sizes. */
function selectionCost(walk: Walk, selectionSet: SelectionSetNode, parent: GraphQLNamedType, pending: number | undefined, inFragments: Set<string>): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parent;
      if (type) total += selectionCost(walk, selection.selectionSet, type, pending, inFragments);
    } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = walk.fragments[selection.name.value];
      const name = selection.name.value;
      // A cycle is a validation error; never loop on it.
      if (!fragment || inFragments.has(name)) continue;
      const type = walk.schema.getType(fragment.typeCondition.name.value);
      if (type) total += selectionCost(walk, fragment.selectionSet, type, pending, new Set([...inFragments, name]));
    } else {
      if (selection.name.value.startsWith('__')) continue; // introspection and __typename are free
      const field = fieldOf(walk.schema, parent, selection.name.value);
      if (!field) continue;
      const args = argumentsOf(field, selection, walk.variables);
      const weight = WEIGHTS[`${parent.name}.${field.name}`]?.(args) ?? 0;
      const list = isList(field);
      const first = 'first' in args ? num(args.first, UNBOUNDED_LIST) : undefined;
      const ids = listArgumentLength(args);
      const size = list ? (first ?? ids ?? pending ?? UNBOUNDED_LIST) : 1;
      const passDown = list ? undefined : first;
      const named = namedTypeOf(walk.schema, field);
      const children = selection.selectionSet && named ? selectionCost(walk, selection.selectionSet, named, passDown, inFragments) : 0;
      total += 1 + weight + size * children;
    }
  }
  return total;
}

/** A list field's length when an argument names its items: `nodes(ids:)`, `_entities(representations:)`. */
function listArgumentLength(args: Args): number | undefined {
  if (Array.isArray(args.ids)) return args.ids.length;
  if (Array.isArray(args.representations)) return args.representations.length;
  return undefined;
}

function fieldOf(schema: GraphQLSchema, parent: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | undefined {
  // Objects and interfaces have fields; a union's selections are all in fragments.
  return 'getFields' in parent && !('getValues' in parent) && 'getInterfaces' in parent ? (parent.getFields() as Record<string, GraphQLField<unknown, unknown>>)[name] : undefined;
}

/** Refuses an operation whose cost is over `maxCost` before it runs, with QUERY_TOO_COMPLEX, its cost and the limit. */
export function costLimitPlugin(maxCost: number): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, operation, document, request }) {
          if (!operation) return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
          const cost = operationCost(schema, operation, fragments, request.variables ?? {});
          if (cost <= maxCost) return;
          throw new GraphQLError(`The query's cost (${cost}) is over the limit of ${maxCost}: ask for fewer items (smaller "first") or less nesting.`, {
            extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, cost, limit: maxCost, http: { status: 400 } },
          });
        },
      };
    },
  };
}
