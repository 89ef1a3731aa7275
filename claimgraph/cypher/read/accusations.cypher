// Who accused whom: one row per accusation and accused actor, with the claim and the evidence
// (article, sentence, character offsets), oldest first. Every row also carries the number of
// rows of the whole answer (total); an empty page is one row of nulls with the total. With
// rollup, an actor stands for its parts too (PART_OF, up to 8 levels).
// Measured on ArcadeDB (issue 4): it does not use relationship property indexes, so the query
// starts from the indexed accuser or accused actors when they are given, from the articles of
// the source when only that is given, and scans the ACCUSES edges only when nothing is given.
// The total is counted in a pass of its own and the page is a top-k ORDER BY ... LIMIT: a full
// sort or a collect of every row costs 3-4 times as much and can exceed the engine's query
// heap budget. The two passes must keep the same start and filters.
// $accuser_ids: list[string]? only accusations made by these actors
// $accused_ids: list[string]? only accusations against these actors
// $rollup: bool? accuser_ids and accused_ids include the actors PART_OF them, transitively (null: no)
// $since: datetime? only statements made at or after this time
// $until: datetime? only statements made before this time
// $source: string? only statements in articles from this source
// $min_confidence: float? only statements at least this confident
// $kept_rows: bool? nothing else given, and the page within the oldest rows the writes keep
//   (AccusationRank, graph/tallies.py): read those and the kept count instead of every accusation
// $skip: int rows to skip
// $limit: int rows to return
CALL () {
  UNWIND coalesce($accuser_ids, []) AS id
  MATCH (:Actor {id: id})<-[:PART_OF*0..8]-(part:Actor)
  WHERE $rollup OR part.id = id
  RETURN collect(DISTINCT part.id) AS accusers
}
CALL () {
  UNWIND coalesce($accused_ids, []) AS id
  MATCH (:Actor {id: id})<-[:PART_OF*0..8]-(part:Actor)
  WHERE $rollup OR part.id = id
  RETURN collect(DISTINCT part.id) AS accused_set
}
CALL () {
  OPTIONAL MATCH (t:RelationTally {relation: 'ACCUSES'})
  RETURN coalesce(t.target_rows, 0) AS kept_total
}
// Pass 1: how many rows.
CALL (accusers, accused_set) {
  CALL (accusers, accused_set) {
    UNWIND accusers AS id
    MATCH (:Actor {id: id})-[r:ACCUSES]->(:Claim)
    RETURN r
    UNION ALL
    UNWIND CASE WHEN $accuser_ids IS NULL THEN accused_set ELSE [] END AS id
    MATCH (:Actor {id: id})<-[:ABOUT]-(:Claim)<-[r:ACCUSES]-(:Actor)
    RETURN DISTINCT r
    UNION ALL
    UNWIND CASE WHEN $accuser_ids IS NULL AND $accused_ids IS NULL AND $source IS NOT NULL THEN [1] ELSE [] END AS go
    MATCH (article:Article {source: $source})-[:MENTIONS]->(:Claim)<-[r:ACCUSES]-(:Actor)
    WHERE r.article_id = article.id
    RETURN r
    UNION ALL
    UNWIND CASE WHEN $accuser_ids IS NULL AND $accused_ids IS NULL AND $source IS NULL AND NOT coalesce($kept_rows, false) THEN [1] ELSE [] END AS go
    MATCH (:Actor)-[r:ACCUSES]->(:Claim)
    RETURN r
  }
  WITH r, accused_set
  WHERE ($since IS NULL OR r.stated_at >= $since)
    AND ($until IS NULL OR r.stated_at < $until)
    AND ($min_confidence IS NULL OR r.confidence >= $min_confidence)
    AND ($source IS NULL OR EXISTS { MATCH (:Article {id: r.article_id, source: $source}) })
  UNWIND r.target_ids AS accused_id
  WITH accused_id, accused_set
  WHERE $accused_ids IS NULL OR accused_id IN accused_set
  RETURN count(*) AS counted
}
WITH accusers, accused_set, CASE WHEN coalesce($kept_rows, false) THEN kept_total ELSE counted END AS total
// Pass 2: the page, with the same start and filters; nothing to do past the last row.
CALL (accusers, accused_set, total) {
  UNWIND CASE WHEN $skip < total THEN [1] ELSE [] END AS in_range
  CALL (accusers, accused_set) {
    // By accuser.
    UNWIND accusers AS id
    MATCH (accuser:Actor {id: id})-[r:ACCUSES]->(claim:Claim)
    RETURN accuser, r, claim
    UNION ALL
    // No accuser given: from the accused, through the claims ABOUT them.
    UNWIND CASE WHEN $accuser_ids IS NULL THEN accused_set ELSE [] END AS id
    // (DISTINCT: a claim can be about several of them.)
    MATCH (:Actor {id: id})<-[:ABOUT]-(claim:Claim)<-[r:ACCUSES]-(accuser:Actor)
    RETURN DISTINCT accuser, r, claim
    UNION ALL
    // Neither given: the articles of the source, through the claims they mention.
    UNWIND CASE WHEN $accuser_ids IS NULL AND $accused_ids IS NULL AND $source IS NOT NULL THEN [1] ELSE [] END AS go
    MATCH (article:Article {source: $source})-[:MENTIONS]->(claim:Claim)<-[r:ACCUSES]-(accuser:Actor)
    WHERE r.article_id = article.id
    RETURN accuser, r, claim
    UNION ALL
    // Nothing given: every accusation.
    UNWIND CASE WHEN $accuser_ids IS NULL AND $accused_ids IS NULL AND $source IS NULL AND NOT coalesce($kept_rows, false) THEN [1] ELSE [] END AS go
    MATCH (accuser:Actor)-[r:ACCUSES]->(claim:Claim)
    RETURN accuser, r, claim
    UNION ALL
    // Nothing given, the page within the oldest rows kept: their edges (a row of an edge past
    // them sorts after every kept row).
    UNWIND CASE WHEN coalesce($kept_rows, false) THEN [1] ELSE [] END AS go
    MATCH (t:AccusationRank)
    MATCH (claim:Claim {id: t.claim_id})<-[r:ACCUSES]-(accuser:Actor)
    WHERE r.statement_id = t.statement_id
    RETURN DISTINCT accuser, r, claim
  }
  WITH accuser, r, claim, accused_set
  WHERE ($since IS NULL OR r.stated_at >= $since)
    AND ($until IS NULL OR r.stated_at < $until)
    AND ($min_confidence IS NULL OR r.confidence >= $min_confidence)
    AND ($source IS NULL OR EXISTS { MATCH (:Article {id: r.article_id, source: $source}) })
  UNWIND r.target_ids AS accused_id
  WITH accuser, r, claim, accused_id, accused_set
  WHERE $accused_ids IS NULL OR accused_id IN accused_set
  WITH accuser, r, claim, accused_id
  ORDER BY r.stated_at, r.article_id, r.claim_start, r.statement_id, accused_id
  SKIP $skip
  LIMIT $limit
  RETURN collect({accuser: accuser, r: r, claim: claim, accused_id: accused_id}) AS page
}
UNWIND CASE WHEN page = [] THEN [null] ELSE page END AS row
WITH total, row.accuser AS accuser, row.r AS r, row.claim AS claim, row.accused_id AS accused_id
// Actor names and the article only for the rows of the page.
OPTIONAL MATCH (accused:Actor {id: accused_id})
OPTIONAL MATCH (article:Article {id: r.article_id})
RETURN
  total,
  r.statement_id AS statement_id,
  accuser.id AS accuser_id,
  accuser.name AS accuser_name,
  accused_id,
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
