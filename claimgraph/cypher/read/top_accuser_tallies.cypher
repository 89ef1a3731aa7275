// The actors who made the most accusations, from the kept counts (graph/tallies.py): the
// answer of read/top_accusers.cypher.
// $limit: int how many actors
MATCH (t:AccuserTally)
WHERE t.accusations > 0
WITH t ORDER BY t.accusations DESC, t.actor_id LIMIT $limit
MATCH (accuser:Actor {id: t.actor_id})
CALL (t) {
  OPTIONAL MATCH (p:AboutPairTally {accuser_id: t.actor_id})
  WHERE p.accusations > 0
  RETURN count(p) AS accused
}
RETURN accuser.id AS id, accuser.name AS name, accuser.kind AS kind, t.accusations AS accusations, accused
ORDER BY accusations DESC, id
