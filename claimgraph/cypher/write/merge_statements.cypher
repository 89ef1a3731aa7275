// Create or update statement edges, one per statement and claim, keyed by (statement_id,
// claim_id). Returns how many rows found both their speaker and their claim, so the caller can
// refuse an article whose claim is missing. stated_at travels as an ISO 8601 string.
// $statements: list[map] rows {statement_id, relation, speaker_id, claim_id, stated_at, properties}
UNWIND $statements AS statement
MATCH (c:Claim {id: statement.claim_id})
MATCH (s:Actor {id: statement.speaker_id})
// The relationship type cannot be a parameter, so each type has its branch. MERGE is written
// from the claim's side: ArcadeDB expands MERGE from its first node, and a speaker such as a
// country may have hundreds of thousands of statements where a claim has a few (measured,
// issue 2: 14 ms against 0.05 ms per row at 20k edges).
FOREACH (_ IN CASE WHEN statement.relation = 'ACCUSES' THEN [1] ELSE [] END |
  MERGE (c)<-[r:ACCUSES {statement_id: statement.statement_id, claim_id: statement.claim_id}]-(s)
  SET r += statement.properties, r.stated_at = datetime(statement.stated_at))
FOREACH (_ IN CASE WHEN statement.relation = 'DENIES' THEN [1] ELSE [] END |
  MERGE (c)<-[r:DENIES {statement_id: statement.statement_id, claim_id: statement.claim_id}]-(s)
  SET r += statement.properties, r.stated_at = datetime(statement.stated_at))
FOREACH (_ IN CASE WHEN statement.relation = 'REPORTS' THEN [1] ELSE [] END |
  MERGE (c)<-[r:REPORTS {statement_id: statement.statement_id, claim_id: statement.claim_id}]-(s)
  SET r += statement.properties, r.stated_at = datetime(statement.stated_at))
FOREACH (_ IN CASE WHEN statement.relation = 'SUPPORTS' THEN [1] ELSE [] END |
  MERGE (c)<-[r:SUPPORTS {statement_id: statement.statement_id, claim_id: statement.claim_id}]-(s)
  SET r += statement.properties, r.stated_at = datetime(statement.stated_at))
RETURN count(*) AS written
