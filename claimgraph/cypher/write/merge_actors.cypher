// Create or update actors. A declared actor (from an actor record) sets name and kind; an actor
// only named by a statement fills in what is unknown and adds the names it was called by.
// $actors: list[map] rows {id, name, kind, aliases, declared}
UNWIND $actors AS actor
MERGE (a:Actor {id: actor.id})
ON CREATE SET a.name = actor.name, a.kind = actor.kind, a.aliases = actor.aliases
ON MATCH SET
  a.name = CASE WHEN actor.declared THEN actor.name ELSE a.name END,
  a.kind = CASE WHEN actor.declared OR a.kind = 'unknown' THEN actor.kind ELSE a.kind END,
  a.aliases = coalesce(a.aliases, []) + [alias IN actor.aliases WHERE NOT alias IN coalesce(a.aliases, [])]
