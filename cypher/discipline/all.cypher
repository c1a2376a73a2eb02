// params: none
// returns: node (every discipline's properties), in catalog order
MATCH (d:Discipline)
RETURN d {.*} AS node
ORDER BY d.catalogOrder
