// Whether the tallies hold the whole graph (graph/tallies.py); no row: they were never counted.
MATCH (state:GraphState {id: 'graph'})
RETURN state.tallied = true AS tallied
