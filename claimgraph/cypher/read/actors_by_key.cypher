// Actors known by a key: their id, or their name or an alias in any letter case.
// $key: string
MATCH (a:Actor)
WHERE a.id = $key
   OR toLower(a.name) = toLower($key)
   OR any(alias IN coalesce(a.aliases, []) WHERE toLower(alias) = toLower($key))
RETURN a.id AS id, a.name AS name
ORDER BY id
