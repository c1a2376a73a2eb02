// params: $rows: list of {from, to, position}: Risk id, Discipline id, position in the seed list
// returns: nothing; the IN edges
UNWIND $rows AS row
MATCH (a:Risk {id: row.from})
MATCH (b:Discipline {id: row.to})
MERGE (a)-[e:IN]->(b)
SET e.position = row.position
