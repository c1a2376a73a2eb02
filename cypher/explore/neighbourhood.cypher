// Everything around one requirement, for the graph view of Neo4j Browser or Bloom.
// params: $id: a requirement id, e.g. :param id => 'iso42001:A.6.2.4'
// returns: the requirement, its mappings and the requirements at their other ends, its disciplines,
//   risks and evidence. Edge properties on MAPS_TO carry relationship, strength, rationale and note.
// Each list is its own subquery, so the lists do not multiply into each other's rows.
MATCH (r:Requirement {id: $id})
RETURN r,
  COLLECT { MATCH p = (r)-[:MAPS_TO]-(:Requirement) RETURN p } AS mappings,
  COLLECT { MATCH p = (r)-[:ADDRESSES|MITIGATES]->() RETURN p } AS groundwork,
  COLLECT { MATCH p = (:Evidence)-[:EVIDENCES]->(r) RETURN p } AS evidence,
  COLLECT { MATCH p = (r)-[:NO_RELATIONSHIP]->(:Framework) RETURN p } AS assessedNothing
