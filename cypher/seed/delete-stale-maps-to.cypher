// params: $ids: every mapping id in seed/
// returns: nothing; removes mappings that left seed/
MATCH (:Requirement)-[m:MAPS_TO]->(:Requirement)
WHERE NOT m.id IN $ids
DELETE m
