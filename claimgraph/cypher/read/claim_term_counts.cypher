// How many claims of the identity index hold each term (graph/claim_identity.py): a term's
// weight, and whether it is rare enough to look up candidates by. The count is kept on the
// term node by the writes (write/merge_claim_terms, write/add_claim_variants).
// $terms: list[string]
UNWIND $terms AS term
MATCH (t:ClaimTerm {term: term})
RETURN term, coalesce(t.claims, 0) AS claims
