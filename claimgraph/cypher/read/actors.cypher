// Actors whose name or an alias contains the search text (any letter case), optionally of one
// kind, by name then id, with the bodies each is PART_OF and how many statements it made and
// how many claims are about it. Every row also carries the number of actors of the whole
// answer (total); an empty page is one row of nulls with the total. The counts are taken
// for the rows of the page only.
// $q: string? lower-case text the name or an alias contains
// $kind: string? only actors of this kind (country, government_body, party, person, ...)
// $skip: int rows to skip
// $limit: int rows to return
MATCH (a:Actor)
WHERE ($kind IS NULL OR a.kind = $kind)
  AND ($q IS NULL
       OR toLower(a.name) CONTAINS $q
       OR any(alias IN coalesce(a.aliases, []) WHERE toLower(alias) CONTAINS $q))
WITH a
ORDER BY toLower(a.name), a.id
WITH collect(a) AS found
WITH size(found) AS total, found[$skip..$skip + $limit] AS page
UNWIND CASE WHEN page = [] THEN [null] ELSE page END AS a
CALL (a) {
  OPTIONAL MATCH (a)-[:PART_OF]->(parent:Actor)
  WITH parent ORDER BY parent.id
  RETURN collect(parent.id) AS part_of
}
CALL (a) {
  OPTIONAL MATCH (a)-[r:ACCUSES|DENIES|REPORTS|SUPPORTS]->(:Claim)
  RETURN count(DISTINCT r.statement_id) AS statements_made
}
CALL (a) {
  OPTIONAL MATCH (a)<-[:ABOUT]-(claim:Claim)
  RETURN count(DISTINCT claim) AS claims_about
}
RETURN
  total,
  a.id AS id,
  a.name AS name,
  a.kind AS kind,
  coalesce(a.aliases, []) AS aliases,
  part_of,
  statements_made,
  claims_about
ORDER BY toLower(name), id
