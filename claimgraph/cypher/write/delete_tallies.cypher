// Forget every tally (graph/tallies.py recounts them from the statements).
MATCH (t)
WHERE t:RelationTally OR t:DayTally OR t:PairTally OR t:NodeTally
DETACH DELETE t
