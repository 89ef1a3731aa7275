// Add the actors, articles and claims a write created to the graph's node counts
// (graph/tallies.py), in its transaction.
// $actors: int
// $articles: int
// $claims: int
MERGE (t:NodeTally {id: 'graph'})
SET t.actors = coalesce(t.actors, 0) + $actors,
    t.articles = coalesce(t.articles, 0) + $articles,
    t.claims = coalesce(t.claims, 0) + $claims
