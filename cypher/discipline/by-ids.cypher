// params: $ids: list of discipline slugs
// returns: key, node (the discipline's properties)
UNWIND $ids AS key
MATCH (d:Discipline {id: key})
RETURN key, d {.*} AS node
