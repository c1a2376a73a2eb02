import { applyTouched, type Planned, type TouchedObjects } from '../../domain/workspace-changes.js';
import { emptyWorkspace, type WorkspaceFramework, type WorkspaceMappingSet, type WorkspaceState } from '../../domain/workspace-model.js';
import type { AuditRecord, WorkspaceRepository, WriteOutcome } from '../../domain/workspace-repository.js';
import type { CypherRegistry } from './cypher-registry.js';
import { toNative } from './records.js';
import type { CypherDriver, CypherTransaction } from './session.js';

/**
 * Workspaces in Neo4j (issue #21), for deployments with several API processes: each mutation is
 * one write transaction that first locks the workspace's node (cypher/workspace/lock.cypher), so
 * writes of one workspace from any process run one after another and each plans against the state
 * the previous one committed; the records (frameworks and mapping sets) are JSON documents, the
 * audit trail one node per change, all in that same transaction. Each process keeps the last state
 * it read per workspace and reloads it when the workspace's revision moved.
 */
export class Neo4jWorkspaceRepository implements WorkspaceRepository {
  private readonly cache = new Map<string, WorkspaceState>();
  private schema: Promise<void> | null = null;

  constructor(
    private readonly driver: CypherDriver,
    private readonly cypher: CypherRegistry,
    private readonly schemaStatements: string[],
    private readonly database?: string,
  ) {}

  async current(workspace: string): Promise<WorkspaceState> {
    const cached = this.cache.get(workspace);
    const revision = await this.read(async (tx) => Number(toNative((await tx.run(this.cypher['workspace/revision'], { workspace })).records[0]!.get('revision'))));
    if (cached && cached.revision === revision) return cached;
    return this.remember(await this.read((tx) => this.load(tx, workspace)));
  }

  async write(workspace: string, who: string, plan: (state: WorkspaceState) => Promise<Planned>): Promise<WriteOutcome> {
    await this.ensureSchema();
    const session = this.driver.session({ defaultAccessMode: 'WRITE', ...(this.database ? { database: this.database } : {}) });
    try {
      // The driver retries the transaction on a transient error: the plan then runs again, against the state as it is then.
      const outcome = await session.executeWrite(async (tx) => {
        const revision = Number(toNative((await tx.run(this.cypher['workspace/lock'], { workspace })).records[0]!.get('revision')));
        const cached = this.cache.get(workspace);
        const state = cached && cached.revision === revision ? cached : await this.load(tx, workspace);
        const result = await plan(state);
        // A refused change must leave no trace, the lock's counter included: abandon the transaction.
        if (!result.ok) throw new Refused(result);
        const { change } = result;
        const next = revision + 1;
        const put = (kind: string, values: Record<string, unknown>) => Object.entries(values).filter(([, v]) => v !== null).map(([localId, v]) => ({ kind, localId, json: JSON.stringify(v) }));
        const gone = (kind: string, values: Record<string, unknown>) => Object.entries(values).filter(([, v]) => v === null).map(([localId]) => ({ kind, localId }));
        const written = [...put('framework', change.after.frameworks), ...put('set', change.after.sets)];
        const removed = [...gone('framework', change.after.frameworks), ...gone('set', change.after.sets)];
        if (written.length > 0) await tx.run(this.cypher['workspace/put-records'], { workspace, records: written });
        if (removed.length > 0) await tx.run(this.cypher['workspace/delete-records'], { workspace, records: removed });
        const record: AuditRecord = { revision: next, at: new Date().toISOString(), who, operation: change.operation, before: change.before, after: change.after };
        await tx.run(this.cypher['workspace/append-audit'], { workspace, ...record, before: JSON.stringify(record.before), after: JSON.stringify(record.after) });
        return { result, record, next: { ...change.next, revision: next } };
      });
      this.remember(outcome.next);
      return { result: outcome.result, record: outcome.record };
    } catch (error) {
      if (error instanceof Refused) return { result: error.result, record: null };
      throw error;
    } finally {
      await session.close();
    }
  }

  async audit(workspace: string, sinceRevision: number): Promise<AuditRecord[]> {
    return this.read(async (tx) => {
      const result = await tx.run(this.cypher['workspace/audit'], { workspace, since: sinceRevision });
      return result.records.map((r) => ({
        revision: Number(toNative(r.get('revision'))),
        at: String(r.get('at')),
        who: String(r.get('who')),
        operation: String(r.get('operation')),
        before: JSON.parse(String(r.get('before'))) as unknown,
        after: JSON.parse(String(r.get('after'))) as unknown,
      }));
    });
  }

  /**
   * The workspace's records with the revision they are at. Neo4j reads at READ COMMITTED, so a write
   * committed between reading the revision and reading the records would make a state that never
   * was (the records of one revision labelled with another, which a later write could plan on and
   * lose an update). Writes change both in one transaction and each moves the revision, so equal
   * revisions before and after the records mean no write came in between; else read again.
   */
  private async load(tx: CypherTransaction, workspace: string): Promise<WorkspaceState> {
    const revisionNow = async () => Number(toNative((await tx.run(this.cypher['workspace/revision'], { workspace })).records[0]!.get('revision')));
    for (let attempt = 0; ; attempt++) {
      const before = await revisionNow();
      const result = await tx.run(this.cypher['workspace/records'], { workspace });
      if ((await revisionNow()) !== before) {
        if (attempt < 20) continue;
        throw new Error(`workspace ${workspace} kept changing while it was read`);
      }
      const after: TouchedObjects = { frameworks: {}, sets: {} };
      for (const row of result.records) {
        const json = String(row.get('json'));
        if (row.get('kind') === 'framework') after.frameworks[String(row.get('localId'))] = JSON.parse(json) as WorkspaceFramework;
        else after.sets[String(row.get('localId'))] = JSON.parse(json) as WorkspaceMappingSet;
      }
      return applyTouched(emptyWorkspace(workspace), after, before);
    }
  }

  private async read<T>(work: (tx: CypherTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({ defaultAccessMode: 'READ', ...(this.database ? { database: this.database } : {}) });
    try {
      return await session.executeRead(work);
    } finally {
      await session.close();
    }
  }

  private remember(state: WorkspaceState): WorkspaceState {
    const cached = this.cache.get(state.workspace);
    // Never step back: a slower read must not replace a newer state another request already saw.
    if (!cached || cached.revision <= state.revision) this.cache.set(state.workspace, state);
    return this.cache.get(state.workspace)!;
  }

  /** The workspace constraints, once per process (schema statements cannot share a data transaction). */
  private ensureSchema(): Promise<void> {
    this.schema ??= (async () => {
      const session = this.driver.session({ defaultAccessMode: 'WRITE', ...(this.database ? { database: this.database } : {}) });
      try {
        for (const statement of this.schemaStatements) await session.run(statement);
      } finally {
        await session.close();
      }
    })().catch((error: unknown) => {
      this.schema = null;
      throw error;
    });
    return this.schema;
  }
}

/** A plan that refused the change: thrown to roll the transaction back, caught and answered as userErrors. */
class Refused extends Error {
  constructor(readonly result: Planned) {
    super('refused');
  }
}
