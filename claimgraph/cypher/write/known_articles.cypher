// The articles already in the graph among those about to be written: their text hash, so that
// one id never gets a second text (the offsets of its statements point into the first), and
// the metadata the evidence rows show, so that a write knows whether it changed them.
// $article_ids: list[string] the articles about to be written
MATCH (a:Article)
WHERE a.id IN $article_ids
RETURN a.id AS article_id, a.text_sha256 AS text_sha256, a.url AS url, a.title AS title, a.source AS source
