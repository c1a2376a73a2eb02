// params: $workspace: workspace name
// returns: revision
// A workspace's revision: 0 until its first change.
OPTIONAL MATCH (w:Workspace {name: $workspace})
RETURN coalesce(w.revision, 0) AS revision
