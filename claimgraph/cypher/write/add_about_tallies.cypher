// Add what a write brings to the accusations of one actor on claims ABOUT another (the
// accusation projection of centrality, /stats' top accused; graph/tallies.py), in its
// transaction: per accuser and accused, and per accused.
// $rows: list[map] rows {key: "accuser accused", accuser_id, accused_id, accusations: int}
UNWIND $rows AS row
MERGE (t:AboutPairTally {key: row.key})
ON CREATE SET t.accuser_id = row.accuser_id, t.accused_id = row.accused_id
SET t.accusations = coalesce(t.accusations, 0) + row.accusations
WITH row
MERGE (a:AccusedTally {actor_id: row.accused_id})
SET a.accusations = coalesce(a.accusations, 0) + row.accusations
