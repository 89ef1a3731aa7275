// Add the wordings joined to claims (graph/claim_identity.py): each wording's terms, space
// separated, once in the claim's variants, and its new terms in the index, so that a later
// claim worded like the variant finds the claim.
// $variants: list[map] rows {claim_id, wording: string, terms: [string]}
UNWIND $variants AS variant
MATCH (c:Claim {id: variant.claim_id})
WITH c, variant
WHERE NOT variant.wording IN coalesce(c.variants, [])
SET c.variants = coalesce(c.variants, []) + variant.wording
// Written from the claim's side: a term such as "attack" is held by many claims.
FOREACH (term IN variant.terms |
  MERGE (t:ClaimTerm {term: term})
  MERGE (c)-[:HAS_TERM]->(t))
