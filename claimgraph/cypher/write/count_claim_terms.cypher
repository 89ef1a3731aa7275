// Count again the claims each index term is held by (graph/reindex.py): after claims were
// deleted, or on a graph indexed before the counts were kept.
MATCH (t:ClaimTerm)
SET t.claims = COUNT { (t)<-[:HAS_TERM]-(:Claim) }
