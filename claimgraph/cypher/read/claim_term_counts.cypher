// How many claims of the identity index hold each term (graph/claim_identity.py): a term's
// weight, and whether it is rare enough to look up candidates by.
// $terms: list[string]
UNWIND $terms AS term
MATCH (t:ClaimTerm {term: term})
RETURN term, COUNT { (t)<-[:HAS_TERM]-(:Claim) } AS claims
