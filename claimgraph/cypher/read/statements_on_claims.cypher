// The evidence of chain hops: the statements a given speaker made on a given claim with given
// relations, at most $per_pair per row of $pairs, oldest first, with article, sentence and offsets.
// Starts from the claims' index entries.
// $pairs: list[map] rows {claim_id, speaker_id, relations: [relation names]}
// $per_pair: int most statements returned per row of $pairs
UNWIND $pairs AS pair
MATCH (c:Claim {id: pair.claim_id})
CALL (c, pair) {
  MATCH (c)<-[r:ACCUSES|DENIES|REPORTS|SUPPORTS]-(s:Actor)
  WHERE s.id = pair.speaker_id AND type(r) IN pair.relations
  RETURN r, s
  ORDER BY r.stated_at, r.article_id, r.claim_start, r.statement_id
  LIMIT $per_pair
}
RETURN
  c.id AS claim_id,
  s.id AS speaker_id,
  r.statement_id AS statement_id,
  type(r) AS relation,
  r.target_ids AS target_ids,
  coalesce(r.claim_text, c.text) AS claim_text,
  r.stated_at AS stated_at,
  r.article_id AS article_id,
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
  r.confidence AS confidence
