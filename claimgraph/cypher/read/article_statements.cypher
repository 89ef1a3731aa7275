// All statements of an article in text order, with speaker, claim and offsets. Starts from the
// article's index entry and follows MENTIONS to its claims: an indexed lookup, not an edge scan.
// $article_id: string
MATCH (:Article {id: $article_id})-[:MENTIONS]->(claim:Claim)<-[r:ACCUSES|DENIES|REPORTS|SUPPORTS]-(speaker:Actor)
WHERE r.article_id = $article_id
RETURN
  r.statement_id AS statement_id,
  type(r) AS relation,
  speaker.id AS speaker_id,
  speaker.name AS speaker_name,
  r.target_ids AS target_ids,
  claim.id AS claim_id,
  coalesce(r.claim_text, claim.text) AS claim_text,
  r.refers_to AS refers_to,
  r.speaker_start AS speaker_start,
  r.speaker_end AS speaker_end,
  r.cue AS cue,
  r.cue_start AS cue_start,
  r.cue_end AS cue_end,
  r.claim_start AS claim_start,
  r.claim_end AS claim_end,
  r.sentence AS sentence,
  r.stated_at AS stated_at,
  r.confidence AS confidence,
  r.extractor AS extractor
ORDER BY claim_start, statement_id, claim_id
