// Record that an article states or denies a claim (the MENTIONS edge the article loader
// writes), for statement edges moved to another claim by graph/reindex.py.
// $mentions: list[map] rows {article_id, claim_id}
UNWIND $mentions AS mention
MATCH (a:Article {id: mention.article_id})
MATCH (c:Claim {id: mention.claim_id})
MERGE (a)-[:MENTIONS]->(c)
