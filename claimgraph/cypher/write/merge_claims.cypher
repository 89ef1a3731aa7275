// Create claims and say which actors each is about. A claim's id comes from its words and
// targets, so its text never changes.
// $claims: list[map] rows {id, text, about: [actor ids]}
UNWIND $claims AS claim
MERGE (c:Claim {id: claim.id})
ON CREATE SET c.text = claim.text
WITH c, claim
UNWIND claim.about AS actor_id
MATCH (a:Actor {id: actor_id})
// Written from the claim's side: an actor such as a country is about thousands of claims.
MERGE (c)-[:ABOUT]->(a)
