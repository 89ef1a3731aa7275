// The kept accusations per accused actor (graph/tallies.py): the sum of its accusation
// projection edges.
MATCH (t:AccusedTally)
WHERE t.accusations > 0
RETURN t.actor_id AS actor_id, t.accusations AS accusations
