// params: $pairs: every [from, to] id pair of ADDRESSES in seed/
// returns: nothing; removes ADDRESSES edges that left seed/
MATCH (a:Requirement)-[e:ADDRESSES]->(b:Discipline)
WHERE NOT [a.id, b.id] IN $pairs
DELETE e
