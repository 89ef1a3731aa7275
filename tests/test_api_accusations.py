"""GET /accusations over the seed article and the GDELT sample."""

from __future__ import annotations

import csv
import io
import json

from conftest import SEED
from fastapi.testclient import TestClient


def seed_text() -> str:
    first = json.loads(SEED.read_text(encoding="utf-8").splitlines()[0])
    return first["article"]["text"]


def test_api_accusations_azerbaijan_against_armenia_with_offsets(client: TestClient) -> None:
    response = client.get("/accusations", params={"accuser": "Azerbaijan", "accused": "armenia"})
    assert response.status_code == 200
    rows = response.json()["rows"]
    assert [r["statement_id"] for r in rows] == ["seed-nk-mercenaries/G2"]

    # The ministries are other actors: ask by id for the Azerbaijani foreign ministry's too.
    ministry = client.get("/accusations", params={"accuser": "azerbaijan-ministry-of-foreign-affairs", "accused": "country:arm"}).json()["rows"]
    assert [r["statement_id"] for r in ministry] == [f"seed-nk-mercenaries/G{n}" for n in (7, 8, 9)]

    text = seed_text()
    for row in rows + ministry:
        assert (row["accuser_id"], row["accused_id"]) != (None, None)
        assert row["accused_name"] == "Armenia"
        assert text[row["claim_start"]:row["claim_end"]] == row["claim_text"]
        assert text[row["speaker_start"]:row["speaker_end"]] == row["speaker_text"]
        assert text[row["cue_start"]:row["cue_end"]] == row["cue"]
        assert text[row["sentence_start"]:row["sentence_start"] + len(row["sentence"])] == row["sentence"]
        assert row["article_id"] == "seed-nk-mercenaries"


def test_api_accusations_csv_parses_like_the_json(client: TestClient) -> None:
    as_json = client.get("/accusations", params={"limit": 500}).json()
    response = client.get("/accusations", params={"limit": 500, "format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == as_json["columns"]
    assert len(rows) == len(as_json["rows"]) > 10
    for from_csv, from_json in zip(rows, as_json["rows"]):
        assert from_csv["statement_id"] == from_json["statement_id"]
        assert from_csv["claim_text"] == from_json["claim_text"]
        assert from_csv["claim_start"] == ("" if from_json["claim_start"] is None else str(from_json["claim_start"]))


def test_api_accusations_pages_are_stable_and_complete(client: TestClient) -> None:
    everything = client.get("/accusations", params={"limit": 500}).json()["rows"]
    seen, offset = [], 0
    while offset is not None:
        page = client.get("/accusations", params={"limit": 7, "offset": offset}).json()
        assert len(page["rows"]) <= 7
        seen.extend(page["rows"])
        offset = page["next_offset"]
    assert seen == everything


def test_api_accusations_since_until_filter_by_statement_date(client: TestClient) -> None:
    everything = client.get("/accusations", params={"limit": 500}).json()["rows"]
    dated = [r for r in everything if r["stated_at"]]
    days = sorted({r["stated_at"][:10] for r in dated})
    assert len(days) >= 2, "the sample should span several days"
    day = days[len(days) // 2]
    since = client.get("/accusations", params={"limit": 500, "since": day}).json()["rows"]
    until = client.get("/accusations", params={"limit": 500, "until": day}).json()["rows"]
    assert {r["statement_id"] for r in since} == {r["statement_id"] for r in dated if r["stated_at"][:10] >= day}
    assert {r["statement_id"] for r in until} == {r["statement_id"] for r in dated if r["stated_at"][:10] <= day}


def test_api_accusations_unknown_actor_is_a_404_problem(client: TestClient) -> None:
    response = client.get("/accusations", params={"accuser": "Atlantis"})
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == {"type": "/problems/not-found", "title": "Not found", "status": 404,
                               "detail": "no actor has the id, name or alias 'Atlantis'", "instance": "/accusations"}
