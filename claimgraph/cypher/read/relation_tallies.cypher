// The kept counts per relation (graph/tallies.py), as read/statement_totals.cypher counts them.
MATCH (t:RelationTally)
WHERE t.statements > 0
RETURN t.relation AS relation, t.statements AS statements, t.edges AS edges, t.dated_statements AS dated_statements
ORDER BY relation
