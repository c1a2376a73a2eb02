// params: $ids: every requirement id in seed/
// returns: nothing; removes the requirements (and their relationships) that left seed/
MATCH (n:Requirement)
WHERE NOT n.id IN $ids
DETACH DELETE n
