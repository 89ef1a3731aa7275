// Pairs of actors who accuse each other, from the kept counts (graph/tallies.py): the answer
// of read/mutual_accusations.cypher without an actor, in the same order, with the number of
// pairs (total) on every row; an empty page is one row of nulls.
// $skip: int rows to skip
// $limit: int rows to return
MATCH (m:MutualTally)
WITH m
ORDER BY m.accusations DESC, m.actor_a_id, m.actor_b_id
WITH collect(m) AS found
WITH size(found) AS total, found[$skip..$skip + $limit] AS page
UNWIND CASE WHEN page = [] THEN [null] ELSE page END AS pair
OPTIONAL MATCH (a:Actor {id: pair.actor_a_id})
OPTIONAL MATCH (b:Actor {id: pair.actor_b_id})
RETURN
  total,
  pair.actor_a_id AS actor_a_id,
  a.name AS actor_a_name,
  pair.actor_b_id AS actor_b_id,
  b.name AS actor_b_name,
  pair.a_accuses_b AS a_accuses_b,
  pair.b_accuses_a AS b_accuses_a,
  pair.accusations AS accusations,
  pair.articles AS articles,
  pair.first_stated_at AS first_stated_at,
  pair.last_stated_at AS last_stated_at
ORDER BY accusations DESC, actor_a_id, actor_b_id
