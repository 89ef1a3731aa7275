// Keep actors' summaries (graph/summaries.py), replacing what was kept for them. Not a change of
// the graph's data: the data version stays.
// $rows: list[map] rows {actor_id, profile, accusations_made, accusations_received, network} (JSON text)
UNWIND $rows AS row
MERGE (s:ActorSummary {actor_id: row.actor_id})
SET s.profile = row.profile, s.accusations_made = row.accusations_made,
    s.accusations_received = row.accusations_received, s.network = row.network
