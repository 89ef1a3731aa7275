// Forget the kept scores of the accusation projection, before keeping new ones.
MATCH (s:ActorScore)
DELETE s
