// The kept articles per two actors with an accusation between them (graph/tallies.py), as
// read/link_counts.cypher counts them.
MATCH (t:LinkTally)
WHERE t.articles > 0
RETURN t.actor_a_id AS actor_a_id, t.actor_b_id AS actor_b_id, t.articles AS articles
