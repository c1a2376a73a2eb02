// params: $ids: list of requirement ids ("<framework>:<ref>")
// returns: key, node (the requirement's properties) for each id that exists
UNWIND $ids AS key
MATCH (r:Requirement {id: key})
RETURN key, r {.*} AS node
