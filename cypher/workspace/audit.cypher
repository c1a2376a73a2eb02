// params: $workspace: workspace name, $since: revision
// returns: revision, at, who, operation, before, after (oldest first)
// A workspace's audit trail after a revision, oldest first.
MATCH (a:AuditEntry {workspace: $workspace})
WHERE a.revision > $since
RETURN a.revision AS revision, a.at AS at, a.who AS who, a.operation AS operation, a.before AS before, a.after AS after
ORDER BY a.revision
