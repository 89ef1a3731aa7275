// Add what a batch of new statements brings to the counts per relation (graph/tallies.py), in
// the batch's transaction: statements, statement edges, statements with a time, and target
// rows (one per edge and target).
// $rows: list[map] rows {relation, statements: int, edges: int, dated_statements: int, target_rows: int}
UNWIND $rows AS row
MERGE (t:RelationTally {relation: row.relation})
SET t.statements = coalesce(t.statements, 0) + row.statements,
    t.edges = coalesce(t.edges, 0) + row.edges,
    t.dated_statements = coalesce(t.dated_statements, 0) + row.dated_statements,
    t.target_rows = coalesce(t.target_rows, 0) + row.target_rows
