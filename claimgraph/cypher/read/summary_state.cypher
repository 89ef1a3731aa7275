// The data version the kept actor summaries are of (graph/summaries.py; null: none kept yet),
// and the actors that have one. No row: nothing was ever written through claimgraph.
MATCH (g:GraphState {id: 'graph'})
OPTIONAL MATCH (state:SummaryState {id: 'graph'})
CALL () {
  OPTIONAL MATCH (s:ActorSummary)
  RETURN [id IN collect(s.actor_id) WHERE id IS NOT NULL] AS summarised
}
RETURN g.epoch + ':' + toString(g.version) AS data_version, state.data_version AS kept_version, summarised
