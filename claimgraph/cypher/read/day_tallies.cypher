// The kept statements per day (UTC) and relation (graph/tallies.py), as
// read/timeline_days.cypher counts them without a time filter.
// $relations: list[string]? only these relations
MATCH (t:DayTally)
WHERE t.statements > 0 AND ($relations IS NULL OR t.relation IN $relations)
RETURN t.day AS day, t.relation AS relation, t.statements AS statements
ORDER BY day, relation
