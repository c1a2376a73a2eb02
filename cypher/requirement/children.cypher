// params: $ids: list of framework or requirement ids
// returns: key, ids (the direct child requirements' ids, catalog order); a key with no children has no row
// A labelled match per kind of parent, so each side uses its id constraint instead of scanning every node.
UNWIND $ids AS key
CALL (key) {
  MATCH (:Framework {id: key})-[:HAS]->(child:Requirement)
  RETURN child
  UNION
  MATCH (:Requirement {id: key})-[:HAS]->(child:Requirement)
  RETURN child
}
WITH key, child
ORDER BY child.catalogOrder
RETURN key, collect(child.id) AS ids
