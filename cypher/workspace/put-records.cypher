// params: $workspace: workspace name, $records: list of {kind, localId, json}
// returns: written
// Writes a change's records: one JSON document per framework or mapping set it touched.
UNWIND $records AS record
MERGE (r:WorkspaceRecord {workspace: $workspace, kind: record.kind, localId: record.localId})
SET r.json = record.json
RETURN count(r) AS written
