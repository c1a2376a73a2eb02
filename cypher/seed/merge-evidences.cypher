// params: $rows: list of {from, to, position}: Evidence id, Requirement id, position in the seed list
// returns: nothing; the EVIDENCES edges
UNWIND $rows AS row
MATCH (a:Evidence {id: row.from})
MATCH (b:Requirement {id: row.to})
MERGE (a)-[e:EVIDENCES]->(b)
SET e.position = row.position
