"""Loading into the real engine: idempotence, atomic articles, denial links, GDELT rows."""

from __future__ import annotations

import csv
import gc
import json
from collections import Counter
from pathlib import Path

from conftest import GDELT_SAMPLE, SEED, load_files

from claimgraph.graph.engine import Graph
from claimgraph.graph.reads import article_statements, claim_articles, graph_counts
from claimgraph.graph.store import LOAD_GC_THRESHOLD, MAX_BATCH_BYTES, _batches, estimated_bytes, write_articles
from claimgraph.graph.types import Article, ArticleStatements
from claimgraph.loaders.gdelt import RELATION_BY_CAMEO
from claimgraph.loaders.inputs import read_paths
from claimgraph.loaders.prepare import prepare_articles


def edges_of_article(graph: Graph, article_id: str) -> int:
    records, _, _ = graph.driver.execute_query(
        "MATCH ()-[r]->() WHERE r.article_id = $id RETURN count(r) AS n", id=article_id, database_=graph.database)
    return records[0]["n"]


def article_exists(graph: Graph, article_id: str) -> bool:
    records, _, _ = graph.driver.execute_query(
        "MATCH (a:Article {id: $id}) RETURN count(a) AS n", id=article_id, database_=graph.database)
    return records[0]["n"] == 1


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def statement(article_id: str, statement_id: str, speaker: str | dict, claim: str | dict, relation: str = "REPORTS", **extra) -> dict:
    """A statement record; ``speaker`` and ``claim`` are a name and a text, or whole objects."""
    return {"article_id": article_id, "statement_id": statement_id, "relation": relation,
            "speaker": speaker if isinstance(speaker, dict) else {"name": speaker},
            "claim": claim if isinstance(claim, dict) else {"text": claim}, **extra}


def test_store_loading_twice_leaves_the_same_graph(clean_graph: Graph) -> None:
    _, first = load_files(clean_graph, SEED, GDELT_SAMPLE)
    counts = graph_counts(clean_graph)
    _, second = load_files(clean_graph, SEED, GDELT_SAMPLE)

    assert graph_counts(clean_graph) == counts
    assert first.statements_new > 0 and first.statements_existing == 0
    assert second.statements_new == 0 and second.statements_existing == first.statements_new
    assert second.actors_new == second.claims_new == second.articles_new == 0
    assert second.articles_existing == first.articles_new


def test_store_seed_statements_and_counts(clean_graph: Graph) -> None:
    _, report = load_files(clean_graph, SEED)
    gold = [json.loads(line) for line in SEED.read_text(encoding="utf-8").splitlines()]
    statements = [r for r in gold if "relation" in r]
    anaphoric = [s for s in statements if s["claim"].get("refers_to")]
    edges_expected = sum(len(s["claim"].get("refers_to") or [None]) for s in statements)

    assert report.statements_new == len(statements) == 17
    assert graph_counts(clean_graph) == {
        "actors": report.actors_new,
        "articles": 1,
        # An anaphoric denial points at the claims it denies and makes no claim of its own, and
        # G8 repeats G2's accusation in other words ("Armenia [has] brought terrorists and
        # mercenaries ..."): one claim (graph/claim_identity.py).
        "claims": len(statements) - len(anaphoric) - 1,
        "statement_edges": edges_expected,
    }


def test_store_denial_of_these_claims_points_at_the_claims_it_denies(clean_graph: Graph) -> None:
    load_files(clean_graph, SEED)
    records, _, _ = clean_graph.driver.execute_query(
        """
        MATCH (:Actor {id: 'country:tur'})-[d:DENIES]->(c:Claim)<-[a:ACCUSES]-(accuser:Actor)
        RETURN d.statement_id AS denial, a.statement_id AS accusation, accuser.id AS accuser
        ORDER BY accusation
        """,
        database_=clean_graph.database,
    )
    assert [r["accusation"] for r in records] == [f"seed-nk-mercenaries/G{n}" for n in (10, 11, 12)]
    assert {r["denial"] for r in records} == {"seed-nk-mercenaries/G13"}
    assert {r["accuser"] for r in records} == {"nagorno-karabakh-administration", "syrian-observatory-for-human-rights"}


def test_store_malformed_line_names_the_line_and_writes_nothing_of_its_article(clean_graph: Graph, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "mixed.jsonl", [
        statement("good", "good-1", "Russia", "fighters were moved"),
        statement("bad", "bad-1", "Turkey", "it is not true", relation="DENIES"),
        statement("good", "good-2", "Armenia", "the claims are false", relation="DENIES"),
    ])
    with path.open("a", encoding="utf-8") as f:
        f.write(json.dumps(statement("bad", "bad-2", "Azerbaijan", "x", claim_start=1)) + "\n")
        f.write('{"article_id": "bad", "relation": "REPORTS", "speaker": {"name": "Iran"}, "claim": \n')

    parsed, report = load_files(clean_graph, path)

    messages = [str(p) for p in parsed.problems]
    assert any(m.startswith(f"{path}:4: claim_start:") for m in messages), messages
    assert any(m.startswith(f"{path}:5: not valid JSON") for m in messages), messages
    assert {p.article_id for p in parsed.problems} == {"bad"}
    assert not article_exists(clean_graph, "bad") and edges_of_article(clean_graph, "bad") == 0
    assert edges_of_article(clean_graph, "good") == 2 and report.statements_new == 2


def test_store_offsets_that_do_not_match_the_text_are_refused(clean_graph: Graph, tmp_path: Path) -> None:
    text = "Russia said that fighters were moved."
    path = write_jsonl(tmp_path / "offsets.jsonl", [
        {"article": {"id": "a1", "text": text}},
        statement("a1", "s1", "Russia", {"text": "fighters were moved", "start": 17, "end": 36}),
        statement("a1", "s2", "Russia", {"text": "fighters were moved", "start": 16, "end": 35}),
    ])
    parsed, _ = load_files(clean_graph, path)

    assert [str(p) for p in parsed.problems] == [
        f"{path}:3: claim.start: offsets 16-35 give ' fighters were move', not 'fighters were moved'"]
    assert not article_exists(clean_graph, "a1")


def test_store_failed_write_rolls_back_the_whole_article(clean_graph: Graph, tmp_path: Path) -> None:
    """A statement id reused for another speaker's edge to the same claim breaks a uniqueness
    constraint inside the transaction: that article writes nothing, the others load."""
    claim = {"text": "the army shelled the town", "claim_id": "shared-claim"}
    first = write_jsonl(tmp_path / "first.jsonl", [
        statement("first", "reused", "Armenia", claim)])
    load_files(clean_graph, first)
    second = write_jsonl(tmp_path / "second.jsonl", [
        statement("ok", "ok-1", "Russia", "talks resumed"),
        statement("broken", "broken-1", "Georgia", "a new claim only this article makes"),
        statement("broken", "reused", "Azerbaijan", claim),
    ])

    _, report = load_files(clean_graph, second)

    assert [f.article_id for f in report.failures] == ["broken"]
    assert "Duplicated key" in report.failures[0].message or "already exists" in report.failures[0].message
    assert not article_exists(clean_graph, "broken") and edges_of_article(clean_graph, "broken") == 0
    records, _, _ = clean_graph.driver.execute_query(
        "MATCH (c:Claim) WHERE c.text = 'a new claim only this article makes' RETURN count(c) AS n",
        database_=clean_graph.database)
    assert records[0]["n"] == 0
    assert edges_of_article(clean_graph, "ok") == 1


def test_store_refers_to_an_unknown_statement_fails_the_article(clean_graph: Graph, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "refers.jsonl", [
        statement("lonely", "d1", "Turkey", {"text": "these claims", "refers_to": ["nowhere"]}, relation="DENIES"),
        statement("fine", "f1", "Russia", "talks resumed"),
    ])
    _, report = load_files(clean_graph, path)

    assert [f.article_id for f in report.failures] == ["lonely"]
    assert "'nowhere'" in report.failures[0].message
    assert not article_exists(clean_graph, "lonely") and article_exists(clean_graph, "fine")


def test_store_refers_to_a_statement_loaded_earlier(clean_graph: Graph, tmp_path: Path) -> None:
    """A denial added later to an article points at the claim already in the graph."""
    load_files(clean_graph, write_jsonl(tmp_path / "a.jsonl", [
        statement("art", "acc", "Russia", "Georgia shelled the town", relation="ACCUSES", targets=[{"name": "Georgia"}])]))
    load_files(clean_graph, write_jsonl(tmp_path / "b.jsonl", [
        statement("art", "den", "Georgia", {"text": "the claim", "refers_to": ["acc"]}, relation="DENIES")]))

    rows = article_statements(clean_graph, article_id="art")
    assert {(r["statement_id"], r["relation"], r["speaker_id"]) for r in rows} == {
        ("acc", "ACCUSES", "country:rus"), ("den", "DENIES", "country:geo")}
    assert len({r["claim_id"] for r in rows}) == 1


def test_store_gdelt_rows_with_mapped_codes_become_statements(clean_graph: Graph) -> None:
    parsed, report = load_files(clean_graph, GDELT_SAMPLE)
    with GDELT_SAMPLE.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    mapped = [r for r in rows if r["EventCode"] in RELATION_BY_CAMEO]
    kept = [r for r in mapped if r["Actor1Code"] and (RELATION_BY_CAMEO[r["EventCode"]] == "DENIES" or r["Actor2Code"])]
    expected = Counter(RELATION_BY_CAMEO[r["EventCode"]] for r in kept)

    records, _, _ = clean_graph.driver.execute_query(
        "MATCH ()-[r:ACCUSES|DENIES|SUPPORTS|REPORTS]->() WHERE r.extractor = 'gdelt' RETURN type(r) AS t, count(*) AS n",
        database_=clean_graph.database)
    assert {r["t"]: r["n"] for r in records} == expected
    assert report.statements_new == len(kept)
    assert sum(parsed.skipped.values()) == len(rows) - len(kept)
    assert parsed.skipped["event code not mapped"] == len(rows) - len(mapped)


def test_store_claim_articles_and_article_statements_are_index_lookups(seeded_graph: Graph) -> None:
    statements = article_statements(seeded_graph, article_id="seed-nk-mercenaries")
    claim_id = next(r["claim_id"] for r in statements if r["statement_id"].endswith("/G11"))
    assert [a["id"] for a in claim_articles(seeded_graph, claim_id=claim_id)] == ["seed-nk-mercenaries"]
    assert len({r["statement_id"] for r in statements}) == 17
    assert [r["claim_start"] for r in statements if r["claim_start"] is not None] == sorted(
        r["claim_start"] for r in statements if r["claim_start"] is not None)

    for query_text, params in [
        ("MATCH (:Article {id: $id})-[:MENTIONS]->(c:Claim)<-[r:ACCUSES|DENIES|REPORTS|SUPPORTS]-() RETURN r", {"id": "seed-nk-mercenaries"}),
        ("MATCH (:Claim {id: $id})<-[:MENTIONS]-(a:Article) RETURN a", {"id": claim_id}),
    ]:
        _, summary, _ = seeded_graph.driver.execute_query("PROFILE " + query_text, params, database_=seeded_graph.database)
        plan = json.dumps(summary.profile)
        # ArcadeDB writes "index: Article[id]" or "NodeIndexSeek"; Neo4j's operators end in "IndexSeek".
        assert "IndexSeek" in plan or "index: " in plan, plan


def test_store_many_long_articles_load_in_messages_the_engine_accepts(clean_graph: Graph, tmp_path: Path) -> None:
    """ArcadeDB stops answering past its Bolt message limit; batches are cut by size so that
    400 articles of 60 KB each (24 MB in all) still load in one call."""
    filler = "Officials spoke at length about the situation in the region. " * 1000
    records = []
    for n in range(400):
        text = f"Russia said talks resumed {n}. " + filler
        records.append({"article": {"id": f"long-{n}", "text": text}})
        records.append(statement(f"long-{n}", f"long-{n}/1", "Russia", {"text": f"talks resumed {n}", "start": 12, "end": 26 + len(str(n))}))
    parsed, report = load_files(clean_graph, write_jsonl(tmp_path / "long.jsonl", records))
    assert parsed.problems == [] and report.failures == [] and report.articles_new == 400 and report.statements_new == 400


def test_store_an_article_too_large_to_send_is_refused_with_its_size(clean_graph: Graph, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "huge.jsonl", [
        {"article": {"id": "huge", "text": "x" * (50 * 2**20)}},
        statement("huge", "h1", "Russia", "x"),
        statement("small", "s1", "Russia", "talks resumed"),
    ])
    _, report = load_files(clean_graph, path)
    assert [f.article_id for f in report.failures] == ["huge"]
    assert "too large to write at once (about 50 MB" in report.failures[0].message
    assert not article_exists(clean_graph, "huge") and article_exists(clean_graph, "small")


def test_store_batches_are_cut_by_size_as_well_as_by_statements() -> None:
    long_text = "word " * 550_000  # 2.75 MB: three to a batch
    articles = [ArticleStatements(article=Article(id=f"a{n}", text=long_text), statements=[]) for n in range(10)]
    batches = list(_batches([(a, estimated_bytes(a)) for a in articles], batch_size=2000))
    assert [len(b) for b in batches] == [3, 3, 3, 1]
    assert all(sum(estimated_bytes(a) for a in batch) <= MAX_BATCH_BYTES for batch in batches)
    assert [a.article.id for batch in batches for a in batch] == [a.article.id for a in articles]


def test_store_an_actor_met_again_in_a_later_batch_gains_its_new_name_and_kind(clean_graph: Graph, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "sohr.jsonl", [
        statement("a1", "s1", {"name": "SOHR", "actor_id": "sohr"}, "300 fighters moved"),
        statement("a2", "s2", {"name": "Syrian Observatory", "actor_id": "sohr"}, "fighters left"),
        statement("a3", "s3", {"name": "SOHR", "actor_id": "sohr", "kind": "organization"}, "the town fell"),
    ])
    parsed = read_paths([path])
    write_articles(clean_graph, prepare_articles(parsed), batch_size=1)  # one article a batch
    records, _, _ = clean_graph.driver.execute_query(
        "MATCH (a:Actor {id: 'sohr'}) RETURN a.name AS name, a.kind AS kind, a.aliases AS aliases", database_=clean_graph.database)
    assert records[0].data() == {"name": "SOHR", "kind": "organization", "aliases": ["Syrian Observatory"]}


def test_store_every_name_of_an_actor_in_one_batch_is_kept(clean_graph: Graph, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "names.jsonl", [
        statement("a1", "s1", {"name": "SOHR", "actor_id": "sohr"}, "300 fighters moved"),
        statement("a2", "s2", {"name": "Syrian Observatory", "actor_id": "sohr"}, "fighters left"),
    ])
    load_files(clean_graph, path)  # both articles in one batch: the actor is created once
    records, _, _ = clean_graph.driver.execute_query(
        "MATCH (a:Actor {id: 'sohr'}) RETURN a.name AS name, a.aliases AS aliases", database_=clean_graph.database)
    assert records[0].data() == {"name": "SOHR", "aliases": ["Syrian Observatory"]}


def test_store_an_article_id_never_gets_a_second_text(clean_graph: Graph, tmp_path: Path) -> None:
    """Offsets of statements point into the text they were found in: a different text under the
    same id is refused, and the articles loaded with it still load."""
    first_text = "Russia said talks resumed."
    load_files(clean_graph, write_jsonl(tmp_path / "a.jsonl", [
        {"article": {"id": "art", "text": first_text}},
        statement("art", "s1", {"name": "Russia", "start": 0, "end": 6}, {"text": "talks resumed", "start": 12, "end": 25})]))
    _, report = load_files(clean_graph, write_jsonl(tmp_path / "b.jsonl", [
        {"article": {"id": "art", "text": "Georgia said the talks had failed."}},
        statement("art", "s2", "Georgia", "the talks had failed"),
        statement("other", "o1", "Armenia", "the border is open")]))

    assert [f.article_id for f in report.failures] == ["art"]
    assert "already in the graph with another text" in report.failures[0].message
    assert edges_of_article(clean_graph, "art") == 1 and article_exists(clean_graph, "other")
    records, _, _ = clean_graph.driver.execute_query(
        "MATCH (a:Article {id: 'art'}) RETURN a.text AS text", database_=clean_graph.database)
    assert records[0]["text"] == first_text
    _, again = load_files(clean_graph, tmp_path / "a.jsonl")  # the same text again is fine
    assert not again.failures


def test_store_refers_to_a_statement_of_another_article_fails_the_article(clean_graph: Graph, tmp_path: Path) -> None:
    """``refers_to`` names statements of the statement's own article: a load streams article by
    article, so another article's statement is never at hand to resolve."""
    path = write_jsonl(tmp_path / "across.jsonl", [
        statement("said", "s1", "Russia", "Georgia shelled the town", relation="ACCUSES", targets=[{"name": "Georgia"}]),
        statement("answer", "d1", "Georgia", {"text": "the claim", "refers_to": ["s1"]}, relation="DENIES"),
    ])
    _, report = load_files(clean_graph, path)

    assert [f.article_id for f in report.failures] == ["answer"]
    assert "'s1', which is not a statement of the article" in report.failures[0].message
    assert article_exists(clean_graph, "said") and not article_exists(clean_graph, "answer")


def test_store_takes_its_articles_a_batch_at_a_time(clean_graph: Graph, tmp_path: Path) -> None:
    """The writer pulls articles from its input as it writes them: a generator of any length is
    never held whole."""
    path = write_jsonl(tmp_path / "twelve.jsonl", [
        statement(f"article-{index}", f"s{index}", "Reuters", f"talks resumed in round {index}") for index in range(12)])
    ready = prepare_articles(read_paths([path]))
    taken = 0

    def one_at_a_time():
        nonlocal taken
        for article in ready:
            taken += 1
            yield article

    written, pulled_when_written = 0, []

    def progress(_articles: int, statements: int) -> None:
        nonlocal written
        written += statements
        pulled_when_written.append((written, taken))

    report = write_articles(clean_graph, one_at_a_time(), batch_size=3, on_progress=progress)

    assert report.statements_new == 12 and not report.failures
    # A batch of three is written once the fourth article shows it full, never later.
    assert pulled_when_written == [(3, 4), (6, 7), (9, 10), (12, 12)]


def test_store_a_load_raises_the_collector_thresholds_while_it_writes_and_puts_them_back(clean_graph: Graph) -> None:
    before = gc.get_threshold()
    during: list[tuple[int, ...]] = []
    parsed = read_paths([SEED])
    write_articles(clean_graph, prepare_articles(parsed), on_progress=lambda *_: during.append(gc.get_threshold()))
    assert during and set(during) == {LOAD_GC_THRESHOLD}
    assert gc.get_threshold() == before
