"""GET /claims, /claims/{id}, /contradictions and /mutual over the seed article and the six
FNC-1 development bodies (``corpus_graph``), checked against what the seed's gold statements
(samples/seed-nk-mercenaries.jsonl) say; a small dated article written here adds a denial with a
date and an actor pair who accuse each other, which the corpus lacks."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import SEED, load_files
from fastapi.testclient import TestClient

from claimgraph.api.main import create_app
from claimgraph.graph import reads
from claimgraph.graph.engine import Graph
from claimgraph.graph.settings import Settings

ASSERTING = {"ACCUSES", "REPORTS", "SUPPORTS"}


def seed_lines() -> list[dict[str, Any]]:
    return [json.loads(line) for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]


def seed_statements() -> dict[str, dict[str, Any]]:
    return {r["statement_id"]: r for r in seed_lines() if "statement_id" in r}


def seed_text() -> str:
    return next(r["article"]["text"] for r in seed_lines() if "article" in r)


def check_evidence(statement: dict[str, Any], text: str) -> None:
    """The offsets of a statement slice the article text into its words."""
    assert text[statement["claim_start"]:statement["claim_end"]] == statement["claim_text"]
    assert text[statement["speaker_start"]:statement["speaker_end"]] == statement["speaker_text"]
    assert text[statement["cue_start"]:statement["cue_end"]] == statement["cue"]
    start = statement["sentence_start"]
    assert text[start:start + len(statement["sentence"])] == statement["sentence"]


def all_rows(client: TestClient, path: str, page_size: int, headers_fresh: bool = False,
             **params: Any) -> tuple[list[dict[str, Any]], int]:
    """Every row of a list endpoint, page by page; checks total and next_offset on the way.
    ``headers_fresh``: ask for answers computed now, not kept (``Cache-Control: no-cache``)."""
    rows: list[dict[str, Any]] = []
    offset: int | None = 0
    totals = set()
    headers = {"Cache-Control": "no-cache"} if headers_fresh else None
    while offset is not None:
        page = client.get(path, params={**params, "limit": page_size, "offset": offset}, headers=headers).json()
        assert len(page["rows"]) <= page_size
        totals.add(page["total"])
        rows.extend(page["rows"])
        offset = page["next_offset"]
    assert len(totals) == 1
    return rows, totals.pop()


# -- a dated article: Armenia and Azerbaijan accuse each other, and Azerbaijan denies -----------

DATED_ID = "test-dated-ganja"
SENTENCES = ["Armenia said that Azerbaijan shelled Stepanakert.", "Azerbaijan denied it.",
             "Azerbaijan said that Armenia shelled Ganja."]
DATED_TEXT = " ".join(SENTENCES)


def _span(text: str, words: str, after: int = 0) -> dict[str, Any]:
    start = text.index(words, after)
    return {"text": words, "start": start, "end": start + len(words)}


def dated_records() -> list[dict[str, Any]]:
    """The dated article and its statements, offsets taken from its text."""
    text = DATED_TEXT
    starts = [text.index(s) for s in SENTENCES]

    def sentence(i: int) -> dict[str, Any]:
        return {"text": SENTENCES[i], "start": starts[i], "end": starts[i] + len(SENTENCES[i])}

    def actor(name: str, actor_id: str, after: int) -> dict[str, Any]:
        return {"name": name, "actor_id": actor_id, **_span(text, name, after)}

    arm, aze = "country:arm", "country:aze"
    return [
        {"article": {"id": DATED_ID, "title": "Shelling", "source": "test-wire", "language": "en",
                     "published_at": "2020-10-05", "text": text}},
        {"article_id": DATED_ID, "statement_id": f"{DATED_ID}/1", "relation": "ACCUSES",
         "speaker": actor("Armenia", arm, starts[0]), "targets": [actor("Azerbaijan", aze, starts[0])],
         "claim": _span(text, "Azerbaijan shelled Stepanakert"), "cue": _span(text, "said"),
         "sentence": sentence(0), "confidence": 0.9, "extractor": "test"},
        {"article_id": DATED_ID, "statement_id": f"{DATED_ID}/2", "relation": "DENIES",
         "speaker": actor("Azerbaijan", aze, starts[1]), "targets": [],
         "claim": {**_span(text, "it", starts[1]), "refers_to": [f"{DATED_ID}/1"]}, "cue": _span(text, "denied"),
         "sentence": sentence(1), "confidence": 0.8, "extractor": "test"},
        {"article_id": DATED_ID, "statement_id": f"{DATED_ID}/3", "relation": "ACCUSES",
         "speaker": actor("Azerbaijan", aze, starts[2]), "targets": [actor("Armenia", arm, starts[2])],
         "claim": _span(text, "Armenia shelled Ganja"), "cue": _span(text, "said", starts[2]),
         "sentence": sentence(2), "confidence": 0.9, "extractor": "test"},
    ]


@pytest.fixture
def dated_client(corpus_graph: Graph, tmp_path: Path) -> Iterator[TestClient]:
    """The corpus plus the dated article."""
    path = tmp_path / "dated.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in dated_records()) + "\n", encoding="utf-8")
    parsed, report = load_files(corpus_graph, path)
    assert not parsed.problems and not report.failures, (parsed.problems, report.failures)
    with TestClient(create_app(Settings(MAX_PAGE_SIZE=500), corpus_graph)) as client:
        yield client


def test_dated_records_are_consistent() -> None:
    for record in dated_records()[1:]:
        for key in ("claim", "cue", "sentence", "speaker"):
            span = record[key]
            assert DATED_TEXT[span["start"]:span["end"]] == span["text"], (record["statement_id"], key)


# -- /contradictions ---------------------------------------------------------------------------


def expected_seed_contradictions() -> dict[str, tuple[set[str], set[str]]]:
    """Seed statement id of each denied claim -> (who asserts it, who denies it), from the gold."""
    statements = seed_statements()
    found: dict[str, tuple[set[str], set[str]]] = {}
    for s in statements.values():
        if s["relation"] != "DENIES":
            continue
        for ref in s["claim"].get("refers_to", []):
            asserted = statements[ref]
            assert asserted["relation"] in ASSERTING
            found.setdefault(ref, ({asserted["speaker"]["actor_id"]}, set()))[1].add(s["speaker"]["actor_id"])
    return found


def test_api_contradictions_seed_denials_against_the_accusations(corpus_client: TestClient) -> None:
    expected = expected_seed_contradictions()
    # G10 (the Armenian-backed administration), G11 and G12 (SOHR), each denied by Turkey,
    # Azerbaijan and Azerbaijan's Defense Ministry.
    assert set(expected) == {f"seed-nk-mercenaries/G{n}" for n in (10, 11, 12)}
    assert all({"country:tur", "country:aze"} <= deniers for _, deniers in expected.values())

    rows, total = all_rows(corpus_client, "/contradictions", 500)
    assert total == len(rows)
    by_assertion = {a["statement_id"]: row for row in rows for a in row["assertions"]}
    text = seed_text()
    for statement_id, (asserters, deniers) in expected.items():
        row = by_assertion[statement_id]
        assert set(row["asserted_by"]) == asserters
        assert set(row["denied_by"]) == deniers
        assert row["sides"] == len(asserters) + len(deniers)
        assert row["claim_text"] == seed_statements()[statement_id]["claim"]["text"]
        for statement in row["assertions"] + row["denials"]:
            assert statement["article_id"] == "seed-nk-mercenaries"
            check_evidence(statement, text)
        assert {d["relation"] for d in row["denials"]} == {"DENIES"}
        assert {a["relation"] for a in row["assertions"]} <= ASSERTING
        # The denials are "These claims were denied by Turkey and Azerbaijan" and the Defense
        # Ministry's "which rejected the claims".
        assert {d["statement_id"] for d in row["denials"]} == {f"seed-nk-mercenaries/G{n}" for n in (13, 14, 15)}
    # Every row is a claim that one actor asserts and another denies.
    for row in rows:
        assert any(a != d for a in row["asserted_by"] for d in row["denied_by"])


def test_api_contradictions_sort_by_sides_and_by_recency(dated_client: TestClient) -> None:
    by_sides, _ = all_rows(dated_client, "/contradictions", 500, sort="sides")
    sides = [row["sides"] for row in by_sides]
    assert sides == sorted(sides, reverse=True)
    # The seed's claims have four sides (one accuser, three deniers): nothing in the corpus has more.
    assert {a["statement_id"] for row in by_sides[:3] for a in row["assertions"]} == {
        f"seed-nk-mercenaries/G{n}" for n in (10, 11, 12)}

    recent, total = all_rows(dated_client, "/contradictions", 500, sort="recent")
    assert total == len(by_sides)
    assert {r["claim_id"] for r in recent} == {r["claim_id"] for r in by_sides}
    # Only the dated article has dates: its contradiction comes first.
    assert recent[0]["assertions"][0]["statement_id"] == f"{DATED_ID}/1"
    assert recent[0]["denied_by"] == ["country:aze"] and recent[0]["asserted_by"] == ["country:arm"]
    assert recent[0]["last_stated_at"].startswith("2020-10-05")
    assert all(row["last_stated_at"] is None for row in recent[1:])


def test_api_contradictions_pages_csv_and_bad_sort(corpus_client: TestClient) -> None:
    everything, total = all_rows(corpus_client, "/contradictions", 500)
    paged, paged_total = all_rows(corpus_client, "/contradictions", 2)
    assert paged_total == total
    assert [r["claim_id"] for r in paged] == [r["claim_id"] for r in everything]
    assert len({r["claim_id"] for r in paged}) == len(paged)

    response = corpus_client.get("/contradictions", params={"limit": 500, "format": "csv"})
    assert response.status_code == 200
    assert response.headers["x-total-count"] == str(total)
    assert "x-next-offset" not in response.headers
    table = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["claim_id"] for r in table] == [r["claim_id"] for r in everything]
    assert [r["denied_by"] for r in table] == ["|".join(r["denied_by"]) for r in everything]
    assert [int(r["sides"]) for r in table] == [r["sides"] for r in everything]

    bad = corpus_client.get("/contradictions", params={"sort": "loudest"})
    assert bad.status_code == 400
    assert bad.headers["content-type"] == "application/problem+json"
    too_big = corpus_client.get("/contradictions", params={"limit": 501})
    assert too_big.status_code == 400
    assert "CLAIMGRAPH_MAX_PAGE_SIZE" in too_big.json()["detail"]


@pytest.mark.parametrize("kept", [True, False], ids=["from-the-tallies", "counted-live"])
def test_api_contradictions_of_one_actor_are_those_it_asserts_or_denies(
        corpus_client: TestClient, monkeypatch: pytest.MonkeyPatch, kept: bool) -> None:
    if not kept:
        monkeypatch.setattr(reads, "tallied", lambda graph: False)
    everything, _ = all_rows(corpus_client, "/contradictions", 500, headers_fresh=True)
    actors = {a for row in everything for a in row["asserted_by"] + row["denied_by"]}
    assert {"country:tur", "country:aze"} <= actors and len(actors) > 3
    for actor in sorted(actors):
        rows, total = all_rows(corpus_client, "/contradictions", 2, actor=actor, headers_fresh=True)
        expected = [r for r in everything if actor in r["asserted_by"] + r["denied_by"]]
        assert [r["claim_id"] for r in rows] == [r["claim_id"] for r in expected], actor
        assert total == len(expected)
    by_name, _ = all_rows(corpus_client, "/contradictions", 500, actor="turkey", headers_fresh=True)
    assert [r["claim_id"] for r in by_name] == [r["claim_id"] for r in everything
                                                 if "country:tur" in r["asserted_by"] + r["denied_by"]]
    unknown = corpus_client.get("/contradictions", params={"actor": "Atlantis"})
    assert unknown.status_code == 404 and "Atlantis" in unknown.json()["detail"]


def test_api_contradictions_past_the_end_keeps_the_total(corpus_client: TestClient) -> None:
    total = corpus_client.get("/contradictions").json()["total"]
    past = corpus_client.get("/contradictions", params={"offset": total + 5}).json()
    assert past["rows"] == [] and past["total"] == total and past["next_offset"] is None


# -- /claims/{claim_id} ------------------------------------------------------------------------


def claim_id_of(client: TestClient, statement_id: str) -> str:
    rows, _ = all_rows(client, "/contradictions", 500)
    return next(row["claim_id"] for row in rows for a in row["assertions"] if a["statement_id"] == statement_id)


def test_api_claim_sohr_accuses_turkey_and_azerbaijan_deny(corpus_client: TestClient) -> None:
    g11 = seed_statements()["seed-nk-mercenaries/G11"]
    claim_id = claim_id_of(corpus_client, "seed-nk-mercenaries/G11")
    response = corpus_client.get(f"/claims/{claim_id}")
    assert response.status_code == 200
    claim = response.json()
    assert claim["id"] == claim_id
    assert claim["text"] == g11["claim"]["text"] == "Turkey had sent about 300 mercenaries from Syria to Nagorno-Karabakh"
    assert claim["about"] == [{"id": "country:tur", "name": "Turkey", "kind": "country"}]
    assert claim["asserted_by"] == ["syrian-observatory-for-human-rights"]
    assert [(a["relation"], a["statement_id"]) for a in claim["assertions"]] == [("ACCUSES", "seed-nk-mercenaries/G11")]
    assert claim["denied_by"] == ["country:aze", "country:aze/defense-ministry", "country:tur"]
    assert sorted(d["statement_id"] for d in claim["denials"]) == [f"seed-nk-mercenaries/G{n}" for n in (13, 14, 15)]
    text = seed_text()
    for statement in claim["assertions"] + claim["denials"]:
        check_evidence(statement, text)
        assert statement["article_title"] == "Alleged foreign terrorist from Russia! Mercenaries in Nagorno-Karabakh."
    turkey = next(d for d in claim["denials"] if d["speaker_id"] == "country:tur")
    assert (turkey["claim_text"], turkey["cue"], turkey["speaker_text"]) == ("These claims", "were denied by", "Turkey")
    assert "seed-nk-mercenaries/G11" in turkey["refers_to"]
    sohr = claim["assertions"][0]
    assert (sohr["speaker_start"], sohr["speaker_end"]) == (g11["speaker"]["start"], g11["speaker"]["end"])
    assert (sohr["claim_start"], sohr["claim_end"]) == (g11["claim"]["start"], g11["claim"]["end"])


def test_api_claim_unknown_is_a_404_problem(corpus_client: TestClient) -> None:
    response = corpus_client.get("/claims/cl-nothing")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == {"type": "/problems/not-found", "title": "Not found", "status": 404,
                               "detail": "no claim has the id 'cl-nothing'", "instance": "/claims/cl-nothing"}


# -- /claims -----------------------------------------------------------------------------------


def test_api_claims_contested_are_denied_and_asserted(corpus_client: TestClient) -> None:
    everything, total = all_rows(corpus_client, "/claims", 500)
    assert total == len(everything) == len({r["claim_id"] for r in everything})
    counts = [r["statements"] for r in everything]
    assert counts == sorted(counts, reverse=True)
    for row in everything:
        assert row["statements"] == row["assertions"] + row["denials"]

    contested, contested_total = all_rows(corpus_client, "/claims", 3, contested="true")
    assert contested_total == len(contested)
    assert {r["claim_id"] for r in contested} == {r["claim_id"] for r in everything if r["assertions"] and r["denials"]}
    assert len({r["claim_id"] for r in contested}) == len(contested)  # pages do not overlap
    # The seed's three denied claims are contested (G10-G12 each with three denials).
    seed_claims = {seed_statements()[f"seed-nk-mercenaries/G{n}"]["claim"]["text"] for n in (10, 11, 12)}
    denied = {r["text"]: r for r in contested if r["text"] in seed_claims}
    assert set(denied) == seed_claims
    for row in denied.values():
        assert row["denials"] == 3 and set(row["denied_by"]) == {"country:aze/defense-ministry", "country:aze", "country:tur"}
        assert row["about"] == ["country:tur"]


def test_api_claims_text_search_csv_and_paging(corpus_client: TestClient) -> None:
    everything, _ = all_rows(corpus_client, "/claims", 500)
    found, total = all_rows(corpus_client, "/claims", 2, q="MERCENARIES")
    expected = [r["claim_id"] for r in everything if "mercenaries" in r["text"].lower()]
    assert [r["claim_id"] for r in found] == expected
    assert total == len(expected) >= 4

    as_json = corpus_client.get("/claims", params={"q": "mercenaries"}).json()
    response = corpus_client.get("/claims", params={"q": "mercenaries", "format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["x-total-count"] == str(as_json["total"])
    table = list(csv.DictReader(io.StringIO(response.text)))
    assert list(table[0]) == as_json["columns"]
    assert [(r["claim_id"], r["text"], int(r["statements"])) for r in table] == [
        (r["claim_id"], r["text"], r["statements"]) for r in as_json["rows"]]
    assert [r["about"] for r in table] == ["|".join(r["about"]) for r in as_json["rows"]]


# -- /mutual -----------------------------------------------------------------------------------


def test_api_mutual_accusers_counted_from_the_texts(dated_client: TestClient) -> None:
    # Armenia accuses Azerbaijan in the dated article; Azerbaijan accuses Armenia there and in
    # the seed (G2). The seed alone has no mutual pair.
    accusations: dict[tuple[str, str], set[str]] = defaultdict(set)
    for record in list(seed_statements().values()) + dated_records()[1:]:
        if record["relation"] == "ACCUSES":
            for target in record["targets"]:
                accusations[(record["speaker"]["actor_id"], target["actor_id"])].add(record["statement_id"])
    response = dated_client.get("/mutual")
    assert response.status_code == 200
    body = response.json()
    pair = next(r for r in body["rows"] if (r["actor_a_id"], r["actor_b_id"]) == ("country:arm", "country:aze"))
    assert pair["a_accuses_b"] == len(accusations[("country:arm", "country:aze")]) == 1
    assert pair["b_accuses_a"] == len(accusations[("country:aze", "country:arm")]) == 2
    assert pair["accusations"] == 3 and pair["articles"] == 2
    assert (pair["actor_a_name"], pair["actor_b_name"]) == ("Armenia", "Azerbaijan")
    assert pair["first_stated_at"].startswith("2020-10-05")
    for row in body["rows"]:
        assert row["a_accuses_b"] > 0 and row["b_accuses_a"] > 0 and row["actor_a_id"] < row["actor_b_id"]
    assert body["total"] == len(body["rows"])

    by_name = dated_client.get("/mutual", params={"actor": "Azerbaijan"}).json()
    assert [(r["actor_a_id"], r["actor_b_id"]) for r in by_name["rows"]] == [("country:arm", "country:aze")]
    assert by_name["rows"][0] == pair
    csv_rows = list(csv.DictReader(io.StringIO(dated_client.get("/mutual", params={"format": "csv"}).text)))
    assert [(r["actor_a_id"], r["actor_b_id"], int(r["accusations"])) for r in csv_rows] == [
        (r["actor_a_id"], r["actor_b_id"], r["accusations"]) for r in body["rows"]]


def test_api_mutual_none_in_the_corpus_and_unknown_actor(corpus_client: TestClient) -> None:
    body = corpus_client.get("/mutual").json()
    assert body["rows"] == [] and body["total"] == 0 and body["next_offset"] is None
    response = corpus_client.get("/mutual", params={"actor": "Atlantis"})
    assert response.status_code == 404
    assert response.json()["detail"] == "no actor has the id, name or alias 'Atlantis'"


def test_api_contradictions_evidence_is_bounded_per_side_with_totals(corpus_client: TestClient) -> None:
    """A claim said in a thousand articles must not make a page of megabytes: at most
    ``evidence`` statements per side, oldest first, and totals that count them all."""
    full, _ = all_rows(corpus_client, "/contradictions", 500, evidence=1000)
    denied_thrice = next(row for row in full if row["denials_total"] == 3)
    assert len(denied_thrice["denials"]) == 3
    for row in full:
        assert (len(row["assertions"]), len(row["denials"])) == (row["assertions_total"], row["denials_total"])

    one, _ = all_rows(corpus_client, "/contradictions", 500, evidence=1)
    assert [r["claim_id"] for r in one] == [r["claim_id"] for r in full]
    bounded = next(row for row in one if row["claim_id"] == denied_thrice["claim_id"])
    assert bounded["denials"] == denied_thrice["denials"][:1] and bounded["denials_total"] == 3
    assert bounded["assertions"] == denied_thrice["assertions"][:1]
    assert all(len(r["assertions"]) <= 1 and len(r["denials"]) <= 1 for r in one)

    default, _ = all_rows(corpus_client, "/contradictions", 500)
    assert all(len(r["denials"]) == min(r["denials_total"], 10) for r in default)
    bad = corpus_client.get("/contradictions", params={"evidence": 0})
    assert bad.status_code == 400 and "evidence" in bad.text
