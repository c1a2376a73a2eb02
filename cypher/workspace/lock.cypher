// params: $workspace: workspace name
// returns: revision (before this write)
// Opens a write of a workspace: creates its node the first time, then takes the node's write lock
// (the SET), so concurrent writes of one workspace, from any API process, run one after another.
MERGE (w:Workspace {name: $workspace})
  ON CREATE SET w.revision = 0
SET w.writes = coalesce(w.writes, 0) + 1
RETURN w.revision AS revision
