// The actors who made the most accusations (ACCUSES statements), most first.
// $limit: int how many actors
MATCH (accuser:Actor)-[r:ACCUSES]->(c:Claim)
OPTIONAL MATCH (c)-[:ABOUT]->(accused:Actor)
WHERE accused <> accuser
RETURN
  accuser.id AS id,
  accuser.name AS name,
  accuser.kind AS kind,
  count(DISTINCT r.statement_id) AS accusations,
  count(DISTINCT accused) AS accused
ORDER BY accusations DESC, id
LIMIT $limit
