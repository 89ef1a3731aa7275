// The text hashes of articles already in the graph, so that one id never gets a second text:
// the offsets of its statements point into the first.
// $article_ids: list[string] the articles about to be written
MATCH (a:Article)
WHERE a.id IN $article_ids AND a.text_sha256 IS NOT NULL
RETURN a.id AS article_id, a.text_sha256 AS text_sha256
