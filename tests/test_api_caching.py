"""Answers kept by data version, ETags and 304s, and the slots of heavy requests (api/caching.py,
api/deps.py): on the real engine, with real writes."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from conftest import FRESH, load_files
from test_graph_store import statement, write_jsonl

from claimgraph.api.main import create_app
from claimgraph.graph import feeds
from claimgraph.graph.claim_identity import IdentitySettings
from claimgraph.graph.engine import Graph
from claimgraph.graph.reads import data_version
from claimgraph.graph.reindex import reindex_claims
from claimgraph.graph.settings import Settings

ARTICLE = "The ministry said that Ruritania shelled the plant. Ruritania denied the accusations."


@pytest.fixture
def counted_stats(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times /stats reached the graph."""
    calls: list[int] = []
    real = feeds.stats

    def stats(*args: object, **kwargs: object) -> dict:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(feeds, "stats", stats)
    return calls


@pytest.fixture
def writer(seeded_graph: Graph) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(WRITE_API_KEY=None), seeded_graph)) as client:
        yield client


def post_article(client: TestClient, article_id: str) -> None:
    response = client.post("/articles", params={"id": article_id}, content=ARTICLE.encode(),
                           headers={"Content-Type": "text/plain; charset=utf-8"})
    assert response.status_code in (200, 201), response.text


def test_api_caching_an_answer_is_kept_until_the_graph_changes(writer: TestClient, counted_stats: list[int]) -> None:
    first = writer.get("/stats")
    second = writer.get("/stats")
    assert first.status_code == second.status_code == 200
    assert second.content == first.content and second.headers["etag"] == first.headers["etag"]
    assert len(counted_stats) == 1  # the second answer was the kept one

    post_article(writer, "caching-1")
    third = writer.get("/stats")
    assert len(counted_stats) == 2 and third.headers["etag"] != first.headers["etag"]
    assert third.json()["totals"]["articles"] == first.json()["totals"]["articles"] + 1

    writer.get("/stats", headers=FRESH)
    assert len(counted_stats) == 3  # asked fresh


def test_api_caching_if_none_match_answers_304_until_a_write(writer: TestClient, counted_stats: list[int]) -> None:
    etag = writer.get("/stats").headers["etag"]
    unchanged = writer.get("/stats", headers={"If-None-Match": f'W/{etag}, "other"'})
    assert unchanged.status_code == 304 and unchanged.content == b"" and unchanged.headers["etag"] == etag
    assert unchanged.headers["cache-control"] == "public, no-cache"
    assert len(counted_stats) == 1
    # Another URL is another answer.
    assert writer.get("/stats", params={"top": 3}).headers["etag"] != etag

    post_article(writer, "caching-2")
    changed = writer.get("/stats", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag


def test_api_caching_a_failed_write_changes_no_version_and_every_write_does(seeded_graph: Graph, tmp_path: Path) -> None:
    before = data_version(seeded_graph)
    bad = write_jsonl(tmp_path / "bad.jsonl", [
        statement("a1", "s1", "Turkey", {"text": "these claims", "refers_to": ["nowhere"]}, "DENIES")])
    _, report = load_files(seeded_graph, bad)
    assert report.failures and data_version(seeded_graph) == before

    good = write_jsonl(tmp_path / "good.jsonl", [statement("a2", "s2", "Turkey", "the border is open")])
    load_files(seeded_graph, good)
    after = data_version(seeded_graph)
    assert after != before and after.split(":")[0] == before.split(":")[0]  # same epoch, next version
    reindex_claims(seeded_graph, IdentitySettings())
    assert data_version(seeded_graph) != after


def test_api_caching_a_kept_answer_still_needs_the_read_key(seeded_graph: Graph) -> None:
    settings = Settings(READ_API_KEY="reader", CACHE_MAX_AGE_S=30)
    with TestClient(create_app(settings, seeded_graph)) as client:
        allowed = client.get("/stats", headers={"X-API-Key": "reader"})
        assert allowed.status_code == 200 and allowed.headers["cache-control"] == "private, max-age=30"
        assert client.get("/stats").status_code == 401
        assert client.get("/stats", headers={"X-API-Key": "wrong", "If-None-Match": allowed.headers["etag"]}).status_code == 401


def test_api_caching_heavy_requests_wait_for_a_slot_and_lookups_do_not(seeded_graph: Graph) -> None:
    settings = Settings(HEAVY_QUERY_SLOTS=1, HEAVY_QUERY_WAIT_S=0, ANSWER_CACHE_MB=0)
    with TestClient(create_app(settings, seeded_graph)) as client:
        slots = client.app.state.heavy_slots  # type: ignore[attr-defined]
        assert slots.acquire(timeout=1)  # a heavy request is running
        try:
            busy = client.get("/stats")
            assert busy.status_code == 503 and busy.headers["retry-after"] == "5"
            assert busy.json()["type"] == "/problems/busy"
            assert client.get("/timeline").status_code == 503
            assert client.get("/actors/country:tur").status_code == 200
        finally:
            slots.release()
        assert client.get("/stats").status_code == 200


def test_api_caching_concurrent_requests_for_one_url_compute_it_once(seeded_graph: Graph, counted_stats: list[int],
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """After a write every polling dashboard asks again at once: the first request computes
    the answer and the others wait for it, instead of each running the query."""
    counted = feeds.stats

    def slow_stats(*args: object, **kwargs: object) -> dict:
        time.sleep(0.3)  # long enough for every request to arrive while the first computes
        return counted(*args, **kwargs)

    async def eight_at_once(app: FastAPI) -> list[httpx.Response]:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
            return await asyncio.gather(*(client.get("/stats") for _ in range(8)))

    app = create_app(Settings(), seeded_graph)
    monkeypatch.setattr(feeds, "stats", slow_stats)
    with TestClient(app):  # runs the app's startup (the graph on app.state), not the requests
        responses = asyncio.run(eight_at_once(app))

    assert [r.status_code for r in responses] == [200] * 8
    assert len({r.content for r in responses}) == 1 and len({r.headers["etag"] for r in responses}) == 1
    assert len(counted_stats) == 1

