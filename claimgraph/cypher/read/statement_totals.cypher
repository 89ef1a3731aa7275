// Statements and statement edges per relation, and how many of the statements carry a time.
MATCH (:Actor)-[r:ACCUSES|DENIES|REPORTS|SUPPORTS]->(:Claim)
RETURN
  type(r) AS relation,
  count(DISTINCT r.statement_id) AS statements,
  count(r) AS edges,
  count(DISTINCT CASE WHEN r.stated_at IS NOT NULL THEN r.statement_id END) AS dated_statements
ORDER BY relation
