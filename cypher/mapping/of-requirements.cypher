// params: $ids: list of requirement ids
// returns: key, mappings (every MAPS_TO touching the requirement in either direction, as property maps; fromId and toId are stored on the relationship)
UNWIND $ids AS key
OPTIONAL MATCH (:Requirement {id: key})-[m:MAPS_TO]-(:Requirement)
WITH key, m
ORDER BY m.catalogOrder
RETURN key, collect(m {.*}) AS mappings
