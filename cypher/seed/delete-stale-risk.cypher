// params: $ids: every Risk id in seed/
// returns: nothing; removes the Risk nodes (and their relationships) that left seed/
MATCH (n:Risk)
WHERE NOT n.id IN $ids
DETACH DELETE n
