// Every accuser and accused pair with its accusations, articles, first and last statement time,
// unsorted: what graph/tallies.py recounts its pair tallies from (read/accusation_pairs.cypher
// sorts and pages the same counts, which on a large graph needs more query heap than a
// recount may take).
MATCH (speaker:Actor)-[r:ACCUSES]->(:Claim)
UNWIND r.target_ids AS accused_id
RETURN
  speaker.id AS accuser_id,
  accused_id,
  count(DISTINCT r.statement_id) AS accusations,
  count(DISTINCT r.article_id) AS articles,
  min(r.stated_at) AS first_stated_at,
  max(r.stated_at) AS last_stated_at
