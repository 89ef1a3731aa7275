// The text of each given claim, by id (an indexed lookup per id).
// $claim_ids: list[string]
UNWIND $claim_ids AS claim_id
MATCH (c:Claim {id: claim_id})
RETURN c.id AS id, c.text AS text
ORDER BY id
