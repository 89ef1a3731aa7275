// One article with its text, by id (an indexed lookup).
// $article_id: string
MATCH (a:Article {id: $article_id})
RETURN
  a.id AS id,
  a.title AS title,
  a.url AS url,
  a.source AS source,
  a.published_at AS published_at,
  a.language AS language,
  a.text AS text,
  a.text_sha256 AS text_sha256
