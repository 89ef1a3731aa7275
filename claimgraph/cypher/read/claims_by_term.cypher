// The claims that hold each of some index terms (graph/claim_identity.py looks up a claim by
// its rarest terms, each held by a bounded number of claims). Starts from the term nodes'
// index entries.
// $terms: list[string]
UNWIND $terms AS term
MATCH (:ClaimTerm {term: term})<-[:HAS_TERM]-(c:Claim)
RETURN term, collect(c.id) AS claim_ids
