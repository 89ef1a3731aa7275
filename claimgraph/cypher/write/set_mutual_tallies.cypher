// Keep a MutualTally for each pair of actors a write touched who accuse each other
// (graph/tallies.py): the accusations each way, the articles with either, the first and last
// statement time, as read/mutual_accusations.cypher counts them. actor_a_id sorts first.
// $rows: list[map] rows {key: "a b", actor_a_id, actor_b_id}
UNWIND $rows AS row
MATCH (ab:PairTally {key: row.actor_a_id + ' ' + row.actor_b_id})
MATCH (ba:PairTally {key: row.actor_b_id + ' ' + row.actor_a_id})
MATCH (link:LinkTally {key: row.key})
WITH row, ab, ba, link
WHERE ab.accusations > 0 AND ba.accusations > 0
MERGE (m:MutualTally {key: row.key})
SET m.actor_a_id = row.actor_a_id,
    m.actor_b_id = row.actor_b_id,
    m.a_accuses_b = ab.accusations,
    m.b_accuses_a = ba.accusations,
    m.accusations = ab.accusations + ba.accusations,
    m.articles = link.articles,
    m.first_stated_at = CASE
      WHEN ab.first_stated_at IS NULL THEN ba.first_stated_at
      WHEN ba.first_stated_at IS NULL OR ab.first_stated_at <= ba.first_stated_at THEN ab.first_stated_at
      ELSE ba.first_stated_at END,
    m.last_stated_at = CASE
      WHEN ab.last_stated_at IS NULL THEN ba.last_stated_at
      WHEN ba.last_stated_at IS NULL OR ab.last_stated_at >= ba.last_stated_at THEN ab.last_stated_at
      ELSE ba.last_stated_at END
