// An actor's profile: names and kind, the bodies it belongs to and those that belong to it, the
// statements it made per relation, the statements others made about it per relation, and its
// top counterparts: the actors most often on the other side of its statements. With rollup,
// the statements of its parts (PART_OF, transitively, up to 8 levels) count as its own.
// Every step starts from the actor's index entry and its members' edges, never from an edge
// scan (ArcadeDB does not use relationship property indexes, issue 4).
// $actor_id: string
// $rollup: bool? count the statements of the actor's parts as its own (null: no)
// $top: int how many counterparts to list
MATCH (a:Actor {id: $actor_id})
CALL (a) {
  OPTIONAL MATCH (a)-[up:PART_OF]->(parent:Actor)
  RETURN [p IN collect({id: parent.id, name: parent.name, kind: parent.kind, role: up.role}) WHERE p.id IS NOT NULL] AS parents
}
CALL (a) {
  OPTIONAL MATCH (child:Actor)-[down:PART_OF]->(a)
  RETURN [c IN collect({id: child.id, name: child.name, kind: child.kind, role: down.role}) WHERE c.id IS NOT NULL] AS children
}
CALL (a) {
  MATCH (a)<-[:PART_OF*0..8]-(member:Actor)
  WHERE $rollup OR member = a
  RETURN collect(DISTINCT member) AS members, collect(DISTINCT member.id) AS member_ids
}
CALL (members) {
  UNWIND members AS member
  MATCH (member)-[r:ACCUSES|DENIES|REPORTS|SUPPORTS]->(:Claim)
  WITH type(r) AS relation, count(DISTINCT r.statement_id) AS n
  RETURN collect({relation: relation, statements: n}) AS statements_made
}
CALL (members, member_ids) {
  UNWIND members AS member
  MATCH (member)<-[:ABOUT]-(:Claim)<-[r:ACCUSES|DENIES|REPORTS|SUPPORTS]-(other:Actor)
  WHERE NOT other.id IN member_ids
  WITH type(r) AS relation, count(DISTINCT r.statement_id) AS n
  RETURN collect({relation: relation, statements: n}) AS statements_about
}
// The other end of a statement. Made: its targets, and for a denial the actors asserting the
// denied claim. Received: accusations and reports aimed at it, and denials of its claims.
CALL (members, member_ids) {
  CALL (members) {
    UNWIND members AS member
    MATCH (member)-[r:ACCUSES|DENIES|REPORTS|SUPPORTS]->(:Claim)
    UNWIND r.target_ids AS other_id
    RETURN other_id, r.statement_id AS statement_id, 'made' AS direction
    UNION
    UNWIND members AS member
    MATCH (member)-[r:DENIES]->(:Claim)<-[:ACCUSES|REPORTS|SUPPORTS]-(other:Actor)
    RETURN other.id AS other_id, r.statement_id AS statement_id, 'made' AS direction
    UNION
    UNWIND members AS member
    MATCH (member)<-[:ABOUT]-(:Claim)<-[r:ACCUSES|REPORTS]-(other:Actor)
    WHERE member.id IN r.target_ids
    RETURN other.id AS other_id, r.statement_id AS statement_id, 'received' AS direction
    UNION
    UNWIND members AS member
    MATCH (member)-[:ACCUSES|REPORTS|SUPPORTS]->(:Claim)<-[r:DENIES]-(other:Actor)
    RETURN other.id AS other_id, r.statement_id AS statement_id, 'received' AS direction
  }
  WITH other_id, direction, statement_id
  WHERE NOT other_id IN member_ids
  WITH other_id,
    count(DISTINCT CASE WHEN direction = 'made' THEN statement_id END) AS made,
    count(DISTINCT CASE WHEN direction = 'received' THEN statement_id END) AS received
  ORDER BY made + received DESC, other_id
  LIMIT $top
  MATCH (other:Actor {id: other_id})
  RETURN collect({id: other.id, name: other.name, kind: other.kind, statements: made + received,
                  made: made, received: received}) AS counterparts
}
RETURN
  a.id AS id,
  a.name AS name,
  a.kind AS kind,
  coalesce(a.aliases, []) AS aliases,
  parents AS part_of,
  children AS has_parts,
  [m IN member_ids WHERE m <> a.id] AS parts_counted,
  statements_made,
  statements_about,
  counterparts
