// Which evidence can I collect once and reuse across frameworks?
// params: $frameworks: framework ids, e.g. :param frameworks => ['soc2', 'iso42001']
// returns: artefacts ordered by how many requirements of the chosen frameworks they prove, with the
//   count per framework. The top rows are the artefacts worth producing first.
MATCH (e:Evidence)-[:EVIDENCES]->(r:Requirement)
WHERE r.frameworkId IN $frameworks
WITH e, r.frameworkId AS framework, count(r) AS proves
WITH e, sum(proves) AS total, collect(framework + ': ' + toString(proves)) AS perFramework
RETURN e.name AS evidence, total, perFramework
ORDER BY total DESC, e.name
