// Index claims for identity across articles (graph/claim_identity.py): one HAS_TERM edge to a
// ClaimTerm node per term. MERGE, so indexing a claim again adds nothing; the terms' counts of
// claims are kept by write/add_term_counts (the loader, once per term and batch) or counted
// again (write/count_claim_terms).
// $claims: list[map] rows {id, terms: [string]}
UNWIND $claims AS claim
MATCH (c:Claim {id: claim.id})
UNWIND claim.terms AS term
MERGE (t:ClaimTerm {term: term})
ON CREATE SET t.claims = 0
// Written from the claim's side: a term such as "attack" is held by many claims.
MERGE (c)-[:HAS_TERM]->(t)
