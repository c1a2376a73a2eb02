// params: $ids: every Framework id in seed/
// returns: nothing; removes the Framework nodes (and their relationships) that left seed/
MATCH (n:Framework)
WHERE NOT n.id IN $ids
DETACH DELETE n
