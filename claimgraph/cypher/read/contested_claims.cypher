// The most contested claims: asserted (ACCUSES, REPORTS or SUPPORTS, in words without a
// negation: the edge's negated flag) by one actor and denied by another, most actors on both
// sides first. Starts from the DENIES edges.
// $limit: int how many claims
MATCH (denier:Actor)-[d:DENIES]->(c:Claim)
WITH c, collect(DISTINCT denier.id) AS deniers, count(DISTINCT d.statement_id) AS denials
MATCH (c)<-[a:ACCUSES|REPORTS|SUPPORTS]-(asserter:Actor)
WHERE a.negated IS NULL
WITH c, deniers, denials, collect(DISTINCT asserter.id) AS asserters, count(DISTINCT a.statement_id) AS assertions
WHERE any(x IN asserters WHERE any(y IN deniers WHERE y <> x))
RETURN
  c.id AS claim_id,
  c.text AS claim_text,
  size(asserters) + size(deniers) AS actors,
  asserters,
  deniers,
  assertions,
  denials
ORDER BY actors DESC, assertions + denials DESC, claim_id
LIMIT $limit
