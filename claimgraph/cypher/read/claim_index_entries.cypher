// What the identity scorer compares of some claims (graph/claim_identity.py): their terms, the
// terms of the other wordings joined to them, and the actors they were created about (the
// about_ids copy; a claim from before it existed reads its ABOUT edges).
// $claim_ids: list[string]
UNWIND $claim_ids AS claim_id
MATCH (c:Claim {id: claim_id})
RETURN c.id AS claim_id, c.terms AS terms, c.variants AS variants,
       CASE WHEN c.about_ids IS NULL THEN [(c)-[:ABOUT]->(a:Actor) | a.id] ELSE c.about_ids END AS about
