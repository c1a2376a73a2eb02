// params: $workspace: workspace name, $records: list of {kind, localId}
// returns: deleted
// Deletes the records a change removed (a deleted framework, the sets deleted with it).
UNWIND $records AS record
MATCH (r:WorkspaceRecord {workspace: $workspace, kind: record.kind, localId: record.localId})
DELETE r
RETURN count(*) AS deleted
