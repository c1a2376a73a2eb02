// params: $ids: every Discipline id in seed/
// returns: nothing; removes the Discipline nodes (and their relationships) that left seed/
MATCH (n:Discipline)
WHERE NOT n.id IN $ids
DETACH DELETE n
