// params: $rows: list of {from, to, position}: Requirement id, Discipline id, position in the seed list
// returns: nothing; the ADDRESSES edges
UNWIND $rows AS row
MATCH (a:Requirement {id: row.from})
MATCH (b:Discipline {id: row.to})
MERGE (a)-[e:ADDRESSES]->(b)
SET e.position = row.position
