// Workspaces in Neo4j (src/store/neo4j/workspace-repository.ts): one Workspace node per workspace
// (its revision, and the node every write of the workspace locks first), its records as JSON
// documents, and its audit trail. Idempotent; applied by the repository before its first use.
CREATE CONSTRAINT workspace_name IF NOT EXISTS FOR (w:Workspace) REQUIRE w.name IS UNIQUE;
CREATE CONSTRAINT workspace_record_key IF NOT EXISTS FOR (r:WorkspaceRecord) REQUIRE (r.workspace, r.kind, r.localId) IS UNIQUE;
CREATE CONSTRAINT audit_entry_key IF NOT EXISTS FOR (a:AuditEntry) REQUIRE (a.workspace, a.revision) IS UNIQUE;
