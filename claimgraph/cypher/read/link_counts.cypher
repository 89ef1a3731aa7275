// For every two actors with an accusation between them either way (not of oneself), the
// articles holding one, unsorted: what graph/tallies.py recounts its link tallies from.
MATCH (speaker:Actor)-[r:ACCUSES]->(:Claim)
UNWIND r.target_ids AS target_id
WITH speaker.id AS speaker_id, target_id, r
WHERE speaker_id <> target_id
WITH CASE WHEN speaker_id < target_id THEN speaker_id ELSE target_id END AS actor_a_id,
     CASE WHEN speaker_id < target_id THEN target_id ELSE speaker_id END AS actor_b_id, r
RETURN actor_a_id, actor_b_id, count(DISTINCT r.article_id) AS articles
