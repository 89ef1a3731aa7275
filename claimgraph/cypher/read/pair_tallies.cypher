// Every kept accuser and accused pair (graph/tallies.py), unsorted: what the tallies are
// checked against a recount with (read/accusation_pair_tallies.cypher pages them).
MATCH (t:PairTally)
WHERE t.accusations > 0
RETURN t.accuser_id AS accuser_id, t.accused_id AS accused_id, t.accusations AS accusations,
       t.articles AS articles, t.first_stated_at AS first_stated_at, t.last_stated_at AS last_stated_at
