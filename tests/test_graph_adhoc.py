"""The read-only check of ad hoc Cypher (graph/adhoc.py), without a database.

The attack corpus runs through the API against the real engine in test_api_cypher.py; these
tests pin the rules one by one, on queries written for them.
"""

from __future__ import annotations

import pytest

from claimgraph.graph.adhoc import ALLOWED_PROCEDURES, check_read_only, lex, strip_explain
from claimgraph.graph.errors import CypherSyntaxError, WriteRefusedError


@pytest.mark.parametrize("query", [
    "MATCH (n) RETURN n",
    "MATCH (a:Actor)-[r:ACCUSES]->(c:Claim) WHERE a.id = $id RETURN a, r, c ORDER BY c.id SKIP 1 LIMIT 10",
    "MATCH p = shortestPath((a:Actor {id: $a})-[*..6]-(b:Actor {id: $b})) RETURN p",
    "MATCH (c:Claim) WHERE c.text CONTAINS 'they will CREATE a SET of DELETE statements' RETURN c",
    'RETURN "LOAD CSV; DROP INDEX; CALL apoc.x()" AS s',
    "MATCH (n) RETURN n // DETACH DELETE n",
    "MATCH (n) /* SET n.x = 1 */ RETURN n",
    "MATCH (n) RETURN n.set, n.create, n.delete, {merge: 1, remove: 2} AS m",
    "MATCH (n:Set|Create) RETURN n",
    "MATCH (n:`DROP`) RETURN n.`SET` AS `CREATE`",
    "MATCH (start)-[r]->(stop) RETURN start, stop",
    "MATCH (a)-[deny:DENIES]->(c) RETURN deny",
    "RETURN $create AS c, $`SET` AS s",
    "CALL db.labels()",
    "CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType",
    "CALL DB.LABELS()",
    "CALL `db`.`labels`()",
    "CALL db.schema.visualization()",
    "CALL { MATCH (n) RETURN count(n) AS c } RETURN c",
    "MATCH (a:Actor) CALL (a) { MATCH (a)-->(c) RETURN count(c) AS n } RETURN a.id, n",
    "MATCH (n) WHERE EXISTS { MATCH (n)-->() } AND COUNT { (n)-->() } > 1 RETURN n",
    "RETURN date.truncate('month', date()) AS d, duration.between(date('2020-01-01'), date()) AS du",
    "RETURN vector.similarity.cosine([1.0, 0.0], [0.0, 1.0]) AS s",
    "MATCH (n) RETURN n UNION ALL MATCH (m) RETURN m AS n",
    "EXPLAIN MATCH (n) RETURN n",
    "PROFILE MATCH (n) RETURN n",
    "RETURN 'a\\'b' AS s",
    "RETURN 1 AS `x``y`",
    "RETURN 'zero\u200bwidth in a string is data' AS s",
    "RETURN 1.5e3 AS x, .5 AS y, 0x1F AS z",
])
def test_adhoc_reads_pass(query: str) -> None:
    assert check_read_only(query) == query


@pytest.mark.parametrize(("query", "rule"), [
    ("CREATE (n)", "write-clause"),
    ("create (n)", "write-clause"),
    ("MERGE (n {id: 1})", "write-clause"),
    ("MATCH (n) SET n.x = 1", "write-clause"),
    ("MATCH (n) DELETE n", "write-clause"),
    ("MATCH (n) DETACH DELETE n", "write-clause"),
    ("MATCH (n) REMOVE n.x", "write-clause"),
    ("LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l", "write-clause"),
    ("FOREACH (x IN [1] | CREATE ())", "write-clause"),
    ("INSERT (n:X)", "write-clause"),
    ("CALL { CREATE (n) RETURN n } RETURN n", "write-clause"),
    ("MATCH (n) CALL (n) { RETURN 1 AS one } IN TRANSACTIONS RETURN one", "transactions"),
    ("CREATE INDEX i FOR (n:X) ON (n.x)", "write-clause"),
    ("DROP INDEX i", "admin-command"),
    ("SHOW INDEXES", "admin-command"),
    ("USE system MATCH (n) RETURN n", "admin-command"),
    ("TERMINATE TRANSACTIONS 'x'", "admin-command"),
    ("GRANT ROLE admin TO mallory", "admin-command"),
    ("DENY READ {*} ON GRAPH * TO reader", "admin-command"),
    ("START DATABASE claims", "admin-command"),
    ("MATCH (n) RETURN n UNION STOP DATABASE claims", "admin-command"),
    ("CYPHER 5 MATCH (n) RETURN n", "pre-parser"),
    ("CALL dbms.components()", "procedure"),
    ("CALL apoc.create.node(['X'], {})", "procedure"),
    ("CALL `apoc.create`.node(['X'], {})", "procedure"),
    ("CALL apoc . create . node(['X'], {})", "procedure"),
    ("CALL db.labels() YIELD label CALL algo.pagerank() YIELD node RETURN node", "procedure"),
    ("RETURN apoc.text.join(['a'], '') AS s", "function"),
    ("RETURN `apoc`.`text`.`join`(['a'], '') AS s", "function"),
    ("RETURN 1; RETURN 2", "multiple-statements"),
    ("RETURN 1;;", "multiple-statements"),
    ("CRE/**/ATE (n)", "write-clause"),
    ("ＣＲＥＡＴＥ (n)", "write-clause"),
    ("СREATE (n)", "write-clause"),  # Cyrillic С
    ("ᴍᴇʀɢᴇ (n)", "write-clause"),
    ("CRE\u200bATE (n)", "invisible-character"),
    ("MATCH (n)\u2060SET n.x = 1", "invisible-character"),
    ("RETURN 1\x00", "invisible-character"),
    ("MATCH (n) RETURN n // x\u2028CREATE (m)", "write-clause"),
    ("MATCH (n) RETURN n // x\rCREATE (m)", "write-clause"),
    ("RETURN 1.CREATE (n)", "write-clause"),
])
def test_adhoc_refused_with_its_rule(query: str, rule: str) -> None:
    with pytest.raises(WriteRefusedError) as refused:
        check_read_only(query)
    assert refused.value.rule == rule, str(refused.value)


def test_adhoc_refusal_says_what_and_where() -> None:
    with pytest.raises(WriteRefusedError, match=r"^SET writes to the graph: only reads are allowed .* \(at line 2, column 1\)$") as refused:
        check_read_only("MATCH (n:Actor)\nSET n.name = 'x'")
    assert refused.value.position == 16
    with pytest.raises(WriteRefusedError, match=r"procedure apoc\.help is not on the allow-list \(db\.labels, "):
        check_read_only("CALL apoc.help('x')")
    with pytest.raises(WriteRefusedError, match=r"U\+200D \(ZERO WIDTH JOINER\) at line 1, column 4"):
        check_read_only("CRE\u200dATE (n)")


def test_adhoc_trailing_semicolon_is_dropped() -> None:
    assert check_read_only("RETURN 1 AS x;") == "RETURN 1 AS x"
    assert check_read_only("RETURN 1 AS x ; // done") == "RETURN 1 AS x "


@pytest.mark.parametrize(("query", "message"), [
    ("", "empty"),
    ("   // nothing\n", "empty"),
    (";", "empty"),
    ("RETURN 'open", "a string opened at line 1, column 8 is not closed"),
    ('RETURN "open\\"', "a string opened at line 1, column 8 is not closed"),
    ("RETURN 1 AS `open", "a quoted name opened at line 1, column 13 is not closed"),
    ("RETURN 1 /* open", "a comment opened at line 1, column 10 is not closed"),
])
def test_adhoc_unreadable_queries_are_syntax_errors(query: str, message: str) -> None:
    with pytest.raises(CypherSyntaxError, match=message):
        check_read_only(query)


def test_adhoc_lexer_keeps_strings_comments_and_names_whole() -> None:
    tokens = [(t.kind, t.text) for t in lex("MATCH (n:`a``b`) WHERE n.x = 'it\\'s' // c\nRETURN $p")
              if t.kind != "space"]
    assert tokens == [
        ("word", "MATCH"), ("punct", "("), ("word", "n"), ("punct", ":"), ("name", "`a``b`"), ("punct", ")"),
        ("word", "WHERE"), ("word", "n"), ("punct", "."), ("word", "x"), ("punct", "="), ("string", "'it\\'s'"),
        ("comment", "// c"), ("word", "RETURN"), ("param", "$p"),
    ]


def test_adhoc_allow_list_is_read_only_procedures() -> None:
    assert ALLOWED_PROCEDURES == {"db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
                                  "db.schema.nodetypeproperties", "db.schema.reltypeproperties"}


def test_adhoc_strip_explain() -> None:
    assert strip_explain("EXPLAIN MATCH (n) RETURN n").strip() == "MATCH (n) RETURN n"
    assert strip_explain("profile MATCH (n) RETURN n").strip() == "MATCH (n) RETURN n"
    assert strip_explain("MATCH (n) RETURN n") == "MATCH (n) RETURN n"


def test_adhoc_label_expressions_hold_names_not_clauses() -> None:
    assert check_read_only("MATCH (n:Set|Create)-[:MERGE|:DELETE]->(m:A&!Remove) RETURN n")
    for query in ("MATCH (n) WITH [x IN [1] | x] AS l CREATE (m)", "RETURN reduce(s = 0, x IN [1] | s) | CREATE"):
        with pytest.raises(WriteRefusedError):
            check_read_only(query)


def test_adhoc_arcadedb_sql_functions_are_refused() -> None:
    with pytest.raises(WriteRefusedError, match="function sql.eval is not an allowed built-in function") as refused:
        check_read_only("RETURN sql.eval('x') AS x")
    assert refused.value.rule == "function"
    assert check_read_only("RETURN vector.distance.cosine([1.0], [1.0]) AS d, geo.distance(1, 2, 3, 4) AS g")
