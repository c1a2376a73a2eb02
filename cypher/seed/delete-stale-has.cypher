// params: $pairs: every [parent, child] id pair in seed/
// returns: nothing; removes hierarchy edges that left seed/
MATCH (parent)-[e:HAS]->(child:Requirement)
WHERE NOT [parent.id, child.id] IN $pairs
DELETE e
