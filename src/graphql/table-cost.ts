import { buildSchema, Kind, parse, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { TableRequest } from '../analysis/table-request.js';
import { operationCost } from './cost.js';
import type { FrameworkSizeLookup } from './framework-sizes.js';
import { loadTypeDefs } from './schema.js';

/**
 * What a table download costs: the cost (cost.ts) of the GraphQL query that reads what the table
 * holds, at the request's arguments. A download is then refused exactly when asking GraphQL for the
 * same table would be (a crosswalk to SP 800-53 is, at the default limit), however it is asked for.
 */

/** Each table's query: the fields its rows are made of (tables.ts), as an integrator would select them. */
const TABLE_QUERIES: Record<TableRequest['table'], string> = {
  crosswalk: `query Crosswalk($from: ID!, $to: ID!, $kind: RequirementKind, $inferred: Boolean) {
    crosswalk(from: $from, to: $to, kind: $kind, inferred: $inferred) {
      title
      rows { targetRef targetTitle status sourceRef sourceTitle relationship strength basis inferredVia condition note mappingSource agreeingSources }
      sources { name publisher url licence }
    }
  }`,
  gaps: `query Gaps($target: ID!, $held: [ID!]!, $kind: RequirementKind, $inferred: Boolean) {
    gaps(target: $target, held: $held, kind: $kind, inferred: $inferred) {
      items {
        rank status consequence
        requirement { id ref title }
        disciplines { name } risks { name } evidence { name }
        noRelationships { reason }
        groundwork(first: 3) { requirement { id title } }
      }
    }
  }`,
  coverage: `query Coverage($target: ID!, $held: [ID!]!, $kind: RequirementKind, $inferred: Boolean) {
    coverage(target: $target, held: $held, kind: $kind, inferred: $inferred) {
      items {
        status
        requirement { id ref title }
        group { ref title }
        via { relationship strength note inferred }
        noRelationships { reason }
      }
    }
  }`,
  roadmap: `query Roadmap($held: [ID!]!, $candidates: [ID!], $inferred: Boolean) {
    roadmap(held: $held, candidates: $candidates, inferred: $inferred) {
      rank framework { name } marginalWork marginalShare
      coverage { total full partial notImplemented none unassessed coveredShare }
    }
  }`,
  compare: `query Compare($frameworks: [ID!]!) {
    compare(frameworks: $frameworks) {
      framework { name edition } kind issuer assessedBy output validity market aiSpecific observationPeriod typicalTimeline
      requirementCount aiDisciplineShare securityDisciplineShare
    }
  }`,
  explain: `query Explain($from: ID!, $to: ID!, $maxHops: Int) {
    explain(from: $from, to: $to, maxHops: $maxHops, first: 10) {
      length
      hops { kind relationship strength from { id title } to { id title } discipline { name } mapping { note } }
    }
  }`,
  catalog: `query Catalog($of: ID!, $framework: ID) {
    disciplines { id name scope definition requirements(first: 0) { totalCount } }
    node(id: $of) { ... on Discipline { requirements(framework: $framework, first: 500) { nodes { id ref title kind framework { shortName } } } } }
  }`,
  evidence: `query Evidence($frameworks: [ID!]!) {
    evidencePlan(frameworks: $frameworks) {
      items { rank evidence { name description } requirementCount requirements { id title } perFramework { count } }
    }
  }`,
};

let compiled: { schema: GraphQLSchema; operations: Map<string, OperationDefinitionNode> } | null = null;

/** The public schema and the table queries, read once. */
function compiledQueries() {
  if (compiled) return compiled;
  const schema = buildSchema(loadTypeDefs().join('\n'));
  const operations = new Map(
    Object.entries(TABLE_QUERIES).map(([table, text]) => [table, parse(text).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!]),
  );
  compiled = { schema, operations };
  return compiled;
}

/** The query's variables for a checked request: framework ids, as GraphQL takes them. */
export function tableVariables(request: TableRequest): Record<string, unknown> {
  switch (request.table) {
    case 'crosswalk':
      return { from: request.from.id, to: request.to.id, kind: request.kind, inferred: request.inferred };
    case 'gaps':
    case 'coverage':
      return { target: request.target.id, held: request.held.map((h) => h.id), kind: request.kind, inferred: request.inferred };
    case 'evidence':
    case 'compare':
      return { frameworks: request.frameworks.map((f) => f.id) };
    case 'roadmap':
      return { held: request.held.map((h) => h.id), candidates: request.candidates.map((c) => c.id), inferred: request.inferred };
    case 'explain':
      return { from: request.from.id, to: request.to.id, maxHops: request.maxHops };
    case 'catalog':
      // A list or an entry's requirements: priced as both, at most a page of 500 requirements.
      return { of: 'list' in request ? 'discipline:none' : request.of.id, framework: 'list' in request ? null : (request.framework?.id ?? null) };
  }
}

/** The frameworks whose size prices the table (as the cost walk reads them from the query). */
export function tableFrameworks(request: TableRequest): string[] {
  if (request.table === 'crosswalk') return [request.to.id];
  return request.table === 'gaps' || request.table === 'coverage' ? [request.target.id] : [];
}

export function tableCost(request: TableRequest, sizes: FrameworkSizeLookup): number {
  const { schema, operations } = compiledQueries();
  const fragments: Record<string, FragmentDefinitionNode> = {};
  return operationCost(schema, operations.get(request.table)!, fragments, tableVariables(request), sizes);
}

/** The query text a table is priced as, for the tests that check it against GraphQL's own answer. */
export const tableQueryText = (table: TableRequest['table']): string => TABLE_QUERIES[table];
