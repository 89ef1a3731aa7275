// The statements already in the graph for some articles, with their claims: tells the loader
// which statements are new and what an earlier statement's claim is, and (relation, speaker,
// targets) which accuser and accused pairs the article already counts (graph/tallies.py).
// $article_ids: list[string]
UNWIND $article_ids AS article_id
MATCH (:Article {id: article_id})-[:MENTIONS]->(c:Claim)<-[r:ACCUSES|DENIES|REPORTS|SUPPORTS]-(speaker:Actor)
WHERE r.article_id = article_id
RETURN DISTINCT r.article_id AS article_id, r.statement_id AS statement_id, c.id AS claim_id,
       type(r) AS relation, speaker.id AS speaker_id, r.target_ids AS target_ids
