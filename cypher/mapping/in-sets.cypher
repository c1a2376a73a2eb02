// params: $ids: list of mapping set ids
// returns: key, mappings (the set's MAPS_TO relationships as property maps, set order)
UNWIND $ids AS key
OPTIONAL MATCH (:Requirement)-[m:MAPS_TO {setId: key}]->(:Requirement)
WITH key, m
ORDER BY m.catalogOrder
RETURN key, collect(m {.*}) AS mappings
