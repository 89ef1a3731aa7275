// Drop the kept summaries of these actors (graph/summaries.py: no longer busy enough to keep).
// $actor_ids: list[string]
UNWIND $actor_ids AS actor_id
MATCH (s:ActorSummary {actor_id: actor_id})
DELETE s
