// Statement edges by key, with the speaker and every property: what moving an edge to another
// claim must write again (graph/reindex.py). Starts from the claim's index entry.
// $edges: list[map] rows {statement_id, claim_id}
UNWIND $edges AS edge
MATCH (:Claim {id: edge.claim_id})<-[r:ACCUSES|DENIES|REPORTS|SUPPORTS]-(speaker:Actor)
WHERE r.statement_id = edge.statement_id
RETURN edge.statement_id AS statement_id, edge.claim_id AS claim_id, speaker.id AS speaker_id, properties(r) AS properties
