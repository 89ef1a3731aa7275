// Create or update articles and record the claims each states or denies: MENTIONS is the
// indexed way from an article to its statements and from a claim to its articles. Only known
// values are set, so a source with less metadata never erases what another source gave. Times
// travel as ISO 8601 strings (the driver encodes them far faster than datetimes).
// $articles: list[map] rows {id, properties, published_at, claim_ids}
UNWIND $articles AS article
MERGE (a:Article {id: article.id})
SET a += article.properties,
    a.published_at = coalesce(datetime(article.published_at), a.published_at)
WITH a, article
UNWIND article.claim_ids AS claim_id
MATCH (c:Claim {id: claim_id})
MERGE (a)-[:MENTIONS]->(c)
