// params: none
// returns: node (every evidence artefact's properties), in catalog order
MATCH (e:Evidence)
RETURN e {.*} AS node
ORDER BY e.catalogOrder
