// params: $ids: list of discipline slugs
// returns: key, ids (the risks mainly treated by the discipline, catalog order)
UNWIND $ids AS key
OPTIONAL MATCH (k:Risk)-[:IN]->(:Discipline {id: key})
WITH key, k
ORDER BY k.catalogOrder
RETURN key, collect(k.id) AS ids
