// Count one more change of the graph's data, in the transaction that makes it: the API's
// answer cache and ETags (api/caching.py) are keyed by (epoch, version). The epoch is set when
// the node is created, so a graph emptied and filled again never repeats a key.
// $epoch: string a fresh random id, kept only if the node is new
MERGE (state:GraphState {id: 'graph'})
ON CREATE SET state.epoch = $epoch, state.version = 0
SET state.version = state.version + 1
