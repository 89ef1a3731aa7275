// Say which actors a claim is about.
// $abouts: list[map] rows {claim_id, actor_id}
UNWIND $abouts AS about
MATCH (c:Claim {id: about.claim_id})
MATCH (a:Actor {id: about.actor_id})
// Written from the claim's side: an actor such as a country is about thousands of claims.
MERGE (c)-[:ABOUT]->(a)
