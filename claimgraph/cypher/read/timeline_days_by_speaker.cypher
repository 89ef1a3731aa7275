// Statements per day (UTC) and relation made by given speakers, for /timeline?actor=. Starts from
// the speakers' index entries. Statements without a time are left out.
// $speaker_ids: list[string] only statements these actors made
// $relations: list[string]? only statements with these relations
// $since: datetime? only statements made at or after this time
// $until: datetime? only statements made before this time
UNWIND $speaker_ids AS speaker_id
MATCH (:Actor {id: speaker_id})-[r:ACCUSES|DENIES|REPORTS|SUPPORTS]->(:Claim)
WHERE r.stated_at IS NOT NULL
  AND ($relations IS NULL OR type(r) IN $relations)
  AND ($since IS NULL OR r.stated_at >= $since)
  AND ($until IS NULL OR r.stated_at < $until)
RETURN
  date(datetime({epochMillis: r.stated_at.epochMillis})) AS day,
  type(r) AS relation,
  count(DISTINCT r.statement_id) AS statements
ORDER BY day, relation
