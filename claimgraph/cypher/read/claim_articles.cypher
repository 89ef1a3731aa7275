// The articles that state or deny a claim, newest first. Starts from the claim's index entry and
// follows MENTIONS back: an indexed lookup, not an edge scan.
// $claim_id: string
MATCH (:Claim {id: $claim_id})<-[:MENTIONS]-(article:Article)
RETURN
  article.id AS id,
  article.url AS url,
  article.title AS title,
  article.source AS source,
  article.published_at AS published_at
ORDER BY published_at DESC, id
