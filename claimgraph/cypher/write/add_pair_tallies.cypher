// Add what a batch of new ACCUSES statements brings to each accuser and accused (a target of
// the statement) pair (graph/tallies.py), in the batch's transaction: accusations, articles
// new to the pair, first and last statement time. Times travel as ISO 8601 strings.
// $rows: list[map] rows {key: "accuser accused", accuser_id, accused_id, accusations: int, articles: int, first: string?, last: string?}
UNWIND $rows AS row
MERGE (t:PairTally {key: row.key})
ON CREATE SET t.accuser_id = row.accuser_id, t.accused_id = row.accused_id
WITH t, row,
     CASE WHEN row.first IS NULL THEN null ELSE datetime(row.first) END AS first,
     CASE WHEN row.last IS NULL THEN null ELSE datetime(row.last) END AS last
SET t.accusations = coalesce(t.accusations, 0) + row.accusations,
    t.articles = coalesce(t.articles, 0) + row.articles,
    t.first_stated_at = CASE WHEN t.first_stated_at IS NULL OR first < t.first_stated_at THEN coalesce(first, t.first_stated_at) ELSE t.first_stated_at END,
    t.last_stated_at = CASE WHEN t.last_stated_at IS NULL OR last > t.last_stated_at THEN coalesce(last, t.last_stated_at) ELSE t.last_stated_at END
