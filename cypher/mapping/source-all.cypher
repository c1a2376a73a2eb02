// params: none
// returns: node (every mapping source's properties), in catalog order
MATCH (s:MappingSource)
RETURN s {.*} AS node
ORDER BY s.catalogOrder
