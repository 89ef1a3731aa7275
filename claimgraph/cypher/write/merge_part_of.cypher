// Link actors to the bodies they belong to (spokesman -> party -> country), with the role held.
// $links: list[map] rows {child_id, parent_id, role}
UNWIND $links AS link
MATCH (child:Actor {id: link.child_id})
MATCH (parent:Actor {id: link.parent_id})
// Written from the child's side: a country is PART_OF's hub, a ministry is not.
MERGE (child)-[r:PART_OF]->(parent)
SET r.role = link.role
