// Say which data version the kept actor summaries are of (graph/summaries.py), unless another
// refresh moved it since this one started: set only when it is still $expected. Returns the
// number of states set (0 or 1).
// $data_version: string the version the refresh started at
// $expected: string? the version the refresh found kept (null: none)
MERGE (state:SummaryState {id: 'graph'})
WITH state
WHERE (state.data_version IS NULL AND $expected IS NULL) OR state.data_version = $expected
SET state.data_version = $data_version
RETURN count(state) AS set
