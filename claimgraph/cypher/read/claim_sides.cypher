// The two sides of some claims that have a denial, counted from their statements as
// read/contradictions.cypher counts them: the asserters (ACCUSES, REPORTS, SUPPORTS in words
// without a negation) and deniers, their statements, and the latest statement time. What
// graph/tallies.py keeps for each contested claim.
// $claim_ids: list[string]? these claims; null: every claim with a denial
CALL () {
  UNWIND coalesce($claim_ids, []) AS id
  MATCH (claim:Claim {id: id})
  WHERE EXISTS { MATCH (claim)<-[:DENIES]-(:Actor) }
  RETURN claim
  UNION
  UNWIND CASE WHEN $claim_ids IS NULL THEN [1] ELSE [] END AS go
  MATCH (:Actor)-[:DENIES]->(claim:Claim)
  RETURN DISTINCT claim
}
CALL (claim) {
  MATCH (claim)<-[r:ACCUSES|DENIES|REPORTS|SUPPORTS]-(speaker:Actor)
  RETURN
    collect(DISTINCT CASE WHEN type(r) <> 'DENIES' AND r.negated IS NULL THEN speaker.id END) AS asserters,
    collect(DISTINCT CASE WHEN type(r) = 'DENIES' THEN speaker.id END) AS deniers,
    count(DISTINCT CASE WHEN type(r) <> 'DENIES' AND r.negated IS NULL THEN r.statement_id END) AS assertions,
    count(DISTINCT CASE WHEN type(r) = 'DENIES' THEN r.statement_id END) AS denials,
    max(r.stated_at) AS last_stated_at
}
RETURN claim.id AS claim_id, asserters, deniers, assertions, denials, last_stated_at
