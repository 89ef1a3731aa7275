// The most contested claims: asserted (ACCUSES, REPORTS or SUPPORTS, in words without a
// negation: the edge's negated flag) by one actor and denied by another, most actors on both
// sides first, then most statements. With $tallied, read from the ContestedTally nodes the
// writes keep (graph/tallies.py); else counted from the DENIES edges.
// $tallied: bool? whether the tallies hold the whole graph
// $limit: int how many claims
CALL () {
  // The kept sides (sides = actors, statements = assertions + denials): the top of them only,
  // by a top-k sort on their numbers, before any list is read (tens of thousands of them at 1M).
  UNWIND CASE WHEN coalesce($tallied, false) THEN [1] ELSE [] END AS go
  MATCH (t:ContestedTally)
  WITH t ORDER BY t.sides DESC, t.statements DESC, t.claim_id LIMIT $limit
  RETURN t.claim_id AS claim_id, t.asserters AS asserters, t.deniers AS deniers,
         t.assertions AS assertions, t.denials AS denials
  UNION ALL
  UNWIND CASE WHEN coalesce($tallied, false) THEN [] ELSE [1] END AS go
  MATCH (denier:Actor)-[d:DENIES]->(c:Claim)
  WITH c, collect(DISTINCT denier.id) AS deniers, count(DISTINCT d.statement_id) AS denials
  MATCH (c)<-[a:ACCUSES|REPORTS|SUPPORTS]-(asserter:Actor)
  WHERE a.negated IS NULL
  WITH c, deniers, denials, collect(DISTINCT asserter.id) AS asserters, count(DISTINCT a.statement_id) AS assertions
  WHERE any(x IN asserters WHERE any(y IN deniers WHERE y <> x))
  RETURN c.id AS claim_id, asserters, deniers, assertions, denials
}
WITH claim_id, asserters, deniers, assertions, denials, size(asserters) + size(deniers) AS actors
ORDER BY actors DESC, assertions + denials DESC, claim_id
LIMIT $limit
MATCH (c:Claim {id: claim_id})
RETURN
  claim_id,
  c.text AS claim_text,
  actors,
  asserters,
  deniers,
  assertions,
  denials
ORDER BY actors DESC, assertions + denials DESC, claim_id
