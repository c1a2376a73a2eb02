// params: none
// returns: node (every risk's properties), in catalog order
MATCH (k:Risk)
RETURN k {.*} AS node
ORDER BY k.catalogOrder
