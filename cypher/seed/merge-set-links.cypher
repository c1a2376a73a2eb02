// params: $rows: list of {setId, sourceId, fromFrameworkId, toFrameworkId}
// returns: nothing; links each mapping set to its source and its two frameworks
UNWIND $rows AS row
MATCH (s:MappingSet {id: row.setId})
MATCH (source:MappingSource {id: row.sourceId})
MATCH (from:Framework {id: row.fromFrameworkId})
MATCH (to:Framework {id: row.toFrameworkId})
MERGE (source)-[:ASSERTS]->(s)
MERGE (s)-[:FROM]->(from)
MERGE (s)-[:TO]->(to)
