// Claims by id, in the order given, each with the actors it is about, who asserts it (ACCUSES,
// REPORTS, SUPPORTS) and who denies it, and the evidence of every statement: the answer of a
// claim search (graph/claim_identity.py ranks the ids). An id with no claim gives no row.
// $claim_ids: list[string]
UNWIND range(0, size($claim_ids) - 1) AS rank
MATCH (claim:Claim {id: $claim_ids[rank]})
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
    collect(CASE WHEN type(r) = 'DENIES' THEN evidence END) AS denials
}
RETURN claim.id AS claim_id, claim.text AS claim_text, about, asserted_by, denied_by, assertions, denials
ORDER BY rank
