// Keep the oldest rows of /accusations (one per ACCUSES edge and accused actor, in its order:
// time, article, claim offset, statement, accused; undated last) as AccusationRank nodes
// (graph/tallies.py): the rows a write brings are added, then all but the first $keep are
// dropped, so the first pages of the unfiltered answer never sort every accusation.
// $rows: list[map] rows {key, statement_id, claim_id, accused_id, article_id, claim_start: int?, stated_at: string?}
// $keep: int how many rows to keep
UNWIND $rows AS row
MERGE (t:AccusationRank {key: row.key})
ON CREATE SET t.statement_id = row.statement_id, t.claim_id = row.claim_id, t.accused_id = row.accused_id,
              t.article_id = row.article_id, t.claim_start = row.claim_start,
              t.stated_at = CASE WHEN row.stated_at IS NULL THEN null ELSE datetime(row.stated_at) END
WITH count(*) AS added
MATCH (t:AccusationRank)
WITH t
ORDER BY t.stated_at, t.article_id, t.claim_start, t.statement_id, t.accused_id
SKIP $keep
DETACH DELETE t
