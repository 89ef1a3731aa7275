// Which of these claim ids are in the graph: a new statement on an existing claim needs no
// identity match.
// $claim_ids: list[string]
UNWIND $claim_ids AS claim_id
MATCH (c:Claim {id: claim_id})
RETURN c.id AS claim_id
