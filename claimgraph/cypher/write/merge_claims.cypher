// Create claims and say which actors each is about. A claim's id comes from its words and
// targets, so its text never changes; nor do its identity index terms (graph/claim_identity.py;
// empty for a claim local to its statement), indexed by write/merge_claim_terms. about_ids
// copies the ABOUT actors it was created with, which the identity scorer reads without a
// traversal per candidate.
// $claims: list[map] rows {id, text, terms: [string], about: [actor ids]}
UNWIND $claims AS claim
MERGE (c:Claim {id: claim.id})
ON CREATE SET c.text = claim.text, c.terms = claim.terms, c.about_ids = claim.about
WITH c, claim
UNWIND claim.about AS actor_id
MATCH (a:Actor {id: actor_id})
// Written from the claim's side: an actor such as a country is about thousands of claims.
MERGE (c)-[:ABOUT]->(a)
