// The actors accused most, from the kept counts (graph/tallies.py): the answer of
// read/top_accused.cypher.
// $limit: int how many actors
MATCH (t:AccusedTally)
WHERE t.accusations > 0
WITH t ORDER BY t.accusations DESC, t.actor_id LIMIT $limit
MATCH (accused:Actor {id: t.actor_id})
CALL (t) {
  OPTIONAL MATCH (p:AboutPairTally {accused_id: t.actor_id})
  WHERE p.accusations > 0
  RETURN count(p) AS accusers
}
RETURN accused.id AS id, accused.name AS name, accused.kind AS kind, t.accusations AS accusations, accusers
ORDER BY accusations DESC, id
