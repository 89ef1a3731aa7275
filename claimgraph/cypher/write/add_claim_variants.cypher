// Add the wordings joined to claims (graph/claim_identity.py): each wording's terms, space
// separated, once in the claim's variants, and its new terms in the index (with their counts
// of claims), so that a later claim worded like the variant finds the claim.
// $variants: list[map] rows {claim_id, wording: string, terms: [string]}
UNWIND $variants AS variant
MATCH (c:Claim {id: variant.claim_id})
WITH c, variant
WHERE NOT variant.wording IN coalesce(c.variants, [])
SET c.variants = coalesce(c.variants, []) + variant.wording
WITH c, variant
UNWIND variant.terms AS term
MERGE (t:ClaimTerm {term: term})
ON CREATE SET t.claims = 0
WITH c, t
// Looked up from the claim's side: a term such as "attack" is held by many claims.
WHERE NOT EXISTS { MATCH (c)-[:HAS_TERM]->(t) }
CREATE (c)-[:HAS_TERM]->(t)
SET t.claims = t.claims + 1
