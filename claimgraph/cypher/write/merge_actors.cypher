// Create or update actors. A declared actor (from an actor record) sets name and kind; an actor
// only named by a statement fills in what is unknown. Every name an actor was called by that is
// not its name already becomes an alias.
// $actors: list[map] rows {id, name, kind, aliases, declared}
UNWIND $actors AS actor
MERGE (a:Actor {id: actor.id})
ON CREATE SET a.name = actor.name, a.kind = actor.kind, a.aliases = actor.aliases
ON MATCH SET
  a.aliases = coalesce(a.aliases, []) + [alias IN actor.aliases + [actor.name]
                                         WHERE alias <> a.name AND NOT alias IN coalesce(a.aliases, [])],
  a.name = CASE WHEN actor.declared THEN actor.name ELSE a.name END,
  a.kind = CASE WHEN actor.declared OR a.kind = 'unknown' THEN actor.kind ELSE a.kind END
