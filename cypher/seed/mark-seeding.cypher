// params: $startedAt: ISO time a batched seeding started
// returns: nothing; marks the dataset as being seeded, so every API process answers SERVICE_UNAVAILABLE
// (and readiness 503) until set-dataset clears the mark: a graph seeded in many transactions is never served half-written
MERGE (d:Dataset {id: 'crosswalk'})
SET d.seeding = $startedAt
