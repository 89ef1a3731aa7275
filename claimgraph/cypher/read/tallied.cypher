// The form of the tallies that hold the whole graph (graph/tallies.py TALLIES_VERSION); no
// row, or null: they were never counted.
MATCH (state:GraphState {id: 'graph'})
RETURN state.tallied AS tallied
