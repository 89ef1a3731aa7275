// Keep the scores of the accusation projection (graph/analytics.py keep_projection_scores), one
// node per actor, and the data version they were computed at. Not a change of the graph's
// data: the data version stays.
// $rows: list[map] one per actor: its id, the fields of graph/analytics.py ActorScore
// $data_version: string
// $approximate: bool whether betweenness was estimated from sampled sources
UNWIND $rows AS row
CREATE (:ActorScore {actor_id: row.actor_id, pagerank: row.pagerank, betweenness: row.betweenness,
                     community: row.community, accusations_made: row.accusations_made,
                     accusations_received: row.accusations_received, accused: row.accused,
                     accusers: row.accusers, within_community: row.within_community,
                     across_communities: row.across_communities})
WITH count(*) AS kept
MERGE (state:ScoreState {id: 'graph'})
SET state.data_version = $data_version, state.approximate = $approximate
