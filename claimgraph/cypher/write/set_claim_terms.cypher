// Give claims written before the identity index their index terms (graph/reindex.py); the
// HAS_TERM edges follow with write/merge_claim_terms.
// $claims: list[map] rows {id, terms: [string]}
UNWIND $claims AS claim
MATCH (c:Claim {id: claim.id})
SET c.terms = claim.terms
