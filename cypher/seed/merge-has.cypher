// params: $rows: list of {parent, child}: parent is a framework or requirement id, child a requirement id
// returns: nothing; the hierarchy edges
UNWIND $rows AS row
MATCH (parent {id: row.parent})
WHERE parent:Framework OR parent:Requirement
MATCH (child:Requirement {id: row.child})
MERGE (parent)-[:HAS]->(child)
