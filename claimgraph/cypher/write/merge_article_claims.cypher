// Record which claims an article states or denies: the indexed way from an article to its
// statements and from a claim to its articles.
// $mentions: list[map] rows {article_id, claim_id}
UNWIND $mentions AS mention
MATCH (a:Article {id: mention.article_id})
MATCH (c:Claim {id: mention.claim_id})
MERGE (a)-[:MENTIONS]->(c)
