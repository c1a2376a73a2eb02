// params: $ids: list of mapping source slugs
// returns: key, node (the source's properties)
UNWIND $ids AS key
MATCH (s:MappingSource {id: key})
RETURN key, s {.*} AS node
