"""GET /actors and GET /actors/{id} (counts, counterparts, rollup) over the seed article and the
six FNC-1 development bodies (``corpus_graph``), checked against the seed's gold statements and
actor records (samples/seed-nk-mercenaries.jsonl)."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from typing import Any

from conftest import SEED
from fastapi.testclient import TestClient

from claimgraph.graph.engine import Graph


def seed_lines() -> list[dict[str, Any]]:
    return [json.loads(line) for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]


def seed_statements() -> list[dict[str, Any]]:
    return [r for r in seed_lines() if "statement_id" in r]


def seed_parts(actor_id: str) -> set[str]:
    """The actor and every actor PART_OF it, transitively, from the seed's actor records."""
    children = defaultdict(set)
    for record in seed_lines():
        for link in record.get("actor", {}).get("part_of", []):
            children[link["actor_id"]].add(record["actor"]["id"])
    found, todo = set(), [actor_id]
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo.extend(children[current])
    return found


def statements_made(speakers: set[str]) -> dict[str, int]:
    return dict(Counter(s["relation"] for s in seed_statements() if s["speaker"]["actor_id"] in speakers))


# -- GET /actors -------------------------------------------------------------------------------


def test_api_actors_search_by_name_or_alias_any_case(corpus_client: TestClient) -> None:
    response = corpus_client.get("/actors", params={"q": "turk"})
    assert response.status_code == 200
    body = response.json()
    turkey = next(r for r in body["rows"] if r["id"] == "country:tur")
    assert turkey["name"] == "Turkey" and turkey["kind"] == "country"
    assert body["total"] == len(body["rows"])
    for row in body["rows"]:
        assert "turk" in " ".join([row["name"], *row["aliases"]]).lower()
    # An alias only: "Türkiye"; an acronym: SOHR; any letter case.
    assert "country:tur" in [r["id"] for r in corpus_client.get("/actors", params={"q": "TÜRKIYE"}).json()["rows"]]
    sohr = corpus_client.get("/actors", params={"q": "sohr"}).json()["rows"]
    assert [r["id"] for r in sohr] == ["syrian-observatory-for-human-rights"]
    # Turkey's statements in the seed: its denial (G13); claims about it: G10, G11, G12.
    assert turkey["statements_made"] == 1 and turkey["claims_about"] == 3
    akp = corpus_client.get("/actors", params={"q": "justice and development"}).json()["rows"]
    assert [(r["id"], r["part_of"]) for r in akp] == [("akp", ["country:tur"])]


def test_api_actors_kind_filter_and_pages(corpus_client: TestClient, corpus_graph: Graph) -> None:
    declared = {r["actor"]["id"] for r in seed_lines() if r.get("actor", {}).get("kind") == "government_body"}
    seen, offset, totals = [], 0, set()
    while offset is not None:
        page = corpus_client.get("/actors", params={"kind": "government_body", "limit": 2, "offset": offset}).json()
        assert len(page["rows"]) <= 2
        totals.add(page["total"])
        seen.extend(page["rows"])
        offset = page["next_offset"]
    ids = [r["id"] for r in seen]
    assert len(ids) == len(set(ids))  # pages do not overlap
    assert declared <= set(ids)
    assert {r["kind"] for r in seen} == {"government_body"}
    records, _, _ = corpus_graph.driver.execute_query(
        "MATCH (a:Actor {kind: 'government_body'}) RETURN count(a) AS n", database_=corpus_graph.database)
    assert totals == {records[0]["n"]} and len(seen) == records[0]["n"]
    # Stable order: by name (any case), then id.
    keys = [(r["name"].lower(), r["id"]) for r in seen]
    assert keys == sorted(keys)
    assert seen == corpus_client.get("/actors", params={"kind": "government_body", "limit": 500}).json()["rows"]


def test_api_actors_csv_agrees_with_json(corpus_client: TestClient) -> None:
    as_json = corpus_client.get("/actors", params={"limit": 500}).json()
    response = corpus_client.get("/actors", params={"limit": 500, "format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["x-total-count"] == str(as_json["total"]) == str(len(as_json["rows"]))
    table = list(csv.DictReader(io.StringIO(response.text)))
    assert list(table[0]) == as_json["columns"]
    assert [(r["id"], r["name"], r["kind"], r["aliases"], int(r["statements_made"])) for r in table] == [
        (r["id"], r["name"], r["kind"], "|".join(r["aliases"]), r["statements_made"]) for r in as_json["rows"]]


def test_api_actors_bad_parameters_are_400_problems(corpus_client: TestClient) -> None:
    for params in ({"kind": "planet"}, {"limit": 501}, {"limit": 0}, {"offset": -1}):
        response = corpus_client.get("/actors", params=params)
        assert response.status_code == 400, params
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["type"] == "/problems/invalid-parameters"
    past = corpus_client.get("/actors", params={"q": "turk", "offset": 50}).json()
    assert past["rows"] == [] and past["total"] >= 1 and past["next_offset"] is None
    nothing = corpus_client.get("/actors", params={"q": "no such actor anywhere"}).json()
    assert nothing["rows"] == [] and nothing["total"] == 0


# -- GET /actors/{id} --------------------------------------------------------------------------


def test_api_actor_profile_rollup_counts_the_ministries(corpus_client: TestClient) -> None:
    plain = corpus_client.get("/actors/country:aze").json()
    assert plain["rollup"] is False and plain["parts_counted"] == []
    assert plain["statements_made"] == statements_made({"country:aze"}) == {"ACCUSES": 1, "DENIES": 1}

    rolled = corpus_client.get("/actors/country:aze", params={"rollup": "true"}).json()
    parts = seed_parts("country:aze")
    assert parts == {"country:aze", "country:aze/defense-ministry", "country:aze/foreign-ministry"}
    assert rolled["rollup"] is True
    assert rolled["parts_counted"] == sorted(parts - {"country:aze"})
    # Azerbaijan's G2 and G14, the foreign ministry's G7-G9, the defense ministry's G15 and G16.
    assert rolled["statements_made"] == statements_made(parts) == {"ACCUSES": 5, "DENIES": 2}
    assert [c["id"] for c in rolled["has_parts"]] == sorted(parts - {"country:aze"})
    armenia = next(c for c in rolled["counterparts"] if c["id"] == "country:arm")
    assert armenia == {"id": "country:arm", "name": "Armenia", "kind": "country", "statements": 5, "made": 5, "received": 0}

    # Turkey with its party and the party's spokesman (Omar Celik, PART_OF AKP, PART_OF Turkey).
    turkey = corpus_client.get("/actors/country:tur", params={"rollup": "true"}).json()
    assert turkey["parts_counted"] == ["akp", "omar-celik"]
    assert turkey["statements_made"] == statements_made(seed_parts("country:tur")) == {"DENIES": 2}


def test_api_actor_profile_counterparts_from_the_texts(corpus_client: TestClient) -> None:
    # SOHR accuses Turkey twice (G11, G12); Turkey, Azerbaijan and its Defense Ministry deny
    # SOHR's claims (G13-G15, "these claims").
    sohr_id = "syrian-observatory-for-human-rights"
    statements = {s["statement_id"]: s for s in seed_statements()}
    own = {sid for sid, s in statements.items() if s["speaker"]["actor_id"] == sohr_id}
    made: Counter[str] = Counter()
    received: Counter[str] = Counter()
    for sid in own:
        for target in statements[sid]["targets"]:
            made[target["actor_id"]] += 1
    for s in statements.values():
        if s["relation"] == "DENIES" and own & set(s["claim"].get("refers_to", [])):
            received[s["speaker"]["actor_id"]] += 1
    expected = {a: (made[a] + received[a], made[a], received[a]) for a in set(made) | set(received)}

    profile = corpus_client.get(f"/actors/{sohr_id}").json()
    assert profile["statements_made"] == {"ACCUSES": 2}
    got = {c["id"]: (c["statements"], c["made"], c["received"]) for c in profile["counterparts"]}
    assert got == expected == {"country:tur": (3, 2, 1), "country:aze": (1, 0, 1), "country:aze/defense-ministry": (1, 0, 1)}
    order = [(-c["statements"], c["id"]) for c in profile["counterparts"]]
    assert order == sorted(order)

    top_one = corpus_client.get(f"/actors/{sohr_id}", params={"top": 1}).json()
    assert [c["id"] for c in top_one["counterparts"]] == ["country:tur"]

    turkey = corpus_client.get("/actors/country:tur").json()
    # The three accusations against Turkey (G10-G12) are about it; its own denial is not counted.
    assert turkey["statements_about"]["ACCUSES"] == 3
    assert {c["id"] for c in turkey["counterparts"]} == {sohr_id, "nagorno-karabakh-administration"}


def test_api_actor_profile_unknown_and_bad_top(corpus_client: TestClient) -> None:
    response = corpus_client.get("/actors/nobody", params={"rollup": "true"})
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == "no actor has the id 'nobody'"
    assert corpus_client.get("/actors/country:tur", params={"top": 1000}).status_code == 400


def test_api_actors_an_id_with_a_slash_is_reachable(corpus_client) -> None:
    """Government bodies have ids like country:aze/defense-ministry; their profile and their
    network both answer."""
    body_ids = [row["id"] for row in corpus_client.get("/actors", params={"limit": 500}).json()["rows"] if "/" in row["id"]]
    assert body_ids
    profile = corpus_client.get(f"/actors/{body_ids[0]}")
    assert profile.status_code == 200, profile.text
    assert profile.json()["id"] == body_ids[0]
    network = corpus_client.get(f"/actors/{body_ids[0]}/network")
    assert network.status_code == 200 and network.headers["content-type"].startswith("application/json")
