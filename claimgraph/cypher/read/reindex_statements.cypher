// Every statement edge with what decides its claim (graph/reindex.py): its current claim, the
// words and targets it was stated with, and the statements a denial of "these claims" names.
// Sentences and offsets stay in the graph; a moved edge reads them with read/statement_edges.
MATCH (c:Claim)<-[r:ACCUSES|DENIES|REPORTS|SUPPORTS]-(:Actor)
RETURN c.id AS claim_id, r.statement_id AS statement_id, type(r) AS relation, r.article_id AS article_id,
       coalesce(r.claim_text, c.text, '') AS claim_text, coalesce(r.target_ids, []) AS target_ids,
       coalesce(r.refers_to, []) AS refers_to,
       r.negated AS negated
