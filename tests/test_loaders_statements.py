"""Reading and preparing statements JSONL, without a database."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SEED

from claimgraph.graph.types import Actor, ActorRef
from claimgraph.loaders.actors import ActorResolver
from claimgraph.loaders.prepare import prepare_articles
from claimgraph.loaders.statements import read_statements


def write_lines(path: Path, lines: list[str | dict]) -> Path:
    path.write_text("".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines), encoding="utf-8")
    return path


def messages(parsed) -> list[str]:
    return [str(p) for p in parsed.problems]


def test_statements_seed_reads_clean_and_offsets_slice_the_text() -> None:
    parsed = read_statements([SEED])
    articles = prepare_articles(parsed)
    assert messages(parsed) == []
    [article] = articles
    text = article.article.text
    assert len(article.statements) == 17
    for statement in article.statements:
        for span in (statement.speaker, statement.cue, statement.claim, statement.sentence, *statement.targets):
            assert text[span.start:span.end] == span.text


def test_statements_ids_are_deterministic(tmp_path: Path) -> None:
    lines = [{"article_id": "a", "relation": "accuses", "speaker": {"name": "Russia"},
              "targets": [{"name": "Türkiye"}], "claim": {"text": "Turkey sent fighters."}}]
    first = prepare_articles(read_statements([write_lines(tmp_path / "one.jsonl", lines)]))
    second = prepare_articles(read_statements([write_lines(tmp_path / "two.jsonl", lines)]))
    [one], [two] = first[0].statements, second[0].statements
    assert one.statement_id == two.statement_id and one.statement_id.startswith("st-")
    assert one.claim.claim_id == two.claim.claim_id
    assert one.relation == "ACCUSES"
    assert (one.speaker.actor_id, one.targets[0].actor_id) == ("country:rus", "country:tur")


def test_statements_same_words_same_targets_same_claim(tmp_path: Path) -> None:
    lines = [
        {"article_id": "a", "relation": "ACCUSES", "speaker": {"name": "X"}, "targets": [{"name": "Turkey"}],
         "claim": {"text": "Turkey sent ‘fighters’."}},
        {"article_id": "b", "relation": "ACCUSES", "speaker": {"name": "Y"}, "targets": [{"name": "Türkiye"}],
         "claim": {"text": "turkey sent 'fighters'"}},
        {"article_id": "c", "relation": "ACCUSES", "speaker": {"name": "Y"}, "targets": [{"name": "Syria"}],
         "claim": {"text": "Turkey sent fighters"}},
    ]
    claims = {a.article.id: a.statements[0].claim.claim_id for a in prepare_articles(read_statements([write_lines(tmp_path / "c.jsonl", lines)]))}
    assert claims["a"] == claims["b"] != claims["c"]


def test_statements_errors_name_file_line_and_field(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "bad.jsonl", [
        {"article_id": "a", "relation": "ACCUSES", "speaker": {"name": "X"}, "claim": {"text": "t"}},
        {"article_id": "b", "relation": "BLAMES", "speaker": {"name": "X"}, "claim": {"text": "t"}},
        {"article_id": "c", "relation": "REPORTS", "speaker": {"name": "X"}, "claim": {"text": "t", "start": 4}},
        {"article_id": "d", "relation": "REPORTS", "speaker": {"name": "X"}, "claim": {"text": "t"}, "confidence": 2},
        {"article_id": "e", "relation": "REPORTS", "speaker": {}, "claim": {"text": "t"}},
    ])
    parsed = read_statements([path])
    found = messages(parsed)
    assert f"{path}:1: targets: an ACCUSES statement needs at least one target: the blamed actor" in found
    assert any(m.startswith(f"{path}:2: relation: Input should be 'ACCUSES'") for m in found)
    assert f"{path}:3: claim: start and end go together: give both or neither" in found
    assert f"{path}:4: confidence: Input should be less than or equal to 1" in found
    assert f"{path}:5: speaker.name: Field required" in found
    assert list(parsed.each_article()) == []


def test_statements_line_without_an_article_refuses_the_file(tmp_path: Path) -> None:
    good = {"article_id": "a", "relation": "REPORTS", "speaker": {"name": "X"}, "claim": {"text": "t"}}
    path = write_lines(tmp_path / "broken.jsonl", [good, "[1, 2]", '{"relation": "REPORTS", '])
    other = write_lines(tmp_path / "other.jsonl", [{**good, "article_id": "z"}])
    parsed = read_statements([path, other])
    assert f"{path}:2: expected a JSON object, got list" in messages(parsed)
    assert any(m.startswith(f"{path}:3: not valid JSON") for m in messages(parsed))
    assert parsed.refused_files == {str(path)}
    assert [a.article.id for a in list(parsed.each_article())] == ["z"]


def test_statements_undecodable_bytes_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(b'{"article_id": "a", "relation": "REPORTS", "speaker": {"name": "Ren\xe9"}, "claim": {"text": "t"}}\n')
    parsed = read_statements([path])
    assert messages(parsed) == [f"{path}:1: not UTF-8 text (byte 67)"]
    assert list(parsed.each_article()) == [] and not parsed.refused_files


def test_statements_declared_actor_needs_a_known_parent(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "actors.jsonl", [
        {"actor": {"id": "akp", "name": "AKP", "kind": "party", "part_of": [{"actor_id": "country:tur"}]}},
        {"actor": {"id": "x", "name": "X", "part_of": [{"actor_id": "nowhere"}]}},
    ])
    parsed = read_statements([path])
    assert messages(parsed) == [f"{path}:2: actor.part_of[0].actor_id: 'nowhere' is neither a declared actor nor a country id"]


def test_statements_refers_to_itself_is_refused(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "self.jsonl", [
        {"article_id": "a", "statement_id": "s", "relation": "DENIES", "speaker": {"name": "X"},
         "claim": {"text": "these claims", "refers_to": ["s"]}}])
    parsed = read_statements([path])
    assert prepare_articles(parsed) == []
    assert messages(parsed) == [f"{path}:1: claim.refers_to: a statement cannot refer to its own claim"]


def test_actors_resolver_prefers_countries_and_keeps_names_used() -> None:
    resolver = ActorResolver()
    ref, actor = resolver.resolve(ActorRef(name="Türkiye"))
    assert (ref.actor_id, ref.kind, actor.name) == ("country:tur", "country", "Turkey")
    ref, actor = resolver.resolve(ActorRef(name="Syrian Observatory for Human Rights"))
    assert (ref.actor_id, ref.kind) == ("syrian-observatory-for-human-rights", "unknown")
    gdelt_us_government = Actor(id="gdelt:USAGOV:united-states", name="United States", kind="government_body")
    ref, _ = ActorResolver(declared={gdelt_us_government.id: gdelt_us_government}).resolve(ActorRef(name="United States"))
    assert ref.actor_id == "country:usa"


def test_statements_article_records_from_a_side_file(tmp_path: Path) -> None:
    text = "Moscow, Russia - Russia denied the report."
    statements = write_lines(tmp_path / "statements.jsonl", [
        {"article_id": "a", "relation": "DENIES", "speaker": {"name": "Russia", "start": 17, "end": 23},
         "claim": {"text": "the report", "start": 31, "end": 41}}])
    articles = write_lines(tmp_path / "articles.jsonl", [
        {"article": {"id": "a", "url": "https://example.org/a", "published_at": "2020-10-02", "text": text}}])
    parsed = read_statements([statements, articles])
    [article] = prepare_articles(parsed)
    assert messages(parsed) == []
    assert article.article.url == "https://example.org/a"
    [statement] = article.statements
    assert statement.speaker.text == "Russia"  # filled in from the text by the offsets
    assert statement.stated_at.isoformat() == "2020-10-02T00:00:00+00:00"  # the article's date


def test_statements_lines_of_an_article_anywhere_in_the_files_come_together(tmp_path: Path) -> None:
    """Lines are grouped by article wherever they stand (the reader keeps them on disk until
    every line is checked): articles come in the order of their first statement, each with its
    statements in file order, and an article that says nothing comes last."""
    def said(article_id: str, text: str) -> dict:
        return {"article_id": article_id, "relation": "REPORTS", "speaker": {"name": "Reuters"}, "claim": {"text": text}}

    first = write_lines(tmp_path / "first.jsonl", [
        said("b", "b one"), said("a", "a one"), {"article": {"id": "quiet", "title": "Nothing said"}}, said("b", "b two")])
    second = write_lines(tmp_path / "second.jsonl", [said("a", "a two"), {"article": {"id": "a", "title": "A"}}])

    parsed = read_statements([first, second])
    read = [(raw.article.id, raw.article.title, raw.origin, [(where, s.claim.text) for where, s in raw.statements])
            for raw in parsed.each_article()]

    assert messages(parsed) == []
    assert read == [
        ("b", None, str(first), [(f"{first}:1", "b one"), (f"{first}:4", "b two")]),
        ("a", "A", f"{second}:2", [(f"{first}:2", "a one"), (f"{second}:1", "a two")]),
        ("quiet", "Nothing said", f"{first}:3", []),
    ]
    assert parsed.statement_count() == 4
    assert [a.article.id for a in prepare_articles(parsed)] == ["b", "a", "quiet"]  # and again, the same


def test_statements_a_bad_line_late_in_a_file_sets_aside_its_article_read_earlier(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "late.jsonl", [
        {"article_id": "a", "relation": "REPORTS", "speaker": {"name": "X"}, "claim": {"text": "first"}},
        {"article_id": "b", "relation": "REPORTS", "speaker": {"name": "Y"}, "claim": {"text": "fine"}},
        {"article_id": "a", "relation": "CLAIMS", "speaker": {"name": "X"}, "claim": {"text": "second"}},
    ])
    parsed = read_statements([path])
    assert [a.article.id for a in parsed.each_article()] == ["b"]
    assert [p.location for p in parsed.problems] == [f"{path}:3"]
