// params: $ids: list of risk slugs
// returns: key, ids (the requirements that mitigate the risk, catalog order)
UNWIND $ids AS key
OPTIONAL MATCH (r:Requirement)-[:MITIGATES]->(:Risk {id: key})
WITH key, r
ORDER BY r.catalogOrder
RETURN key, collect(r.id) AS ids
