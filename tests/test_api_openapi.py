"""The OpenAPI document (issue 4: "OpenAPI with examples on every endpoint"): every operation has a
summary, a description and an example of each success answer, in JSON and, where the route offers
`format=csv`, in CSV; every parameter is described."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from claimgraph.api.main import create_app
from claimgraph.graph.engine import Graph
from claimgraph.graph.settings import Settings

METHODS = {"get", "post", "put", "patch", "delete"}


def openapi() -> dict[str, Any]:
    return create_app(Settings(CYPHER_API_KEY="k")).openapi()


SPEC = openapi()
OPERATIONS = [(method.upper(), path, operation)
              for path, item in SPEC["paths"].items()
              for method, operation in item.items() if method in METHODS]
IDS = [f"{method} {path}" for method, path, _ in OPERATIONS]


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        name = node["$ref"].removeprefix("#/components/schemas/")
        node = SPEC["components"]["schemas"][name]
    return node


def has_example(media: dict[str, Any]) -> bool:
    return media.get("example") is not None or any(e.get("value") is not None for e in media.get("examples", {}).values())


def offers_csv(operation: dict[str, Any]) -> bool:
    for parameter in operation.get("parameters", []):
        if parameter["name"] == "format":
            schema = parameter["schema"]
            enum = resolve(schema).get("enum") or [v for s in schema.get("anyOf", []) for v in resolve(s).get("enum", [])]
            return "csv" in enum
    return False


def test_every_endpoint_is_in_the_document() -> None:
    # The paths the issue names, so that a route dropped from main.py shows here.
    assert {"/health", "/actors", "/actors/{actor_id}", "/actors/{actor_id}/network", "/accusations", "/claims",
            "/claims/{claim_id}", "/contradictions", "/chains", "/mutual", "/timeline", "/stats", "/articles",
            "/articles/{article_id}", "/analytics/centrality", "/queries", "/queries/{name}", "/cypher"} <= set(SPEC["paths"])
    assert len(OPERATIONS) >= 20


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=IDS)
def test_operation_has_summary_and_description(method: str, path: str, operation: dict[str, Any]) -> None:
    assert operation.get("summary", "").strip(), f"{method} {path}: no summary"
    assert operation.get("description", "").strip(), f"{method} {path}: no description"


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=IDS)
def test_operation_has_success_examples(method: str, path: str, operation: dict[str, Any]) -> None:
    successes = {status: response for status, response in operation["responses"].items() if status.startswith("2")}
    assert successes, f"{method} {path}: no success answer documented"
    for status, response in successes.items():
        content = response.get("content", {})
        assert content, f"{method} {path} {status}: no content"
        assert "application/json" in content or path.endswith("/network"), f"{method} {path} {status}: no JSON"
        for media_type, media in content.items():
            assert has_example(media), f"{method} {path} {status} {media_type}: no example"
        if offers_csv(operation):
            assert "text/csv" in content, f"{method} {path} {status}: format=csv, but no text/csv example"


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=IDS)
def test_every_parameter_is_described(method: str, path: str, operation: dict[str, Any]) -> None:
    for parameter in operation.get("parameters", []):
        assert parameter.get("description", "").strip(), f"{method} {path}: parameter {parameter['name']} has no description"


@pytest.mark.parametrize(("method", "path", "operation"), [o for o in OPERATIONS if "requestBody" in o[2]],
                         ids=[i for i, o in zip(IDS, OPERATIONS) if "requestBody" in o[2]])
def test_every_request_body_has_an_example(method: str, path: str, operation: dict[str, Any]) -> None:
    for media_type, media in operation["requestBody"]["content"].items():
        assert has_example(media), f"{method} {path}: body {media_type} has no example"


def test_csv_offers_are_seen() -> None:
    # The CSV rule above checks something: the list feeds and the query routes offer CSV.
    with_csv = {path for _, path, operation in OPERATIONS if offers_csv(operation)}
    assert {"/accusations", "/actors", "/timeline", "/cypher", "/queries/{name}"} <= with_csv


def test_issue4_articles_example_of_nothing_new_is_what_the_api_answers(clean_graph: Graph) -> None:
    operation = SPEC["paths"]["/articles"]["post"]
    body = operation["requestBody"]["content"]["application/json"]["examples"]["full"]["value"]

    with TestClient(create_app(Settings(WRITE_API_KEY=None), clean_graph)) as client:
        assert client.post("/articles", json=body).status_code == 201
        again = client.post("/articles", json=body)

    assert again.status_code == 200, again.text
    assert again.json() == operation["responses"]["200"]["content"]["application/json"]["example"]


def test_issue4_named_query_csv_example_is_what_the_api_answers(client: TestClient) -> None:
    operation = SPEC["paths"]["/queries/{name}"]["get"]
    content = operation["responses"]["200"]["content"]
    json_example = content["application/json"]["example"]

    as_json = client.get("/queries/actors_by_key", params={"key": "Turkey"})
    as_csv = client.get("/queries/actors_by_key", params={"key": "Turkey", "format": "csv"})

    assert as_json.status_code == 200 and as_csv.status_code == 200, as_csv.text
    assert {k: v for k, v in as_json.json().items() if k != "elapsed_ms"} == \
        {k: v for k, v in json_example.items() if k != "elapsed_ms"}
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert as_csv.text == content["text/csv"]["example"]


def test_cypher_csv_example_is_the_json_example_as_csv() -> None:
    from claimgraph.api.render import _csv_lines

    content = SPEC["paths"]["/cypher"]["post"]["responses"]["200"]["content"]
    example = content["application/json"]["example"]

    assert "".join(_csv_lines(example["columns"], example["rows"])) == content["text/csv"]["example"]
