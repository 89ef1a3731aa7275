// The actors some claims are ABOUT (their ABOUT edges): what graph/tallies.py compares before
// and after a write to count the accusations a new ABOUT edge brings.
// $claim_ids: list[string]
UNWIND $claim_ids AS id
MATCH (c:Claim {id: id})-[:ABOUT]->(a:Actor)
RETURN c.id AS claim_id, collect(a.id) AS about
