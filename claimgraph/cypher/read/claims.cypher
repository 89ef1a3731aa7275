// Claims, most statements first: each with the actors it is about, who asserts it (ACCUSES,
// REPORTS, SUPPORTS) and who denies it, and in how many articles. contested keeps the claims
// with at least one denial and one assertion in words without a negation (an edge's negated
// flag: "the cut wasn't clean" asserted and denied is the same quote, not a dispute). Every row also carries the number of claims of
// the whole answer (total); an empty page is one row of nulls with the total.
// Measured on ArcadeDB (issue 4): contested starts from the DENIES edges, a tenth of the
// graph, instead of every claim; the total is counted in a pass of its own and the page is a
// top-k ORDER BY ... LIMIT on the claim's edge count (one edge per statement and claim), which
// costs a third of a full sort of every claim. The two passes must keep the same start and
// filters. Who asserts and denies is gathered for the claims of the page only.
// $contested: bool only claims with at least one DENIES and one ACCUSES, REPORTS or SUPPORTS
// $q: string? lower-case text the claim contains
// $skip: int rows to skip
// $limit: int rows to return
// Pass 1: how many claims.
CALL () {
  CALL () {
    UNWIND CASE WHEN $contested THEN [1] ELSE [] END AS go
    MATCH (:Actor)-[:DENIES]->(claim:Claim)
    RETURN DISTINCT claim
    UNION ALL
    UNWIND CASE WHEN $contested THEN [] ELSE [1] END AS go
    MATCH (claim:Claim)
    RETURN claim
  }
  WITH claim
  WHERE ($q IS NULL OR toLower(claim.text) CONTAINS $q)
    AND (NOT $contested OR EXISTS { MATCH (claim)<-[r:ACCUSES|REPORTS|SUPPORTS]-(:Actor) WHERE r.negated IS NULL })
  RETURN count(claim) AS total
}
// Pass 2: the page, with the same start and filters; nothing to do past the last claim.
CALL (total) {
  UNWIND CASE WHEN $skip < total THEN [1] ELSE [] END AS in_range
  CALL () {
    UNWIND CASE WHEN $contested THEN [1] ELSE [] END AS go
    MATCH (:Actor)-[:DENIES]->(claim:Claim)
    RETURN DISTINCT claim
    UNION ALL
    UNWIND CASE WHEN $contested THEN [] ELSE [1] END AS go
    MATCH (claim:Claim)
    RETURN claim
  }
  WITH claim
  WHERE ($q IS NULL OR toLower(claim.text) CONTAINS $q)
    AND (NOT $contested OR EXISTS { MATCH (claim)<-[r:ACCUSES|REPORTS|SUPPORTS]-(:Actor) WHERE r.negated IS NULL })
  WITH claim, COUNT { (claim)<-[:ACCUSES|DENIES|REPORTS|SUPPORTS]-() } AS statements
  ORDER BY statements DESC, claim.id
  SKIP $skip
  LIMIT $limit
  RETURN collect({claim: claim, statements: statements}) AS page
}
UNWIND CASE WHEN page = [] THEN [null] ELSE page END AS row
WITH total, row.claim AS claim, row.statements AS statements
CALL (claim) {
  OPTIONAL MATCH (claim)<-[r:ACCUSES|DENIES|REPORTS|SUPPORTS]-(speaker:Actor)
  WITH r, speaker ORDER BY speaker.id
  RETURN
    count(DISTINCT CASE WHEN type(r) <> 'DENIES' THEN r.statement_id END) AS assertions,
    count(DISTINCT CASE WHEN type(r) = 'DENIES' THEN r.statement_id END) AS denials,
    collect(DISTINCT CASE WHEN type(r) <> 'DENIES' THEN speaker.id END) AS asserted_by,
    collect(DISTINCT CASE WHEN type(r) = 'DENIES' THEN speaker.id END) AS denied_by,
    count(DISTINCT r.article_id) AS articles,
    max(r.stated_at) AS last_stated_at
}
// Not a pattern comprehension: on the null row of an empty page ArcadeDB would match every ABOUT.
CALL (claim) {
  OPTIONAL MATCH (claim)-[:ABOUT]->(target:Actor)
  WITH target ORDER BY target.id
  RETURN collect(target.id) AS about
}
RETURN
  total,
  claim.id AS claim_id,
  claim.text AS text,
  about,
  statements,
  assertions,
  denials,
  asserted_by,
  denied_by,
  articles,
  last_stated_at
ORDER BY statements DESC, claim_id
