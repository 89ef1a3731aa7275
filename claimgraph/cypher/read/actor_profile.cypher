// An actor's profile: names and kind, the bodies it belongs to and those that belong to it, the
// statements it made per relation, and the statements others made about it per relation.
// $actor_id: string
MATCH (a:Actor {id: $actor_id})
OPTIONAL MATCH (a)-[up:PART_OF]->(parent:Actor)
WITH a, [p IN collect({id: parent.id, name: parent.name, kind: parent.kind, role: up.role}) WHERE p.id IS NOT NULL] AS parents
OPTIONAL MATCH (child:Actor)-[down:PART_OF]->(a)
WITH a, parents, [c IN collect({id: child.id, name: child.name, kind: child.kind, role: down.role}) WHERE c.id IS NOT NULL] AS children
OPTIONAL MATCH (a)-[made:ACCUSES|DENIES|REPORTS|SUPPORTS]->(:Claim)
WITH a, parents, children, type(made) AS relation, count(DISTINCT made.statement_id) AS n
WITH a, parents, children, [x IN collect({relation: relation, statements: n}) WHERE x.relation IS NOT NULL] AS made
OPTIONAL MATCH (a)<-[:ABOUT]-(:Claim)<-[about:ACCUSES|DENIES|REPORTS|SUPPORTS]-(other:Actor)
WHERE other <> a
WITH a, parents, children, made, type(about) AS relation, count(DISTINCT about.statement_id) AS n
RETURN
  a.id AS id,
  a.name AS name,
  a.kind AS kind,
  coalesce(a.aliases, []) AS aliases,
  parents AS part_of,
  children AS has_parts,
  made AS statements_made,
  [x IN collect({relation: relation, statements: n}) WHERE x.relation IS NOT NULL] AS statements_about
