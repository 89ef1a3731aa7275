// The actors with a statement on any of the claims, or whom one is about: those whose summary a
// write that touched the claims may have changed (graph/summaries.py).
// $claim_ids: list[string]
UNWIND $claim_ids AS claim_id
MATCH (c:Claim {id: claim_id})
CALL (c) {
  MATCH (c)<-[:ACCUSES|DENIES|REPORTS|SUPPORTS]-(a:Actor)
  RETURN a.id AS actor_id
  UNION
  MATCH (c)-[:ABOUT]->(a:Actor)
  RETURN a.id AS actor_id
}
RETURN DISTINCT actor_id
