// params: $ids: list of mapping set ids
// returns: key, records (the set's NO_RELATIONSHIP assessments as property maps, set order)
UNWIND $ids AS key
OPTIONAL MATCH (:Requirement)-[n:NO_RELATIONSHIP {setId: key}]->(:Framework)
WITH key, n
ORDER BY n.catalogOrder
RETURN key, collect(n {.*}) AS records
