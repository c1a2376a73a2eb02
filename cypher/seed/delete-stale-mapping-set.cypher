// params: $ids: every MappingSet id in seed/
// returns: nothing; removes the MappingSet nodes (and their relationships) that left seed/
MATCH (n:MappingSet)
WHERE NOT n.id IN $ids
DETACH DELETE n
