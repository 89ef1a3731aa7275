// What the answers show of some actors (graph/store.py: which ones a write of declared actors
// changed): name, kind, aliases and the bodies each is PART_OF.
// $actor_ids: list[string]
UNWIND $actor_ids AS actor_id
MATCH (a:Actor {id: actor_id})
OPTIONAL MATCH (a)-[:PART_OF]->(parent:Actor)
WITH a, parent
ORDER BY parent.id
RETURN a.id AS id, a.name AS name, a.kind AS kind, coalesce(a.aliases, []) AS aliases,
       collect(parent.id) AS parent_ids
