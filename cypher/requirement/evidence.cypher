// params: $ids: list of requirement ids
// returns: key, ids (the evidence artefacts that prove the requirement, catalog order)
UNWIND $ids AS key
OPTIONAL MATCH (e:Evidence)-[:EVIDENCES]->(:Requirement {id: key})
WITH key, e
ORDER BY e.catalogOrder
RETURN key, collect(e.id) AS ids
