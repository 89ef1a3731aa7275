// The oldest rows of /accusations the writes keep (graph/tallies.py), in the answer's order:
// what they are checked against a recount with.
MATCH (t:AccusationRank)
RETURN t.statement_id AS statement_id, t.claim_id AS claim_id, t.accused_id AS accused_id
ORDER BY t.stated_at, t.article_id, t.claim_start, t.statement_id, t.accused_id
