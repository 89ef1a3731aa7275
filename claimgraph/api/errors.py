"""Errors as RFC 9457 problem details (``application/problem+json``).

The only module that knows how graph errors map to HTTP statuses. Every error body has
``type`` (a stable slug under /problems/), ``title``, ``status``, ``detail`` and ``instance``
(the request path).
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from claimgraph.api.deps import EXPLORER_KEY_PAGE, ReadKeyNeeded
from claimgraph.api.routes.explore import not_found_page
from claimgraph.graph.errors import (
    ClaimgraphError,
    CypherDisabledError,
    CypherSyntaxError,
    GraphUnavailableError,
    InvalidParametersError,
    NotFoundError,
    QueryFailedError,
    QueryTimeoutError,
    UnknownQueryError,
    WriteRefusedError,
)

log = logging.getLogger("claimgraph.api")

PROBLEM_JSON = "application/problem+json"

# error class -> (status, type slug, title)
_PROBLEMS: dict[type[ClaimgraphError], tuple[int, str, str]] = {
    NotFoundError: (404, "not-found", "Not found"),
    InvalidParametersError: (400, "invalid-parameters", "Invalid parameters"),
    QueryTimeoutError: (504, "query-timeout", "Query took too long"),
    GraphUnavailableError: (503, "graph-unavailable", "Graph database unavailable"),
    UnknownQueryError: (404, "unknown-query", "Unknown query"),
    CypherSyntaxError: (400, "cypher-syntax", "Cypher syntax error"),
    QueryFailedError: (400, "query-failed", "The engine refused the query"),
    WriteRefusedError: (403, "write-refused", "Query refused: only reads are allowed"),
    CypherDisabledError: (403, "cypher-disabled", "Ad hoc Cypher is switched off"),
}

_HTTP_SLUGS = {404: "not-found", 405: "method-not-allowed", 503: "busy"}


def _sendable(text: str) -> str:
    """The text with anything UTF-8 cannot carry (a lone surrogate echoed from the request)
    escaped, so that no error message can itself fail to be sent."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def problem(request: Request, status: int, slug: str, title: str, detail: str, **extra: Any) -> JSONResponse:
    body = {"type": f"/problems/{slug}", "title": title, "status": status, "detail": _sendable(detail),
            "instance": request.url.path, **extra}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON)


async def _claimgraph_error(request: Request, error: Exception) -> Response:
    if isinstance(error, NotFoundError) and request.url.path.startswith("/explore/"):
        return not_found_page(request, error)  # a person at a browser reads a page, not problem+json
    for cls in type(error).__mro__:
        if cls in _PROBLEMS:
            status, slug, title = _PROBLEMS[cls]
            # Fields an error class adds to its problem (WriteRefusedError: rule, position;
            # QueryTimeoutError: setting, limit_s).
            extra = getattr(error, "problem_extra", None) or {}
            return problem(request, status, slug, title, str(error), **extra)
    log.exception("unexpected claimgraph error", exc_info=error)
    return problem(request, 500, "internal-error", "Internal error", str(error))


async def _validation_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    errors = [
        {"parameter": ".".join(str(part) for part in e["loc"][1:]) or str(e["loc"][0]),
         "in": e["loc"][0], "message": e["msg"]}
        for e in error.errors()
    ]
    detail = "; ".join(f"{e['parameter']}: {e['message']}" for e in errors)
    return problem(request, 400, "invalid-parameters", "Invalid parameters", detail, errors=errors)


async def _http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    slug = _HTTP_SLUGS.get(error.status_code, f"http-{error.status_code}")
    response = problem(request, error.status_code, slug, str(error.detail), str(error.detail))
    response.headers.update(error.headers or {})
    return response


async def _read_key_needed(request: Request, error: Exception) -> Response:
    assert isinstance(error, ReadKeyNeeded)
    return RedirectResponse(f"{EXPLORER_KEY_PAGE}?{urlencode({'next': error.next_url})}", status_code=303)


async def _unexpected_error(request: Request, error: Exception) -> JSONResponse:
    log.exception("unexpected error on %s", request.url.path, exc_info=error)
    return problem(request, 500, "internal-error", "Internal error",
                   "the server failed to answer; the error is in its log")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ClaimgraphError, _claimgraph_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(ReadKeyNeeded, _read_key_needed)
    app.add_exception_handler(Exception, _unexpected_error)
