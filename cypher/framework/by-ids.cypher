// params: $ids: list of framework ids
// returns: key (the id asked for), node (the framework's properties) for each id that exists
UNWIND $ids AS key
MATCH (f:Framework {id: key})
RETURN key, f {.*} AS node
