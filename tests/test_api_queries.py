"""GET /queries and GET|POST /queries/{name}: the catalogue, runs with typed parameters, the
user folder (CLAIMGRAPH_QUERIES_DIR) and its read-only check."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from claimgraph.api.main import create_app
from claimgraph.graph.cypher import _parse, coerce_parameters
from claimgraph.graph.engine import Graph
from claimgraph.graph.errors import CypherFileError, InvalidParametersError
from claimgraph.graph.settings import Settings
from test_api_cypher import assert_problem

ECHO = """// Every parameter type, given back (for tests).
// $s: string a string
// $i: int an integer
// $f: float? a number
// $b: bool? a flag
// $t: datetime? a time
// $l: list[string]? some strings
// $m: map? a map
RETURN $s AS s, $i AS i, $f AS f, $b AS b, $t AS t, $l AS l, $m AS m
"""
DENIERS = """// Who denied claims, with how many denials.
MATCH (a:Actor)-[r:DENIES]->(:Claim)
RETURN a.id AS speaker, count(r) AS denials
ORDER BY speaker
"""
COUNTING = """// The numbers from 1 to n.
// $n: int how far to count
UNWIND range(1, $n) AS x RETURN x;
"""


@pytest.fixture
def user_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "queries"
    folder.mkdir()
    (folder / "echo.cypher").write_text(ECHO, encoding="utf-8")
    (folder / "deniers.cypher").write_text(DENIERS, encoding="utf-8")
    (folder / "counting.cypher").write_text(COUNTING, encoding="utf-8")
    (folder / "notes.txt").write_text("not a query", encoding="utf-8")
    return folder


@pytest.fixture
def queries_client(seeded_graph: Graph, user_folder: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(QUERIES_DIR=user_folder, MAX_ROWS=3), seeded_graph)) as client:
        yield client


def test_api_queries_lists_builtin_and_user_queries(queries_client: TestClient) -> None:
    body = queries_client.get("/queries").json()
    by_name = {q["name"]: q for q in body["queries"]}
    assert body["total"] == len(body["queries"]) and list(by_name) == sorted(by_name)
    assert by_name["actors_by_key"] == {
        "name": "actors_by_key", "source": "builtin",
        "description": "Actors known by a key: their id, or their name or an alias in any letter case.",
        "parameters": [{"name": "key", "type": "string", "optional": False, "description": ""}],
        "path": "/queries/actors_by_key",
    }
    assert by_name["graph_counts"]["parameters"] == []
    assert by_name["echo"]["source"] == "user"
    assert [(p["name"], p["type"], p["optional"]) for p in by_name["echo"]["parameters"]] == [
        ("s", "string", False), ("i", "int", False), ("f", "float", True), ("b", "bool", True),
        ("t", "datetime", True), ("l", "list[string]", True), ("m", "map", True)]
    assert by_name["echo"]["parameters"][0]["description"] == "a string"
    assert "notes" not in by_name


def test_api_queries_run_a_builtin_by_get_and_post(queries_client: TestClient) -> None:
    got = queries_client.get("/queries/actors_by_key", params={"key": "turkey"})
    assert got.status_code == 200, got.text
    assert got.json()["rows"] == [{"id": "country:tur", "name": "Turkey"}]
    assert got.json()["columns"] == ["id", "name"] and got.json()["truncated"] is False
    posted = queries_client.post("/queries/actors_by_key", json={"parameters": {"key": "Turkey"}})
    assert posted.json()["rows"] == got.json()["rows"]
    counts = queries_client.post("/queries/graph_counts").json()["rows"][0]
    assert counts["actors"] > 0 and counts["statement_edges"] > 0


def test_api_queries_parameters_are_typed(queries_client: TestClient) -> None:
    got = queries_client.get("/queries/echo", params=[
        ("s", "x"), ("i", "3"), ("f", "2.5"), ("b", "true"), ("t", "2020-10-01"),
        ("l", "a"), ("l", "b"), ("m", '{"k": 1}')])
    assert got.status_code == 200, got.text
    row = got.json()["rows"][0]
    assert row == {"s": "x", "i": 3, "f": 2.5, "b": True, "t": row["t"], "l": ["a", "b"], "m": {"k": 1}}
    assert datetime.fromisoformat(row["t"]) == datetime(2020, 10, 1, tzinfo=timezone.utc)
    posted = queries_client.post("/queries/echo", json={"parameters": {
        "s": "x", "i": 3, "f": 2, "b": False, "t": "2020-10-01T08:00:00Z", "l": ["a"], "m": None}})
    row = posted.json()["rows"][0]
    assert row["f"] == 2.0 and row["b"] is False and row["l"] == ["a"] and row["m"] is None
    assert datetime.fromisoformat(row["t"]) == datetime(2020, 10, 1, 8, tzinfo=timezone.utc)
    assert queries_client.get("/queries/echo", params={"s": "", "i": "0", "f": ""}).json()["rows"][0]["f"] is None
    csv = queries_client.get("/queries/echo", params={"s": "x", "i": "1", "format": "csv"})
    assert csv.headers["content-type"].startswith("text/csv") and csv.headers["x-truncated"] == "false"
    assert csv.text.splitlines()[0] == "s,i,f,b,t,l,m"


@pytest.mark.parametrize(("method", "url", "payload", "detail"), [
    ("GET", "/queries/echo?i=1", None, "user/echo needs parameter(s) s"),
    ("GET", "/queries/echo?s=x&i=abc", None, "i: expected an integer, got 'abc'"),
    ("GET", "/queries/echo?s=x&i=1&i=2", None, "i: expected an integer, got ['1', '2'] (given more than once)"),
    ("GET", "/queries/echo?s=x&i=1&b=maybe", None, "b: expected true or false, got 'maybe'"),
    ("GET", "/queries/echo?s=x&i=1&t=yesterday", None, "t: expected a date (2020-10-01) or an ISO 8601 time"),
    ("GET", "/queries/echo?s=x&i=1&m=[1]", None, "m: expected a JSON object, got '[1]'"),
    ("GET", "/queries/echo?s=x&i=1&f=nan", None, "f: expected a number, got 'nan'"),
    ("GET", "/queries/echo?s=x&i=1&nope=1", None, "user/echo takes no parameter(s) nope; it takes: s (string), i (int), "),
    ("POST", "/queries/echo", {"parameters": {"s": "x", "i": True}}, "i: expected an integer, got True"),
    ("POST", "/queries/echo", {"parameters": {"s": "x", "i": 1, "l": ["a", 2]}}, "l: expected a list of strings, got ['a', 2]"),
    ("POST", "/queries/echo", {"parameters": {"s": None, "i": 1}}, "user/echo needs parameter(s) s"),
    ("POST", "/queries/echo", {"parameters": "s=x"}, "parameters: Input should be a valid dictionary"),
])
def test_api_queries_bad_parameters_are_400(queries_client: TestClient, method: str, url: str,
                                            payload: dict | None, detail: str) -> None:
    body = assert_problem(queries_client.request(method, url, json=payload), 400, "invalid-parameters")
    assert detail in body["detail"], body["detail"]


def test_api_queries_unknown_query_is_404(queries_client: TestClient) -> None:
    body = assert_problem(queries_client.get("/queries/no_such_query"), 404, "unknown-query")
    assert body["detail"] == "no query named 'no_such_query': GET /queries lists them"
    assert_problem(queries_client.post("/queries/no_such_query", json={}), 404, "unknown-query")
    assert_problem(queries_client.get("/queries/..%2Fwrite%2Fmerge_actors"), 404, "not-found")


def test_api_queries_row_cap_and_user_queries_over_the_graph(queries_client: TestClient) -> None:
    capped = queries_client.get("/queries/counting", params={"n": "10"}).json()
    assert capped["rows"] == [{"x": 1}, {"x": 2}, {"x": 3}] and capped["truncated"] is True and capped["max_rows"] == 3
    whole = queries_client.get("/queries/counting", params={"n": "3"}).json()
    assert whole["truncated"] is False
    deniers = queries_client.get("/queries/deniers").json()
    assert deniers["columns"] == ["speaker", "denials"] and 0 < len(deniers["rows"]) <= 3
    assert all(row["denials"] > 0 for row in deniers["rows"])


@pytest.mark.parametrize(("file", "text", "message"), [
    ("wipe.cypher", "// Wipe everything.\nMATCH (n) DETACH DELETE n\n", "refused, it is not a plain read: DETACH writes"),
    ("admin.cypher", "// Users.\nSHOW USERS\n", "refused, it is not a plain read: SHOW is a schema or admin command"),
    ("proc.cypher", "// Nodes.\nCALL apoc.create.node(['X'], {})\n", "procedure apoc.create.node is not on the allow-list"),
    ("two.cypher", "// Two.\nRETURN 1;\nRETURN 2\n", "several statements"),
    ("actors_by_key.cypher", "// Mine.\n// $key: string\nRETURN $key AS key\n", "'actors_by_key' is already a built-in query"),
    ("bad name.cypher", "// Bad.\nRETURN 1\n", "a query name has letters, digits, '_' and '-' only"),
    ("undeclared.cypher", "// Undeclared.\nRETURN $x\n", "used but not declared: x"),
])
def test_api_queries_user_folder_is_refused_whole(tmp_path: Path, seeded_graph: Graph, file: str, text: str,
                                                 message: str) -> None:
    (tmp_path / file).write_text(text, encoding="utf-8")
    with pytest.raises(CypherFileError) as refused:
        create_app(Settings(QUERIES_DIR=tmp_path), seeded_graph)
    assert message in str(refused.value) and file in str(refused.value)


def test_api_queries_missing_user_folder_stops_the_start(tmp_path: Path) -> None:
    with pytest.raises(CypherFileError, match="CLAIMGRAPH_QUERIES_DIR: .* is not a folder"):
        create_app(Settings(QUERIES_DIR=tmp_path / "missing"))


def test_graph_cypher_coerce_parameters_without_a_database() -> None:
    echo = _parse("user/echo", ECHO)
    assert coerce_parameters(echo, {"s": ["x"], "i": ["-4"], "l": ['["a", "b"]']}, from_text=True) == {
        "s": "x", "i": -4, "f": None, "b": None, "t": None, "l": ["a", "b"], "m": None}
    assert coerce_parameters(echo, {"s": "x", "i": 1, "t": "2020-10-01T10:00:00+02:00"})["t"] == datetime.fromisoformat(
        "2020-10-01T10:00:00+02:00")
    with pytest.raises(InvalidParametersError, match="f: expected a number, got inf"):
        coerce_parameters(echo, {"s": "x", "i": 1, "f": float("inf")})
