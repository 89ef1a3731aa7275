// Who accused whom, by pair, from the kept counts (graph/tallies.py): the answer of
// read/accusation_pairs.cypher without filters or rollup, in the same order, with the number
// of pairs (total) on every row; an empty page is one row of nulls. Counted, then the page by
// a top-k sort: a list of every pair costs four times as much at 164k pairs (measured).
// $skip: int rows to skip
// $limit: int rows to return
CALL () {
  MATCH (t:PairTally)
  WHERE t.accusations > 0
  RETURN count(t) AS total
}
CALL () {
  MATCH (t:PairTally)
  WHERE t.accusations > 0
  WITH t
  ORDER BY t.accusations DESC, t.accuser_id, t.accused_id
  SKIP $skip
  LIMIT $limit
  RETURN collect(t) AS page
}
UNWIND CASE WHEN page = [] THEN [null] ELSE page END AS pair
OPTIONAL MATCH (accuser:Actor {id: pair.accuser_id})
OPTIONAL MATCH (accused:Actor {id: pair.accused_id})
RETURN
  total,
  pair.accuser_id AS accuser_id,
  accuser.name AS accuser_name,
  pair.accused_id AS accused_id,
  accused.name AS accused_name,
  pair.accusations AS accusations,
  pair.articles AS articles,
  pair.first_stated_at AS first_stated_at,
  pair.last_stated_at AS last_stated_at
ORDER BY accusations DESC, accuser_id, accused_id
