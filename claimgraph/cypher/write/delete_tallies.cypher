// Forget every tally (graph/tallies.py recounts them from the statements).
MATCH (t)
WHERE t:RelationTally OR t:DayTally OR t:PairTally OR t:NodeTally OR t:ContestedTally
   OR t:AboutPairTally OR t:AccusedTally OR t:AccuserTally OR t:LinkTally OR t:MutualTally
   OR t:AccusationRank
DETACH DELETE t
