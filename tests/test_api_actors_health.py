"""GET /actors/{id} and GET /health."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_api_actor_profile_counts_and_hierarchy(client: TestClient) -> None:
    response = client.get("/actors/omar-celik")
    assert response.status_code == 200
    profile = response.json()
    assert profile["kind"] == "person"
    assert profile["part_of"] == [{"id": "akp", "name": "AKP", "kind": "party", "role": "spokesman"}]
    assert profile["statements_made"] == {"DENIES": 1}

    turkey = client.get("/actors/country:tur").json()
    assert [c["id"] for c in turkey["has_parts"]] == ["akp"]
    # The seed's three accusations against Turkey (G10-G12), not counting its own denials.
    assert turkey["statements_about"]["ACCUSES"] >= 3


def test_api_actor_unknown_is_a_404_problem(client: TestClient) -> None:
    response = client.get("/actors/nobody")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == "no actor has the id 'nobody'"


def test_api_health_reports_the_engine(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok"
    assert body["engine"]["components"][0]["versions"]
    assert body["neo4j_driver"].split(".")[0] == "6"
