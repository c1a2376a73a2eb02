// params: $ids: every NO_RELATIONSHIP assessment id in seed/
// returns: nothing; removes assessments that left seed/
MATCH (:Requirement)-[n:NO_RELATIONSHIP]->(:Framework)
WHERE NOT n.id IN $ids
DELETE n
