// Articles, newest first (undated last), with how many statements each holds per relation. The
// page is cut before the statements are counted, so a page costs its own articles only.
// $source: string? only articles from this source (any letter case)
// $since: datetime? only articles published at or after this time
// $until: datetime? only articles published before this time
// $q: string? only articles whose id or title contains this lower-case text
// $skip: int articles to skip
// $limit: int articles to return
MATCH (a:Article)
WHERE ($source IS NULL OR toLower(a.source) = toLower($source))
  AND ($since IS NULL OR a.published_at >= $since)
  AND ($until IS NULL OR a.published_at < $until)
  AND ($q IS NULL OR toLower(a.id) CONTAINS $q OR toLower(coalesce(a.title, '')) CONTAINS $q)
WITH a
ORDER BY a.published_at IS NULL, a.published_at DESC, a.id
SKIP $skip
LIMIT $limit
CALL (a) {
  OPTIONAL MATCH (a)-[:MENTIONS]->(:Claim)<-[r:ACCUSES|DENIES|REPORTS|SUPPORTS]-(:Actor)
  WHERE r.article_id = a.id
  RETURN
    count(DISTINCT r.statement_id) AS statements,
    count(DISTINCT CASE WHEN type(r) = 'ACCUSES' THEN r.statement_id END) AS accuses,
    count(DISTINCT CASE WHEN type(r) = 'DENIES' THEN r.statement_id END) AS denies,
    count(DISTINCT CASE WHEN type(r) = 'REPORTS' THEN r.statement_id END) AS reports,
    count(DISTINCT CASE WHEN type(r) = 'SUPPORTS' THEN r.statement_id END) AS supports
}
RETURN
  a.id AS id,
  a.title AS title,
  a.url AS url,
  a.source AS source,
  a.published_at AS published_at,
  a.language AS language,
  statements,
  accuses,
  denies,
  reports,
  supports
ORDER BY published_at IS NULL, published_at DESC, id
