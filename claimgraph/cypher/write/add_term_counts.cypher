// Add to the index terms' counts of claims what a batch of new claims brought (graph/store.py
// sums them per term, so a common term's node is written once a batch, not once a claim).
// $counts: list[map] rows {term, added: int}
UNWIND $counts AS row
MATCH (t:ClaimTerm {term: row.term})
SET t.claims = coalesce(t.claims, 0) + row.added
