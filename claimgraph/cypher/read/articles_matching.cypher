// Articles whose id or title contains the text (lower case), newest first: the explorer's
// search box. Reads every Article node: there are a tenth as many as statements.
// $q: string lower-case text
// $limit: int rows to return
MATCH (a:Article)
WHERE toLower(a.id) CONTAINS $q OR toLower(coalesce(a.title, '')) CONTAINS $q
RETURN a.id AS id, a.title AS title, a.source AS source, a.published_at AS published_at
ORDER BY published_at IS NULL, published_at DESC, id
LIMIT $limit
