// One claim and every statement on it: the claim's text and the actors it is about, then one
// row per statement edge (who ACCUSES, REPORTS, SUPPORTS or DENIES it), with the evidence:
// article, sentence and character offsets. Asserting statements first, then denials, each in
// time and text order. A claim without statements is one row with a null statement.
// Starts from the claim's index entry.
// $claim_id: string
MATCH (claim:Claim {id: $claim_id})
CALL (claim) {
  OPTIONAL MATCH (claim)-[:ABOUT]->(target:Actor)
  WITH target ORDER BY target.id
  RETURN [t IN collect({id: target.id, name: target.name, kind: target.kind}) WHERE t.id IS NOT NULL] AS about
}
OPTIONAL MATCH (claim)<-[r:ACCUSES|DENIES|REPORTS|SUPPORTS]-(speaker:Actor)
OPTIONAL MATCH (article:Article {id: r.article_id})
RETURN
  claim.id AS claim_id,
  claim.text AS text,
  about,
  type(r) AS relation,
  CASE WHEN r IS NULL THEN null WHEN type(r) = 'DENIES' THEN 'denies' ELSE 'asserts' END AS side,
  r.statement_id AS statement_id,
  speaker.id AS speaker_id,
  speaker.name AS speaker_name,
  speaker.kind AS speaker_kind,
  r.target_ids AS target_ids,
  r.stated_at AS stated_at,
  r.article_id AS article_id,
  article.url AS article_url,
  article.title AS article_title,
  article.source AS article_source,
  r.sentence AS sentence,
  r.sentence_start AS sentence_start,
  r.speaker_text AS speaker_text,
  r.speaker_start AS speaker_start,
  r.speaker_end AS speaker_end,
  r.cue AS cue,
  r.cue_start AS cue_start,
  r.cue_end AS cue_end,
  coalesce(r.claim_text, claim.text) AS claim_text,
  r.claim_start AS claim_start,
  r.claim_end AS claim_end,
  r.refers_to AS refers_to,
  r.confidence AS confidence,
  r.extractor AS extractor,
  r.joined_score AS joined_score,
  r.joined_terms AS joined_terms
ORDER BY side, stated_at, article_id, claim_start, statement_id
