// Create or update articles. Only known values are set, so loading an article from a source
// with less metadata never erases what another source gave.
// $articles: list[map] rows {id, properties}
UNWIND $articles AS article
MERGE (a:Article {id: article.id})
SET a += article.properties
