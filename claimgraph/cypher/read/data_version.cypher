// The graph's data version (write/bump_data_version.cypher): no row before the first write
// through claimgraph.
MATCH (state:GraphState {id: 'graph'})
RETURN state.epoch AS epoch, state.version AS version
