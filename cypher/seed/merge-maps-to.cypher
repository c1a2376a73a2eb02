// params: $rows: list of {fromId, toId, props}: props hold id, setId, sourceId, fromId, toId, relationship, strength, rationale, note, condition (JSON, when set), catalogOrder
// returns: nothing; one MAPS_TO per stored mapping, keyed by its id
UNWIND $rows AS row
MATCH (a:Requirement {id: row.fromId})
MATCH (b:Requirement {id: row.toId})
MERGE (a)-[m:MAPS_TO {id: row.props.id}]->(b)
SET m = row.props
