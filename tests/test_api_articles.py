"""POST /articles against the real engine: extraction, the write, idempotence, the write key,
and every refusal (problem+json, nothing written)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from claimgraph.api.main import create_app
from claimgraph.graph import reads
from claimgraph.graph.engine import Graph
from claimgraph.graph.settings import Settings

TEXT = ("Turkey denied the reports. The ministry said that Armenia had attacked the village. "
        "Azerbaijan accused Armenia of shelling Ganja. Armenia denied these claims.")
PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Village attacked | Daily Planet</title>
<meta property="og:site_name" content="Daily Planet"></head>
<body><nav><a href="/">Home</a> <a href="/world">World news</a></nav>
<article><h1>Village attacked</h1><p>{TEXT}</p>
<p>The fighting went on for two days along the line of contact, and the roads stayed closed.</p></article>
<footer>Copyright 2020 Daily Planet. <a href="/privacy">Privacy policy</a></footer></body></html>
"""
BOILERPLATE_ONLY = """<html><head><title>Daily Planet</title></head><body>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li></ul></nav>
  <footer><p>Copyright 2020 Daily Planet. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>"""


def open_settings(**limits: object) -> Settings:
    return Settings(WRITE_API_KEY=None, **limits)


@pytest.fixture
def writer(clean_graph: Graph) -> Iterator[TestClient]:
    """A client of an app with open writes over an empty graph."""
    with TestClient(create_app(open_settings(), clean_graph)) as client:
        yield client


def counts(graph: Graph) -> dict[str, int]:
    return reads.graph_counts(graph)


def post_text(client: TestClient, text: str = TEXT, article_id: str | None = "village-1", **headers: str | bytes):
    params = {"id": article_id} if article_id is not None else {}
    return client.post("/articles", params=params, content=text.encode("utf-8"),
                       headers={"Content-Type": "text/plain; charset=utf-8", **headers})


def assert_problem(response, status: int, slug: str, detail: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == f"/problems/{slug}" and body["status"] == status
    assert body["detail"] == detail
    assert body["instance"] == "/articles"
    assert set(body) >= {"type", "title", "status", "detail", "instance"}


def test_api_articles_text_is_extracted_and_written(writer: TestClient, clean_graph: Graph) -> None:
    response = post_text(writer)

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["article_id"] == "village-1"
    statements = body["statements"]
    # Turkey denies reports the article never gives: a denial all the same (the annotation
    # conventions, 5), of a claim that is its own.
    assert [(s["relation"], s["speaker"]["actor_id"], [t["actor_id"] for t in s["targets"]]) for s in statements] == [
        ("DENIES", "country:tur", []),
        ("ACCUSES", "village-1/unnamed/ministry", ["country:arm"]),
        ("ACCUSES", "country:aze", ["country:arm"]),
        ("DENIES", "country:arm", ["village-1/unnamed/ministry", "country:aze"]),
    ]
    for statement in statements:
        assert statement["article_id"] == "village-1" and statement["statement_id"].startswith("st-")
        claim = statement["claim"]
        assert TEXT[claim["start"]:claim["end"]] == claim["text"]
        assert None not in statement.values()
    assert [s["claim"].get("claim_id") is not None for s in statements] == [True, True, True, False]
    assert statements[0]["claim"]["refers_to"] == []
    # The denial of "these claims" points at the two claims it refers to.
    assert statements[3]["claim"]["refers_to"] == [statements[1]["statement_id"], statements[2]["statement_id"]]
    assert body["written"] == {
        "articles": {"new": 1, "existing": 0}, "statements": {"new": 4, "existing": 0},
        "actors": {"new": 4, "existing": 0}, "claims": {"new": 3, "existing": 0},
    }

    # Read back through the graph: one edge per statement and claim (the denial has two).
    rows = reads.article_statements(clean_graph, article_id="village-1")
    assert sorted((r["statement_id"], r["relation"], r["claim_id"]) for r in rows) == sorted(
        [(statements[0]["statement_id"], "DENIES", statements[0]["claim"]["claim_id"]),
         (statements[1]["statement_id"], "ACCUSES", statements[1]["claim"]["claim_id"]),
         (statements[2]["statement_id"], "ACCUSES", statements[2]["claim"]["claim_id"]),
         (statements[3]["statement_id"], "DENIES", statements[1]["claim"]["claim_id"]),
         (statements[3]["statement_id"], "DENIES", statements[2]["claim"]["claim_id"])])
    assert counts(clean_graph) == {"actors": 4, "articles": 1, "claims": 3, "statement_edges": 5}
    article = clean_graph.driver.execute_query("MATCH (a:Article {id: $id}) RETURN a.text AS text",
                                               {"id": "village-1"}, database_=clean_graph.database).records
    assert [r["text"] for r in article] == [TEXT]

    # And through the existing API.
    accusations = writer.get("/accusations", params={"accuser": "Azerbaijan", "accused": "Armenia"}).json()["rows"]
    assert [(r["statement_id"], r["claim_text"], r["article_id"]) for r in accusations] == [
        (statements[2]["statement_id"], "shelling Ganja", "village-1")]


def test_api_articles_posting_twice_changes_nothing(writer: TestClient, clean_graph: Graph) -> None:
    first = post_text(writer)
    after_first = counts(clean_graph)

    again = post_text(writer)

    assert first.status_code == 201 and again.status_code == 200, again.text
    assert counts(clean_graph) == after_first
    assert again.json()["statements"] == first.json()["statements"]
    assert again.json()["written"] == {
        "articles": {"new": 0, "existing": 1}, "statements": {"new": 0, "existing": 4},
        "actors": {"new": 0, "existing": 4}, "claims": {"new": 0, "existing": 3},
    }


def test_api_articles_json_body_with_metadata(writer: TestClient, clean_graph: Graph) -> None:
    record = {"id": "j-1", "title": "Village attacked", "text": TEXT, "url": "https://news.example/j-1",
              "published_at": "2020-10-01T08:00:00Z", "source": "News Example", "crawler": "ignored"}

    response = writer.post("/articles", json=record)

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["article_id"] == "j-1"
    assert {s["stated_at"] for s in body["statements"]} == {"2020-10-01T08:00:00Z"}
    stored = clean_graph.driver.execute_query(
        "MATCH (a:Article {id: 'j-1'}) RETURN a.title AS title, a.url AS url, a.source AS source",
        database_=clean_graph.database).records
    assert [dict(r) for r in stored] == [{"title": "Village attacked", "url": "https://news.example/j-1", "source": "News Example"}]


def test_api_articles_json_without_id_is_named_by_its_text(writer: TestClient, clean_graph: Graph) -> None:
    first = writer.post("/articles", json={"text": TEXT})
    again = post_text(writer, article_id=None)  # the same text as text/plain: the same article

    assert first.status_code == 201 and again.status_code == 200
    assert first.json()["article_id"] == again.json()["article_id"]
    assert first.json()["article_id"].startswith("article-")
    assert counts(clean_graph)["articles"] == 1


def test_api_articles_html_page(writer: TestClient, clean_graph: Graph) -> None:
    response = writer.post("/articles", params={"id": "page-1"}, content=PAGE.encode(),
                           headers={"Content-Type": "text/html; charset=UTF-8"})

    assert response.status_code == 201, response.text
    assert response.json()["article_id"] == "page-1"
    assert len(response.json()["statements"]) == 4
    stored = clean_graph.driver.execute_query("MATCH (a:Article {id: 'page-1'}) RETURN a.text AS text, a.source AS source",
                                              database_=clean_graph.database).records
    assert stored[0]["source"] == "Daily Planet"
    assert TEXT in stored[0]["text"] and "Privacy policy" not in stored[0]["text"]


def test_api_articles_article_without_statements_is_still_written(writer: TestClient, clean_graph: Graph) -> None:
    response = post_text(writer, "The weather was fine on Tuesday.", "quiet-1")

    assert response.status_code == 201, response.text
    assert response.json()["statements"] == []
    assert response.json()["written"]["articles"] == {"new": 1, "existing": 0}
    assert counts(clean_graph) == {"actors": 0, "articles": 1, "claims": 0, "statement_edges": 0}


def test_api_articles_write_key_is_enforced_when_set(clean_graph: Graph) -> None:
    with TestClient(create_app(Settings(WRITE_API_KEY="k3y-for-tests"), clean_graph)) as client:
        missing = post_text(client)
        wrong = post_text(client, **{"X-API-Key": "k3y-for-test"})
        non_ascii = post_text(client, **{"X-API-Key": "kéy".encode()})
        assert counts(clean_graph) == {"actors": 0, "articles": 0, "claims": 0, "statement_edges": 0}
        right = post_text(client, **{"X-API-Key": "k3y-for-tests"})

    assert_problem(missing, 401, "http-401", "X-API-Key header missing: writing needs the write key")
    assert missing.headers["www-authenticate"] == 'ApiKey header="X-API-Key"'
    assert_problem(wrong, 401, "http-401", "X-API-Key is not the write key")
    assert_problem(non_ascii, 401, "http-401", "X-API-Key is not the write key")
    assert right.status_code == 201
    assert counts(clean_graph)["articles"] == 1


def test_api_articles_write_key_is_checked_before_the_body(clean_graph: Graph) -> None:
    with TestClient(create_app(Settings(WRITE_API_KEY="k3y-for-tests", MAX_ARTICLE_BYTES=10), clean_graph)) as client:
        response = client.post("/articles", content=b"x" * 2_000_000, headers={"Content-Type": "application/pdf"})

    assert response.status_code == 401


@pytest.mark.parametrize(
    ("body", "content_type", "params", "status", "slug", "detail"),
    [
        (b"  \n", "text/plain", {"id": "a"}, 400, "invalid-parameters", "text: is empty or only whitespace"),
        (b"caf\xe9 said so", "text/plain", {"id": "a"}, 400, "invalid-parameters", "body: not UTF-8: invalid byte 0xe9 at offset 3"),
        (b"\x00\x01binary", "text/plain", {"id": "a"}, 400, "invalid-parameters", "body: looks binary (NUL or control bytes), not text"),
        (b'{"text": ', "application/json", {}, 400, "invalid-parameters", "body: not valid JSON: Expecting value (line 1, column 10)"),
        (b'{"title": "no text"}', "application/json", {}, 400, "invalid-parameters", "text: missing: every article needs its text"),
        (b'[{"text": "x"}]', "application/json", {}, 400, "invalid-parameters", "body: expected one JSON object, got list"),
        (b'{"id": "b", "text": "Turkey denied it."}', "application/json", {"id": "a"}, 400, "invalid-parameters",
         "id: given twice: 'a' with the request and 'b' in the body"),
        (b"Turkey denied it.", "text/plain", {"id": " padded"}, 400, "invalid-parameters",
         "id: String should match pattern '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$'"),
        (BOILERPLATE_ONLY.encode(), "text/html", {"id": "a"}, 400, "invalid-parameters", "body: no article text found in the HTML"),
        ("é".encode() * 60, "text/plain", {"id": "a"}, 413, "http-413", "text: is 120 bytes; the limit is 100 (CLAIMGRAPH_MAX_ARTICLE_BYTES)"),
        (json.dumps({"text": "x" * 101}).encode(), "application/json", {}, 413, "http-413",
         "text: is 101 bytes; the limit is 100 (CLAIMGRAPH_MAX_ARTICLE_BYTES)"),
        (b"x" * 2_000_000, "text/plain", {"id": "a"}, 413, "http-413",
         "body: is 2,000,000 bytes; the limit for a body is 1,049,176 (6 × CLAIMGRAPH_MAX_ARTICLE_BYTES + 1 MiB)"),
        (b"Turkey denied it.", None, {"id": "a"}, 415, "http-415",
         "Content-Type is missing: send text/plain, application/json or text/html"),
        (b"Turkey denied it.", "application/pdf", {"id": "a"}, 415, "http-415",
         "Content-Type application/pdf is not supported: send text/plain, application/json or text/html"),
        (b"Turkey denied it.", "text/plain; charset=latin-1", {"id": "a"}, 415, "http-415",
         "charset latin-1 is not supported: send UTF-8"),
    ],
)
def test_api_articles_bad_input_is_a_problem_and_writes_nothing(
    clean_graph: Graph, body: bytes, content_type: str | None, params: dict[str, str], status: int, slug: str, detail: str,
) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    with TestClient(create_app(open_settings(MAX_ARTICLE_BYTES=100), clean_graph)) as client:
        response = client.post("/articles", params=params, content=body, headers=headers)

    assert_problem(response, status, slug, detail)
    assert counts(clean_graph) == {"actors": 0, "articles": 0, "claims": 0, "statement_edges": 0}


def test_api_articles_oversized_body_without_length_is_cut_off(clean_graph: Graph) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(20):
            yield b"x" * 100_000  # chunked: no Content-Length to refuse it by

    with TestClient(create_app(open_settings(MAX_ARTICLE_BYTES=100), clean_graph)) as client:
        response = client.post("/articles", params={"id": "a"}, content=chunks(), headers={"Content-Type": "text/plain"})

    assert_problem(response, 413, "http-413",
                   "body: is more than 1,049,176 bytes; the limit for a body is 1,049,176 (6 × CLAIMGRAPH_MAX_ARTICLE_BYTES + 1 MiB)")
    assert counts(clean_graph)["articles"] == 0


def test_api_articles_extractor_is_loaded_once_per_app(writer: TestClient) -> None:
    app = writer.app
    assert getattr(app.state, "article_extractor", None) is None  # not before the first POST
    post_text(writer)
    first = app.state.article_extractor
    post_text(writer, "Armenia denied it.", "other-1")
    assert app.state.article_extractor is first


def test_api_articles_openapi_documents_the_bodies(writer: TestClient) -> None:
    operation = writer.get("/openapi.json").json()["paths"]["/articles"]["post"]

    assert operation["summary"] and operation["description"]
    content = operation["requestBody"]["content"]
    assert set(content) == {"application/json", "text/plain", "text/html"}
    assert content["application/json"]["examples"]["full"]["value"]["id"] == "village-1"
    assert operation["responses"]["201"]["content"]["application/json"]["example"]["article_id"] == "village-1"
    assert {"200", "400", "401", "413", "415"} <= set(operation["responses"])


def test_api_articles_openapi_example_is_what_the_api_answers(writer: TestClient) -> None:
    operation = writer.get("/openapi.json").json()["paths"]["/articles"]["post"]
    example = operation["requestBody"]["content"]["application/json"]["examples"]["full"]["value"]

    response = writer.post("/articles", json=example)

    assert response.status_code == 201
    assert response.json() == operation["responses"]["201"]["content"]["application/json"]["example"]


def test_api_articles_another_text_under_a_taken_id_is_a_conflict(writer: TestClient, clean_graph: Graph) -> None:
    assert post_text(writer).status_code == 201
    before = counts(clean_graph)

    response = post_text(writer, text="The mayor said the bridge will reopen in May.")

    assert response.status_code == 409, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "already in the graph with another text" in response.json()["detail"]
    assert counts(clean_graph) == before
