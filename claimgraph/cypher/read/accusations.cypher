// Who accused whom: one row per accusation and accused actor, with the claim and the evidence
// (article, sentence, character offsets), oldest first.
// $accuser_ids: list[string]? only accusations made by these actors
// $accused_ids: list[string]? only accusations against these actors
// $since: datetime? only statements made at or after this time
// $until: datetime? only statements made before this time
// $skip: int rows to skip
// $limit: int rows to return
MATCH (accuser:Actor)-[r:ACCUSES]->(claim:Claim)
WHERE ($accuser_ids IS NULL OR accuser.id IN $accuser_ids)
  AND ($since IS NULL OR r.stated_at >= $since)
  AND ($until IS NULL OR r.stated_at < $until)
UNWIND r.target_ids AS accused_id
MATCH (accused:Actor {id: accused_id})
WHERE $accused_ids IS NULL OR accused.id IN $accused_ids
OPTIONAL MATCH (article:Article {id: r.article_id})
RETURN
  r.statement_id AS statement_id,
  accuser.id AS accuser_id,
  accuser.name AS accuser_name,
  accused.id AS accused_id,
  accused.name AS accused_name,
  claim.id AS claim_id,
  coalesce(r.claim_text, claim.text) AS claim_text,
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
  r.claim_start AS claim_start,
  r.claim_end AS claim_end,
  r.confidence AS confidence,
  r.extractor AS extractor,
  r.origin_id AS origin_id,
  r.origin_code AS origin_code
ORDER BY stated_at, article_id, claim_start, statement_id, accused_id
SKIP $skip
LIMIT $limit
