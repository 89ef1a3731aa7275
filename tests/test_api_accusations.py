"""GET /accusations over the seed article and the GDELT sample (``client``), and over the seed
article with the six FNC-1 development bodies (``corpus_client``): rows, totals, filters, rollup
and group=pair, checked against the seed's gold statements."""

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
    ministry = client.get("/accusations", params={"accuser": "country:aze/foreign-ministry", "accused": "country:arm"}).json()["rows"]
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


# -- total, filters, rollup and group=pair (issue 4) ---------------------------------------------


def seed_records() -> list[dict]:
    return [json.loads(line) for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]


def seed_parts(actor_id: str) -> set[str]:
    """The actor and every actor PART_OF it, transitively, from the seed's actor records."""
    children: dict[str, set[str]] = {}
    for record in seed_records():
        for link in record.get("actor", {}).get("part_of", []):
            children.setdefault(link["actor_id"], set()).add(record["actor"]["id"])
    found, todo = set(), [actor_id]
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo.extend(children.get(current, ()))
    return found


def seed_accusations(accusers: set[str], accused: set[str]) -> set[str]:
    """Statement ids of the seed's accusations by one of ``accusers`` against one of ``accused``."""
    return {r["statement_id"] for r in seed_records()
            if r.get("relation") == "ACCUSES" and r["speaker"]["actor_id"] in accusers
            and any(t["actor_id"] in accused for t in r["targets"])}


def test_api_accusations_total_counts_every_row(client: TestClient) -> None:
    everything = client.get("/accusations", params={"limit": 500}).json()
    assert everything["total"] == len(everything["rows"]) > 10
    first = client.get("/accusations", params={"limit": 7}).json()
    assert first["total"] == everything["total"] and first["next_offset"] == 7
    past = client.get("/accusations", params={"limit": 7, "offset": everything["total"]}).json()
    assert past["rows"] == [] and past["total"] == everything["total"] and past["next_offset"] is None
    response = client.get("/accusations", params={"limit": 7, "format": "csv"})
    assert response.headers["x-total-count"] == str(everything["total"])
    assert response.headers["x-next-offset"] == "7"


def test_api_accusations_rollup_includes_the_ministries(corpus_client: TestClient) -> None:
    plain = corpus_client.get("/accusations", params={"accuser": "country:aze"}).json()
    assert {r["statement_id"] for r in plain["rows"]} == seed_accusations({"country:aze"}, {"country:arm"})
    rolled = corpus_client.get("/accusations", params={"accuser": "country:aze", "rollup": "true"}).json()
    parts = seed_parts("country:aze")
    expected = seed_accusations(parts, {"country:arm"})
    # G2 (Azerbaijan), G7-G9 (its foreign ministry), G16 (its Defense Ministry).
    assert expected == {f"seed-nk-mercenaries/G{n}" for n in (2, 7, 8, 9, 16)}
    assert {r["statement_id"] for r in rolled["rows"]} == expected
    assert rolled["total"] == len(rolled["rows"]) == 5
    assert {r["accuser_id"] for r in rolled["rows"]} == parts
    text = seed_text()
    for row in rolled["rows"]:
        assert text[row["claim_start"]:row["claim_end"]] == row["claim_text"]
    # The accused side rolls up too: accusations against Turkey or its party and spokesman.
    against_turkey = corpus_client.get("/accusations", params={"accused": "Turkey", "rollup": "true"}).json()
    assert {r["statement_id"] for r in against_turkey["rows"]} == seed_accusations(
        {r["speaker"]["actor_id"] for r in seed_records() if "speaker" in r}, seed_parts("country:tur"))


def test_api_accusations_pairs_count_what_the_seed_says(corpus_client: TestClient) -> None:
    response = corpus_client.get("/accusations", params={"group": "pair", "accuser": "Azerbaijan", "accused": "Armenia"})
    assert response.status_code == 200
    body = response.json()
    assert body["columns"] == ["accuser_id", "accuser_name", "accused_id", "accused_name", "accusations",
                               "articles", "first_stated_at", "last_stated_at"]
    assert body["rows"] == [{
        "accuser_id": "country:aze", "accuser_name": "Azerbaijan", "accused_id": "country:arm", "accused_name": "Armenia",
        "accusations": len(seed_accusations({"country:aze"}, {"country:arm"})), "articles": 1,
        "first_stated_at": None, "last_stated_at": None,
    }]
    rolled = corpus_client.get("/accusations", params={"group": "pair", "accuser": "Azerbaijan", "rollup": "true"}).json()
    assert [(r["accuser_id"], r["accused_id"], r["accusations"]) for r in rolled["rows"]] == [
        ("country:aze", "country:arm", len(seed_accusations(seed_parts("country:aze"), {"country:arm"})))]
    assert rolled["rows"][0]["accusations"] == 5

    # Without filters, every pair's count is the number of its statement rows; with rollup the
    # country's pair counts its ministries' accusations too, and theirs stay.
    rows = corpus_client.get("/accusations", params={"limit": 500}).json()["rows"]
    by_pair: dict[tuple[str, str], set[str]] = {}
    for row in rows:
        by_pair.setdefault((row["accuser_id"], row["accused_id"]), set()).add(row["statement_id"])
    pairs = corpus_client.get("/accusations", params={"group": "pair", "limit": 500}).json()
    assert pairs["total"] == len(pairs["rows"]) == len(by_pair)
    assert {(p["accuser_id"], p["accused_id"]): p["accusations"] for p in pairs["rows"]} == {k: len(v) for k, v in by_pair.items()}
    counts = [p["accusations"] for p in pairs["rows"]]
    assert counts == sorted(counts, reverse=True)
    all_rolled = corpus_client.get("/accusations", params={"group": "pair", "rollup": "true", "limit": 500}).json()
    rolled_counts = {(p["accuser_id"], p["accused_id"]): p["accusations"] for p in all_rolled["rows"]}
    assert rolled_counts[("country:aze", "country:arm")] == 5
    assert rolled_counts[("country:aze/foreign-ministry", "country:arm")] == 3
    assert rolled_counts[("country:aze/defense-ministry", "country:arm")] == 1


def test_api_accusations_pairs_pages_and_csv(client: TestClient) -> None:
    everything = client.get("/accusations", params={"group": "pair", "limit": 500}).json()
    seen, offset = [], 0
    while offset is not None:
        page = client.get("/accusations", params={"group": "pair", "limit": 4, "offset": offset}).json()
        assert page["total"] == everything["total"]
        seen.extend(page["rows"])
        offset = page["next_offset"]
    assert seen == everything["rows"]
    assert len({(r["accuser_id"], r["accused_id"]) for r in seen}) == len(seen)
    response = client.get("/accusations", params={"group": "pair", "limit": 500, "format": "csv"})
    assert response.headers["x-total-count"] == str(everything["total"])
    table = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["accuser_id"], r["accused_id"], int(r["accusations"]), int(r["articles"]), r["first_stated_at"]) for r in table] == [
        (r["accuser_id"], r["accused_id"], r["accusations"], r["articles"], r["first_stated_at"] or "") for r in everything["rows"]]
    assert client.get("/accusations", params={"group": "speaker"}).status_code == 400


def test_api_accusations_source_filter(client: TestClient) -> None:
    everything = client.get("/accusations", params={"limit": 500}).json()["rows"]
    sources = sorted({r["article_source"] for r in everything if r["article_source"]})
    assert len(sources) >= 2
    for source in sources[:3]:
        body = client.get("/accusations", params={"limit": 500, "source": source}).json()
        assert [r["statement_id"] for r in body["rows"]] == [r["statement_id"] for r in everything if r["article_source"] == source]
        assert body["total"] == len(body["rows"]) >= 1
        pairs = client.get("/accusations", params={"group": "pair", "source": source}).json()["rows"]
        assert sum(p["accusations"] for p in pairs) == len({(r["statement_id"], r["accused_id"]) for r in body["rows"]})
    assert client.get("/accusations", params={"source": "no-such-source.example"}).json()["total"] == 0


def test_api_accusations_min_confidence_filter(corpus_client: TestClient) -> None:
    corpus = corpus_client.get("/accusations", params={"limit": 500}).json()["rows"]
    confidences = sorted({r["confidence"] for r in corpus})
    assert len(confidences) >= 2, "the extracted statements should have several confidences"
    threshold = confidences[len(confidences) // 2]
    confident = corpus_client.get("/accusations", params={"limit": 500, "min_confidence": threshold}).json()
    assert [r["statement_id"] for r in confident["rows"]] == [r["statement_id"] for r in corpus if r["confidence"] >= threshold]
    assert confident["total"] < len(corpus)
    assert corpus_client.get("/accusations", params={"min_confidence": 1.5}).status_code == 400
