// Say that the tallies hold the whole graph (graph/tallies.py): set once they are recounted.
// $epoch: string a fresh random id, kept only if the node is new
MERGE (state:GraphState {id: 'graph'})
ON CREATE SET state.epoch = $epoch, state.version = 0
SET state.tallied = true
