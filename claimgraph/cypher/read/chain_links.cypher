// Contradiction chains, one hop: the links from each given actor X to other actors Y. A denial
// link: X ACCUSES, REPORTS or SUPPORTS a claim that Y DENIES; an accusation link: X ACCUSES a
// claim ABOUT Y. Bounded by construction (ArcadeDB ignores the Bolt timeout, issue 4): at most
// $per_actor statement edges of X are read per kind of link, and at most $per_claim deniers or
// ABOUT actors per claim. One 'scanned' row per actor says how many asserting edges were read,
// so the caller knows when the bound cut the actor short.
// $actor_ids: list[string] the actors at the end of the chains found so far
// $per_actor: int most statement edges read per actor and kind of link
// $per_claim: int most deniers, or actors the claim is about, read per claim
UNWIND $actor_ids AS actor_id
MATCH (x:Actor {id: actor_id})
CALL (x) {
  MATCH (x)-[:ACCUSES|REPORTS|SUPPORTS]->(c:Claim)
  WITH x, c LIMIT $per_actor
  CALL (x, c) {
    MATCH (c)<-[:DENIES]-(y:Actor)
    WHERE y <> x
    RETURN y
    LIMIT $per_claim
  }
  RETURN y.id AS to_id, c.id AS claim_id, 'denial' AS link, null AS scanned
  UNION ALL
  MATCH (x)-[:ACCUSES]->(c:Claim)
  WITH x, c LIMIT $per_actor
  CALL (x, c) {
    MATCH (c)-[:ABOUT]->(y:Actor)
    WHERE y <> x
    RETURN y
    LIMIT $per_claim
  }
  RETURN y.id AS to_id, c.id AS claim_id, 'accusation' AS link, null AS scanned
  UNION ALL
  MATCH (x)-[r:ACCUSES|REPORTS|SUPPORTS]->(:Claim)
  WITH r LIMIT $per_actor
  RETURN null AS to_id, null AS claim_id, 'scanned' AS link, count(r) AS scanned
}
RETURN x.id AS from_id, to_id, claim_id, link, scanned
