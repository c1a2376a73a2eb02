// params: $version: hash of seed/, $loadedAt: ISO time, $counts: JSON text of node and edge counts
// returns: nothing; the metadata node the API reads its dataset version from, without a batched seeding's mark
MERGE (d:Dataset {id: 'crosswalk'})
SET d.version = $version, d.loadedAt = $loadedAt, d.counts = $counts
REMOVE d.seeding
