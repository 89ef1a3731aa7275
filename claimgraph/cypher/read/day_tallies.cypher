// The kept statements per day (UTC) and relation (graph/tallies.py), as
// read/timeline_days.cypher counts them when its time bounds are whole days.
// $relations: list[string]? only these relations
// $since_day: string? only days from this one (YYYY-MM-DD)
// $until_day: string? only days before this one (YYYY-MM-DD)
MATCH (t:DayTally)
WHERE t.statements > 0 AND ($relations IS NULL OR t.relation IN $relations)
  AND ($since_day IS NULL OR t.day >= date($since_day))
  AND ($until_day IS NULL OR t.day < date($until_day))
RETURN t.day AS day, t.relation AS relation, t.statements AS statements
ORDER BY day, relation
