// params: $ids: every Evidence id in seed/
// returns: nothing; removes the Evidence nodes (and their relationships) that left seed/
MATCH (n:Evidence)
WHERE NOT n.id IN $ids
DETACH DELETE n
