// Create claims; a claim's id comes from its words and targets, so its text never changes.
// $claims: list[map] rows {id, text}
UNWIND $claims AS claim
MERGE (c:Claim {id: claim.id})
ON CREATE SET c.text = claim.text
