// params: $rows: list of {from, to, position}: Requirement id, Risk id, position in the seed list
// returns: nothing; the MITIGATES edges
UNWIND $rows AS row
MATCH (a:Requirement {id: row.from})
MATCH (b:Risk {id: row.to})
MERGE (a)-[e:MITIGATES]->(b)
SET e.position = row.position
