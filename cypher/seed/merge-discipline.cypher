// params: $rows: list of {id, props} for every Discipline in seed/
// returns: nothing; creates missing nodes and overwrites the properties of existing ones
UNWIND $rows AS row
MERGE (n:Discipline {id: row.id})
SET n = row.props
