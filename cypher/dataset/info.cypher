// params: none
// returns: node (the Dataset metadata node: version, loadedAt, counts as JSON text); no row before the first seeding
MATCH (d:Dataset {id: 'crosswalk'})
RETURN d {.*} AS node
