"""Dependencies the routes take: the open graph, the settings, and the API keys.

Keys travel in the ``X-API-Key`` header and are compared in constant time. Three are
configurable, each for its own door:

- ``CLAIMGRAPH_WRITE_API_KEY``: ``POST /articles`` (checked in ``routes/articles.py``);
- ``CLAIMGRAPH_CYPHER_API_KEY``: ``POST /cypher``. Unset, ad hoc Cypher is switched off (403)
  unless ``CLAIMGRAPH_ALLOW_OPEN_CYPHER=true``: an API that runs anyone's Cypher should not be
  open because a setting was forgotten;
- ``CLAIMGRAPH_READ_API_KEY``: every GET, and ``POST /queries/{name}`` (a read with a body),
  except ``/health`` (for load balancers) and the API documentation. It is installed as an app
  dependency (:func:`require_read_key`) so that routes added later are covered too.
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import APIKeyHeader
from pydantic import SecretStr

from claimgraph.graph.engine import Graph
from claimgraph.graph.errors import CypherDisabledError
from claimgraph.graph.settings import Settings

API_KEY_HEADER = "X-API-Key"
# Paths a read key does not guard (the documentation routes are not API routes and never are).
OPEN_PATHS = frozenset({"/health"})


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
    # Compared as bytes: compare_digest refuses str with non-ASCII characters.
    if not secrets.compare_digest(given.encode("utf-8"), expected.get_secret_value().encode("utf-8")):
        raise HTTPException(401, f"{API_KEY_HEADER} is not {what}", headers=challenge)


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


def require_read_key(request: Request) -> None:
    """An app-wide dependency: when ``CLAIMGRAPH_READ_API_KEY`` is set, GET (and HEAD) requests
    and ``POST /queries/{name}`` need it, except the paths in :data:`OPEN_PATHS`."""
    settings: Settings = request.app.state.settings
    expected = settings.READ_API_KEY
    if expected is None or request.url.path in OPEN_PATHS:
        return
    is_read = request.method in ("GET", "HEAD") or (
        request.method == "POST" and request.url.path.startswith("/queries/"))
    if is_read:
        check_api_key(request.headers.get(API_KEY_HEADER), expected, "the read key (CLAIMGRAPH_READ_API_KEY)")
