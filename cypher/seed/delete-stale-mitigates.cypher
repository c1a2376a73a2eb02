// params: $pairs: every [from, to] id pair of MITIGATES in seed/
// returns: nothing; removes MITIGATES edges that left seed/
MATCH (a:Requirement)-[e:MITIGATES]->(b:Risk)
WHERE NOT [a.id, b.id] IN $pairs
DELETE e
