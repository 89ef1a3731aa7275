"""GET /chains on the seed article (gold statements) and the six FNC-1 development bodies (as
extracted), against what the texts say and against an independent search over links read with
plain Cypher."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

from conftest import FRESH, cypher

from claimgraph.graph import analytics
from claimgraph.graph.engine import Graph

SOHR = "syrian-observatory-for-human-rights"
MOD = "country:aze/defense-ministry"
SEED = "seed-nk-mercenaries"


def all_chains(client: TestClient, **params: object) -> list[dict]:
    chains, offset = [], 0
    while offset is not None:
        page = client.get("/chains", params={**params, "limit": 100, "offset": offset})
        assert page.status_code == 200, page.text
        body = page.json()
        chains.extend(body["rows"])
        offset = body["next_offset"]
    assert len(chains) == body["total"]
    return chains


def actor_ids(chain: dict) -> list[str]:
    return [a["id"] for a in chain["actors"]]


def test_api_chains_sohr_reaches_armenia_through_the_denials(corpus_client: TestClient) -> None:
    response = corpus_client.get("/chains", params={"from": "Syrian Observatory for Human Rights", "to": "Armenia"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["truncated"] is False
    # SOHR accuses Turkey (G11, G12); Azerbaijan (G14) and its Defense Ministry (G15) deny
    # these claims; each accuses Armenia (G2; G16). Speakers are kept as recorded: the ministry
    # is its own actor, and no chain steps from it to Azerbaijan over PART_OF.
    assert [actor_ids(c) for c in body["rows"]] == [
        [SOHR, "country:aze", "country:arm"],
        [SOHR, MOD, "country:arm"],
    ]
    assert body["total"] == 2
    statements = {
        tuple(actor_ids(c)): [sorted({e["statement_id"] for claim in hop["claims"] for e in claim["evidence"]})
                              for hop in c["path"]]
        for c in body["rows"]
    }
    assert statements[(SOHR, MOD, "country:arm")] == [
        [f"{SEED}/G11", f"{SEED}/G12", f"{SEED}/G15"], [f"{SEED}/G16"]]
    assert statements[(SOHR, "country:aze", "country:arm")] == [
        [f"{SEED}/G11", f"{SEED}/G12", f"{SEED}/G14"], [f"{SEED}/G2"]]
    for chain in body["rows"]:
        assert [hop["links"] for hop in chain["path"]] == [["denial"], ["accusation"]]
        assert chain["hops"] == 2

    # The alias and the id name the same actor.
    by_alias = corpus_client.get("/chains", params={"from": "SOHR", "to": "country:arm"}).json()
    assert by_alias["rows"] == body["rows"]


def test_api_chains_evidence_offsets_slice_the_article_text(corpus_client: TestClient, corpus_graph: Graph) -> None:
    starts = [r["id"] for r in cypher(corpus_graph, """
        MATCH (x:Actor)-[:ACCUSES|REPORTS|SUPPORTS]->(:Claim) RETURN DISTINCT x.id AS id ORDER BY id""")]
    chains = [c for start in starts for c in all_chains(corpus_client, **{"from": start, "max_hops": 6})]
    assert {e["article_id"] for c in chains for hop in c["path"] for claim in hop["claims"] for e in claim["evidence"]} > {SEED}
    texts = {r["id"]: r["text"] for r in cypher(corpus_graph, "MATCH (a:Article) RETURN a.id AS id, a.text AS text")}
    checked = 0
    for chain in chains:
        for hop in chain["path"]:
            for claim in hop["claims"]:
                assert claim["evidence"], claim
                for e in claim["evidence"]:
                    text = texts[e["article_id"]]
                    assert text[e["claim_start"]:e["claim_end"]] == e["claim_text"]
                    assert text[e["speaker_start"]:e["speaker_end"]] == e["speaker_text"]
                    assert text[e["cue_start"]:e["cue_end"]] == e["cue"]
                    assert text[e["sentence_start"]:e["sentence_start"] + len(e["sentence"])] == e["sentence"]
                    checked += 1
    assert checked >= 20


def test_api_chains_each_hop_is_a_denial_or_an_accusation(corpus_client: TestClient, corpus_graph: Graph) -> None:
    about = {(r["claim"], r["actor"]) for r in cypher(
        corpus_graph, "MATCH (c:Claim)-[:ABOUT]->(a:Actor) RETURN c.id AS claim, a.id AS actor")}
    starts = [r["id"] for r in cypher(corpus_graph, """
        MATCH (x:Actor)-[:ACCUSES|REPORTS|SUPPORTS]->(:Claim) RETURN DISTINCT x.id AS id ORDER BY id""")]
    chains = [c for start in starts for c in all_chains(corpus_client, **{"from": start, "max_hops": 6})]
    assert len(chains) > 5
    for chain in chains:
        assert any("denial" in hop["links"] for hop in chain["path"]), "a chain holds at least one denial"
        assert len(set(actor_ids(chain))) == len(chain["actors"]), "no actor twice"
        for hop in chain["path"]:
            x, y = hop["from"]["id"], hop["to"]["id"]
            for claim in hop["claims"]:
                made = {e["relation"] for e in claim["evidence"] if e["speaker_id"] == x}
                denied = {e["relation"] for e in claim["evidence"] if e["speaker_id"] == y}
                if "denial" in claim["links"]:
                    assert made & {"ACCUSES", "REPORTS", "SUPPORTS"} and denied == {"DENIES"}
                if "accusation" in claim["links"]:
                    assert "ACCUSES" in made and (claim["claim_id"], y) in about


def test_api_chains_accusation_and_denial_on_one_claim(corpus_client: TestClient) -> None:
    # SOHR accuses Turkey (G11, G12) and Turkey denies these claims (G13): one hop, both links.
    body = corpus_client.get("/chains", params={"from": SOHR, "to": "Turkey"}).json()
    assert [actor_ids(c) for c in body["rows"]] == [[SOHR, "country:tur"]]
    hop = body["rows"][0]["path"][0]
    assert hop["links"] == ["accusation", "denial"] and hop["claims_total"] == 2
    for claim in hop["claims"]:
        assert claim["links"] == ["accusation", "denial"]
        assert {(e["speaker_id"], e["relation"]) for e in claim["evidence"]} == {(SOHR, "ACCUSES"), ("country:tur", "DENIES")}
    # Links point from the accuser to the denier: Turkey only denies, so no chain starts there.
    assert corpus_client.get("/chains", params={"from": "Turkey"}).json()["total"] == 0


def independent_chains(graph: Graph, start: str, max_hops: int) -> set[tuple[str, ...]]:
    """Every chain from ``start``, by brute force over the links read with plain Cypher."""
    denial = {(r["x"], r["y"]) for r in cypher(graph, """
        MATCH (x:Actor)-[:ACCUSES|REPORTS|SUPPORTS]->(c:Claim)<-[:DENIES]-(y:Actor) WHERE x <> y
        RETURN DISTINCT x.id AS x, y.id AS y""")}
    accusation = {(r["x"], r["y"]) for r in cypher(graph, """
        MATCH (x:Actor)-[:ACCUSES]->(c:Claim)-[:ABOUT]->(y:Actor) WHERE x <> y
        RETURN DISTINCT x.id AS x, y.id AS y""")}
    out: dict[str, set[str]] = {}
    for x, y in denial | accusation:
        out.setdefault(x, set()).add(y)
    found: set[tuple[str, ...]] = set()

    def walk(path: tuple[str, ...], has_denial: bool) -> None:
        if len(path) > 1 and has_denial:
            found.add(path)
        if len(path) - 1 == max_hops:
            return
        for y in out.get(path[-1], ()):
            if y not in path:
                walk(path + (y,), has_denial or (path[-1], y) in denial)

    walk((start,), False)
    return found


def test_api_chains_match_an_independent_search(corpus_client: TestClient, corpus_graph: Graph) -> None:
    # Every actor with a statement that asserts something, in the seed and the FNC-1 bodies.
    starts = [r["id"] for r in cypher(corpus_graph, """
        MATCH (x:Actor)-[:ACCUSES|REPORTS|SUPPORTS]->(:Claim) RETURN DISTINCT x.id AS id ORDER BY id""")]
    assert SOHR in starts and len(starts) > 10
    nonempty = 0
    for start in starts:
        for max_hops in (1, 3, 6):
            chains = all_chains(corpus_client, **{"from": start, "max_hops": max_hops})
            got = [tuple(actor_ids(c)) for c in chains]
            assert set(got) == independent_chains(corpus_graph, start, max_hops), (start, max_hops)
            assert len(got) == len(set(got))
            assert got == sorted(got, key=lambda c: (len(c), c)), "shortest first, then by actor ids"
            assert all(len(c) - 1 <= max_hops for c in got)
            nonempty += bool(got)
    assert nonempty >= 6


def test_api_chains_max_hops_bounds(corpus_client: TestClient) -> None:
    one = all_chains(corpus_client, **{"from": SOHR, "max_hops": 1})
    assert {tuple(actor_ids(c)) for c in one} == {(SOHR, MOD), (SOHR, "country:aze"), (SOHR, "country:tur")}
    two = all_chains(corpus_client, **{"from": SOHR, "max_hops": 2})
    assert {tuple(actor_ids(c)) for c in one} < {tuple(actor_ids(c)) for c in two}
    assert max(c["hops"] for c in two) == 2
    # Armenia is two hops away: not reached with one.
    assert corpus_client.get("/chains", params={"from": SOHR, "to": "Armenia", "max_hops": 1}).json()["total"] == 0
    for bad in ({"max_hops": 0}, {"max_hops": 7}, {"limit": 101}, {"limit": 0}, {"offset": -1}):
        response = corpus_client.get("/chains", params={"from": SOHR, **bad})
        assert response.status_code == 400, (bad, response.text)
        assert response.headers["content-type"] == "application/problem+json"
    response = corpus_client.get("/chains", params={"from": SOHR})
    assert response.json()["bounds"]["max_hops"] == 4  # the default


def test_api_chains_unknown_actor_is_a_404_problem(corpus_client: TestClient) -> None:
    for params in ({"from": "Atlantis"}, {"from": SOHR, "to": "Atlantis"}):
        response = corpus_client.get("/chains", params=params)
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"
        body = response.json()
        assert body["type"] == "/problems/not-found" and body["instance"] == "/chains"
        assert "Atlantis" in body["detail"]
    missing = corpus_client.get("/chains")
    assert missing.status_code == 400 and "from" in missing.json()["detail"]


def test_api_chains_pages_and_csv(corpus_client: TestClient) -> None:
    everything = corpus_client.get("/chains", params={"from": SOHR, "max_hops": 6, "limit": 100}).json()
    assert everything["total"] == len(everything["rows"]) >= 5
    pages, offset = [], 0
    while offset is not None:
        page = corpus_client.get("/chains", params={"from": SOHR, "max_hops": 6, "limit": 2, "offset": offset}).json()
        assert page["total"] == everything["total"]
        pages.extend(page["rows"])
        offset = page["next_offset"]
    assert pages == everything["rows"]

    response = corpus_client.get("/chains", params={"from": SOHR, "to": "Armenia", "format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["X-Total-Count"] == "2" and response.headers["X-Truncated"] == "false"
    rows = list(csv.DictReader(io.StringIO(response.text)))
    # Chain 1: hop 1 has two claims with SOHR's statement and Azerbaijan's denial each, hop 2
    # one claim with one accusation; chain 2 the same through its Defense Ministry.
    assert len(rows) == 2 * (2 * 2 + 1)
    assert {(r["chain"], r["hop"], r["from_id"], r["to_id"]) for r in rows} == {
        ("1", "1", SOHR, "country:aze"), ("1", "2", "country:aze", "country:arm"),
        ("2", "1", SOHR, MOD), ("2", "2", MOD, "country:arm")}
    assert {r["statement_id"] for r in rows if r["chain"] == "1"} == {
        f"{SEED}/G11", f"{SEED}/G12", f"{SEED}/G14", f"{SEED}/G2"}


def test_api_chains_bounds_cut_the_search_short_and_say_so(corpus_client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    params = {"from": SOHR, "max_hops": 6}
    full = {tuple(actor_ids(c)) for c in all_chains(corpus_client, **params)}
    assert corpus_client.get("/chains", params=params).json()["truncated"] is False

    # One statement edge read per hop: the hub-proof bound, tightened until it bites.
    monkeypatch.setattr(analytics, "CHAIN_HOP_EDGES", 1)
    monkeypatch.setattr(analytics, "CHAIN_MIN_EDGES_PER_ACTOR", 1)
    # The bounds changed, not the graph: ask for fresh answers rather than the ones kept.
    body = corpus_client.get("/chains", params=params, headers=FRESH).json()
    assert body["truncated"] is True and body["bounds"]["hop_edges"] == 1
    assert {tuple(actor_ids(c)) for c in body["rows"]} <= full
    # One of SOHR's two claims is read: each first hop holds one claim instead of two.
    assert {c["path"][0]["claims_total"] for c in body["rows"]} == {1}
    monkeypatch.undo()

    monkeypatch.setattr(analytics, "CHAIN_MAX_FOUND", 2)
    body = corpus_client.get("/chains", params=params, headers=FRESH).json()
    assert body["truncated"] is True and body["total"] == 2
    assert {tuple(actor_ids(c)) for c in body["rows"]} <= full
