// params: $ids: list of evidence slugs
// returns: key, ids (the requirements the artefact proves, catalog order)
UNWIND $ids AS key
OPTIONAL MATCH (:Evidence {id: key})-[:EVIDENCES]->(r:Requirement)
WITH key, r
ORDER BY r.catalogOrder
RETURN key, collect(r.id) AS ids
