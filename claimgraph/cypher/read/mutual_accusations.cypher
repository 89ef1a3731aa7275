// Pairs of actors who accuse each other: A makes an ACCUSES statement with B among its targets
// and B one with A among its targets; with how many accusations each way, in how many articles,
// first and last statement time; most accusations first. Each pair is one row, actor_a_id
// before actor_b_id. Every row also carries the number of pairs of the whole answer (total); an
// empty page is one row of nulls. With actor_ids, starts from those actors' index entries (their
// accusations, and the claims ABOUT them) instead of every ACCUSES edge. The pairs (ids and
// counts only) are sorted once and sliced: on ArcadeDB a second pass to count them costs as
// much (measured, issue 4).
// $actor_ids: list[string]? only pairs with one of these actors
// $skip: int rows to skip
// $limit: int rows to return
CALL () {
  UNWIND coalesce($actor_ids, []) AS id
  MATCH (speaker:Actor {id: id})-[r:ACCUSES]->(:Claim)
  RETURN speaker, r
  UNION
  UNWIND coalesce($actor_ids, []) AS id
  MATCH (:Actor {id: id})<-[:ABOUT]-(:Claim)<-[r:ACCUSES]-(speaker:Actor)
  WHERE id IN r.target_ids
  RETURN speaker, r
  UNION
  UNWIND CASE WHEN $actor_ids IS NULL THEN [1] ELSE [] END AS go
  MATCH (speaker:Actor)-[r:ACCUSES]->(:Claim)
  RETURN speaker, r
}
UNWIND r.target_ids AS target_id
WITH speaker.id AS speaker_id, target_id, r
WHERE speaker_id <> target_id
WITH r,
  CASE WHEN speaker_id < target_id THEN speaker_id ELSE target_id END AS actor_a_id,
  CASE WHEN speaker_id < target_id THEN target_id ELSE speaker_id END AS actor_b_id,
  speaker_id < target_id AS a_speaks
WITH actor_a_id, actor_b_id,
  count(DISTINCT CASE WHEN a_speaks THEN r.statement_id END) AS a_accuses_b,
  count(DISTINCT CASE WHEN a_speaks THEN null ELSE r.statement_id END) AS b_accuses_a,
  count(DISTINCT r.article_id) AS articles,
  min(r.stated_at) AS first_stated_at,
  max(r.stated_at) AS last_stated_at
WHERE a_accuses_b > 0 AND b_accuses_a > 0
  AND ($actor_ids IS NULL OR actor_a_id IN $actor_ids OR actor_b_id IN $actor_ids)
WITH actor_a_id, actor_b_id, a_accuses_b, b_accuses_a, articles, first_stated_at, last_stated_at
ORDER BY a_accuses_b + b_accuses_a DESC, actor_a_id, actor_b_id
WITH collect({actor_a_id: actor_a_id, actor_b_id: actor_b_id, a_accuses_b: a_accuses_b, b_accuses_a: b_accuses_a,
              articles: articles, first_stated_at: first_stated_at, last_stated_at: last_stated_at}) AS found
WITH size(found) AS total, found[$skip..$skip + $limit] AS page
UNWIND CASE WHEN page = [] THEN [null] ELSE page END AS pair
OPTIONAL MATCH (a:Actor {id: pair.actor_a_id})
OPTIONAL MATCH (b:Actor {id: pair.actor_b_id})
RETURN
  total,
  pair.actor_a_id AS actor_a_id,
  a.name AS actor_a_name,
  pair.actor_b_id AS actor_b_id,
  b.name AS actor_b_name,
  pair.a_accuses_b AS a_accuses_b,
  pair.b_accuses_a AS b_accuses_a,
  pair.a_accuses_b + pair.b_accuses_a AS accusations,
  pair.articles AS articles,
  pair.first_stated_at AS first_stated_at,
  pair.last_stated_at AS last_stated_at
ORDER BY accusations DESC, actor_a_id, actor_b_id
