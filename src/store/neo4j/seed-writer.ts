import { createHash } from 'node:crypto';
import { datasetCounts } from '../../domain/dataset.js';
import type { GraphData } from '../../domain/types.js';
import type { NodeLabel } from '../../domain/graph-store.js';
import type { CypherRegistry, WriteQuery } from './cypher-registry.js';
import { toMappingProps, toNodeProps, toNoRelationshipProps, toStoredValue } from './records.js';
import type { CypherDriver, CypherTransaction } from './session.js';

/**
 * Loads a validated graph into Neo4j idempotently: the schema first (schema statements cannot share
 * a transaction with data), then the batched UNWIND ... MERGE writes, the removal of what left seed/
 * and the dataset version. Running it twice leaves the same graph.
 *
 * Atomic (the default): ONE write transaction holds every write, so readers see the old graph or the
 * new one, never a mix, and a seed that fails half-way leaves the old graph as it was. Its memory
 * grows with the graph: Neo4j keeps a transaction's changes on the heap (the 100x synthetic graph,
 * 150,000 mappings, did not fit in 2 GB).
 * Batched (`batched: true`): one transaction per statement of at most BATCH rows, so memory stays
 * flat whatever the graph. The dataset node is marked as being seeded first; the API answers
 * SERVICE_UNAVAILABLE (readiness 503) while the mark is there, so a half-written graph is never
 * served, and a seeding that stops half-way leaves the mark until one finishes (either mode).
 */

const BATCH = 1000;

/**
 * The whole seed is one write transaction; a server's default time limit (30 s on the project's local
 * Neo4j, often less in production) is sized for API reads, not for loading a graph of a hundred
 * thousand mappings on a busy machine, so the seeding transaction asks for its own.
 */
export const SEED_TRANSACTION_TIMEOUT_MS = 15 * 60_000;

/**
 * How long a batched seeding waits after marking the dataset before writing: API processes re-read
 * the dataset version at most every 5 s (app.ts), so by then each has seen the mark.
 */
export const MARK_SEEN_AFTER_MS = 6_000;

export interface SeedSummary {
  nodesCreated: number;
  nodesDeleted: number;
  relationshipsCreated: number;
  relationshipsDeleted: number;
  propertiesSet: number;
  labelsAdded: number;
}

export interface SeedOptions {
  database?: string;
  log?: (line: string) => void;
  now?: () => Date;
  transactionTimeoutMs?: number;
  /** One transaction per statement instead of one for the whole seed (see above). */
  batched?: boolean;
  /** Batched only: the wait between marking the dataset and writing (MARK_SEEN_AFTER_MS). */
  markSeenAfterMs?: number;
}

const NODE_STEPS: Array<{ label: Exclude<NodeLabel, 'Requirement'>; merge: WriteQuery; stale: WriteQuery; items: (g: GraphData) => Array<{ id: string }> }> = [
  { label: 'Framework', merge: 'seed/merge-framework', stale: 'seed/delete-stale-framework', items: (g) => g.frameworks },
  { label: 'Discipline', merge: 'seed/merge-discipline', stale: 'seed/delete-stale-discipline', items: (g) => g.disciplines },
  { label: 'Risk', merge: 'seed/merge-risk', stale: 'seed/delete-stale-risk', items: (g) => g.risks },
  { label: 'Evidence', merge: 'seed/merge-evidence', stale: 'seed/delete-stale-evidence', items: (g) => g.evidence },
  { label: 'MappingSource', merge: 'seed/merge-mapping-source', stale: 'seed/delete-stale-mapping-source', items: (g) => g.sources },
  { label: 'MappingSet', merge: 'seed/merge-mapping-set', stale: 'seed/delete-stale-mapping-set', items: (g) => g.mappingSets },
];

const PAIR_STEPS: Array<{ name: string; merge: WriteQuery; stale: WriteQuery; pairs: (g: GraphData) => Array<[string, string]> }> = [
  { name: 'ADDRESSES', merge: 'seed/merge-addresses', stale: 'seed/delete-stale-addresses', pairs: (g) => g.addresses },
  { name: 'MITIGATES', merge: 'seed/merge-mitigates', stale: 'seed/delete-stale-mitigates', pairs: (g) => g.mitigates },
  { name: 'EVIDENCES', merge: 'seed/merge-evidences', stale: 'seed/delete-stale-evidences', pairs: (g) => g.evidences },
  { name: 'IN', merge: 'seed/merge-in', stale: 'seed/delete-stale-in', pairs: (g) => g.risks.filter((r) => r.disciplineId).map((r) => [r.id, r.disciplineId!]) },
];

type Write = (name: WriteQuery, parameters: Record<string, unknown>) => Promise<void>;

export async function writeGraph(driver: CypherDriver, cypher: CypherRegistry, schema: string[], graph: GraphData, options: SeedOptions = {}): Promise<SeedSummary> {
  const log = options.log ?? (() => {});
  const now = options.now ?? (() => new Date());
  const version = seededVersion(graph.version, cypher, schema);
  const summary = emptySummary();
  const session = driver.session({ defaultAccessMode: 'WRITE', ...(options.database ? { database: options.database } : {}) });
  const timeout = options.transactionTimeoutMs ?? SEED_TRANSACTION_TIMEOUT_MS;
  const count = (result: Awaited<ReturnType<CypherTransaction['run']>>) => {
    const counters = result.summary?.counters?.updates() ?? {};
    for (const key of Object.keys(summary) as Array<keyof SeedSummary>) summary[key] += counters[key] ?? 0;
  };
  // Batched: each statement commits alone (the driver retries it alone on a transient error).
  const ownTransaction: Write = (name, parameters) => session.executeWrite(async (tx) => count(await tx.run(cypher[name], parameters)), { timeout });

  try {
    log(`schema: ${schema.length} constraints and indexes`);
    // Schema statements cannot share a transaction with data writes: one auto-commit each.
    for (const statement of schema) await session.run(statement);

    if (options.batched) {
      log(`batched: marking the dataset as being seeded, then one transaction per ${BATCH} rows`);
      await ownTransaction('seed/mark-seeding', { startedAt: now().toISOString() });
      await new Promise((resolve) => setTimeout(resolve, options.markSeenAfterMs ?? MARK_SEEN_AFTER_MS));
      await writeSteps(graph, ownTransaction, log);
      await ownTransaction('seed/set-dataset', { version, loadedAt: now().toISOString(), counts: JSON.stringify(datasetCounts(graph)) });
    } else {
      // The driver retries the whole transaction on a transient error: counts start again with it.
      await session.executeWrite(async (tx) => {
        Object.assign(summary, emptySummary());
        const inThisTransaction: Write = async (name, parameters) => count(await tx.run(cypher[name], parameters));
        await writeSteps(graph, inThisTransaction, log);
        await inThisTransaction('seed/set-dataset', { version, loadedAt: now().toISOString(), counts: JSON.stringify(datasetCounts(graph)) });
        log('committing');
      }, { timeout });
    }
    log(`dataset version ${version}`);
    return summary;
  } finally {
    await session.close();
  }
}

const emptySummary = (): SeedSummary => ({ nodesCreated: 0, nodesDeleted: 0, relationshipsCreated: 0, relationshipsDeleted: 0, propertiesSet: 0, labelsAdded: 0 });

/** Every write of a seeding but the dataset node, in order: nodes, relationships, then what left seed/. */
async function writeSteps(graph: GraphData, write: Write, log: (line: string) => void): Promise<void> {
  const batched = async (name: WriteQuery, rows: unknown[], what: string) => {
    for (let i = 0; i < rows.length; i += BATCH) await write(name, { rows: rows.slice(i, i + BATCH) });
    log(`  ${what}: ${rows.length}`);
  };
  log('merging nodes');
  for (const step of NODE_STEPS) {
    const rows = step.items(graph).map((node, i) => ({ id: node.id, props: toNodeProps(step.label, node as never, i) }));
    await batched(step.merge, rows, step.label);
  }
  const requirementRows = graph.requirements.map((r, i) => ({ id: r.id, kind: r.kind, props: toNodeProps('Requirement', r, i) }));
  await batched('seed/merge-requirement', requirementRows, 'Requirement');

  log('merging relationships');
  const hierarchy = graph.requirements.map((r) => ({ parent: r.parentId ?? r.frameworkId, child: r.id }));
  await batched('seed/merge-has', hierarchy, 'HAS');
  for (const step of PAIR_STEPS) {
    const position = new Map<string, number>();
    const rows = step.pairs(graph).map(([from, to]) => {
      const p = position.get(from) ?? 0;
      position.set(from, p + 1);
      return { from, to, position: toStoredValue(p) };
    });
    await batched(step.merge, rows, step.name);
  }
  await batched('seed/merge-maps-to', graph.mappings.map((m, i) => ({ fromId: m.fromId, toId: m.toId, props: toMappingProps(m, i) })), 'MAPS_TO');
  const frameworkOfSet = new Map(graph.mappingSets.map((s) => [s.id, s]));
  await batched(
    'seed/merge-no-relationship',
    graph.noRelationships.map((n, i) => {
      const set = frameworkOfSet.get(n.setId)!;
      return { requirementId: n.requirementId, frameworkId: n.side === 'from' ? set.toFrameworkId : set.fromFrameworkId, props: toNoRelationshipProps(n, i) };
    }),
    'NO_RELATIONSHIP',
  );
  await batched(
    'seed/merge-set-links',
    graph.mappingSets.map((s) => ({ setId: s.id, sourceId: s.sourceId, fromFrameworkId: s.fromFrameworkId, toFrameworkId: s.toFrameworkId })),
    'mapping set links',
  );

  log('removing what left seed/');
  await write('seed/delete-stale-maps-to', { ids: graph.mappings.map((m) => m.id) });
  await write('seed/delete-stale-no-relationship', { ids: graph.noRelationships.map((n) => n.id) });
  await write('seed/delete-stale-has', { pairs: hierarchy.map((h) => [h.parent, h.child]) });
  for (const step of PAIR_STEPS) await write(step.stale, { pairs: step.pairs(graph) });
  await write('seed/delete-stale-requirement', { ids: graph.requirements.map((r) => r.id) });
  for (const step of NODE_STEPS) await write(step.stale, { ids: step.items(graph).map((n) => n.id) });
}

/**
 * The dataset version a seeded database reports: the seed's own version and the statements that
 * wrote it, so a fix to the seeding code gives a new version and caches keyed by it start afresh,
 * while seeding the same seed with the same code twice gives the same version.
 */
export function seededVersion(seedVersion: string, cypher: CypherRegistry, schema: string[]): string {
  const hash = createHash('sha256').update(seedVersion);
  for (const name of Object.keys(cypher).filter((n) => n.startsWith('seed/')).sort()) hash.update('\0').update(name).update('\0').update(cypher[name as WriteQuery]);
  for (const statement of schema) hash.update('\0').update(statement);
  return hash.digest('hex').slice(0, 16);
}
