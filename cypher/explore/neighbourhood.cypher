// Everything around one requirement, for the graph view of Neo4j Browser or Bloom.
// params: $id: a requirement id, e.g. :param id => 'iso42001:A.6.2.4'
// returns: the requirement, its mappings and the requirements at their other ends, its disciplines,
//   risks and evidence. Edge properties on MAPS_TO carry relationship, strength, rationale and note.
MATCH (r:Requirement {id: $id})
OPTIONAL MATCH p1 = (r)-[:MAPS_TO]-(:Requirement)
OPTIONAL MATCH p2 = (r)-[:ADDRESSES|MITIGATES]->()
OPTIONAL MATCH p3 = (:Evidence)-[:EVIDENCES]->(r)
OPTIONAL MATCH p4 = (r)-[:NO_RELATIONSHIP]->(:Framework)
RETURN r, collect(DISTINCT p1) AS mappings, collect(DISTINCT p2) AS groundwork, collect(DISTINCT p3) AS evidence, collect(DISTINCT p4) AS assessedNothing
