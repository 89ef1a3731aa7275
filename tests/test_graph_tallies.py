"""The tallies kept by the writes (graph/tallies.py) against a full recount, after loads in
random batches, reloads, failed batches, posted articles and reindex."""

from __future__ import annotations

import random
from pathlib import Path

import neo4j
import pytest
from fastapi.testclient import TestClient

from conftest import cypher, load_files
from test_graph_store import statement, write_jsonl

from claimgraph.api.main import create_app
from claimgraph.graph import store, tallies
from claimgraph.graph.claim_identity import IdentitySettings
from claimgraph.graph.engine import Graph
from claimgraph.graph.reindex import reindex_claims
from claimgraph.graph.settings import Settings
from claimgraph.graph.tallies import Tallies, counted, kept, tallied
from claimgraph.loaders.inputs import read_paths
from claimgraph.loaders.prepare import prepare_articles

ACTORS = ["Ruritania", "Freedonia", "Sylvania", "Latveria", "Genovia", "Marshall Islands"]
CLAIMS = ["troops shelled the plant at night", "the border crossing was closed to aid convoys",
          "drones struck the grain depot", "the ceasefire held across the region",
          "fighters were moved from the south", "the convoy carried weapons to the rebels"]


def random_statements(rng: random.Random, articles: int) -> list[dict]:
    """Articles of a few statements: accusations of one or two actors (some of the speaker
    itself, some repeated in one article), dated or not, and denials of earlier claims."""
    records = []
    for a in range(articles):
        article_id = f"art-{a}"
        stated_at = f"2025-0{rng.randint(1, 3)}-{rng.randint(10, 28)}T{rng.randint(0, 23):02}:00:00Z" \
            if rng.random() < 0.8 else None
        ids = []
        for s in range(rng.randint(1, 5)):
            speaker = rng.choice(ACTORS)
            statement_id = f"{article_id}-s{s}"
            extra = {"stated_at": stated_at} if stated_at else {}
            if ids and rng.random() < 0.25:
                refers = rng.sample(ids, k=min(len(ids), rng.randint(1, 2)))
                records.append(statement(article_id, statement_id, speaker, {"text": "these claims", "refers_to": refers},
                                         "DENIES", **extra))
                continue  # a denial of "these claims" is not what a later one denies
            elif rng.random() < 0.6:
                targets = [{"name": n} for n in rng.sample(ACTORS, k=rng.randint(1, 2))]
                records.append(statement(article_id, statement_id, speaker, rng.choice(CLAIMS), "ACCUSES",
                                         targets=targets, **extra))
            else:
                records.append(statement(article_id, statement_id, speaker, rng.choice(CLAIMS),
                                         rng.choice(["REPORTS", "SUPPORTS", "DENIES"]), **extra))
            ids.append(statement_id)
    return records


def load(graph: Graph, path: Path, batch_size: int) -> store.LoadReport:
    parsed = read_paths([path])
    report = store.write_actors(graph, [actor for _, actor in parsed.declared_actors])
    return store.write_articles(graph, prepare_articles(parsed), batch_size=batch_size, report=report).finish()


def assert_tallies_are_a_recount(graph: Graph) -> None:
    assert tallied(graph)
    assert kept(graph) == counted(graph)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_tallies_equal_a_recount_after_random_loads_failures_and_posts(
        clean_graph: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    rng = random.Random(seed)
    records = random_statements(rng, 40)
    # First half the articles whole and some statements of the others (a denial with what it
    # denies), then everything: articles that are in the graph get more statements.
    whole = {f"art-{a}" for a in rng.sample(range(40), k=20)}
    first: set[str] = set()
    for record in records:
        refers = record["claim"].get("refers_to") or []
        if record["article_id"] in whole or (rng.random() < 0.5 and all(r in first for r in refers)):
            first.add(record["statement_id"])
    rng.shuffle(records)  # statements of one article apart in the file
    path = write_jsonl(tmp_path / "all.jsonl", records)
    first_half = write_jsonl(tmp_path / "half.jsonl", [r for r in records if r["statement_id"] in first])

    # Some batches fail inside their transaction once, after their statements and tallies are
    # written: nothing of them may count, and their articles, written again one by one, count once.
    real_tallies, real_write = store._Writer._tallies, Tallies.write
    failing = set(rng.sample([f"art-{a}" for a in range(40)], k=6))
    batch_articles: set[str] = set()

    def noting_the_batch(writer: store._Writer, articles: list, *args: object) -> tuple:
        batch_articles.clear()
        batch_articles.update(a.article.id for a in articles)
        return real_tallies(writer, articles, *args)

    def sometimes_failing(tallies: Tallies, tx: neo4j.Transaction) -> None:
        real_write(tallies, tx)
        if len(batch_articles) > 1 and failing & batch_articles:
            failing.difference_update(batch_articles)
            raise neo4j.exceptions.TransientError("injected failure after the writes")

    # Few oldest accusations kept, so that the list is cut at every write.
    monkeypatch.setattr(tallies, "OLDEST_ACCUSATIONS_KEPT", 7)
    with pytest.MonkeyPatch.context() as failures:
        failures.setattr(store._Writer, "_tallies", noting_the_batch)
        failures.setattr(Tallies, "write", sometimes_failing)
        assert not load(clean_graph, first_half, batch_size=rng.randint(2, 9)).failures
    assert len(failing) < 6, "no batch failed"
    assert_tallies_are_a_recount(clean_graph)

    # The whole file: half of it is in the graph already, statements of loaded articles too.
    assert not load(clean_graph, path, batch_size=rng.randint(2, 9)).failures
    assert_tallies_are_a_recount(clean_graph)
    before = kept(clean_graph)
    assert not load(clean_graph, path, batch_size=rng.randint(2, 9)).failures
    assert kept(clean_graph) == before  # loading again counts nothing

    # A bad article fails alone; its batch's other articles load and count.
    bad = write_jsonl(tmp_path / "bad.jsonl", [
        statement("bad-1", "b1", "Ruritania", {"text": "these claims", "refers_to": ["nowhere"]}, "DENIES"),
        statement("good-1", "g1", "Freedonia", "the ceasefire held across the region", "ACCUSES",
                  targets=[{"name": "Ruritania"}], stated_at="2025-04-01T10:00:00Z")])
    assert [f.article_id for f in load(clean_graph, bad, batch_size=10).failures] == ["bad-1"]
    assert_tallies_are_a_recount(clean_graph)

    with TestClient(create_app(Settings(WRITE_API_KEY=None), clean_graph)) as client:
        response = client.post("/articles", params={"id": f"posted-{seed}"},
                               content=b"Ruritania accused Freedonia of shelling the plant. Freedonia denied the accusations.",
                               headers={"Content-Type": "text/plain; charset=utf-8"})
        assert response.status_code in (200, 201), response.text
    assert_tallies_are_a_recount(clean_graph)

    reindex_claims(clean_graph, IdentitySettings())
    assert_tallies_are_a_recount(clean_graph)
    final = kept(clean_graph)
    assert len(final["oldest"]) == 7
    assert final["relations"]["ACCUSES"]["statements"] > 0 and final["contested"] and final["pairs"] and final["mutual"]


def test_tallies_an_article_new_to_a_pair_counts_once_across_loads(clean_graph: Graph, tmp_path: Path) -> None:
    accusation = {"targets": [{"name": "Freedonia"}], "stated_at": "2025-02-03T04:00:00Z"}
    load_files(clean_graph, write_jsonl(tmp_path / "one.jsonl", [
        statement("a", "s1", "Ruritania", "troops shelled the plant at night", "ACCUSES", **accusation)]))
    load_files(clean_graph, write_jsonl(tmp_path / "two.jsonl", [
        statement("a", "s2", "Ruritania", "drones struck the grain depot", "ACCUSES", **accusation),
        statement("b", "s3", "Ruritania", "drones struck the grain depot", "ACCUSES", **accusation)]))
    pairs = kept(clean_graph)["pairs"]
    assert {pair: value[:2] for pair, value in pairs.items()} == {("ruritania", "freedonia"): (3, 2)}
    assert kept(clean_graph) == counted(clean_graph)


def test_tallies_a_graph_without_them_is_counted_live_then_recounted(seeded_graph: Graph, tmp_path: Path) -> None:
    urls = ("/stats", "/accusations?limit=5", "/accusations?offset=3&limit=4", "/timeline", "/timeline?since=2017-04-20&until=2017-05-01&interval=week", "/accusations?group=pair",
            "/mutual", "/contradictions", "/contradictions?sort=recent&offset=3", "/analytics/centrality",
            "/analytics/communities")
    with TestClient(create_app(Settings(ANSWER_CACHE_MB=0), seeded_graph)) as client:
        tallied_answers = [client.get(url).json() for url in urls]
        # As a graph whose tallies are of an earlier form: some missing, and another mark.
        cypher(seeded_graph, "MATCH (t) WHERE t:RelationTally OR t:DayTally OR t:PairTally OR t:NodeTally DETACH DELETE t")
        cypher(seeded_graph, "MATCH (s:GraphState) SET s.tallied = true")
        assert not tallied(seeded_graph)
        live_answers = [client.get(url).json() for url in urls]
    assert live_answers == tallied_answers
    assert tallied_answers[4]["rows"], "the date range holds statements"
    load_files(seeded_graph, write_jsonl(tmp_path / "more.jsonl", [statement("c", "s9", "Genovia", "the ceasefire held")]))
    assert_tallies_are_a_recount(seeded_graph)


def test_tallies_a_claim_about_one_more_actor_counts_its_earlier_accusations_for_it(clean_graph: Graph, tmp_path: Path) -> None:
    """A later statement joins the claim with a second actor it is ABOUT: Freedonia's earlier
    accusation on that claim now counts against Latveria too (read/accusation_edges.cypher)."""
    text = "troops shelled the grain depot near the northern border crossing at night"
    load_files(clean_graph, write_jsonl(tmp_path / "one.jsonl", [
        statement("a", "s1", "Freedonia", text, "ACCUSES", targets=[{"name": "Ruritania"}])]))
    load_files(clean_graph, write_jsonl(tmp_path / "two.jsonl", [
        statement("b", "s2", "Sylvania", text, "ACCUSES", targets=[{"name": "Ruritania"}, {"name": "Latveria"}])]))
    about = kept(clean_graph)["about"]
    assert about == counted(clean_graph)["about"]
    assert about == {("freedonia", "ruritania"): 1, ("freedonia", "latveria"): 1,
                     ("sylvania", "ruritania"): 1, ("sylvania", "latveria"): 1}
