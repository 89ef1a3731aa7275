"""The article-text readers: every format, every bad input, and uploads. No database needed."""

from __future__ import annotations

import json
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from claimgraph.loaders.articles import (
    ArticleInputError,
    TextFormat,
    article_from_upload,
    default_article_id,
    read_articles,
)

FNC1_BODIES = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "fnc1" / "competition_test_bodies.csv"

ARTICLE_BODY = (
    "The Defence Ministry on Thursday denied reports that foreign fighters had been moved to the region, "
    "calling them baseless and politically motivated."
)
PAGE = f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Ministry denies claims | Daily Planet</title>
  <meta property="og:site_name" content="Daily Planet">
  <link rel="canonical" href="https://dailyplanet.example/world/ministry-denies-claims">
  <meta property="article:published_time" content="2020-10-01T08:30:00Z">
</head>
<body>
  <nav><ul>
    <li><a href="/">Home</a></li><li><a href="/world">World news</a></li><li><a href="/sport">Sport section</a></li>
  </ul></nav>
  <header><div class="banner">Subscribe now for unlimited access</div></header>
  <article>
    <h1>Ministry denies claims</h1>
    <p>{ARTICLE_BODY}</p>
    <p>"These claims are entirely false," a spokesman said in a statement, adding that the army had not
       changed its positions along the line of contact.</p>
    <p>Observers in the capital said the denial came after two days of reports from both sides.</p>
  </article>
  <footer><p>Copyright 2020 Daily Planet. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body>
</html>
"""
BOILERPLATE_ONLY = """<html><head><title>Daily Planet</title></head><body>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li></ul></nav>
  <footer><p>Copyright 2020 Daily Planet. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>"""


def messages(read) -> list[str]:
    return [str(p) for p in read.problems]


def ids(read) -> list[str]:
    return [a.article.id for a in read.articles]


# -- formats ----------------------------------------------------------------------------------


def test_loaders_articles_txt_is_whole_file_with_stem_id(tmp_path: Path) -> None:
    (tmp_path / "nk-report.txt").write_text("Turkey denied the claims.\n\nIt said so twice.\n", encoding="utf-8")

    read = read_articles([tmp_path / "nk-report.txt"])

    assert read.problems == [] and read.refused_files == set()
    [only] = read.articles
    assert only.article.id == "nk-report"
    assert only.article.text == "Turkey denied the claims.\n\nIt said so twice.\n"
    assert only.origin == str(tmp_path / "nk-report.txt")
    assert only.article.text_sha256 is not None


def test_loaders_articles_crlf_and_bom_are_normalized(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbfFirst line.\r\nSecond line.\rThird \xe2\x80\x9cquoted\xe2\x80\x9d.")

    [only] = read_articles([tmp_path / "a.txt"]).articles

    assert only.article.text == "First line.\nSecond line.\nThird \u201cquoted\u201d."


def test_loaders_articles_json_single_object_and_list(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text(json.dumps({
        "title": "Denial", "text": "Turkey denied it.", "url": "https://x.example/1",
        "published_at": "2020-10-01", "source": "X News", "language": "en",
        "scraper_run": 17, "html": "<p>ignored</p>",
    }), encoding="utf-8")
    (tmp_path / "many.json").write_text(json.dumps([
        {"id": "given", "text": "First."},
        {"text": "Second."},
    ]), encoding="utf-8")

    read = read_articles([tmp_path / "one.json", tmp_path / "many.json"])

    assert read.problems == []
    assert ids(read) == ["one", "given", "many-2"]
    one = read.articles[0].article
    assert (one.title, one.url, one.source, one.language) == ("Denial", "https://x.example/1", "X News", "en")
    assert one.published_at == datetime(2020, 10, 1, tzinfo=timezone.utc)
    assert [a.origin for a in read.articles] == [
        str(tmp_path / "one.json"), f"{tmp_path / 'many.json'}:item 1", f"{tmp_path / 'many.json'}:item 2"]


def test_loaders_articles_jsonl_bad_line_spoils_only_itself(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "text": "Fine.", "published_at": "2020-10-01T12:00:00+02:00", "extra": [1, 2]}),
        "",
        json.dumps({"id": "a2", "title": "No text here"}),
        json.dumps({"id": "a3", "text": "   \n "}),
        json.dumps({"id": "a4", "text": 42}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"text": "No id: named by its line."}),
        json.dumps({"id": 38, "text": "Integer id."}),
        json.dumps({"id": "a5", "text": "Bad date.", "published_at": "yesterday"}),
    ]
    path = tmp_path / "batch.ndjson"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    read = read_articles([path])

    assert ids(read) == ["a1", "batch-8", "38"]
    assert read.articles[0].origin == f"{path}:1"
    assert read.articles[0].article.published_at == datetime(2020, 10, 1, 10, tzinfo=timezone.utc)
    assert messages(read)[:5] == [
        f"{path}:3: text: missing: every article needs its text",
        f"{path}:4: text: is empty or only whitespace",
        f"{path}:5: text: must be a string, got int",
        f"{path}:6: not valid JSON: Expecting property name enclosed in double quotes (column 2)",
        f"{path}:7: expected a JSON object, got list",
    ]
    bad_date = read.problems[5]
    assert (bad_date.location, bad_date.field, bad_date.article_id) == (f"{path}:10", "published_at", "a5")
    assert [p.article_id for p in read.problems[:3]] == ["a2", "a3", "a4"]
    assert read.refused_files == set()


def test_loaders_articles_html_keeps_body_drops_boilerplate(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")

    read = read_articles([tmp_path / "page.html"])

    assert read.problems == []
    [only] = read.articles
    article = only.article
    assert article.id == "page"
    assert ARTICLE_BODY in article.text
    assert "These claims are entirely false" in article.text
    for boilerplate in ("World news", "Sport section", "Subscribe now", "Copyright 2020", "Privacy policy"):
        assert boilerplate not in article.text
    assert article.title == "Ministry denies claims"
    assert article.url == "https://dailyplanet.example/world/ministry-denies-claims"
    assert article.source == "Daily Planet"
    assert article.published_at == datetime(2020, 10, 1, tzinfo=timezone.utc)
    # Offsets later refer to this stored text: reading again gives the very same text.
    assert read_articles([tmp_path / "page.html"]).articles[0].article.text == article.text


def test_loaders_articles_html_without_body_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "nav.htm").write_text(BOILERPLATE_ONLY, encoding="utf-8")

    read = read_articles([tmp_path / "nav.htm"])

    assert read.articles == []
    assert messages(read) == [f"{tmp_path / 'nav.htm'}: no article text found in the HTML"]
    assert read.problems[0].article_id == "nav"
    assert read.refused_files == {str(tmp_path / "nav.htm")}


def test_loaders_articles_csv_columns_ids_and_titles(tmp_path: Path) -> None:
    path = tmp_path / "scraped.csv"
    path.write_text("headline,body,extra\nFirst,Turkey denied it.,x\n,\"Line one,\nline two.\",y\n", encoding="utf-8")

    read = read_articles([path], text_column="body", title_column="headline")

    assert read.problems == []
    assert ids(read) == ["scraped-1", "scraped-2"]
    assert [a.article.title for a in read.articles] == ["First", None]
    assert read.articles[1].article.text == "Line one,\nline two."
    assert read.articles[1].origin == f"{path}:row 2"


def test_loaders_articles_fnc1_shaped_csv(tmp_path: Path) -> None:
    path = tmp_path / "bodies.csv"
    path.write_text(
        'Body ID,articleBody\r\n'
        '1,Al-Sisi has denied Israeli reports stating that he offered to extend the Gaza Strip.\r\n'
        '38,"A bereaved Afghan mother took revenge on the Taliban.\r\n\r\nGul, who was joined by her daughter, '
        'said ""they attacked first"".\r\n"\r\n'
        '40,"Short, with a comma."\r\n',
        encoding="utf-8",
    )

    read = read_articles([path], text_column="articleBody", id_column="Body ID", id_prefix="fnc1-")

    assert read.problems == []
    assert ids(read) == ["fnc1-1", "fnc1-38", "fnc1-40"]
    assert read.articles[1].article.text == (
        'A bereaved Afghan mother took revenge on the Taliban.\n\nGul, who was joined by her daughter, '
        'said "they attacked first".\n')
    assert [a.origin for a in read.articles] == [f"{path}:row 1", f"{path}:row 2", f"{path}:row 3"]


@pytest.mark.skipif(not FNC1_BODIES.exists(), reason="the shared FNC-1 bodies are not here")
def test_loaders_articles_reads_the_real_fnc1_bodies() -> None:
    read = read_articles([FNC1_BODIES], text_column="articleBody", id_column="Body ID", id_prefix="fnc1-")

    assert read.problems == []
    assert len(read.articles) == 904
    by_id = {a.article.id: a.article for a in read.articles}
    assert "fnc1-38" in by_id
    assert all("\r" not in text for text in (a.text for a in by_id.values()))


def test_loaders_articles_csv_missing_column_names_the_columns(tmp_path: Path) -> None:
    path = tmp_path / "bodies.csv"
    path.write_text("Body ID,articleBody\n1,Text.\n", encoding="utf-8")

    read = read_articles([path], id_column="Body ID")

    assert read.articles == []
    assert messages(read) == [f"{path}: text: no column 'text'; the columns are 'Body ID', 'articleBody'"]
    assert read.refused_files == {str(path)}


def test_loaders_articles_csv_bad_rows_name_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("id,text\n1,Good.\n,No id.\n3,\n4,Too,many\n5,Also good.\n", encoding="utf-8")

    read = read_articles([path], id_column="id")

    assert ids(read) == ["1", "5"]
    assert messages(read) == [
        f"{path}:row 2: id: is empty: every row needs its id",
        f"{path}:row 3: text: is empty or only whitespace",
        f"{path}:row 4: has 3 cells; the header names 2 columns",
    ]
    assert [p.article_id for p in read.problems] == [None, "3", None]


def test_loaders_articles_csv_field_limit_follows_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text(f'text\nshort one\n"{"x" * 500}"\nnever read\n', encoding="utf-8")

    read = read_articles([path], max_bytes=100)

    assert ids(read) == ["big-1"]
    [problem] = read.problems
    assert problem.location == f"{path}:row 2"
    assert "field larger than field limit (101)" in problem.message
    assert "the rest of the file is not read" in problem.message
    # The process-wide limit is put back for the other readers.
    import csv
    assert csv.field_size_limit() == 131072


def test_loaders_articles_id_prefix_applies_to_every_id(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Text A.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"id": "x", "text": "Text X."}\n{"text": "Text 2."}\n', encoding="utf-8")

    read = read_articles([tmp_path / "a.txt", tmp_path / "b.jsonl"], id_prefix="corpus-")

    assert ids(read) == ["corpus-a", "corpus-x", "corpus-b-2"]


def test_loaders_articles_folder_walked_recursively_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Z.", encoding="utf-8")
    (tmp_path / "b" / "notes.md").write_text("ignored in a folder", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A.", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text('{"id": "c1", "text": "C."}\n', encoding="utf-8")

    read = read_articles([tmp_path])

    assert read.problems == []
    assert ids(read) == ["a", "z", "c1"]


def test_loaders_articles_explicit_format_overrides_suffix(tmp_path: Path) -> None:
    (tmp_path / "story.md").write_text("# A story\nTurkey denied it.", encoding="utf-8")

    read = read_articles([tmp_path / "story.md"], text_format=TextFormat.txt)

    assert ids(read) == ["story"]


# -- bad input --------------------------------------------------------------------------------


def test_loaders_articles_bad_files_next_to_good_ones(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    good = tmp_path / "good.txt"
    good.write_text("Good text.", encoding="utf-8")
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\t\n", encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Le ministère a démenti.".encode("latin-1"))
    unknown = tmp_path / "notes.md"
    unknown.write_text("markdown", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    good_json = tmp_path / "good.jsonl"
    good_json.write_text('{"id": "j1", "text": "Also good."}\n', encoding="utf-8")

    read = read_articles([tmp_path / "empty", blank, binary, good, latin1, unknown, missing, good_json])

    assert ids(read) == ["good", "j1"]
    assert messages(read) == [
        f"{tmp_path / 'empty'}: the folder holds no article file (.txt, .json, .jsonl, .ndjson, .html, .htm, .csv)",
        f"{blank}: text: is empty or only whitespace",
        f"{binary}: looks binary (NUL or control bytes), not text",
        f"{latin1}: not UTF-8: invalid byte 0xe8 at offset 9",
        f"{unknown}: cannot tell what .md holds: give a text format (txt, json, jsonl, html, csv)",
        f"{missing}: no such file or folder",
    ]
    assert read.refused_files == {str(p) for p in (tmp_path / "empty", blank, binary, latin1, unknown, missing)}


def test_loaders_articles_mostly_control_bytes_look_binary(tmp_path: Path) -> None:
    path = tmp_path / "blob.jsonl"
    path.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 50 + b'{"text": "x"}\n')

    read = read_articles([path])

    assert messages(read) == [f"{path}: looks binary (NUL or control bytes), not text"]


def test_loaders_articles_not_utf8_offsets_count_from_file_start(tmp_path: Path) -> None:
    jsonl = tmp_path / "lines.jsonl"
    jsonl.write_bytes(b'{"id": "a", "text": "ok"}\n{"id": "b", "text": "caf\xe9"}\n{"id": "c", "text": "ok too"}\n')
    csv_path = tmp_path / "rows.csv"
    csv_path.write_bytes(b"\xef\xbb\xbftext\nfine\ncaf\xe9\n")

    read = read_articles([jsonl, csv_path])

    assert ids(read) == ["a", "c"]
    assert messages(read) == [
        f"{jsonl}:2: not UTF-8: invalid byte 0xe9 at offset 50",
        f"{csv_path}: not UTF-8: invalid byte 0xe9 at offset 16",
    ]


def test_loaders_articles_bom_is_accepted_in_every_format(tmp_path: Path) -> None:
    bom = b"\xef\xbb\xbf"
    (tmp_path / "a.json").write_bytes(bom + b'{"text": "J."}')
    (tmp_path / "b.jsonl").write_bytes(bom + b'{"text": "L."}\n')
    (tmp_path / "c.csv").write_bytes(bom + b"text\nC.\n")
    (tmp_path / "d.html").write_bytes(bom + PAGE.encode("utf-8"))

    read = read_articles([tmp_path])

    assert read.problems == []
    assert ids(read) == ["a", "b-1", "c-1", "d"]


def test_loaders_articles_huge_file_refused_by_size_fast(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)  # sparse: nothing is written
    small = tmp_path / "small.txt"
    small.write_text("Small.", encoding="utf-8")

    started = time.monotonic()
    read = read_articles([huge, small])

    assert time.monotonic() - started < 2
    assert ids(read) == ["small"]
    assert messages(read) == [
        f"{huge}: is 20,971,520 bytes; the limit is 5,000,000 (CLAIMGRAPH_MAX_ARTICLE_BYTES)"]
    assert read.refused_files == {str(huge)}


def test_loaders_articles_text_over_limit_in_a_record(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "big", "text": "é" * 60}) + "\n" + json.dumps({"id": "ok", "text": "é" * 50}) + "\n",
                    encoding="utf-8")

    read = read_articles([path], max_bytes=100)

    assert ids(read) == ["ok"]
    assert messages(read) == [f"{path}:1: text: is 120 bytes; the limit is 100 (CLAIMGRAPH_MAX_ARTICLE_BYTES)"]


def test_loaders_articles_duplicate_id_is_a_problem_on_the_second(tmp_path: Path) -> None:
    (tmp_path / "a1.txt").write_text("From the text file.", encoding="utf-8")
    (tmp_path / "more.jsonl").write_text(
        '{"id": "a1", "text": "Again."}\n{"id": "a2", "text": "New."}\n', encoding="utf-8")

    read = read_articles([tmp_path / "a1.txt", tmp_path / "more.jsonl"])

    assert ids(read) == ["a1", "a2"]
    assert read.articles[0].article.text == "From the text file."
    [problem] = read.problems
    assert str(problem) == f"{tmp_path / 'more.jsonl'}:1: id: duplicate article id 'a1': already read from {tmp_path / 'a1.txt'}"
    assert problem.article_id == "a1"


def test_loaders_articles_bad_json_file_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"text": "unfinished', encoding="utf-8")
    scalar = tmp_path / "scalar.json"
    scalar.write_text('"just a string"', encoding="utf-8")
    empty = tmp_path / "empty.json"
    empty.write_text("[]", encoding="utf-8")

    read = read_articles([broken, scalar, empty])

    assert read.articles == []
    assert messages(read) == [
        f"{broken}: not valid JSON: Unterminated string starting at (line 1, column 10)",
        f"{scalar}: expected a JSON object or a list of objects, got str",
        f"{empty}: the list holds no articles",
    ]
    assert read.refused_files == {str(broken), str(scalar), str(empty)}


def test_loaders_articles_order_is_deterministic(tmp_path: Path) -> None:
    for name in ("c.txt", "a.txt", "b.txt"):
        (tmp_path / name).write_text(f"Text of {name}.", encoding="utf-8")

    first = read_articles([tmp_path])
    second = read_articles([tmp_path])

    assert ids(first) == ids(second) == ["a", "b", "c"]


# -- uploads ----------------------------------------------------------------------------------


def test_loaders_articles_upload_plain_text() -> None:
    article = article_from_upload("Turkey denied it.\r\nTwice.".encode(), "text/plain; charset=utf-8",
                                  article_id="post-1", max_bytes=1000)

    assert (article.id, article.text) == ("post-1", "Turkey denied it.\nTwice.")


def test_loaders_articles_upload_default_id_is_derived_from_text() -> None:
    first = article_from_upload(b"Same words.", "text/plain", article_id=None, max_bytes=1000)
    again = article_from_upload(b"Same words.", "text/plain", article_id=None, max_bytes=1000)

    assert first.id == again.id == default_article_id("Same words.")
    assert first.id.startswith("article-")


def test_loaders_articles_upload_json() -> None:
    body = json.dumps({"id": "j1", "title": "T", "text": "Body.", "published_at": "2020-10-01T08:00:00Z", "crawler": "x"})

    article = article_from_upload(body.encode(), "application/json", article_id=None, max_bytes=1000)

    assert (article.id, article.title, article.text) == ("j1", "T", "Body.")
    assert article.published_at == datetime(2020, 10, 1, 8, tzinfo=timezone.utc)
    same = article_from_upload(body.encode(), "application/json", article_id="j1", max_bytes=1000)
    assert same.id == "j1"
    named = article_from_upload(b'{"text": "Body."}', "application/json", article_id="q1", max_bytes=1000)
    assert named.id == "q1"


def test_loaders_articles_upload_html() -> None:
    article = article_from_upload(PAGE.encode(), "text/html; charset=UTF-8", article_id="page-1", max_bytes=100_000)

    assert article.id == "page-1"
    assert ARTICLE_BODY in article.text and "Privacy policy" not in article.text
    assert article.source == "Daily Planet"


@pytest.mark.parametrize(
    ("body", "content_type", "article_id", "message"),
    [
        (b"x", None, "a", "Content-Type is missing: send text/plain, application/json or text/html"),
        (b"x", "application/pdf", "a", "Content-Type application/pdf is not supported: send text/plain, application/json or text/html"),
        (b"x", "text/plain; charset=latin-1", "a", "charset latin-1 is not supported: send UTF-8"),
        (b"  \n", "text/plain", "a", "text: is empty or only whitespace"),
        (b"caf\xe9", "text/plain", "a", "body: not UTF-8: invalid byte 0xe9 at offset 3"),
        (b"\x00\x01binary", "text/plain", "a", "body: looks binary (NUL or control bytes), not text"),
        ("é".encode() * 60, "text/plain", "a", "text: is 120 bytes; the limit is 100 (CLAIMGRAPH_MAX_ARTICLE_BYTES)"),
        (b"x" * 2_000_000, "text/plain", "a",
         "body: is 2,000,000 bytes; the limit for a text body is 1,049,176 (6 × CLAIMGRAPH_MAX_ARTICLE_BYTES + 1 MiB)"),
        (b'{"title": "no text"}', "application/json", None, "text: missing: every article needs its text"),
        (b'[{"text": "x"}]', "application/json", None, "body: expected one JSON object, got list"),
        (b'{"text": ', "application/json", None, "body: not valid JSON: Expecting value (line 1, column 10)"),
        (b'{"id": "b", "text": "x"}', "application/json", "a", "id: given twice: 'a' with the request and 'b' in the body"),
        (b'{"id": "a", "text": "x", "published_at": "soon"}', "application/json", None,
         "published_at: Input should be a valid datetime or date, input is too short"),
        (BOILERPLATE_ONLY.encode(), "text/html", "a", "body: no article text found in the HTML"),
    ],
)
def test_loaders_articles_upload_errors(body: bytes, content_type: str | None, article_id: str | None, message: str) -> None:
    with pytest.raises(ArticleInputError) as caught:
        article_from_upload(body, content_type, article_id=article_id, max_bytes=100)

    assert str(caught.value) == message
    assert isinstance(caught.value, ValueError)


def test_loaders_articles_overlong_jsonl_line_is_skipped_alone(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "long", "text": "x" * 1_100_000}) + "\n")
        handle.write(json.dumps({"id": "after", "text": "Read."}) + "\n")

    read = read_articles([path], max_bytes=10)

    assert ids(read) == ["after"]
    assert read.articles[0].origin == f"{path}:2"
    assert messages(read) == [
        f"{path}:1: the line is longer than 1,048,636 bytes (6 × CLAIMGRAPH_MAX_ARTICLE_BYTES + 1 MiB)"]


def test_loaders_articles_csv_utf8_check_across_chunks(tmp_path: Path) -> None:
    # The UTF-8 check reads 1 MiB at a time: a character split by a chunk boundary is fine,
    # and a bad byte after the first chunk is reported at its offset in the file.
    head = b"text\n" + b"a" * (1024 * 1024 - 6) + b"\n"
    good = tmp_path / "good.csv"
    good.write_bytes(head + "é".encode() + b" after the boundary\n")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(head + b"ok\n\xff\n")

    read = read_articles([good, bad])

    assert ids(read) == ["good-1", "good-2"]
    assert read.articles[1].article.text == "é after the boundary"
    assert messages(read) == [f"{bad}: not UTF-8: invalid byte 0xff at offset {len(head) + 3}"]


def test_loaders_articles_empty_json_id_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "", "text": "x"}\n{"id": ["a"], "text": "y"}\n', encoding="utf-8")

    read = read_articles([path])

    assert read.articles == []
    assert [(p.location, p.field) for p in read.problems] == [(f"{path}:1", "id"), (f"{path}:2", "id")]
    assert messages(read)[1] == f"{path}:2: id: must be a string or an integer, got list"
