"""POST /cypher against the real engine: the attack corpus leaves the graph as it was; reads come
back with nodes, relationships and paths as JSON; the row cap, the time limit, the keys and
CORS hold."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

from claimgraph.api.main import create_app
from claimgraph.graph.engine import Graph
from claimgraph.graph.executor import is_neo4j
from claimgraph.graph.settings import Settings

ATTACKS = yaml.safe_load((Path(__file__).parent / "data" / "cypher_attacks.yaml").read_text(encoding="utf-8"))
CORPUS_TIMEOUT_S = 1.0
CORPUS_MAX_ROWS = 100
# Time a request may take beyond the limit: the watchdog cuts the connection at the limit;
# the rest is the request itself on a loaded machine.
MARGIN_S = 1.5


def assert_problem(response: Any, status: int, slug: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == f"/problems/{slug}" and body["status"] == status
    assert set(body) >= {"type", "title", "status", "detail", "instance"}
    return body


def _rows(graph: Graph, query: str) -> list[Any]:
    try:
        records = graph.driver.execute_query(query, database_=graph.database).records
    except Exception as e:  # a command this engine lacks: its absence is part of the state
        return [f"unavailable: {type(e).__name__}"]
    return sorted(json.dumps(record.data(), sort_keys=True, default=str) for record in records)


def fingerprint(graph: Graph) -> tuple[int, int, str]:
    """Node and edge counts and a sha256 over every node and edge with its properties, and the
    schema and users (which ArcadeDB keeps after a rollback)."""
    nodes = _rows(graph, "MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS properties")
    edges = _rows(graph, "MATCH (a)-[r]->(b) RETURN elementId(r) AS id, type(r) AS type, elementId(a) AS start, "
                         "elementId(b) AS end, properties(r) AS properties")
    state = {
        "nodes": nodes,
        "edges": edges,
        "indexes": _rows(graph, "SHOW INDEXES YIELD name, labelsOrTypes, properties RETURN *"),
        "constraints": _rows(graph, "SHOW CONSTRAINTS YIELD name RETURN *"),
        "labels": _rows(graph, "CALL db.labels()"),
        "types": _rows(graph, "CALL db.relationshipTypes()"),
        "users": _rows(graph, "SHOW USERS YIELD user RETURN user"),
    }
    digest = hashlib.sha256(json.dumps(state, sort_keys=True).encode("utf-8")).hexdigest()
    return len(nodes), len(edges), digest


def wait_until_idle(graph: Graph, limit_s: float = 60.0) -> None:
    """Wait for the queries the service gave up on to end in the engine: without
    ``arcadedb.command.timeout`` ArcadeDB computes them to their end, holding its admission slots."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        try:
            running = graph.driver.execute_query("SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery",
                                                 database_=graph.database).records
        except Exception:
            time.sleep(5)
            return
        if all("SHOW TRANSACTIONS" in (record["currentQuery"] or "") for record in running):
            return
        time.sleep(0.25)


@pytest.fixture
def open_client(seeded_graph: Graph) -> Iterator[TestClient]:
    settings = Settings(ALLOW_OPEN_CYPHER=True, MAX_ROWS=CORPUS_MAX_ROWS, QUERY_TIMEOUT_S=CORPUS_TIMEOUT_S)
    with TestClient(create_app(settings, seeded_graph)) as client:
        yield client


def test_api_cypher_attack_corpus_leaves_the_graph_unchanged(open_client: TestClient, seeded_graph: Graph) -> None:
    assert len(ATTACKS) >= 60
    assert len({attack["name"] for attack in ATTACKS}) == len(ATTACKS)
    before = fingerprint(seeded_graph)
    assert before[0] > 100 and before[1] > 100
    failures = []
    for attack in ATTACKS:
        started = time.monotonic()
        response = open_client.post("/cypher", json={"query": attack["query"], "parameters": attack.get("parameters", {})})
        elapsed = time.monotonic() - started
        expected = attack["status"] if isinstance(attack["status"], list) else [attack["status"]]
        body = response.json()
        problems = []
        if response.status_code not in expected:
            problems.append(f"status {response.status_code}, expected {expected}: {body}")
        elif response.status_code == 403:
            if body["type"] != "/problems/write-refused" or ("rule" in attack and body["rule"] != attack["rule"]):
                problems.append(f"refused as {body['type']} rule {body.get('rule')}, expected {attack.get('rule')}")
        elif response.status_code == 200:
            if "truncated" in attack and body["truncated"] is not attack["truncated"]:
                problems.append(f"truncated {body['truncated']}, expected {attack['truncated']}")
            if len(body["rows"]) > CORPUS_MAX_ROWS:
                problems.append(f"{len(body['rows'])} rows, over the cap")
        elif "slug" in attack and body["type"] != f"/problems/{attack['slug']}":
            problems.append(f"type {body['type']}, expected {attack['slug']}")
        if elapsed > CORPUS_TIMEOUT_S + MARGIN_S:
            problems.append(f"took {elapsed:.2f} s")
        if problems:
            failures.append(f"{attack['name']}: {'; '.join(problems)}")
    wait_until_idle(seeded_graph)
    after = fingerprint(seeded_graph)
    assert not failures, "\n".join(failures)
    assert after == before


def test_api_cypher_fingerprint_sees_any_change(seeded_graph: Graph) -> None:
    before = fingerprint(seeded_graph)
    seeded_graph.driver.execute_query("MATCH (a:Actor {id: 'country:tur'}) SET a.name = 'Türkiye'",
                                      database_=seeded_graph.database)
    changed = fingerprint(seeded_graph)
    assert changed[:2] == before[:2] and changed[2] != before[2]


def test_api_cypher_nodes_relationships_and_paths_as_json(open_client: TestClient) -> None:
    response = open_client.post("/cypher", json={
        "query": "MATCH p = (speaker:Actor {id: $id})-[r:DENIES]->(claim:Claim) WHERE r.article_id = $article "
                 "RETURN speaker, r, claim, p, speaker.name AS name ORDER BY r.statement_id, claim.id LIMIT 1",
        "parameters": {"id": "country:tur", "article": "seed-nk-mercenaries"}})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["columns"] == ["speaker", "r", "claim", "p", "name"]
    assert body["truncated"] is False and body["max_rows"] == CORPUS_MAX_ROWS and body["elapsed_ms"] >= 0
    [row] = body["rows"]
    speaker, r, claim = row["speaker"], row["r"], row["claim"]
    assert speaker["labels"] == ["Actor"] and speaker["properties"]["id"] == "country:tur" and speaker["element_id"]
    assert row["name"] == "Turkey"
    assert r["type"] == "DENIES" and r["start"] == speaker["element_id"] and r["end"] == claim["element_id"]
    assert r["properties"]["article_id"] == "seed-nk-mercenaries" and r["element_id"]
    assert claim["labels"] == ["Claim"] and claim["properties"]["id"].startswith("cl-")
    assert row["p"] == [speaker, r, claim]


def test_api_cypher_truncated_at_max_rows(seeded_graph: Graph) -> None:
    settings = Settings(ALLOW_OPEN_CYPHER=True, MAX_ROWS=3)
    with TestClient(create_app(settings, seeded_graph)) as client:
        exact = client.post("/cypher", json={"query": "UNWIND [1, 2, 3] AS x RETURN x"}).json()
        assert exact["rows"] == [{"x": 1}, {"x": 2}, {"x": 3}] and exact["truncated"] is False
        more = client.post("/cypher", json={"query": "MATCH (a:Actor) RETURN a.id AS id ORDER BY id"}).json()
        assert len(more["rows"]) == 3 and more["truncated"] is True and more["max_rows"] == 3
        csv = client.post("/cypher?format=csv", json={"query": "MATCH (a:Actor) RETURN a.id AS id ORDER BY id"})
        assert csv.headers["x-truncated"] == "true" and csv.text.splitlines()[0] == "id"
        assert len(csv.text.splitlines()) == 4
        # The cut connection left the pool healthy: the next query answers.
        assert client.post("/cypher", json={"query": "RETURN 1 AS one"}).json()["rows"] == [{"one": 1}]


def test_api_cypher_time_limit_holds(seeded_graph: Graph) -> None:
    settings = Settings(ALLOW_OPEN_CYPHER=True, QUERY_TIMEOUT_S=1)
    long_query = "UNWIND range(1, 2500) AS x UNWIND range(1, 2500) AS y WITH x, y WHERE x * y = -1 RETURN count(*) AS n"
    with TestClient(create_app(settings, seeded_graph)) as client:
        started = time.monotonic()
        response = client.post("/cypher", json={"query": long_query})
        elapsed = time.monotonic() - started
        body = assert_problem(response, 504, "query-timeout")
        assert elapsed < 1 + 1.0, elapsed
        assert body["detail"] == (
            "the query ran longer than the time limit of 1 s (CLAIMGRAPH_QUERY_TIMEOUT_S): raise "
            "CLAIMGRAPH_QUERY_TIMEOUT_S, or narrow the query (a LIMIT, fewer hops, a more selective start)")
        assert body["setting"] == "CLAIMGRAPH_QUERY_TIMEOUT_S" and body["limit_s"] == 1
    wait_until_idle(seeded_graph)
    with TestClient(create_app(settings, seeded_graph)) as client:
        assert client.post("/cypher", json={"query": "RETURN 1 AS one"}).json()["rows"] == [{"one": 1}]


def test_api_cypher_errors_are_problems(open_client: TestClient) -> None:
    syntax = assert_problem(open_client.post("/cypher", json={"query": "MATCH (n RETURN n"}), 400, "cypher-syntax")
    assert syntax["detail"]  # the engine's own message
    refused = assert_problem(open_client.post("/cypher", json={"query": "MATCH (n) DETACH DELETE n"}), 403, "write-refused")
    assert refused["rule"] == "write-clause" and refused["position"] == 10 and refused["instance"] == "/cypher"
    assert refused["detail"].startswith("DETACH writes to the graph")
    empty = assert_problem(open_client.post("/cypher", json={"query": ""}), 400, "invalid-parameters")
    assert "query" in empty["detail"]
    assert_problem(open_client.post("/cypher", json={"query": "RETURN $x", "parameters": []}), 400, "invalid-parameters")
    too_big = assert_problem(open_client.post("/cypher", json={"query": "RETURN $x AS x", "parameters": {"x": 2**70}}),
                             400, "invalid-parameters")
    assert too_big["detail"].startswith("a parameter cannot be sent to the engine")
    failed = assert_problem(open_client.post("/cypher", json={"query": "RETURN 1 / 0 AS x"}), 400, "query-failed")
    assert failed["detail"].startswith("the engine refused the query: ")
    assert open_client.post("/cypher", json={"query": "RETURN 0.0 / 0.0 AS x"}).json()["rows"] in ([{"x": "NaN"}], [{"x": None}])
    assert open_client.post("/cypher", json={"query": "RETURN 1 AS one"}).json()["rows"] == [{"one": 1}]


def test_api_cypher_needs_its_key_when_set(seeded_graph: Graph) -> None:
    with TestClient(create_app(Settings(CYPHER_API_KEY="cypher-key-1"), seeded_graph)) as client:
        query = {"query": "RETURN 1 AS one"}
        missing = assert_problem(client.post("/cypher", json=query), 401, "http-401")
        assert missing["detail"] == "X-API-Key header missing: this request needs the cypher key (CLAIMGRAPH_CYPHER_API_KEY)"
        assert client.post("/cypher", json=query).headers["www-authenticate"] == 'ApiKey header="X-API-Key"'
        assert_problem(client.post("/cypher", json=query, headers={"X-API-Key": "wrong"}), 401, "http-401")
        assert client.post("/cypher", json=query, headers={"X-API-Key": "cypher-key-1"}).json()["rows"] == [{"one": 1}]


def test_api_cypher_is_off_without_a_key(client: TestClient) -> None:
    body = assert_problem(client.post("/cypher", json={"query": "RETURN 1"}), 403, "cypher-disabled")
    assert "CLAIMGRAPH_CYPHER_API_KEY" in body["detail"] and "CLAIMGRAPH_ALLOW_OPEN_CYPHER" in body["detail"]


def test_api_read_key_guards_gets_when_set(seeded_graph: Graph) -> None:
    settings = Settings(READ_API_KEY="read-key-1", ALLOW_OPEN_CYPHER=True)
    with TestClient(create_app(settings, seeded_graph)) as client:
        assert_problem(client.get("/queries"), 401, "http-401")
        assert_problem(client.get("/actors/country:tur", headers={"X-API-Key": "nope"}), 401, "http-401")
        assert_problem(client.post("/queries/graph_counts", json={}), 401, "http-401")
        assert client.get("/queries", headers={"X-API-Key": "read-key-1"}).status_code == 200
        assert client.get("/health").status_code == 200
        assert client.get("/openapi.json").status_code == 200
        # /cypher has its own door (here: open), not the read key.
        assert client.post("/cypher", json={"query": "RETURN 1 AS one"}).status_code == 200


def test_api_cors_header_for_allowed_origins(seeded_graph: Graph) -> None:
    settings = Settings(CORS_ORIGINS=["https://dashboard.example"], ALLOW_OPEN_CYPHER=True)
    with TestClient(create_app(settings, seeded_graph)) as client:
        allowed = client.get("/queries", headers={"Origin": "https://dashboard.example"})
        assert allowed.headers["access-control-allow-origin"] == "https://dashboard.example"
        other = client.get("/queries", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers
        preflight = client.options("/cypher", headers={
            "Origin": "https://dashboard.example", "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "X-API-Key, Content-Type"})
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == "https://dashboard.example"
        assert "x-api-key" in preflight.headers["access-control-allow-headers"].lower()
        refused = client.post("/cypher", json={"query": "CREATE (n)"}, headers={"Origin": "https://dashboard.example"})
        assert refused.status_code == 403 and refused.headers["access-control-allow-origin"] == "https://dashboard.example"
    with TestClient(create_app(Settings(), seeded_graph)) as client:
        assert "access-control-allow-origin" not in client.get("/health", headers={"Origin": "https://dashboard.example"}).headers


def test_api_cypher_engine_is_recognised(seeded_graph: Graph) -> None:
    from conftest import USES_NEO4J

    assert is_neo4j(seeded_graph) is USES_NEO4J


@pytest.mark.neo4j
def test_api_cypher_neo4j_explain_must_be_read_only(seeded_graph: Graph) -> None:
    # The plan check alone (the static check bypassed): Neo4j's EXPLAIN calls CREATE 'w'.
    from claimgraph.graph.errors import WriteRefusedError
    from claimgraph.graph.executor import run_query

    with pytest.raises(WriteRefusedError) as refused:
        run_query(seeded_graph, "CREATE (n:Actor {id: 'plan'})", check_plan=True, timeout_s=5)
    assert refused.value.rule == "plan-not-read-only"
    assert run_query(seeded_graph, "MATCH (n) RETURN count(n) AS n", check_plan=True, timeout_s=5).rows
