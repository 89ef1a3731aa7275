// Statements and statement edges per relation, how many of the statements carry a time, and
// the rows of their targets (one per edge and target: /accusations' rows for ACCUSES).
MATCH (:Actor)-[r:ACCUSES|DENIES|REPORTS|SUPPORTS]->(:Claim)
RETURN
  type(r) AS relation,
  count(DISTINCT r.statement_id) AS statements,
  count(r) AS edges,
  count(DISTINCT CASE WHEN r.stated_at IS NOT NULL THEN r.statement_id END) AS dated_statements,
  sum(size(coalesce(r.target_ids, []))) AS target_rows
ORDER BY relation
