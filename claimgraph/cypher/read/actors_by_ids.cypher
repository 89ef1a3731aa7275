// Names and kinds of the given actors, by id (an indexed lookup per id).
// $actor_ids: list[string]
UNWIND $actor_ids AS actor_id
MATCH (a:Actor {id: actor_id})
RETURN a.id AS id, a.name AS name, a.kind AS kind
ORDER BY id
