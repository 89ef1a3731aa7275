// An actor's summary kept after the writes (graph/summaries.py), only while it is of the
// graph's current data version: its profile, the first rows of the accusations it made and of
// those it received, and its network as the explorer draws it, each as JSON text. No row: none
// is kept for the actor, or the kept ones are stale.
// $actor_id: string
MATCH (g:GraphState {id: 'graph'})
MATCH (state:SummaryState {id: 'graph'})
WHERE state.data_version = g.epoch + ':' + toString(g.version)
MATCH (s:ActorSummary {actor_id: $actor_id})
RETURN s.profile AS profile, s.accusations_made AS accusations_made,
       s.accusations_received AS accusations_received, s.network AS network
