// What is genuinely new for ISO/IEC 42001 if I hold SOC 2?
// params: none (edit the framework ids below to ask about another pair)
// returns: the 42001 clauses and controls no SOC 2 criterion maps to, with the curated reason, the
//   disciplines they address, the risks they mitigate (most first) and the evidence that proves them.
// How to read it: every row is work a SOC 2 programme does not already do. "assessed" true means the
//   curated set examined it and recorded NO_RELATIONSHIP (genuinely new); false means no set examined
//   it (unknown, not necessarily new). Risk count is a first cut at what matters most.
MATCH (:Framework {id: 'iso42001'})-[:HAS*]->(t:Requirement)
WHERE NOT t:Group
  AND NOT EXISTS { (t)-[:MAPS_TO]-(:Requirement {frameworkId: 'soc2'}) }
OPTIONAL MATCH (t)-[n:NO_RELATIONSHIP {setId: 'soc2--iso42001'}]->(:Framework)
OPTIONAL MATCH (t)-[:MITIGATES]->(k:Risk)
WITH t, n, collect(DISTINCT k.name) AS risks
OPTIONAL MATCH (t)-[:ADDRESSES]->(d:Discipline)
WITH t, n, risks, collect(DISTINCT d.name) AS disciplines
OPTIONAL MATCH (e:Evidence)-[:EVIDENCES]->(t)
WITH t, n, disciplines, risks, collect(DISTINCT e.name) AS evidence
ORDER BY size(risks) DESC, t.catalogOrder
RETURN t.ref AS ref, t.title AS title, n IS NOT NULL AS assessed, n.reason AS reason, disciplines, risks, evidence
