import neo4j from 'neo4j-driver';
import type { GraphData, Requirement } from '../../src/domain/types.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { loadCypherRegistry, type QueryName } from '../../src/store/neo4j/cypher-registry.js';
import { ALL as ADAPTER_ALL, BY_IDS as ADAPTER_BY_IDS, RELATED as ADAPTER_RELATED } from '../../src/store/neo4j/neo4j-store.js';
import { toMappingProps, toNodeProps, toNoRelationshipProps } from '../../src/store/neo4j/records.js';
import type { CypherDriver, CypherRecord, CypherResult, CypherSession, CypherTransaction, CypherTransactionConfig } from '../../src/store/neo4j/session.js';
import type { NodeLabel, Relation } from '../../src/domain/graph-store.js';

/**
 * A recording fake of the Neo4j driver: it records every statement with its parameters and
 * answers the adapter's named queries with the rows Neo4j would return for the given graph
 * (integers as Neo4j Integers, nulls absent). It proves batching and parameters, not Neo4j's behaviour.
 */

export interface RecordedCall {
  name: QueryName | 'schema';
  query: string;
  parameters: Record<string, unknown>;
  mode: 'READ' | 'WRITE' | 'AUTO';
  /** Which managed transaction ran it (numbered from 1), or null for an auto-commit statement. */
  transaction: number | null;
}

const registry = loadCypherRegistry();
const nameOf = new Map(Object.entries(registry).map(([name, text]) => [text, name as QueryName]));

/** The adapter's own tables read backwards: which port call a statement name answers. */
const inverse = <K extends string>(table: Record<K, QueryName>) => new Map(Object.entries(table).map(([key, name]) => [name as QueryName, key as K]));
const BY_IDS = inverse<NodeLabel>(ADAPTER_BY_IDS);
const ALL = inverse<Exclude<NodeLabel, 'Requirement'>>(ADAPTER_ALL);
const RELATED = inverse<Relation>(ADAPTER_RELATED);

/** Integers travel as Neo4j Integers, as the real driver returns them. */
function asNeo4j(value: unknown): unknown {
  if (typeof value === 'number' && Number.isInteger(value)) return neo4j.int(value);
  if (Array.isArray(value)) return value.map(asNeo4j);
  if (value !== null && typeof value === 'object' && !neo4j.isInt(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asNeo4j(v)]));
  return value;
}

const record = (row: Record<string, unknown>): CypherRecord => ({ get: (key: string) => asNeo4j(row[key]) });

export class RecordingDriver implements CypherDriver {
  readonly calls: RecordedCall[] = [];
  /** When set, every statement fails with it (a database outage). */
  failure: Error | null = null;
  seeded = true;
  private readonly oracle: MemoryStore;
  private readonly order: Map<string, number>;

  constructor(private readonly graph: GraphData) {
    this.oracle = new MemoryStore(graph);
    this.order = new Map(graph.requirements.map((r, i) => [r.id, i]));
  }

  /** Names of the statements run since the last reset, in order. */
  names(): string[] {
    return this.calls.map((c) => c.name);
  }

  reset(): void {
    this.calls.length = 0;
  }

  private transactions = 0;
  /** The settings each managed transaction was opened with, by transaction number. */
  readonly transactionConfigs = new Map<number, CypherTransactionConfig | undefined>();

  session(): CypherSession {
    const tx = (mode: RecordedCall['mode'], config?: CypherTransactionConfig): CypherTransaction => {
      const transaction = ++this.transactions;
      this.transactionConfigs.set(transaction, config);
      return { run: (query, parameters = {}) => this.run(query, parameters, mode, transaction) };
    };
    return {
      executeRead: (work, config) => work(tx('READ', config)),
      executeWrite: (work, config) => work(tx('WRITE', config)),
      run: (query, parameters) => this.run(query, parameters ?? {}, 'AUTO', null),
      close: async () => {},
    };
  }

  async verifyConnectivity(): Promise<unknown> {
    if (this.failure) throw this.failure;
    return {};
  }

  async close(): Promise<void> {}

  private async run(query: string, parameters: Record<string, unknown>, mode: RecordedCall['mode'], transaction: number | null): Promise<CypherResult> {
    if (this.failure) throw this.failure;
    const name = nameOf.get(query) ?? (/^(CREATE|DROP) /.test(query) ? 'schema' : null);
    if (!name) throw new Error(`the adapter ran a statement that is not in cypher/: ${query.slice(0, 80)}`);
    this.calls.push({ name, query, parameters, mode, transaction });
    return { records: (await this.answer(name, parameters)).map(record), summary: { counters: { updates: () => ({ nodesCreated: 0, propertiesSet: 1 }) } } };
  }

  private async answer(name: QueryName | 'schema', p: Record<string, any>): Promise<Array<Record<string, unknown>>> {
    const ids: string[] = p.ids ?? [];
    const label = BY_IDS.get(name as QueryName);
    if (label) {
      const nodes = await this.oracle.nodes(label, ids);
      return ids.flatMap((key, i) => (nodes[i] ? [{ key, node: toNodeProps(label, nodes[i] as never, this.order.get(key) ?? i) }] : []));
    }
    const all = ALL.get(name as QueryName);
    if (all) return (await this.oracle.allNodes(all)).map((node, i) => ({ node: toNodeProps(all, node as never, i) }));
    const relation = RELATED.get(name as QueryName);
    if (relation) return (await this.oracle.related(relation, ids)).map((list, i) => ({ key: ids[i], ids: list }));
    switch (name) {
      case 'requirement/find': {
        const queries = (p.queries as any[]).map((q) => ({
          filter: { ...(q.frameworkIds ? { frameworkIds: q.frameworkIds } : {}), ...(q.kinds ? { kinds: q.kinds } : {}), search: q.words.join(' ') },
          page: { after: q.after as string | null, limit: q.limit.toNumber() },
        }));
        const pages = await this.oracle.findRequirements(queries);
        return pages.map((page, i) => ({ i, totalCount: page.totalCount, hasMore: page.hasMore, anchorFound: page.anchorFound, items: page.items.map((r: Requirement) => toNodeProps('Requirement', r, this.order.get(r.id)!)) }));
      }
      case 'mapping/of-requirements':
        return (await this.oracle.mappingsOf(ids)).map((list, i) => ({ key: ids[i], mappings: list.map((m) => toMappingProps(m, 0)) }));
      case 'mapping/in-sets':
        return (await this.oracle.mappingsInSet(ids)).map((list, i) => ({ key: ids[i], mappings: list.map((m) => toMappingProps(m, 0)) }));
      case 'mapping/no-relationships-of':
        return (await this.oracle.noRelationshipsOf(ids)).map((list, i) => ({ key: ids[i], records: list.map((n) => toNoRelationshipProps(n, 0)) }));
      case 'mapping/no-relationships-in-sets':
        return (await this.oracle.noRelationshipsInSet(ids)).map((list, i) => ({ key: ids[i], records: list.map((n) => toNoRelationshipProps(n, 0)) }));
      case 'dataset/info': {
        if (!this.seeded) return [];
        const info = await this.oracle.datasetInfo();
        return [{ node: { version: info.version, loadedAt: info.loadedAt, counts: JSON.stringify(info.counts) } }];
      }
      default:
        return [];
    }
  }
}
