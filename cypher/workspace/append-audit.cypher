// params: $workspace, $revision, $at, $who, $operation, $before, $after (JSON text)
// returns: revision
// Records a change in the audit trail and moves the workspace to its revision, in the write's transaction.
MATCH (w:Workspace {name: $workspace})
SET w.revision = $revision
CREATE (a:AuditEntry {workspace: $workspace, revision: $revision, at: $at, who: $who, operation: $operation, before: $before, after: $after})
RETURN a.revision AS revision
