// params: $pairs: every [from, to] id pair of IN in seed/
// returns: nothing; removes IN edges that left seed/
MATCH (a:Risk)-[e:IN]->(b:Discipline)
WHERE NOT [a.id, b.id] IN $pairs
DELETE e
