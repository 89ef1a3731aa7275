"""Dependencies the routes take: the open graph, the settings, and the API keys.

Keys travel in the ``X-API-Key`` header and are compared in constant time. Three are
configurable, each for its own door:

- ``CLAIMGRAPH_WRITE_API_KEY``: ``POST /articles`` (checked in ``routes/articles.py``);
- ``CLAIMGRAPH_CYPHER_API_KEY``: ``POST /cypher``. Unset, ad hoc Cypher is switched off (403)
  unless ``CLAIMGRAPH_ALLOW_OPEN_CYPHER=true``: an API that runs anyone's Cypher should not be
  open because a setting was forgotten;
- ``CLAIMGRAPH_READ_API_KEY``: every GET, and ``POST /queries/{name}`` (a read with a body),
  except ``/health`` (for load balancers) and the API documentation. It is installed as an app
  dependency (:func:`require_read_key`) so that routes added later are covered too. A browser
  cannot send a header: the explorer asks for the key once (``/explore/key``) and keeps it in
  an HttpOnly, SameSite=Strict cookie, which every read then accepts as it accepts the header.
  Every explorer request needs it (its forms post reads), and one without it is sent to that page.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import APIKeyHeader
from pydantic import SecretStr

from claimgraph.graph.engine import Graph
from claimgraph.graph.errors import CypherDisabledError
from claimgraph.graph.settings import Settings

API_KEY_HEADER = "X-API-Key"
READ_KEY_COOKIE = "claimgraph_read_key"
EXPLORER_KEY_PAGE = "/explore/key"
# Paths a read key does not guard (the documentation routes are not API routes and never are).
OPEN_PATHS = frozenset({"/health", EXPLORER_KEY_PAGE})


class ReadKeyNeeded(Exception):
    """An explorer page was asked for without the read key: the browser goes to the page that
    asks for it, then back to ``next_url`` (api/errors.py)."""

    def __init__(self, next_url: str) -> None:
        super().__init__(next_url)
        self.next_url = next_url


def is_explorer(path: str) -> bool:
    return path == "/" or path == "/explore" or path.startswith("/explore/")


def get_graph(request: Request) -> Graph:
    return request.app.state.graph


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


GraphDep = Annotated[Graph, Depends(get_graph)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def check_api_key(given: str | None, expected: SecretStr, what: str) -> None:
    """Refuse (401) unless ``given`` equals the key.

    Args:
        what: what the key is for, in the error message ("the cypher key").
    """
    challenge = {"WWW-Authenticate": f'ApiKey header="{API_KEY_HEADER}"'}
    if not given:
        raise HTTPException(401, f"{API_KEY_HEADER} header missing: this request needs {what}", headers=challenge)
    if not key_matches(given, expected):
        raise HTTPException(401, f"{API_KEY_HEADER} is not {what}", headers=challenge)


def key_matches(given: str | None, expected: SecretStr) -> bool:
    """Whether ``given`` is the key, compared in constant time."""
    # Compared as bytes: compare_digest refuses str with non-ASCII characters.
    return bool(given) and secrets.compare_digest(given.encode("utf-8"), expected.get_secret_value().encode("utf-8"))


_cypher_key = APIKeyHeader(name=API_KEY_HEADER, scheme_name="CypherKey", auto_error=False,
                           description="The key of ad hoc Cypher (CLAIMGRAPH_CYPHER_API_KEY).")


def require_cypher_key(settings: SettingsDep, key: Annotated[str | None, Security(_cypher_key)] = None) -> None:
    """``POST /cypher``: the cypher key when one is set; without one, refused (403) unless
    ``CLAIMGRAPH_ALLOW_OPEN_CYPHER`` is true."""
    expected = settings.CYPHER_API_KEY
    if expected is None:
        if settings.ALLOW_OPEN_CYPHER:
            return
        raise CypherDisabledError(
            "ad hoc Cypher is switched off on this server: set CLAIMGRAPH_CYPHER_API_KEY (and send it in "
            "the X-API-Key header), or CLAIMGRAPH_ALLOW_OPEN_CYPHER=true for a trusted local setup")
    check_api_key(key, expected, "the cypher key (CLAIMGRAPH_CYPHER_API_KEY)")


def _needs_read_key(request: Request) -> SecretStr | None:
    """The read key this request must carry, or None."""
    expected: SecretStr | None = request.app.state.settings.READ_API_KEY
    if expected is None or request.url.path in OPEN_PATHS:
        return None
    path = request.url.path
    is_read = request.method in ("GET", "HEAD") or (
        request.method == "POST" and (path.startswith("/queries/") or is_explorer(path)))
    return expected if is_read else None


def require_read_key(request: Request) -> None:
    """An app-wide dependency: when ``CLAIMGRAPH_READ_API_KEY`` is set, GET (and HEAD) requests,
    ``POST /queries/{name}`` and the explorer need it (header or cookie), except the paths in
    :data:`OPEN_PATHS`.

    Raises:
        HTTPException: 401 for the API.
        ReadKeyNeeded: for an explorer page, which sends the browser to ``/explore/key``.
    """
    expected = _needs_read_key(request)
    if expected is None:
        return
    given = request.headers.get(API_KEY_HEADER) or request.cookies.get(READ_KEY_COOKIE)
    if is_explorer(request.url.path) and not key_matches(given, expected):
        query = request.url.query
        raise ReadKeyNeeded(request.url.path + (f"?{query}" if query and request.method == "GET" else ""))
    check_api_key(given, expected, "the read key (CLAIMGRAPH_READ_API_KEY)")


def read_key_given(request: Request) -> bool:
    """Whether the request may read: no read key is needed, or the right one is sent (the
    answer cache asks before it answers; the route itself says why when not)."""
    try:
        require_read_key(request)
    except (HTTPException, ReadKeyNeeded):
        return False
    return True


# Seconds a client is told to wait (Retry-After) when every heavy slot is taken: about one
# whole-graph read on a large graph.
HEAVY_RETRY_AFTER_S = 5


def heavy_slot(request: Request) -> Iterator[None]:
    """A route dependency for the requests that read much of the graph: at most
    ``CLAIMGRAPH_HEAVY_QUERY_SLOTS`` run at once, so that lookups keep the engine; past
    ``CLAIMGRAPH_HEAVY_QUERY_WAIT_S`` of waiting the answer is 503 with Retry-After."""
    settings: Settings = request.app.state.settings
    slots: threading.BoundedSemaphore = request.app.state.heavy_slots
    if not slots.acquire(timeout=settings.HEAVY_QUERY_WAIT_S):
        raise HTTPException(
            503, f"the server is busy with {settings.HEAVY_QUERY_SLOTS} heavy request(s) "
                 "(CLAIMGRAPH_HEAVY_QUERY_SLOTS); try again shortly",
            headers={"Retry-After": str(HEAVY_RETRY_AFTER_S)})
    try:
        yield
    finally:
        slots.release()


HeavySlot = Depends(heavy_slot)
