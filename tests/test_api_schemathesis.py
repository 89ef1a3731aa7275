"""schemathesis over the OpenAPI (issue 4): every operation, against the real engine with the seed
article and the GDELT sample loaded, answers no 5xx, and its answers match what the document says
(status codes, content types, headers, JSON schemas).

Cases come from the schema (the documented examples, then valid and invalid values of every
parameter and body), derandomized so that CI sees the same cases on every run, and bounded per
operation so that the file takes well under a minute. POST /cypher gets the cypher key; POST
/articles writes into the test graph. The schema is read at import from an app that is never
started; the requests go to an app over the session's engine (``app=`` of ``Case.call``).

The ``test_issue4_*`` tests below are the 5xx answers found by this file and by the probes that
went with it, each now a 4xx.
"""

from __future__ import annotations

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from conftest import GDELT_SAMPLE, SEED, cypher, load_files, wipe
from claimgraph.api.main import create_app
from claimgraph.graph.engine import Graph
from claimgraph.graph.settings import Settings

CYPHER_KEY = "schemathesis-cypher-key"
HEADERS = {"X-API-Key": CYPHER_KEY}
SETTINGS = Settings(CYPHER_API_KEY=CYPHER_KEY, WRITE_API_KEY=None, READ_API_KEY=None, MAX_PAGE_SIZE=500,
                    QUERY_TIMEOUT_S=10)
MAX_EXAMPLES = 20
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance]

schema = schemathesis.openapi.from_dict(create_app(SETTINGS).openapi())


@pytest.fixture(scope="module")
def loaded_app(graph: Graph) -> FastAPI:
    """The API over the session's graph, emptied and loaded with the seed and the GDELT sample
    once for the module (POST /articles adds to it)."""
    wipe(graph)
    parsed, report = load_files(graph, SEED, GDELT_SAMPLE)
    assert not parsed.problems and not report.failures
    return create_app(SETTINGS, graph)


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_api_answers_no_5xx_and_as_documented(case: schemathesis.Case, loaded_app: FastAPI) -> None:
    case.call_and_validate(headers=HEADERS, checks=CHECKS, app=loaded_app)


def test_every_operation_is_exercised() -> None:
    labels = {result.ok().label for result in schema.get_all_operations()}
    assert {"POST /cypher", "POST /articles", "GET /queries/{name}", "POST /queries/{name}", "GET /accusations",
            "GET /chains", "GET /actors/{actor_id}/network", "GET /health"} <= labels
    assert len(labels) >= 20


# -- regressions: 5xx found while fuzzing, now 4xx ---------------------------------------------


def assert_problem(response, status: int, slug: str) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["type"] == f"/problems/{slug}"
    return body


def test_issue4_accusations_until_the_last_day_of_the_calendar(client: TestClient) -> None:
    # until=9999-12-31 includes that whole day: its end is past datetime's range (was a 500).
    everything = client.get("/accusations").json()

    response = client.get("/accusations", params={"until": "9999-12-31"})

    assert response.status_code == 200, response.text
    assert response.json()["total"] == everything["total"] > 0
    pairs = client.get("/accusations", params={"until": "9999-12-31", "group": "pair", "format": "csv"})
    assert pairs.status_code == 200, pairs.text


@pytest.mark.parametrize("query", [
    "RETURN date('9999-12-31') + duration('P1D') AS x",  # year 10000
    "RETURN datetime({year: 1, month: 1, day: 1, timezone: '+14:00'}) AS x",  # year 0 in UTC
    "RETURN datetime({epochMillis: -62135596800001}) AS x",
])
def test_issue4_cypher_value_the_driver_cannot_decode_is_400(seeded_graph: Graph, query: str) -> None:
    # ArcadeDB returns dates that Python's datetime cannot hold; the driver raises
    # BrokenRecordError on reading the row (was a 500).
    with TestClient(create_app(SETTINGS, seeded_graph)) as client:
        response = client.post("/cypher", json={"query": query}, headers=HEADERS)
        body = assert_problem(response, 400, "query-failed")
        assert "cannot represent" in body["detail"] and "out of range" in body["detail"]
        # The session was closed cleanly: the next query answers.
        after = client.post("/cypher", json={"query": "MATCH (a:Actor {id: 'country:tur'}) RETURN a.name AS name"},
                            headers=HEADERS)
    assert after.status_code == 200 and after.json()["rows"] == [{"name": "Turkey"}]


def test_issue4_named_query_unknown_parameter_with_a_lone_surrogate_is_400(client: TestClient) -> None:
    # JSON may escape a lone surrogate ("\ud800"): the name echoed in the problem could not be
    # encoded as UTF-8 (was a 500).
    response = client.post("/queries/actors_by_key", content=b'{"parameters": {"\\ud800": 1, "key": "Turkey"}}',
                           headers={"Content-Type": "application/json"})

    body = assert_problem(response, 400, "invalid-parameters")
    assert body["detail"].startswith("read/actors_by_key takes no parameter(s) \\ud800; it takes: key (string)")


@pytest.mark.parametrize("published_at", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"])
def test_issue4_article_published_outside_the_utc_calendar_is_400(clean_graph: Graph, published_at: str) -> None:
    # A time whose UTC form is before year 1 or after 9999 (was a 500, OverflowError).
    text = "The ministry said that Armenia had attacked the village."
    with TestClient(create_app(SETTINGS, clean_graph)) as client:
        response = client.post("/articles", json={"id": "far-1", "text": text, "published_at": published_at})

    body = assert_problem(response, 400, "invalid-parameters")
    assert body["detail"].startswith("published_at:") and "out of range" in body["detail"], body["detail"]
    assert cypher(clean_graph, "MATCH (n) RETURN count(n) AS n") == [{"n": 0}]


def test_issue4_article_text_with_a_lone_surrogate_is_400(clean_graph: Graph) -> None:
    with TestClient(create_app(SETTINGS, clean_graph), raise_server_exceptions=False) as client:
        response = client.post("/articles", content=b'{"text": "Armenia denied \\ud800 it."}',
                               headers={"Content-Type": "application/json"})

    assert_problem(response, 400, "invalid-parameters")
