// params: $workspace: workspace name
// returns: revision, kind (framework | set), localId, json (one row per record; one row of nulls when none)
// Every record of a workspace (frameworks and mapping sets, as JSON), with the revision they are at.
OPTIONAL MATCH (w:Workspace {name: $workspace})
OPTIONAL MATCH (r:WorkspaceRecord {workspace: $workspace})
RETURN coalesce(w.revision, 0) AS revision, r.kind AS kind, r.localId AS localId, r.json AS json
ORDER BY kind, localId
