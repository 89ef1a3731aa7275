// Candidate claims for identity and search (graph/claim_identity.py): for each claim given by
// its rarer terms and their weights, the indexed claims sharing at least min_shared of them,
// the greatest shared weight first, at most per_claim each. Starts from the term nodes' index
// entries.
// $claims: list[map] rows {key, terms: [{term, weight}], min_shared: int}
// $per_claim: int
UNWIND $claims AS claim
UNWIND claim.terms AS term
MATCH (:ClaimTerm {term: term.term})<-[:HAS_TERM]-(c:Claim)
WITH claim, c, count(*) AS shared, sum(term.weight) AS weight
WHERE shared >= claim.min_shared
WITH claim, c, weight
ORDER BY weight DESC, c.id
WITH claim, collect(c)[..$per_claim] AS found
UNWIND found AS c
RETURN claim.key AS key, c.id AS claim_id, c.text AS text, c.terms AS terms, c.variants AS variants,
       [(c)-[:ABOUT]->(a:Actor) | a.id] AS about
