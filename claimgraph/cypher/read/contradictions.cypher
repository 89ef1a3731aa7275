// Contradictions: claims that one actor asserts (ACCUSES, REPORTS or SUPPORTS, in words without
// a negation: the edge's negated flag) and another DENIES, with both sides' actors and the
// evidence of their statements (article, sentence, character offsets). sort 'sides' puts the
// claims with most actors on both sides first, then those with most statements (assertions in
// words without a negation, and denials), as read/contested_claims.cypher ranks them for
// /stats; 'recent' those with the latest statement first (claims without dates last). With
// $actor_ids, only the claims those actors assert or deny. Every row also carries the number of
// claims of the whole answer (total); an empty page is one row of nulls.
// Starts from the DENIES edges (a tenth of the statements), and gathers the evidence for the
// claims of the page only. The claims (ids and sort keys) are sorted once and sliced: on
// ArcadeDB a second pass to count them costs as much (measured, issue 4). With $tallied the
// claims and their sort keys come from the ContestedTally nodes the writes keep
// (graph/tallies.py) instead of every DENIES edge.
// $tallied: bool? whether the tallies hold the whole graph
// $actor_ids: list[string]? only claims with one of these actors among those asserting or denying them (null: all)
// $sort: string sides or recent
// $evidence: int? most statements shown per claim and side, oldest first (null: all; the totals count all)
// $skip: int rows to skip
// $limit: int rows to return
CALL () {
  // The kept sides: counted, then the page by a top-k sort (no list of every claim).
  UNWIND CASE WHEN coalesce($tallied, false) THEN [1] ELSE [] END AS go
  CALL () {
    MATCH (t:ContestedTally)
    WHERE $actor_ids IS NULL OR any(a IN t.asserters + t.deniers WHERE a IN $actor_ids)
    RETURN count(t) AS total
  }
  CALL () {
    MATCH (t:ContestedTally)
    WHERE $actor_ids IS NULL OR any(a IN t.asserters + t.deniers WHERE a IN $actor_ids)
    WITH t.claim_id AS claim_id, t.sides AS sides, t.statements AS statements, t.last_stated_at AS last_stated_at
    ORDER BY
      CASE WHEN $sort = 'recent' THEN 0 ELSE sides END DESC,
      CASE WHEN $sort = 'recent' THEN 0 ELSE statements END DESC,
      last_stated_at IS NULL,
      last_stated_at DESC,
      sides DESC,
      claim_id
    SKIP $skip
    LIMIT $limit
    RETURN collect({claim_id: claim_id, sides: sides}) AS page
  }
  UNWIND CASE WHEN page = [] THEN [null] ELSE page END AS row
  RETURN total, row
  UNION ALL
  // Counted from the DENIES edges.
  UNWIND CASE WHEN coalesce($tallied, false) THEN [] ELSE [1] END AS go
  MATCH (:Actor)-[:DENIES]->(claim:Claim)
  WITH DISTINCT claim
  CALL (claim) {
    MATCH (claim)<-[r:ACCUSES|DENIES|REPORTS|SUPPORTS]-(speaker:Actor)
    RETURN
      collect(DISTINCT CASE WHEN type(r) <> 'DENIES' AND r.negated IS NULL THEN speaker.id END) AS asserters,
      collect(DISTINCT CASE WHEN type(r) = 'DENIES' THEN speaker.id END) AS deniers,
      count(DISTINCT CASE WHEN type(r) <> 'DENIES' AND r.negated IS NULL THEN r.statement_id END)
        + count(DISTINCT CASE WHEN type(r) = 'DENIES' THEN r.statement_id END) AS statements,
      max(r.stated_at) AS last_stated_at
  }
  WITH claim, asserters, deniers, statements, last_stated_at
  WHERE any(a IN asserters WHERE any(d IN deniers WHERE d <> a))
    AND ($actor_ids IS NULL OR any(a IN asserters + deniers WHERE a IN $actor_ids))
  WITH claim.id AS claim_id, size(asserters) + size(deniers) AS sides, statements, last_stated_at
  ORDER BY
    CASE WHEN $sort = 'recent' THEN 0 ELSE sides END DESC,
    CASE WHEN $sort = 'recent' THEN 0 ELSE statements END DESC,
    last_stated_at IS NULL,
    last_stated_at DESC,
    sides DESC,
    claim_id
  WITH collect({claim_id: claim_id, sides: sides}) AS found
  // An aggregation gives a row even without input: none here when the tallies answer.
  WHERE NOT coalesce($tallied, false)
  WITH size(found) AS total, found[$skip..$skip + $limit] AS page
  UNWIND CASE WHEN page = [] THEN [null] ELSE page END AS row
  RETURN total, row
}
OPTIONAL MATCH (claim:Claim {id: row.claim_id})
CALL (claim) {
  OPTIONAL MATCH (claim)-[:ABOUT]->(target:Actor)
  WITH target ORDER BY target.id
  RETURN collect(target.id) AS about
}
CALL (claim) {
  OPTIONAL MATCH (claim)<-[r:ACCUSES|REPORTS|SUPPORTS|DENIES]-(speaker:Actor)
  OPTIONAL MATCH (article:Article {id: r.article_id})
  WITH r, speaker, article
  ORDER BY r.stated_at, r.article_id, r.claim_start, r.statement_id, speaker.id
  WITH r, speaker, {
    statement_id: r.statement_id, relation: type(r), speaker_id: speaker.id, speaker_name: speaker.name,
    article_id: r.article_id, article_title: article.title, article_url: article.url, stated_at: r.stated_at,
    sentence: r.sentence, sentence_start: r.sentence_start,
    speaker_text: r.speaker_text, speaker_start: r.speaker_start, speaker_end: r.speaker_end,
    cue: r.cue, cue_start: r.cue_start, cue_end: r.cue_end,
    claim_text: r.claim_text, claim_start: r.claim_start, claim_end: r.claim_end, confidence: r.confidence
  } AS evidence
  RETURN
    collect(DISTINCT CASE WHEN type(r) <> 'DENIES' THEN speaker.id END) AS asserted_by,
    collect(DISTINCT CASE WHEN type(r) = 'DENIES' THEN speaker.id END) AS denied_by,
    collect(CASE WHEN type(r) <> 'DENIES' THEN evidence END) AS assertions,
    collect(CASE WHEN type(r) = 'DENIES' THEN evidence END) AS denials,
    min(r.stated_at) AS first_stated_at,
    max(r.stated_at) AS last_stated_at
}
RETURN
  total,
  row.claim_id AS claim_id,
  claim.text AS claim_text,
  about,
  row.sides AS sides,
  asserted_by,
  denied_by,
  first_stated_at,
  last_stated_at,
  CASE WHEN $evidence IS NULL THEN assertions ELSE assertions[..$evidence] END AS assertions,
  CASE WHEN $evidence IS NULL THEN denials ELSE denials[..$evidence] END AS denials,
  size(assertions) AS assertions_total,
  size(denials) AS denials_total
