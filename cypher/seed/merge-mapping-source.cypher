// params: $rows: list of {id, props} for every MappingSource in seed/
// returns: nothing; creates missing nodes and overwrites the properties of existing ones
UNWIND $rows AS row
MERGE (n:MappingSource {id: row.id})
SET n = row.props
