// The kept scores of the accusation projection (graph/analytics.py keep_projection_scores):
// per actor its PageRank, betweenness, community and degrees; read/projection_score_state.cypher
// says for which data version.
MATCH (s:ActorScore)
RETURN s.actor_id AS actor_id, s.pagerank AS pagerank, s.betweenness AS betweenness,
       s.community AS community, s.accusations_made AS accusations_made,
       s.accusations_received AS accusations_received, s.accused AS accused, s.accusers AS accusers,
       s.within_community AS within_community, s.across_communities AS across_communities
ORDER BY actor_id
