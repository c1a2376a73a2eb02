// params: none
// returns: node (every framework's properties), in catalog order
MATCH (f:Framework)
RETURN f {.*} AS node
ORDER BY f.catalogOrder
