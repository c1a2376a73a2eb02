// params: $ids: list of mapping set ids ("<from>--<to>")
// returns: key, node (the set's properties; comprehensive is JSON text)
UNWIND $ids AS key
MATCH (s:MappingSet {id: key})
RETURN key, s {.*} AS node
