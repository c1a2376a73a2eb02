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
import { FrameworkSizeCache, type FrameworkSize, type FrameworkSizeLookup } from './framework-sizes.js';

/**
 * The one cost model (README, "Limits"). It runs once the operation is known and its variables
 * coerced, so `first` counts the same whether written inline, passed as a variable or left to its
 * default, and aliases and fragments count every time they are selected:
 *
 *   cost(field) = 1 + weight(field) + size(field) * cost(its selections)
 *
 * size is `first` (on a connection, it multiplies the `nodes`/`edges` below), the length of
 * `nodes(ids:)` or of `_entities(representations:)`, the size of the framework an analysis answers about for the lists that hold one
 * entry per requirement of its catalog (CATALOG_ANSWERS), ITEM_LIST for a list on one of their
 * items, or UNBOUNDED_LIST for any other list;
 * weight prices the analyses by their work, scaled by that framework's size for those analyses.
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
  // The ranked search reads and ranks the whole catalog the caller sees (1,700 requirements: about
  // 10 ms of CPU once each requirement's words are remembered, search-ranking.ts documentIndexer).
  'Query.search': () => 3000,
  // A hit's share of the page's batched coverage statuses (ranked-search.ts statusesGivenHeld).
  'SearchHit.status': () => 20,
  'CoverageLink.agreement': () => 10,
};

/**
 * The analyses whose answer is one framework's catalog, read from the data (framework-sizes.ts):
 * the lists just below them are sized by that framework (`leaves`: one entry per leaf requirement,
 * whatever `kind` asks; `topLevel`: one per top-level group), and their weight above scales with it:
 *
 *   weight = WEIGHTS[field] * leaves(framework) / CALIBRATION_LEAVES
 *
 * The weights were measured on ISO/IEC 42001 (70 leaf requirements), so its analyses keep today's
 * numbers (coverage 700) and SP 800-53 (1,007) costs about 14 times as much (coverage 10,070). A
 * crosswalk row is one per target requirement and link, so a target with several links per
 * requirement has more rows than leaves: priced at one each, like the other lists' typical case.
 * Large frameworks page through `Coverage.itemsPage(first:)`, sized by `first` like any connection.
 */
const CATALOG_ANSWERS: Record<string, { framework: (args: Args) => unknown; lists: Record<string, keyof FrameworkSize> }> = {
  'Query.coverage': { framework: (a) => a.target, lists: { items: 'leaves', groups: 'topLevel' } },
  'Query.gaps': { framework: (a) => a.target, lists: { items: 'leaves' } },
  'Query.crosswalk': { framework: (a) => a.to, lists: { rows: 'leaves' } },
};

/**
 * A list of unknown length on one item of an analysis' answer (a coverage item's links and reasons,
 * a gap's disciplines, risks and evidence, a link's path, mappings, sources and conditions): priced
 * at its typical length rather than UNBOUNDED_LIST, because the catalog-sized list above multiplies
 * it by every requirement. Measured on the seed: at most 5.2 links per requirement on average
 * (ISO 27001 from SP 800-53; 1.5 for ISO 42001 from SOC 2), at most 2.6 disciplines, risks or
 * evidence per gap; a link follows one path of at most two hops (3 requirements, 2 mappings).
 * Lists further down (a requirement's mappings) keep UNBOUNDED_LIST.
 */
export const ITEM_LIST = 5;
const ITEM_TYPES = new Set(['CoverageItem', 'Gap', 'CoverageLink']);

/** The framework the weights were calibrated on (bench/RESULTS.md, "Cost calibration"): ISO/IEC 42001's leaf requirements. */
export const CALIBRATION_LEAVES = 70;

/**
 * An id the store does not know (or no lookup given): priced as the calibration framework, with its
 * top-level groups; the resolver refuses the id anyway.
 */
export const FALLBACK_FRAMEWORK_SIZE: FrameworkSize = { leaves: CALIBRATION_LEAVES, topLevel: 16 };

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  frameworks: FrameworkSizeLookup;
}

/**
 * The cost of an operation given its variables: a variable counts at its value, else its declared
 * default, else the argument's default. Read from the syntax tree and the printed types only, never
 * graphql's instanceof-checking helpers, so it works whichever copy of graphql built the schema.
 * A value of the wrong type counts as absent; validation or execution refuses it anyway.
 * `frameworks` gives the sizes of the frameworks the analyses name; one it does not know is priced
 * at FALLBACK_FRAMEWORK_SIZE.
 */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  rawVariables: Args,
  frameworks: FrameworkSizeLookup = () => undefined,
): number {
  const variables: Args = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const value = Object.hasOwn(rawVariables, name) ? rawVariables[name] : definition.defaultValue ? valueFromASTUntyped(definition.defaultValue) : undefined;
    if (value !== undefined) variables[name] = value;
  }
  const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) return 0;
  return selectionCost({ schema, fragments, variables, frameworks }, operation.selectionSet, root, undefined, new Set());
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

/** The framework ids the analyses in an operation name (CATALOG_ANSWERS), at their argument values: what to size before pricing it. */
export function frameworksNamed(schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>, rawVariables: Args): Set<string> {
  const named = new Set<string>();
  operationCost(schema, operation, fragments, rawVariables, (id) => {
    named.add(id);
    return undefined;
  });
  return named;
}

/** The size of a catalog answer's framework: its id as the resolver will read it, priced at the fallback when unknown. */
function catalogOf(walk: Walk, key: string, args: Args): FrameworkSize | undefined {
  const answer = CATALOG_ANSWERS[key];
  if (!answer) return undefined;
  const id = answer.framework(args);
  return (typeof id === 'string' ? walk.frameworks(id) : undefined) ?? FALLBACK_FRAMEWORK_SIZE;
}

/**
 * `pending` is a connection's `first`, waiting for the list (`nodes`, `edges`) it sizes; `catalog`
 * is the framework of a catalog answer (CATALOG_ANSWERS), waiting for the lists just below it.
 */
function selectionCost(walk: Walk, selectionSet: SelectionSetNode, parent: GraphQLNamedType, pending: number | undefined, inFragments: Set<string>, catalog?: { size: FrameworkSize; lists: Record<string, keyof FrameworkSize> }): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parent;
      if (type) total += selectionCost(walk, selection.selectionSet, type, pending, inFragments, catalog);
    } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = walk.fragments[selection.name.value];
      const name = selection.name.value;
      // A cycle is a validation error; never loop on it.
      if (!fragment || inFragments.has(name)) continue;
      const type = walk.schema.getType(fragment.typeCondition.name.value);
      if (type) total += selectionCost(walk, fragment.selectionSet, type, pending, new Set([...inFragments, name]), catalog);
    } else {
      if (selection.name.value.startsWith('__')) continue; // introspection and __typename are free
      const field = fieldOf(walk.schema, parent, selection.name.value);
      if (!field) continue;
      const args = argumentsOf(field, selection, walk.variables);
      const key = `${parent.name}.${field.name}`;
      const answers = catalogOf(walk, key, args);
      const weight = Math.ceil((WEIGHTS[key]?.(args) ?? 0) * (answers ? answers.leaves / CALIBRATION_LEAVES : 1));
      const list = isList(field);
      const first = 'first' in args ? num(args.first, UNBOUNDED_LIST) : undefined;
      const ids = listArgumentLength(args);
      const catalogList = catalog?.lists[field.name];
      const size = list ? (first ?? ids ?? pending ?? (catalogList ? catalog!.size[catalogList] : undefined) ?? (ITEM_TYPES.has(parent.name) ? ITEM_LIST : UNBOUNDED_LIST)) : 1;
      const passDown = list ? undefined : first;
      const named = namedTypeOf(walk.schema, field);
      const below = answers ? { size: answers, lists: CATALOG_ANSWERS[key]!.lists } : undefined;
      const children = selection.selectionSet && named ? selectionCost(walk, selection.selectionSet, named, passDown, inFragments, below) : 0;
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

/**
 * Refuses an operation whose cost is over `maxCost` before it runs, with QUERY_TOO_COMPLEX, its cost
 * and the limit. The frameworks its analyses name are sized through the request's own store (a key's
 * caller sees its workspace's frameworks), once per version of what the caller sees (`sizes`).
 */
export function costLimitPlugin(maxCost: number, sizes: FrameworkSizeCache = new FrameworkSizeCache()): ApolloServerPlugin<RequestContext> {
  const costs = new CostMemo();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, operation, document, request, contextValue }) {
          if (!operation) return;
          const variables = request.variables ?? {};
          const memoKey = costs.keyOf(contextValue.datasetVersion, operation, variables);
          let cost = memoKey === null ? undefined : costs.get(document, memoKey);
          if (cost === undefined) {
            const fragments: Record<string, FragmentDefinitionNode> = {};
            for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
            const named = frameworksNamed(schema, operation, fragments, variables);
            const known = named.size > 0 ? await sizes.sizes(contextValue.store, contextValue.datasetVersion, named) : new Map<string, FrameworkSize | null>();
            cost = operationCost(schema, operation, fragments, variables, (id) => known.get(id) ?? undefined);
            if (memoKey !== null) costs.set(document, memoKey, cost);
          }
          if (cost <= maxCost) return;
          throw new GraphQLError(`The query's cost (${cost}) is over the limit of ${maxCost}: ask for fewer items (smaller "first") or less nesting.`, {
            extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, cost, limit: maxCost, http: { status: 400 } },
          });
        },
      };
    },
  };
}

/**
 * Costs already computed, per parsed document (Apollo hands every request with the same text the
 * same DocumentNode from its document cache), operation, variables and the version the caller reads
 * (framework sizes come from it). Walking the operation cost about 3% of the headline coverage's
 * server time, for an answer that depends on nothing else. Without a version nothing is kept;
 * variables of over 2,000 characters are not kept either (the key would cost what the walk saves).
 */
class CostMemo {
  private readonly byDocument = new WeakMap<object, Map<string, number>>();
  private static readonly PER_DOCUMENT = 64;
  private static readonly MAX_VARIABLES_CHARS = 2_000;

  keyOf(version: string | null, operation: OperationDefinitionNode, variables: Record<string, unknown>): string | null {
    if (version === null) return null;
    const json = JSON.stringify(variables);
    if (json.length > CostMemo.MAX_VARIABLES_CHARS) return null;
    return `${version}\0${operation.name?.value ?? ''}\0${json}`;
  }

  get(document: object, key: string): number | undefined {
    return this.byDocument.get(document)?.get(key);
  }

  set(document: object, key: string, cost: number): void {
    let costs = this.byDocument.get(document);
    if (!costs) this.byDocument.set(document, (costs = new Map()));
    // One document asked with ever new variables: start its list again rather than grow it.
    if (costs.size >= CostMemo.PER_DOCUMENT) costs.clear();
    costs.set(key, cost);
  }
}
