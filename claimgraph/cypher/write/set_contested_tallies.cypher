// Keep the sides of the contested claims a write touched (graph/tallies.py): one
// ContestedTally per claim that one actor asserts and another denies, read by /stats and
// /contradictions instead of every denial in the graph.
// $rows: list[map] rows {claim_id, sides: int, statements: int, assertions: int, denials: int, asserters: list, deniers: list, last_stated_at: string?}
UNWIND $rows AS row
MERGE (t:ContestedTally {claim_id: row.claim_id})
SET t.sides = row.sides,
    t.statements = row.statements,
    t.assertions = row.assertions,
    t.denials = row.denials,
    t.asserters = row.asserters,
    t.deniers = row.deniers,
    t.last_stated_at = CASE WHEN row.last_stated_at IS NULL THEN null ELSE datetime(row.last_stated_at) END
