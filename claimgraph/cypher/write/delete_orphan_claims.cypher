// Delete the claims no statement points at any more (after graph/reindex.py moved their
// statements), with their ABOUT, MENTIONS and HAS_TERM edges. Returns how many.
MATCH (c:Claim)
WHERE NOT EXISTS { MATCH (c)<-[:ACCUSES|DENIES|REPORTS|SUPPORTS]-(:Actor) }
DETACH DELETE c
RETURN count(*) AS deleted
