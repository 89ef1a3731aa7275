// The data version at which the kept scores of the accusation projection were computed
// (graph/analytics.py keep_projection_scores), and whether betweenness was estimated; no row:
// none are kept. They answer /analytics only while that version is the graph's.
MATCH (state:ScoreState {id: 'graph'})
RETURN state.data_version AS data_version, state.approximate AS approximate
