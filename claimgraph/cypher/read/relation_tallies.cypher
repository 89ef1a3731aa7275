// The kept counts per relation (graph/tallies.py), as read/statement_totals.cypher counts them.
MATCH (t:RelationTally)
WHERE t.statements > 0
RETURN t.relation AS relation, t.statements AS statements, t.edges AS edges, t.dated_statements AS dated_statements,
       coalesce(t.target_rows, 0) AS target_rows
ORDER BY relation
