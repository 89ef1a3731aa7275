// Every actor's ACCUSES statements, unsorted: what graph/tallies.py recounts its accuser
// tallies from (read/top_accusers.cypher sorts the same counts).
MATCH (accuser:Actor)-[r:ACCUSES]->(:Claim)
RETURN accuser.id AS actor_id, count(DISTINCT r.statement_id) AS accusations
