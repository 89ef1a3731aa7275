"""Claim identity across articles (graph/claim_identity.py, graph/reindex.py): local claims stay
with their statement, claims worded differently join with a reason, the claim search, and
reindexing a graph loaded before identity existed."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import cypher, load_files
from fastapi.testclient import TestClient

from claimgraph.api.main import create_app
from claimgraph.graph.claim_identity import (
    IdentitySettings,
    IndexedClaim,
    best_match,
    claim_id,
    claim_terms,
    is_local_claim,
    is_negated,
    is_worded,
    similarity,
)
from claimgraph.graph.engine import Graph
from claimgraph.graph.reads import graph_counts
from claimgraph.graph.reindex import reindex_claims
from claimgraph.graph.settings import Settings
from claimgraph.graph.store import write_articles
from claimgraph.graph.types import stable_id
from claimgraph.loaders.inputs import read_paths
from claimgraph.loaders.prepare import prepare_articles
from test_graph_store import statement, write_jsonl

SHELLING = "Russian troops shelled the Zaporizhzhia nuclear power plant on Friday"
SHELLING_DENIED = "our troops did not shell the Zaporizhzhia nuclear power plant on Friday"
HARVEST = "the wheat harvest in Kherson was the largest in a decade"
# Index terms whose kept count of claims differs from their HAS_TERM edges.
MISCOUNTED_TERMS = ("MATCH (t:ClaimTerm) WHERE t.claims <> COUNT { (t)<-[:HAS_TERM]-(:Claim) } "
                    "RETURN count(t) AS n")
CLAIM_OF_EACH_STATEMENT = ("MATCH (c:Claim)<-[r:ACCUSES|DENIES|REPORTS|SUPPORTS]-(:Actor) "
                           "RETURN r.statement_id AS statement, c.id AS claim ORDER BY statement")


@pytest.mark.parametrize("text", ["it", "This", "the matter", "these claims", "the deal", "the news",
                                  "the reports are false", "“It’s not true.”"])
def test_identity_claims_too_short_to_stand_alone_are_local(text: str) -> None:
    assert is_local_claim(text)
    assert claim_id(text, [], "article-a", "s1") != claim_id(text, [], "article-b", "s1")
    assert not is_worded(claim_id(text, [], "article-a", "s1"))


def test_identity_a_worded_claim_id_depends_on_its_words_and_targets_only() -> None:
    assert not is_local_claim(SHELLING)
    same = claim_id(SHELLING, ["country:rus"], "article-a", "s1")
    assert same == claim_id(f"  {SHELLING.upper()}.", ["country:rus"], "article-b", "s9") and is_worded(same)
    assert same != claim_id(SHELLING, ["country:ukr"], "article-a", "s1")
    assert not is_worded("gdelt-claim-0123456789")


def test_identity_terms_are_stemmed_content_words() -> None:
    assert claim_terms("The plants were shelled by Russia") == ["plant", "russia", "shell"]
    assert claim_terms("it was not the matter") == []


@pytest.mark.parametrize(("text", "negated"), [
    ("the cut wasn't clean", True), ("Manson has been unable to receive visitors", True),
    ("no such biopsy was performed", True), ("Nobel laureates notably said the clinic performed the biopsy", False),
])
def test_identity_negated_words_are_found_whole(text: str, negated: bool) -> None:
    assert is_negated(text) is negated


def test_identity_rare_shared_words_count_more_than_common_ones() -> None:
    a, b = ["kherson", "said", "troop"], ["kherson", "said", "harvest"]
    c = ["mykolaiv", "said", "troop"]
    holding = {"said": 5000, "troop": 40, "kherson": 2, "harvest": 3, "mykolaiv": 2}
    assert similarity(a, a, holding).score == 1.0
    assert similarity(a, b, holding).score > similarity(a, c, holding).score
    assert similarity(a, b, holding).shared == ("kherson", "said")


def test_identity_best_match_needs_the_threshold_shared_terms_and_agreeing_targets() -> None:
    settings = IdentitySettings(join_threshold=0.6, min_shared_terms=3)
    new = IndexedClaim("new", claim_terms(SHELLING), ["country:rus"])
    same_words_other_target = IndexedClaim("b", claim_terms(SHELLING), ["country:ukr"])
    denial = IndexedClaim("c", claim_terms(SHELLING_DENIED), [])
    unrelated = IndexedClaim("d", claim_terms(HARVEST), [])

    join = best_match(new, [same_words_other_target, unrelated, denial], {}, settings, settings.join_threshold)

    assert join is not None and join.claim_id == "c" and join.score >= 0.6
    assert {"zaporizhzhia", "nuclear", "shell"} <= set(join.shared_terms)
    assert best_match(new, [same_words_other_target, unrelated], {}, settings, settings.join_threshold) is None
    strict = IdentitySettings(min_shared_terms=9)
    assert best_match(new, [denial], {}, strict, strict.join_threshold) is None


def _shelling_files(tmp_path: Path) -> tuple[Path, Path]:
    first = write_jsonl(tmp_path / "first.jsonl", [
        {"article": {"id": "kyiv-report", "text": f"{SHELLING}, Kyiv said. Moscow called it a provocation."}},
        statement("kyiv-report", "k1", "Ukraine", SHELLING, "ACCUSES", targets=[{"name": "Russia"}]),
        statement("kyiv-report", "k2", "Russia", "it", "DENIES"),
        statement("kyiv-report", "k3", "Ukraine", HARVEST),
    ])
    second = write_jsonl(tmp_path / "second.jsonl", [
        {"article": {"id": "moscow-report", "text": f"“{SHELLING_DENIED},” the Kremlin said. It denied it."}},
        statement("moscow-report", "m1", "Russia", SHELLING_DENIED, "DENIES"),
        statement("moscow-report", "m2", "Russia", "it", "DENIES"),
    ])
    return first, second


def test_identity_the_same_claim_in_other_words_becomes_one_claim_with_its_reason(clean_graph: Graph, tmp_path: Path) -> None:
    first, second = _shelling_files(tmp_path)
    load_files(clean_graph, first)
    load_files(clean_graph, second)

    rows = cypher(clean_graph, "MATCH (c:Claim)<-[r:ACCUSES|DENIES|REPORTS|SUPPORTS]-(s:Actor) WHERE r.statement_id IN ['k1', 'm1'] "
                               "RETURN c.id AS claim, r.claim_text AS wording, r.joined_score AS score, r.joined_terms AS terms "
                               "ORDER BY r.statement_id")
    assert rows[0]["claim"] == rows[1]["claim"]
    assert [r["wording"] for r in rows] == [SHELLING, SHELLING_DENIED]
    assert rows[0]["score"] is None and rows[1]["score"] >= 0.6 and "zaporizhzhia" in rows[1]["terms"]
    # The harvest stays its own claim; each "it" stays with its own statement and article.
    local = cypher(clean_graph, "MATCH (a:Article)-[:MENTIONS]->(c:Claim {text: 'it'}) "
                                "RETURN c.id AS id, collect(a.id) AS articles, COUNT { (c)-[:HAS_TERM]->() } AS terms")
    assert len(local) == 2 and all(len(r["articles"]) == 1 and r["terms"] == 0 for r in local)
    assert graph_counts(clean_graph)["claims"] == 4

    with TestClient(create_app(Settings(), clean_graph)) as client:
        claim = client.get(f"/claims/{rows[0]['claim']}").json()
        contradictions = client.get("/contradictions").json()["rows"]
    assert claim["text"] == SHELLING
    assert [(v["text"], v["joined_score"] is not None) for v in claim["variants"]] == [(SHELLING, False), (SHELLING_DENIED, True)]
    assert claim["asserted_by"] == ["country:ukr"] and claim["denied_by"] == ["country:rus"]
    assert [c["claim_id"] for c in contradictions] == [rows[0]["claim"]]


def test_identity_loading_again_or_in_one_batch_gives_the_same_claims(clean_graph: Graph, tmp_path: Path) -> None:
    first, second = _shelling_files(tmp_path)
    load_files(clean_graph, first)
    _, report = load_files(clean_graph, second)
    counts = graph_counts(clean_graph)
    claims = cypher(clean_graph, CLAIM_OF_EACH_STATEMENT)

    _, again = load_files(clean_graph, first, second)

    assert graph_counts(clean_graph) == counts and again.statements_new == 0 and again.claims_new == 0
    assert cypher(clean_graph, CLAIM_OF_EACH_STATEMENT) == claims
    assert cypher(clean_graph, MISCOUNTED_TERMS) == [{"n": 0}]
    # Both files in one load (one batch): the denial joins the accusation written just before it.
    cypher(clean_graph, "MATCH (n) DETACH DELETE n")
    load_files(clean_graph, first, second)
    assert cypher(clean_graph, CLAIM_OF_EACH_STATEMENT) == claims


def test_identity_a_failed_article_leaves_no_claim_for_the_others_to_join(clean_graph: Graph, tmp_path: Path) -> None:
    """In one batch the second article joins the first one's new claim; the first then fails,
    and the second, written again alone, gets a claim of its own."""
    load_files(clean_graph, write_jsonl(tmp_path / "taken.jsonl", [
        statement("taken", "reused", "Armenia", {"text": "the army shelled the town", "claim_id": "shared-claim"})]))
    batch = write_jsonl(tmp_path / "batch.jsonl", [
        statement("broken", "b1", "Ukraine", SHELLING, "ACCUSES", targets=[{"name": "Russia"}]),
        statement("broken", "reused", "Azerbaijan", {"text": "the army shelled the town", "claim_id": "shared-claim"}),
        statement("ok", "o1", "Russia", SHELLING_DENIED, "DENIES"),
    ])

    _, report = load_files(clean_graph, batch)

    assert [f.article_id for f in report.failures] == ["broken"]
    rows = cypher(clean_graph, "MATCH (c:Claim)<-[r:REPORTS|DENIES]-() WHERE r.statement_id = 'o1' RETURN c.text AS text, r.joined_score AS score")
    assert rows == [{"text": SHELLING_DENIED, "score": None}]


def test_identity_claim_search_finds_both_sides_in_any_wording(clean_graph: Graph, tmp_path: Path) -> None:
    load_files(clean_graph, *_shelling_files(tmp_path))

    with TestClient(create_app(Settings(), clean_graph)) as client:
        found = client.get("/claims/search", params={"q": "Did Russia shell the Zaporizhzhia power plant?"})
        as_csv = client.get("/claims/search", params={"q": "Zaporizhzhia plant shelled", "format": "csv"})
        nothing = client.get("/claims/search", params={"q": "it"})
        missing_q = client.get("/claims/search")

    assert found.status_code == 200
    rows = found.json()["rows"]
    assert rows[0]["claim_text"] == SHELLING and rows[0]["score"] >= 0.3
    assert rows[0]["asserted_by"] == ["country:ukr"] and rows[0]["denied_by"] == ["country:rus"]
    assert {d["statement_id"] for d in rows[0]["denials"]} == {"m1"}
    assert all(r["claim_text"] != HARVEST for r in rows)
    assert as_csv.status_code == 200 and as_csv.text.splitlines()[0].startswith("claim_id,claim_text,score")
    assert SHELLING in as_csv.text
    assert nothing.status_code == 200 and nothing.json()["rows"] == []
    assert missing_q.status_code == 400


def test_identity_reindex_splits_shared_anaphors_and_joins_what_an_old_load_left_apart(clean_graph: Graph, tmp_path: Path) -> None:
    """An old graph: 'it' shared by two articles (the text-only id), and the two wordings of one
    claim on two nodes (loaded with joining off). Reindexing fixes both and loses nothing."""
    old_it = {"text": "it", "claim_id": stable_id("cl", "it")}
    old = write_jsonl(tmp_path / "old.jsonl", [
        statement("kyiv-report", "k1", "Ukraine", SHELLING, "ACCUSES", targets=[{"name": "Russia"}]),
        statement("kyiv-report", "k2", "Russia", old_it, "DENIES"),
        statement("moscow-report", "m1", "Russia", SHELLING_DENIED, "DENIES"),
        statement("apple-report", "a1", "Apple", old_it, "DENIES"),
    ])
    write_articles(clean_graph, prepare_articles(read_paths([old])), identity=IdentitySettings(join_threshold=1.01))
    cypher(clean_graph, "MATCH (c:Claim) REMOVE c.terms WITH c MATCH (c)-[h:HAS_TERM]->() DELETE h")
    assert graph_counts(clean_graph)["claims"] == 3

    report = reindex_claims(clean_graph, IdentitySettings())

    assert report.statements == 4 and report.claims_joined == 1 and report.claims_made_local == 2
    claims = cypher(clean_graph, "MATCH (c:Claim)<-[r:ACCUSES|DENIES|REPORTS|SUPPORTS]-() RETURN r.statement_id AS statement, "
                                 "c.id AS claim, c.terms IS NOT NULL AS indexed ORDER BY statement")
    by_statement = {r["statement"]: r["claim"] for r in claims}
    assert set(by_statement) == {"k1", "k2", "m1", "a1"}
    assert by_statement["k1"] == by_statement["m1"] and by_statement["k2"] != by_statement["a1"]
    assert all(r["indexed"] for r in claims)
    assert cypher(clean_graph, "MATCH (a:Article)-[:MENTIONS]->(c:Claim) WHERE NOT EXISTS "
                               "{ MATCH (c)<-[r]-(:Actor) WHERE r.article_id = a.id } RETURN count(*) AS stale") == [{"stale": 0}]
    assert cypher(clean_graph, MISCOUNTED_TERMS) == [{"n": 0}]
    counts = graph_counts(clean_graph)
    second = reindex_claims(clean_graph, IdentitySettings())
    assert second.statements_moved == 0 and graph_counts(clean_graph) == counts


def test_identity_the_same_negated_words_asserted_and_denied_are_no_contradiction(clean_graph: Graph, tmp_path: Path) -> None:
    """'The cut wasn't clean' reported by one outlet and read as a denial in another is one quote
    twice; 'the clinic performed the biopsy' reported and denied is a dispute."""
    quote, biopsy = "the knife was blunt and the cut wasn't clean", "the clinic performed the biopsy on the singer"
    load_files(clean_graph, write_jsonl(tmp_path / "both.jsonl", [
        statement("one", "o1", "Daily Mail", quote), statement("two", "t1", "hospital spokesman", quote, "DENIES"),
        statement("one", "o2", "CNN", biopsy), statement("two", "t2", "Yorkville Endoscopy", biopsy, "DENIES"),
    ]))

    with TestClient(create_app(Settings(), clean_graph)) as client:
        contradictions = client.get("/contradictions").json()["rows"]
        contested = client.get("/claims", params={"contested": "true"}).json()["rows"]

    assert [c["claim_text"] for c in contradictions] == [biopsy]
    assert [c["text"] for c in contested] == [biopsy]
    flags = cypher(clean_graph, "MATCH ()-[r:REPORTS|DENIES]->() RETURN r.statement_id AS s, r.negated AS negated ORDER BY s")
    assert flags == [{"s": "o1", "negated": True}, {"s": "o2", "negated": None},
                     {"s": "t1", "negated": True}, {"s": "t2", "negated": None}]
