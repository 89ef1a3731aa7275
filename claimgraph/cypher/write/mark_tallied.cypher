// Say that the tallies hold the whole graph, and in which form (graph/tallies.py
// TALLIES_VERSION): set once they are recounted. A graph whose tallies have another form is
// counted again.
// $epoch: string a fresh random id, kept only if the node is new
// $tallies_version: int the form of the tallies
MERGE (state:GraphState {id: 'graph'})
ON CREATE SET state.epoch = $epoch, state.version = 0
SET state.tallied = $tallies_version
