// The actor-to-actor accusation projection, for centrality: an edge A -> B for every pair where A
// ACCUSES a claim ABOUT B (B other than A), weighted by the number of such statements.
MATCH (accuser:Actor)-[r:ACCUSES]->(:Claim)-[:ABOUT]->(accused:Actor)
WHERE accuser <> accused
RETURN accuser.id AS source_id, accused.id AS target_id, count(DISTINCT r.statement_id) AS accusations
ORDER BY source_id, target_id
