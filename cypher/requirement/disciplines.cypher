// params: $ids: list of requirement ids
// returns: key, ids (the disciplines the requirement addresses, in seed order)
UNWIND $ids AS key
OPTIONAL MATCH (:Requirement {id: key})-[a:ADDRESSES]->(d:Discipline)
WITH key, a, d
ORDER BY a.position
RETURN key, collect(d.id) AS ids
