// Every claim of some ACCUSES statements that point at several claims, found through their
// article, with the actors each claim is ABOUT (graph/tallies.py).
// $statements: list[map] rows {article_id, statement_id, speaker_id}
UNWIND $statements AS s
MATCH (:Article {id: s.article_id})-[:MENTIONS]->(c:Claim)<-[r:ACCUSES]-(:Actor {id: s.speaker_id})
WHERE r.statement_id = s.statement_id
OPTIONAL MATCH (c)-[:ABOUT]->(a:Actor)
RETURN s.statement_id AS statement_id, c.id AS claim_id, collect(a.id) AS about
