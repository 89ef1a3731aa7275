// The kept accusation projection (graph/tallies.py): A -> B weighted by the distinct ACCUSES
// statements of A on claims ABOUT B, B other than A, as read/accusation_edges.cypher counts it.
MATCH (t:AboutPairTally)
WHERE t.accusations > 0
RETURN t.accuser_id AS source_id, t.accused_id AS target_id, t.accusations AS accusations
ORDER BY source_id, target_id
