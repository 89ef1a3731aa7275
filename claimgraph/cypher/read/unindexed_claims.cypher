// Claims without identity index terms (written before the index existed), with their text:
// graph/reindex.py indexes the worded ones.
MATCH (c:Claim)
WHERE c.terms IS NULL
RETURN c.id AS claim_id, c.text AS text
ORDER BY claim_id
