import type { Planned } from './workspace-changes.js';
import type { WorkspaceState } from './workspace-model.js';

/**
 * The port the workspace writes go through (issue #21), defined by the domain like the GraphStore:
 * the embedded adapter is the data directory (src/workspace/data-directory.ts).
 */

/** One change as the audit trail keeps it: who (key id), when, what, and the touched objects before and after. */
export interface AuditRecord {
  /** The workspace's revision after this change: 1, 2, 3, ... */
  revision: number;
  at: string;
  who: string;
  operation: string;
  before: unknown;
  after: unknown;
}

export interface WriteOutcome {
  result: Planned;
  /** The audit record of the change; null when the plan refused it (nothing was written). */
  record: AuditRecord | null;
}

export interface WorkspaceRepository {
  /** The workspace as its last acknowledged change left it (empty when it has none). */
  current(workspace: string): Promise<WorkspaceState>;
  /**
   * Plans a change against the workspace as every earlier change leaves it, with no other change
   * of the workspace in between, and makes it durable before resolving (changes may share their
   * trip to disk, none is acknowledged or read before it is there). A refused plan writes nothing.
   */
  write(workspace: string, who: string, plan: (state: WorkspaceState) => Promise<Planned>): Promise<WriteOutcome>;
  /** Audit records after `sinceRevision`, oldest first. */
  audit(workspace: string, sinceRevision: number): Promise<AuditRecord[]>;
}
