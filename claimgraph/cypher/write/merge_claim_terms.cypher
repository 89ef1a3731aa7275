// Index claims for identity across articles (graph/claim_identity.py): one HAS_TERM edge to
// a ClaimTerm node per stored term. Follows the terms the claim was created with, so writing a
// claim again adds nothing.
// $claim_ids: list[string]
UNWIND $claim_ids AS claim_id
MATCH (c:Claim {id: claim_id})
// Written from the claim's side: a term such as "attack" is held by many claims.
FOREACH (term IN coalesce(c.terms, []) |
  MERGE (t:ClaimTerm {term: term})
  MERGE (c)-[:HAS_TERM]->(t))
