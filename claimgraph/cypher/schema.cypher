// The graph's constraints and indexes, applied at every start; IF NOT EXISTS makes them idempotent.
//
// Nodes: (:Actor {id, name, kind, aliases}), (:Article {id, url, title, source, published_at,
// language, text, text_sha256}), (:Claim {id, text, terms, variants, about_ids}),
// (:ClaimTerm {term, claims}), (:GraphState {id: 'graph', epoch, version, tallied}) (the data
// version), and the tallies kept by every write (graph/tallies.py): (:RelationTally {relation,
// statements, edges, dated_statements}), (:DayTally {key, day, relation, statements}),
// (:PairTally {key, accuser_id, accused_id, accusations, articles, first_stated_at,
// last_stated_at}), (:NodeTally {id: 'graph', actors, articles, claims}), (:ContestedTally
// {claim_id, sides, statements, assertions, denials, asserters, deniers, last_stated_at}),
// (:AboutPairTally {key, accuser_id, accused_id, accusations}), (:AccusedTally {actor_id,
// accusations}), (:AccuserTally {actor_id, accusations}), (:LinkTally {key, actor_a_id,
// actor_b_id, articles}), (:MutualTally {key, actor_a_id, actor_b_id, a_accuses_b, b_accuses_a,
// accusations, articles, first_stated_at, last_stated_at}), (:AccusationRank {key, statement_id,
// claim_id, accused_id, article_id, claim_start, stated_at}) (the oldest rows of /accusations).
// The scores of the accusation projection kept by loads (graph/analytics.py): (:ActorScore
// {actor_id, pagerank, betweenness, community, accusations_made, accusations_received, accused,
// accusers}) and (:ScoreState {id: 'graph', data_version, approximate}). The summaries of the
// busiest actors kept after writes (graph/summaries.py): (:ActorSummary {actor_id,
// profile, accusations_made, accusations_received, network}) and (:SummaryState {id: 'graph',
// data_version}).
// Edges: (:Actor)-[:PART_OF {role}]->(:Actor), (:Claim)-[:ABOUT]->(:Actor),
// (:Article)-[:MENTIONS]->(:Claim), (:Claim)-[:HAS_TERM]->(:ClaimTerm) (the claim identity
// index, graph/claim_identity.py), and one statement edge
// (speaker:Actor)-[:ACCUSES|DENIES|REPORTS|SUPPORTS]->(:Claim) per statement and claim.
// A denial of "these claims" has one edge per claim it denies, all with its statement_id,
// hence the statement key is (statement_id, claim_id).
//
// Lookups start from an indexed node: the statements of an article are found through
// (:Article)-[:MENTIONS]->(:Claim)<-[statement]-(), the articles of a claim through
// (:Claim)<-[:MENTIONS]-(:Article), because ArcadeDB does not use relationship property
// indexes (measured, issue 2).

CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (c:Claim) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT claim_term IF NOT EXISTS FOR (t:ClaimTerm) REQUIRE t.term IS UNIQUE;
CREATE CONSTRAINT graph_state IF NOT EXISTS FOR (s:GraphState) REQUIRE s.id IS UNIQUE;
CREATE CONSTRAINT relation_tally IF NOT EXISTS FOR (t:RelationTally) REQUIRE t.relation IS UNIQUE;
CREATE CONSTRAINT day_tally IF NOT EXISTS FOR (t:DayTally) REQUIRE t.key IS UNIQUE;
CREATE CONSTRAINT pair_tally IF NOT EXISTS FOR (t:PairTally) REQUIRE t.key IS UNIQUE;
CREATE CONSTRAINT node_tally IF NOT EXISTS FOR (t:NodeTally) REQUIRE t.id IS UNIQUE;
CREATE CONSTRAINT contested_tally IF NOT EXISTS FOR (t:ContestedTally) REQUIRE t.claim_id IS UNIQUE;
CREATE CONSTRAINT about_pair_tally IF NOT EXISTS FOR (t:AboutPairTally) REQUIRE t.key IS UNIQUE;
CREATE CONSTRAINT accused_tally IF NOT EXISTS FOR (t:AccusedTally) REQUIRE t.actor_id IS UNIQUE;
CREATE CONSTRAINT accuser_tally IF NOT EXISTS FOR (t:AccuserTally) REQUIRE t.actor_id IS UNIQUE;
CREATE CONSTRAINT link_tally IF NOT EXISTS FOR (t:LinkTally) REQUIRE t.key IS UNIQUE;
CREATE CONSTRAINT mutual_tally IF NOT EXISTS FOR (t:MutualTally) REQUIRE t.key IS UNIQUE;
CREATE CONSTRAINT accusation_rank IF NOT EXISTS FOR (t:AccusationRank) REQUIRE t.key IS UNIQUE;
CREATE INDEX about_pair_accuser IF NOT EXISTS FOR (t:AboutPairTally) ON (t.accuser_id);
CREATE INDEX about_pair_accused IF NOT EXISTS FOR (t:AboutPairTally) ON (t.accused_id);
CREATE CONSTRAINT accuses_statement IF NOT EXISTS FOR ()-[r:ACCUSES]-() REQUIRE (r.statement_id, r.claim_id) IS UNIQUE;
CREATE CONSTRAINT denies_statement IF NOT EXISTS FOR ()-[r:DENIES]-() REQUIRE (r.statement_id, r.claim_id) IS UNIQUE;
CREATE CONSTRAINT reports_statement IF NOT EXISTS FOR ()-[r:REPORTS]-() REQUIRE (r.statement_id, r.claim_id) IS UNIQUE;
CREATE CONSTRAINT supports_statement IF NOT EXISTS FOR ()-[r:SUPPORTS]-() REQUIRE (r.statement_id, r.claim_id) IS UNIQUE;
CREATE INDEX actor_name IF NOT EXISTS FOR (a:Actor) ON (a.name);
CREATE CONSTRAINT actor_score IF NOT EXISTS FOR (s:ActorScore) REQUIRE s.actor_id IS UNIQUE;
CREATE CONSTRAINT score_state IF NOT EXISTS FOR (s:ScoreState) REQUIRE s.id IS UNIQUE;
CREATE CONSTRAINT actor_summary IF NOT EXISTS FOR (s:ActorSummary) REQUIRE s.actor_id IS UNIQUE;
CREATE CONSTRAINT summary_state IF NOT EXISTS FOR (s:SummaryState) REQUIRE s.id IS UNIQUE;
