// The kept node counts (graph/tallies.py), as read/graph_counts.cypher counts them.
OPTIONAL MATCH (t:NodeTally {id: 'graph'})
RETURN coalesce(t.actors, 0) AS actors, coalesce(t.articles, 0) AS articles, coalesce(t.claims, 0) AS claims
