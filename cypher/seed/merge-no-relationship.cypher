// params: $rows: list of {requirementId, frameworkId, props}: frameworkId is the framework where nothing was found
// returns: nothing; one NO_RELATIONSHIP per assessment, keyed by its id
UNWIND $rows AS row
MATCH (r:Requirement {id: row.requirementId})
MATCH (f:Framework {id: row.frameworkId})
MERGE (r)-[n:NO_RELATIONSHIP {id: row.props.id}]->(f)
SET n = row.props
