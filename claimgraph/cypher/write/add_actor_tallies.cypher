// Add the ACCUSES statements a write brings to each speaker's accusations made
// (/stats' top accusers; graph/tallies.py), in its transaction.
// $rows: list[map] rows {actor_id, accusations: int}
UNWIND $rows AS row
MERGE (t:AccuserTally {actor_id: row.actor_id})
SET t.accusations = coalesce(t.accusations, 0) + row.accusations
