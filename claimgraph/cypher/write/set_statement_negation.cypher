// Flag statement edges whose claim words hold a negation (graph/claim_identity.is_negated),
// for edges written before the flag existed (graph/reindex.py).
// $edges: list[map] rows {statement_id, claim_id}
UNWIND $edges AS edge
MATCH (:Claim {id: edge.claim_id})<-[r:ACCUSES|DENIES|REPORTS|SUPPORTS]-(:Actor)
WHERE r.statement_id = edge.statement_id
SET r.negated = true
