// Delete statement edges by key once they are written on their new claim (graph/reindex.py),
// and the article's MENTIONS of the old claim when none of its statements is left on it.
// $edges: list[map] rows {statement_id, claim_id}
UNWIND $edges AS edge
MATCH (c:Claim {id: edge.claim_id})<-[r:ACCUSES|DENIES|REPORTS|SUPPORTS]-(:Actor)
WHERE r.statement_id = edge.statement_id
WITH c, r, r.article_id AS article_id
DELETE r
WITH DISTINCT c, article_id
MATCH (a:Article {id: article_id})-[m:MENTIONS]->(c)
WHERE NOT EXISTS { MATCH (c)<-[s:ACCUSES|DENIES|REPORTS|SUPPORTS]-(:Actor) WHERE s.article_id = article_id }
DELETE m
