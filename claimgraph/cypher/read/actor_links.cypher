// Ego networks, one hop: the statements that link each given actor to another actor, both ways.
// A statement of X links X to Y when its claim is ABOUT Y, or when it DENIES a claim that Y
// ACCUSES, REPORTS or SUPPORTS. At most $per_actor rows are read per actor and kind of link, so a
// hub costs no more than that (ArcadeDB ignores the Bolt timeout, issue 4). Every pattern starts
// from x: inside CALL, ArcadeDB expands a pattern from its first node (measured, issue 4: 3.9 s
// against 0.2 s for 5 rows on 300k statements when the pattern starts from (y:Actor)).
// $actor_ids: list[string] the actors to expand
// $per_actor: int most rows read per actor and kind of link (four kinds)
UNWIND $actor_ids AS actor_id
MATCH (x:Actor {id: actor_id})
CALL (x) {
  MATCH (x)-[r:ACCUSES|DENIES|REPORTS|SUPPORTS]->(c:Claim)-[:ABOUT]->(y:Actor)
  WHERE y <> x
  RETURN x.id AS source_id, y.id AS target_id, type(r) AS relation, r.statement_id AS statement_id,
         c.id AS claim_id, 'about' AS via, null AS target_relation, null AS target_statement_id, 'made-about' AS kind
  LIMIT $per_actor
  UNION ALL
  MATCH (x)-[r:DENIES]->(c:Claim)<-[a:ACCUSES|REPORTS|SUPPORTS]-(y:Actor)
  WHERE y <> x
  RETURN x.id AS source_id, y.id AS target_id, 'DENIES' AS relation, r.statement_id AS statement_id,
         c.id AS claim_id, 'denied' AS via, type(a) AS target_relation, a.statement_id AS target_statement_id, 'made-denied' AS kind
  LIMIT $per_actor
  UNION ALL
  MATCH (x)<-[:ABOUT]-(c:Claim)<-[r:ACCUSES|DENIES|REPORTS|SUPPORTS]-(y:Actor)
  WHERE y <> x
  RETURN y.id AS source_id, x.id AS target_id, type(r) AS relation, r.statement_id AS statement_id,
         c.id AS claim_id, 'about' AS via, null AS target_relation, null AS target_statement_id, 'received-about' AS kind
  LIMIT $per_actor
  UNION ALL
  MATCH (x)-[a:ACCUSES|REPORTS|SUPPORTS]->(c:Claim)<-[r:DENIES]-(y:Actor)
  WHERE y <> x
  RETURN y.id AS source_id, x.id AS target_id, 'DENIES' AS relation, r.statement_id AS statement_id,
         c.id AS claim_id, 'denied' AS via, type(a) AS target_relation, a.statement_id AS target_statement_id, 'received-denied' AS kind
  LIMIT $per_actor
}
RETURN x.id AS actor_id, source_id, target_id, relation, statement_id, claim_id, via, target_relation,
       target_statement_id, kind
