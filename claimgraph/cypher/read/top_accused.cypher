// The actors accused most: ACCUSES statements on claims ABOUT the actor, by others, most first.
// $limit: int how many actors
MATCH (accuser:Actor)-[r:ACCUSES]->(:Claim)-[:ABOUT]->(accused:Actor)
WHERE accuser <> accused
RETURN
  accused.id AS id,
  accused.name AS name,
  accused.kind AS kind,
  count(DISTINCT r.statement_id) AS accusations,
  count(DISTINCT accuser) AS accusers
ORDER BY accusations DESC, id
LIMIT $limit
