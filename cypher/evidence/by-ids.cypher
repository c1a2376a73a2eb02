// params: $ids: list of evidence slugs
// returns: key, node (the artefact's properties)
UNWIND $ids AS key
MATCH (e:Evidence {id: key})
RETURN key, e {.*} AS node
