import neo4j from 'neo4j-driver';
import { searchWords } from '../../domain/search.js';
import type { DatasetInfo, Mapping, NoRelationship } from '../../domain/types.js';
import { DatasetSeedingError, StoreUnavailableError, type GraphStore, type NodeLabel, type NodeTypes, type Relation, type RequirementPage, type RequirementQuery } from '../../domain/graph-store.js';
import type { CypherRegistry, ReadQuery } from './cypher-registry.js';
import { fromMappingProps, fromNodeProps, fromNoRelationshipProps, toNative } from './records.js';
import { isConfigurationError } from './driver.js';
import type { CypherDriver, CypherRecord } from './session.js';

/** Which query answers each port call: one named, parameterised statement per call, keys batched. */
export const BY_IDS: Record<NodeLabel, ReadQuery> = {
  Framework: 'framework/by-ids',
  Requirement: 'requirement/by-ids',
  Discipline: 'discipline/by-ids',
  Risk: 'risk/by-ids',
  Evidence: 'evidence/by-ids',
  MappingSource: 'mapping/source-by-ids',
  MappingSet: 'mapping/set-by-ids',
};

export const ALL: Record<Exclude<NodeLabel, 'Requirement'>, ReadQuery> = {
  Framework: 'framework/all',
  Discipline: 'discipline/all',
  Risk: 'risk/all',
  Evidence: 'evidence/all',
  MappingSource: 'mapping/source-all',
  MappingSet: 'mapping/set-all',
};

export const RELATED: Record<Relation, ReadQuery> = {
  children: 'requirement/children',
  disciplinesOfRequirement: 'requirement/disciplines',
  requirementsOfDiscipline: 'discipline/requirements',
  risksOfRequirement: 'requirement/risks',
  requirementsOfRisk: 'risk/requirements',
  evidenceOfRequirement: 'requirement/evidence',
  requirementsOfEvidence: 'evidence/requirements',
  risksOfDiscipline: 'discipline/risks',
};

/**
 * Errors that mean "the database cannot serve us now" rather than "this query is wrong": it is
 * unreachable or restarting, the pool is exhausted, or it refuses our credentials or database name.
 * All of them answer SERVICE_UNAVAILABLE; the cause is in the message, which is logged.
 */
const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
]);

export function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('Neo.TransientError'))) return true;
  // Refused credentials or an unknown database: the server answers but will not serve us.
  if (isConfigurationError(error)) return true;
  const message = (error as Error)?.message ?? '';
  // A server that dies or restarts while the driver logs in resets the socket, which the driver
  // labels a ProtocolError (seen live: "Failed to connect to server ... Caused by: read ECONNRESET").
  if (code === 'ProtocolError' && /failed to connect|ECONNRESET|EPIPE|closed/i.test(message)) return true;
  // The driver's pool gives up with a plain message and no code of its own.
  return /connection acquisition timed out/i.test(message);
}

/**
 * The GraphStore port on Neo4j: managed read transactions (retried by the driver, routed to
 * readers on a cluster), one Cypher call per port call, rows re-keyed through a Map.
 */
export class Neo4jStore implements GraphStore {
  constructor(
    private readonly driver: CypherDriver,
    private readonly cypher: CypherRegistry,
    private readonly database?: string,
    /** Server-side limit on each read, so a query the API gave up on does not run on in Neo4j. */
    private readonly transactionTimeoutMs = 5_000,
  ) {}

  async nodes<L extends NodeLabel>(label: L, ids: readonly string[]): Promise<Array<NodeTypes[L] | null>> {
    if (ids.length === 0) return [];
    const rows = await this.read(BY_IDS[label], { ids: [...new Set(ids)] });
    const byKey = new Map(rows.map((r) => [r.get('key') as string, fromNodeProps(label, r.get('node'))]));
    return ids.map((id) => byKey.get(id) ?? null);
  }

  async allNodes<L extends Exclude<NodeLabel, 'Requirement'>>(label: L): Promise<Array<NodeTypes[L]>> {
    const rows = await this.read(ALL[label], {});
    return rows.map((r) => fromNodeProps(label, r.get('node')));
  }

  async related(relation: Relation, ids: readonly string[]): Promise<string[][]> {
    return this.keyed(RELATED[relation], ids, 'ids', (value) => value as string[]);
  }

  async mappingsOf(requirementIds: readonly string[]): Promise<Mapping[][]> {
    return this.keyed('mapping/of-requirements', requirementIds, 'mappings', (value) => (value as unknown[]).map(fromMappingProps));
  }

  async noRelationshipsOf(requirementIds: readonly string[]): Promise<NoRelationship[][]> {
    return this.keyed('mapping/no-relationships-of', requirementIds, 'records', (value) => (value as unknown[]).map(fromNoRelationshipProps));
  }

  async mappingsInSet(setIds: readonly string[]): Promise<Mapping[][]> {
    return this.keyed('mapping/in-sets', setIds, 'mappings', (value) => (value as unknown[]).map(fromMappingProps));
  }

  async noRelationshipsInSet(setIds: readonly string[]): Promise<NoRelationship[][]> {
    return this.keyed('mapping/no-relationships-in-sets', setIds, 'records', (value) => (value as unknown[]).map(fromNoRelationshipProps));
  }

  async findRequirements(queries: readonly RequirementQuery[]): Promise<RequirementPage[]> {
    if (queries.length === 0) return [];
    const rows = await this.read('requirement/find', {
      queries: queries.map(({ filter, page }) => ({
        frameworkIds: filter.frameworkIds ? [...filter.frameworkIds] : null,
        kinds: filter.kinds ? [...filter.kinds] : null,
        words: searchWords(filter.search),
        after: page.after,
        // Cypher list slicing needs integers; JavaScript numbers travel as floats.
        limit: neo4j.int(Math.min(page.limit, 2 ** 31 - 1)),
      })),
    });
    const byIndex = new Map(
      rows.map((r) => [
        toNative(r.get('i')) as number,
        {
          totalCount: toNative(r.get('totalCount')) as number,
          items: (r.get('items') as unknown[]).map((p) => fromNodeProps('Requirement', p)),
          hasMore: r.get('hasMore') as boolean,
          anchorFound: r.get('anchorFound') as boolean,
        },
      ]),
    );
    return queries.map((q, i) => byIndex.get(i) ?? { items: [], totalCount: 0, hasMore: false, anchorFound: q.page.after === null });
  }

  async datasetInfo(): Promise<DatasetInfo> {
    const [row] = await this.read('dataset/info', {});
    if (!row) throw new StoreUnavailableError('The Neo4j database has not been seeded yet: run `npm run seed:neo4j`.');
    const node = toNative(row.get('node')) as { version: string; loadedAt: string; counts: string; seeding?: string };
    if (node.seeding) throw new DatasetSeedingError(node.seeding);
    return { version: node.version, loadedAt: node.loadedAt, counts: JSON.parse(node.counts) as Record<string, number> };
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  /** Runs a keyed batch query and answers one value per key, in key order. */
  private async keyed<T>(name: ReadQuery, ids: readonly string[], field: string, convert: (value: unknown) => T[]): Promise<T[][]> {
    if (ids.length === 0) return [];
    const rows = await this.read(name, { ids: [...new Set(ids)] });
    const byKey = new Map(rows.map((r) => [r.get('key') as string, convert(r.get(field))]));
    return ids.map((id) => byKey.get(id) ?? []);
  }

  private async read(name: ReadQuery, parameters: Record<string, unknown>): Promise<CypherRecord[]> {
    const session = this.driver.session({ defaultAccessMode: 'READ', ...(this.database ? { database: this.database } : {}) });
    try {
      return await session.executeRead(async (tx) => (await tx.run(this.cypher[name], parameters)).records, { timeout: this.transactionTimeoutMs });
    } catch (error) {
      if (isUnavailable(error)) throw new StoreUnavailableError(`Neo4j is unavailable (${(error as Error).message})`, { cause: error });
      throw error;
    } finally {
      await session.close();
    }
  }
}
