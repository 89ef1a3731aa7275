"""Answers kept ready, and HTTP revalidation, for every GET read.

Every write through claimgraph bumps the graph's data version in its own transaction
(``store.bump_data_version``). A GET answer depends only on the URL and that version, so:

- its ETag is a digest of the two, and a client that sends it back in ``If-None-Match`` gets
  ``304 Not Modified`` without the query being run;
- the answer itself is kept (in this process, ``CLAIMGRAPH_ANSWER_CACHE_MB`` in all, least
  recently used first out), and the next request for the same URL at the same version gets it
  without the query being run: a dashboard that polls ``/stats`` costs one query per change of
  the graph, not one per poll.

Requests for the same URL at the same version while its answer is being computed wait for
that answer instead of computing it again: after a write, the dashboards polling every
endpoint cost one query per URL, not one per client.

Only complete 200 answers are kept. A write made around the engine (Cypher run directly on
the database) does not bump the version: such a change shows once claimgraph writes again.
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator
from dataclasses import dataclass

from fastapi import FastAPI, Request, Response
from fastapi.concurrency import run_in_threadpool
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.responses import StreamingResponse

from claimgraph.api.deps import OPEN_PATHS, read_key_given
from claimgraph.graph.errors import ClaimgraphError
from claimgraph.graph.reads import data_version
from claimgraph.graph.settings import Settings

# Paths whose answers do not come from the graph's data.
UNVERSIONED_PATHS = OPEN_PATHS | {"/docs", "/redoc", "/openapi.json", "/docs/oauth2-redirect"}
# An answer larger than this share of the cache is passed on, not kept (a big CSV export).
# /contradictions' default page is 9 MB of evidence at 1M statements, and is kept.
LARGEST_SHARE = 4
# Response headers that belong to one response, not to the answer kept.
_PER_RESPONSE = frozenset({"content-length", "date", "server", "etag", "cache-control"})


@dataclass(frozen=True)
class _Answer:
    body: bytes
    headers: tuple[tuple[str, str], ...]
    media_type: str | None


class AnswerCache:
    """Rendered answers by (data version, URL), within a byte budget, least recently used out."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.largest = max_bytes // LARGEST_SHARE
        self._answers: OrderedDict[tuple[str, str], _Answer] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: tuple[str, str]) -> _Answer | None:
        with self._lock:
            answer = self._answers.get(key)
            if answer is None:
                self.misses += 1
                return None
            self._answers.move_to_end(key)
            self.hits += 1
            return answer

    def put(self, key: tuple[str, str], answer: _Answer) -> None:
        size = len(answer.body)
        if size > self.largest:
            return
        with self._lock:
            if key in self._answers:
                return
            self._answers[key] = answer
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, dropped = self._answers.popitem(last=False)
                self._bytes -= len(dropped.body)


def etag_for(version: str, url: str) -> str:
    return '"' + hashlib.blake2b(f"{version} {url}".encode(), digest_size=12).hexdigest() + '"'


def _matches(if_none_match: str | None, etag: str) -> bool:
    """RFC 9110 weak comparison: any listed tag (with or without W/) or ``*``."""
    if not if_none_match:
        return False
    tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
    return "*" in tags or etag in tags


def cache_control(settings: Settings) -> str:
    # Answers behind a read key are for that key's holders only: no shared cache keeps them.
    scope = "private" if settings.READ_API_KEY is not None else "public"
    return f"{scope}, max-age={settings.CACHE_MAX_AGE_S}" if settings.CACHE_MAX_AGE_S else f"{scope}, no-cache"


class VersionedAnswers(BaseHTTPMiddleware):
    """ETags, 304s and kept answers for GET reads (see the module docstring)."""

    def __init__(self, app: FastAPI, settings: Settings) -> None:
        super().__init__(app)
        self.settings = settings
        self.cache = AnswerCache(settings.ANSWER_CACHE_MB * 2**20) if settings.ANSWER_CACHE_MB else None
        # Answers being computed, by key: set when the first request for the key has its answer.
        self._computing: dict[tuple[str, str], asyncio.Event] = {}

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        if request.method not in ("GET", "HEAD") or request.url.path in UNVERSIONED_PATHS \
                or not read_key_given(request):
            return await call_next(request)  # the route answers (a 401 when the key is wrong)
        try:
            version = await run_in_threadpool(data_version, request.app.state.graph,
                                              timeout_s=self.settings.QUERY_TIMEOUT_S)
        except ClaimgraphError:
            version = None  # the route meets the same trouble and answers with its problem
        if version is None or "no-cache" in request.headers.get("cache-control", ""):
            # Nothing written through claimgraph yet, or a client that asks for a fresh answer.
            return await call_next(request)
        url = request.url.path + ("?" + request.url.query if request.url.query else "")
        etag = etag_for(version, url)
        revalidation = {"ETag": etag, "Cache-Control": cache_control(self.settings)}
        if _matches(request.headers.get("if-none-match"), etag):
            return Response(status_code=304, headers=revalidation)
        key = (version, url)
        if self.cache is None:
            response = await call_next(request)
            if response.status_code == 200:
                response.headers.update(revalidation)
            return response
        kept = self.cache.get(key)
        if kept is None and key in self._computing:
            await self._computing[key].wait()
            kept = self.cache.get(key)  # None when it was not kept (an error, or too large): computed again
        if kept is not None:
            return Response(kept.body, headers={**dict(kept.headers), **revalidation}, media_type=kept.media_type)
        first = key not in self._computing
        if first:
            self._computing[key] = asyncio.Event()
        try:
            response = await call_next(request)
            if response.status_code != 200:
                return response
            response.headers.update(revalidation)
            return await self._kept(key, response)
        finally:
            if first:
                self._computing.pop(key).set()

    async def _kept(self, key: tuple[str, str], response: Response) -> Response:
        """Read the answer to keep it; one past the size of a kept answer streams on as it came."""
        assert self.cache is not None
        chunks: list[bytes] = []
        size = 0
        iterator = response.body_iterator.__aiter__()  # type: ignore[attr-defined]
        async for chunk in iterator:
            data = chunk if isinstance(chunk, bytes) else chunk.encode(response.charset)
            chunks.append(data)
            size += len(data)
            if size > self.cache.largest:
                return StreamingResponse(_replay(chunks, iterator), status_code=200, headers=dict(response.headers),
                                         background=response.background)
        body = b"".join(chunks)
        headers = tuple((k, v) for k, v in response.headers.items() if k.lower() not in _PER_RESPONSE)
        self.cache.put(key, _Answer(body, headers, None))
        return Response(body, status_code=200, headers=dict(response.headers), background=response.background)


async def _replay(first: list[bytes], rest: AsyncIterator[bytes | str]) -> AsyncIterator[bytes | str]:
    for chunk in first:
        yield chunk
    async for chunk in rest:
        yield chunk
