// params: $ids: list of requirement ids
// returns: key, records (NO_RELATIONSHIP assessments of the requirement as property maps)
UNWIND $ids AS key
OPTIONAL MATCH (:Requirement {id: key})-[n:NO_RELATIONSHIP]->(:Framework)
WITH key, n
ORDER BY n.catalogOrder
RETURN key, collect(n {.*}) AS records
