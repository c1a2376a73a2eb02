// params: $ids: list of discipline slugs
// returns: key, ids (the requirements that address the discipline, catalog order)
UNWIND $ids AS key
OPTIONAL MATCH (r:Requirement)-[:ADDRESSES]->(:Discipline {id: key})
WITH key, r
ORDER BY r.catalogOrder
RETURN key, collect(r.id) AS ids
