// For each actor, the statement edges it made plus the claims about it: what reading its profile
// and its accusations costs (graph/summaries.py keeps those of the busiest). Every actor when
// $actor_ids is null.
// $actor_ids: list[string]? the actors to count (null: all)
CALL () {
  UNWIND coalesce($actor_ids, []) AS id
  MATCH (a:Actor {id: id})
  RETURN a
  UNION
  MATCH (a:Actor)
  WHERE $actor_ids IS NULL
  RETURN a
}
CALL (a) {
  MATCH (a)-[r:ACCUSES|DENIES|REPORTS|SUPPORTS]->(:Claim)
  RETURN count(r) AS made
}
CALL (a) {
  MATCH (a)<-[:ABOUT]-(c:Claim)
  RETURN count(c) AS about
}
RETURN a.id AS actor_id, made + about AS links
