// params: $rows: list of {id, props} for every Framework in seed/
// returns: nothing; creates missing nodes and overwrites the properties of existing ones
UNWIND $rows AS row
MERGE (n:Framework {id: row.id})
SET n = row.props
