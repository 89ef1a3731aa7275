// The ACCUSES statements on some claims, with their speaker and whether they point at several
// claims (refers_to): the statements a new ABOUT edge of these claims makes accusations of
// one more actor (graph/tallies.py).
// $claim_ids: list[string]
UNWIND $claim_ids AS id
MATCH (c:Claim {id: id})<-[r:ACCUSES]-(speaker:Actor)
RETURN c.id AS claim_id, r.statement_id AS statement_id, speaker.id AS speaker_id,
       r.refers_to IS NOT NULL AS several, r.article_id AS article_id
