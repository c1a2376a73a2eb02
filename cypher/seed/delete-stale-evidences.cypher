// params: $pairs: every [from, to] id pair of EVIDENCES in seed/
// returns: nothing; removes EVIDENCES edges that left seed/
MATCH (a:Evidence)-[e:EVIDENCES]->(b:Requirement)
WHERE NOT [a.id, b.id] IN $pairs
DELETE e
