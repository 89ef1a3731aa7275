// How many actors, articles, claims and statement edges the graph holds.
CALL () { MATCH (a:Actor) RETURN count(a) AS actors }
CALL () { MATCH (a:Article) RETURN count(a) AS articles }
CALL () { MATCH (c:Claim) RETURN count(c) AS claims }
CALL () { MATCH ()-[r:ACCUSES|DENIES|REPORTS|SUPPORTS]->() RETURN count(r) AS statement_edges }
RETURN actors, articles, claims, statement_edges
