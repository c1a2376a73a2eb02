// params: $ids: list of requirement ids
// returns: key, ids (the risks the requirement mitigates, in seed order)
UNWIND $ids AS key
OPTIONAL MATCH (:Requirement {id: key})-[m:MITIGATES]->(k:Risk)
WITH key, m, k
ORDER BY m.position
RETURN key, collect(k.id) AS ids
