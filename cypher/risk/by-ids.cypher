// params: $ids: list of risk slugs
// returns: key, node (the risk's properties)
UNWIND $ids AS key
MATCH (k:Risk {id: key})
RETURN key, k {.*} AS node
