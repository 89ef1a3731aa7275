// Add what a batch of new statements brings to the statements per day (UTC) and relation
// (graph/tallies.py), in the batch's transaction.
// $rows: list[map] rows {key: "day relation", day: "YYYY-MM-DD", relation, statements: int}
UNWIND $rows AS row
MERGE (t:DayTally {key: row.key})
ON CREATE SET t.day = date(row.day), t.relation = row.relation
SET t.statements = coalesce(t.statements, 0) + row.statements
