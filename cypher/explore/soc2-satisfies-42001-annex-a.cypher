// Which SOC 2 criteria already satisfy ISO/IEC 42001 Annex A?
// params: none (edit the framework ids below to ask about another pair)
// returns: one row per Annex A control: its ref and title, the SOC 2 criteria that map to it with the
//   relationship read from the SOC 2 side and the strength, and the coverage that implies.
// How to read it: "FULL" needs a criterion that is EQUAL to the control or a SUPERSET_OF it;
//   otherwise the best link makes it "PARTIAL". Rows with no links are NONE when the curated set
//   recorded NO_RELATIONSHIP (see the reason), which is the genuinely new work. In Neo4j Browser,
//   switch to the graph view and return c, s, m to see the links drawn.
MATCH (f:Framework {id: 'iso42001'})-[:HAS*]->(c:Control)
OPTIONAL MATCH (s:Requirement {frameworkId: 'soc2'})-[m:MAPS_TO]-(c)
WITH c, s, m,
  CASE
    WHEN m IS NULL THEN NULL
    WHEN startNode(m) = s THEN m.relationship
    WHEN m.relationship = 'SUBSET_OF' THEN 'SUPERSET_OF'
    WHEN m.relationship = 'SUPERSET_OF' THEN 'SUBSET_OF'
    ELSE m.relationship
  END AS soc2IsToControl
ORDER BY c.catalogOrder, m.strength DESC
WITH c, collect(CASE WHEN s IS NULL THEN NULL ELSE s.ref + ' ' + soc2IsToControl + ' (' + toString(m.strength) + ')' END) AS links,
  collect(soc2IsToControl) AS relationships
OPTIONAL MATCH (c)-[n:NO_RELATIONSHIP {setId: 'soc2--iso42001'}]->(:Framework)
RETURN c.ref AS control, c.title AS title,
  CASE
    WHEN any(r IN relationships WHERE r IN ['EQUAL', 'SUPERSET_OF']) THEN 'FULL'
    WHEN size(relationships) > 0 THEN 'PARTIAL'
    WHEN n IS NOT NULL THEN 'NONE'
    ELSE 'UNASSESSED'
  END AS coverage,
  links, n.reason AS whyNothing
ORDER BY c.catalogOrder
