// params: $ids: every MappingSource id in seed/
// returns: nothing; removes the MappingSource nodes (and their relationships) that left seed/
MATCH (n:MappingSource)
WHERE NOT n.id IN $ids
DETACH DELETE n
