// params: none
// returns: node (every mapping set's properties), in catalog order
MATCH (s:MappingSet)
RETURN s {.*} AS node
ORDER BY s.catalogOrder
