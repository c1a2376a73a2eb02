// params: $rows: list of {id, kind, props} for every requirement in seed/
// returns: nothing; MERGEs each requirement and sets its kind label (Clause, Control or Group)
UNWIND $rows AS row
MERGE (n:Requirement {id: row.id})
SET n = row.props
REMOVE n:Clause:Control:Group
FOREACH (_ IN CASE WHEN row.kind = 'CLAUSE' THEN [1] ELSE [] END | SET n:Clause)
FOREACH (_ IN CASE WHEN row.kind = 'CONTROL' THEN [1] ELSE [] END | SET n:Control)
FOREACH (_ IN CASE WHEN row.kind = 'GROUP' THEN [1] ELSE [] END | SET n:Group)
