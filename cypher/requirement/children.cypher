// params: $ids: list of framework or requirement ids
// returns: key, ids (the direct child requirements' ids, catalog order)
UNWIND $ids AS key
OPTIONAL MATCH (parent {id: key})-[:HAS]->(child:Requirement)
WHERE parent:Framework OR parent:Requirement
WITH key, child
ORDER BY child.catalogOrder
RETURN key, collect(child.id) AS ids
