// The kept ACCUSES statements per actor (graph/tallies.py), as read/accuser_counts.cypher
// counts them.
MATCH (t:AccuserTally)
WHERE t.accusations > 0
RETURN t.actor_id AS actor_id, t.accusations AS accusations
