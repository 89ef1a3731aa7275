// Add the articles new to two actors who accuse one another, either way (graph/tallies.py),
// in the write's transaction. actor_a_id sorts before actor_b_id.
// $rows: list[map] rows {key: "a b", actor_a_id, actor_b_id, articles: int}
UNWIND $rows AS row
MERGE (t:LinkTally {key: row.key})
ON CREATE SET t.actor_a_id = row.actor_a_id, t.actor_b_id = row.actor_b_id
SET t.articles = coalesce(t.articles, 0) + row.articles
