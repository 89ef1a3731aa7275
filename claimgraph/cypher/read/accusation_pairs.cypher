// Who accused whom, by pair: for each accuser and accused, how many accusations (statements),
// in how many articles, first and last statement time; most accusations first. Every row also
// carries the number of pairs of the whole answer (total); an empty page is one row of nulls.
// With rollup, a statement also counts for every body its speaker is PART_OF and its target
// is PART_OF (up to 8 levels), so a ministry's accusations count for its country too; then
// accuser_ids and accused_ids select the statements of those actors and their parts, and the
// pairs whose accuser or accused is one of those actors.
// Measured on ArcadeDB (issue 4): starts from the indexed actors when given (it does not use
// relationship property indexes); the PART_OF ancestry is read once into a list, because a
// PART_OF traversal per statement or per pair costs ~0.2 ms each; the pairs (ids and counts
// only) are sorted once and sliced, because a second pass to count them costs as much and an
// ORDER BY over an UNWIND of collected pairs exceeds the engine's query heap budget.
// $accuser_ids: list[string]? only accusations made by these actors
// $accused_ids: list[string]? only accusations against these actors
// $rollup: bool? count statements of an actor's parts (PART_OF, transitively) as its own too (null: no)
// $since: datetime? only statements made at or after this time
// $until: datetime? only statements made before this time
// $source: string? only statements in articles from this source
// $min_confidence: float? only statements at least this confident
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
// With rollup: every actor that is PART_OF another, and [part, whole] for each of its wholes.
CALL () {
  UNWIND CASE WHEN $rollup THEN [1] ELSE [] END AS go
  MATCH (part:Actor)-[:PART_OF*1..8]->(whole:Actor)
  RETURN collect(DISTINCT part.id) AS parts, collect(DISTINCT [part.id, whole.id]) AS ancestry
}
CALL (accusers, accused_set) {
  UNWIND accusers AS id
  MATCH (speaker:Actor {id: id})-[r:ACCUSES]->(:Claim)
  RETURN speaker, r
  UNION ALL
  // No accuser given: from the accused, through the claims ABOUT them (DISTINCT: a claim can
  // be about several of them).
  UNWIND CASE WHEN $accuser_ids IS NULL THEN accused_set ELSE [] END AS id
  MATCH (:Actor {id: id})<-[:ABOUT]-(:Claim)<-[r:ACCUSES]-(speaker:Actor)
  RETURN DISTINCT speaker, r
  UNION ALL
  // Neither given: the articles of the source, through the claims they mention.
  UNWIND CASE WHEN $accuser_ids IS NULL AND $accused_ids IS NULL AND $source IS NOT NULL THEN [1] ELSE [] END AS go
  MATCH (article:Article {source: $source})-[:MENTIONS]->(:Claim)<-[r:ACCUSES]-(speaker:Actor)
  WHERE r.article_id = article.id
  RETURN speaker, r
  UNION ALL
  // Nothing given: every accusation.
  UNWIND CASE WHEN $accuser_ids IS NULL AND $accused_ids IS NULL AND $source IS NULL THEN [1] ELSE [] END AS go
  MATCH (speaker:Actor)-[r:ACCUSES]->(:Claim)
  RETURN speaker, r
}
WITH speaker, r, accused_set, parts, ancestry
WHERE ($since IS NULL OR r.stated_at >= $since)
  AND ($until IS NULL OR r.stated_at < $until)
  AND ($min_confidence IS NULL OR r.confidence >= $min_confidence)
  AND ($source IS NULL OR EXISTS { MATCH (:Article {id: r.article_id, source: $source}) })
UNWIND r.target_ids AS target_id
WITH speaker, r, target_id, parts, ancestry, accused_set
WHERE $accused_ids IS NULL OR target_id IN accused_set
UNWIND CASE WHEN speaker.id IN parts
            THEN [speaker.id] + [link IN ancestry WHERE link[0] = speaker.id | link[1]]
            ELSE [speaker.id] END AS accuser_id
UNWIND CASE WHEN target_id IN parts
            THEN [target_id] + [link IN ancestry WHERE link[0] = target_id | link[1]]
            ELSE [target_id] END AS accused_id
WITH r, accuser_id, accused_id
WHERE ($accuser_ids IS NULL OR accuser_id IN $accuser_ids)
  AND ($accused_ids IS NULL OR accused_id IN $accused_ids)
// A statement about two parts of one body counts once for it.
WITH accuser_id, accused_id,
  count(DISTINCT r.statement_id) AS accusations,
  count(DISTINCT r.article_id) AS articles,
  min(r.stated_at) AS first_stated_at,
  max(r.stated_at) AS last_stated_at
ORDER BY accusations DESC, accuser_id, accused_id
WITH collect({accuser_id: accuser_id, accused_id: accused_id, accusations: accusations, articles: articles,
              first_stated_at: first_stated_at, last_stated_at: last_stated_at}) AS found
WITH size(found) AS total, found[$skip..$skip + $limit] AS page
UNWIND CASE WHEN page = [] THEN [null] ELSE page END AS pair
OPTIONAL MATCH (accuser:Actor {id: pair.accuser_id})
OPTIONAL MATCH (accused:Actor {id: pair.accused_id})
RETURN
  total,
  pair.accuser_id AS accuser_id,
  accuser.name AS accuser_name,
  pair.accused_id AS accused_id,
  accused.name AS accused_name,
  pair.accusations AS accusations,
  pair.articles AS articles,
  pair.first_stated_at AS first_stated_at,
  pair.last_stated_at AS last_stated_at
ORDER BY accusations DESC, accuser_id, accused_id
