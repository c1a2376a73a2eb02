// params: $workspace: workspace name
// returns: kind (framework | set), localId, json (one row per record of the workspace)
MATCH (r:WorkspaceRecord {workspace: $workspace})
RETURN r.kind AS kind, r.localId AS localId, r.json AS json
ORDER BY kind, localId
