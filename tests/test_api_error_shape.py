"""Every error the API gives is RFC 9457 problem+json with the same fields."""

from __future__ import annotations

import socket

import pytest
from fastapi.testclient import TestClient
from neo4j import GraphDatabase

from claimgraph.api.main import create_app
from claimgraph.graph.engine import Graph
from claimgraph.graph.settings import Settings


def assert_problem(response, status: int, slug: str, detail_part: str) -> dict:
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert set(body) >= {"type", "title", "status", "detail", "instance"}
    assert body["type"] == f"/problems/{slug}" and body["status"] == status
    assert detail_part in body["detail"], body
    return body


@pytest.mark.parametrize(("method", "url", "status", "slug", "detail"), [
    ("GET", "/accusations?limit=0", 400, "invalid-parameters", "limit: Input should be greater than or equal to 1"),
    ("GET", "/accusations?limit=501", 400, "invalid-parameters", "CLAIMGRAPH_MAX_PAGE_SIZE"),
    ("GET", "/accusations?format=xml", 400, "invalid-parameters", "format: Input should be 'json' or 'csv'"),
    ("GET", "/accusations?since=yesterday", 400, "invalid-parameters", "since: expected a date"),
    ("GET", "/accusations?accused=Atlantis", 404, "not-found", "'Atlantis'"),
    ("GET", "/actors/nobody", 404, "not-found", "no actor has the id 'nobody'"),
    ("GET", "/no/such/page", 404, "not-found", "Not Found"),
    ("POST", "/accusations", 405, "method-not-allowed", "Method Not Allowed"),
])
def test_error_shape_on_every_error_path(client: TestClient, method: str, url: str, status: int, slug: str, detail: str) -> None:
    body = assert_problem(client.request(method, url), status, slug, detail)
    assert body["instance"] == url.split("?")[0]


def test_error_shape_graph_unavailable_is_503() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead_port = s.getsockname()[1]  # nothing listens once the socket is closed
    driver = GraphDatabase.driver(f"bolt://127.0.0.1:{dead_port}", auth=("root", "x"),
                                  connection_timeout=1.0, max_transaction_retry_time=0.0)
    with TestClient(create_app(Settings(), Graph(driver, "claims", "nothing there"))) as client:
        assert_problem(client.get("/health"), 503, "graph-unavailable", "does not answer")
        for path in ("/accusations", "/stats", "/timeline", "/contradictions"):
            assert_problem(client.get(path), 503, "graph-unavailable", "does not answer")
    driver.close()
