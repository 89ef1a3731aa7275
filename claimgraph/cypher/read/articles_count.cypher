// How many articles match the /articles filters (the total of its pages).
// $source: string? only articles from this source (any letter case)
// $since: datetime? only articles published at or after this time
// $until: datetime? only articles published before this time
// $q: string? only articles whose id or title contains this lower-case text
MATCH (a:Article)
WHERE ($source IS NULL OR toLower(a.source) = toLower($source))
  AND ($since IS NULL OR a.published_at >= $since)
  AND ($until IS NULL OR a.published_at < $until)
  AND ($q IS NULL OR toLower(a.id) CONTAINS $q OR toLower(coalesce(a.title, '')) CONTAINS $q)
RETURN count(a) AS total
