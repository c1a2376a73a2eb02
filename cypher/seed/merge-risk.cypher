// params: $rows: list of {id, props} for every Risk in seed/
// returns: nothing; creates missing nodes and overwrites the properties of existing ones
UNWIND $rows AS row
MERGE (n:Risk {id: row.id})
SET n = row.props
