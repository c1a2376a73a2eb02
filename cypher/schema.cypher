// The graph's schema: a uniqueness constraint on every node id, indexes for the adapter's lookups,
// and a text index for requirement search. Idempotent (IF NOT EXISTS); applied by the seeding command.
CREATE CONSTRAINT framework_id IF NOT EXISTS FOR (n:Framework) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT requirement_id IF NOT EXISTS FOR (n:Requirement) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT discipline_id IF NOT EXISTS FOR (n:Discipline) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT risk_id IF NOT EXISTS FOR (n:Risk) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT evidence_id IF NOT EXISTS FOR (n:Evidence) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT mapping_source_id IF NOT EXISTS FOR (n:MappingSource) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT mapping_set_id IF NOT EXISTS FOR (n:MappingSet) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT dataset_id IF NOT EXISTS FOR (n:Dataset) REQUIRE n.id IS UNIQUE;
CREATE INDEX requirement_framework IF NOT EXISTS FOR (n:Requirement) ON (n.frameworkId, n.kind);
CREATE INDEX requirement_order IF NOT EXISTS FOR (n:Requirement) ON (n.catalogOrder);
CREATE INDEX maps_to_id IF NOT EXISTS FOR ()-[m:MAPS_TO]-() ON (m.id);
CREATE INDEX maps_to_set IF NOT EXISTS FOR ()-[m:MAPS_TO]-() ON (m.setId);
CREATE INDEX no_relationship_set IF NOT EXISTS FOR ()-[n:NO_RELATIONSHIP]-() ON (n.setId);
// Search matches words as substrings of ref, title and summary (requirement/find.cypher), exactly as
// the embedded store does; a TEXT index serves CONTAINS. (A full-text index would tokenise and rank
// differently from the embedded store, so the two would answer a search differently.)
DROP INDEX requirement_text IF EXISTS;
CREATE TEXT INDEX requirement_search_text IF NOT EXISTS FOR (n:Requirement) ON (n.searchText);
