"""GET /articles (list, with statement counts) and GET /articles/{id} (the text and its
statements with offsets, for highlighting). POST /articles is in ``articles.py``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse, StreamingResponse

from claimgraph.api.deps import GraphDep, HeavySlot, SettingsDep
from claimgraph.api.render import Format, render_page
from claimgraph.api.params import check_limit, parse_time
from claimgraph.graph import feeds

router = APIRouter(tags=["articles"])

_ROW = {"id": "gdelt-url-ab7f0e179f875411982d", "title": None,
        "url": "https://www.dailysabah.com/war-on-terror/2017/05/02/turkish-diplomats-slain-by-asala-commemorated",
        "source": "dailysabah.com", "published_at": "2017-05-01T23:45:00+00:00", "language": None,
        "statements": 2, "accuses": 0, "denies": 2, "reports": 0, "supports": 0}
_STATEMENT = {
    "statement_id": "seed-nk-mercenaries/G13", "relation": "DENIES", "speaker_id": "country:tur", "speaker_name": "Turkey",
    "target_ids": [], "claim_id": "cl-92cbb5d98dea31281aef", "claim_text": "These claims",
    "refers_to": ["seed-nk-mercenaries/G10", "seed-nk-mercenaries/G11", "seed-nk-mercenaries/G12"],
    "speaker_start": 2314, "speaker_end": 2320, "cue": "were denied by", "cue_start": 2299, "cue_end": 2313,
    "claim_start": 2286, "claim_end": 2298, "sentence": "These claims were denied by Turkey and Azerbaijan.",
    "stated_at": None, "confidence": 1.0, "extractor": "gold",
}


@router.get(
    "/articles",
    dependencies=[HeavySlot],
    response_model=None,
    summary="Articles with their statement counts",
    description=(
        "One row per article: id, title, url, source, publication time and language, with the "
        "number of statements it holds (`statements`) and per relation; `q` keeps those whose id or "
        "title contains a text. Newest first, undated "
        "articles last, then by id; page with `limit` and `offset` (`total` counts every "
        "matching article; in CSV the `X-Total-Count` and `X-Next-Offset` headers)."
    ),
    responses={
        200: {"description": "A page of articles.", "content": {
            "application/json": {"example": {"columns": list(_ROW), "rows": [_ROW], "total": 40,
                                             "limit": 100, "offset": 0, "next_offset": None}},
            "text/csv": {"example": ",".join(_ROW) + "\ngdelt-url-ab7f0e179f875411982d,,https://www.dailysabah.com/...,dailysabah.com,2017-05-01T23:45:00+00:00,,2,0,2,0,0\n"},
        }},
        400: {"description": "A parameter is malformed (problem+json)."},
    },
)
def list_articles(
    graph: GraphDep,
    settings: SettingsDep,
    source: Annotated[str | None, Query(description="Only articles from this source (any letter case).", examples=["dawn.com"])] = None,
    since: Annotated[str | None, Query(description="Published at or after this date or ISO 8601 time.", examples=["2017-05-01"])] = None,
    until: Annotated[str | None, Query(description="Published before this time; a date includes that whole day.", examples=["2017-07-31"])] = None,
    q: Annotated[str | None, Query(max_length=200, description="Only articles whose id or title contains this text (any case).", examples=["mercenaries"])] = None,
    limit: Annotated[int, Query(ge=1, description="Rows per page (at most CLAIMGRAPH_MAX_PAGE_SIZE).")] = 100,
    offset: Annotated[int, Query(ge=0, description="Rows to skip.")] = 0,
    format: Annotated[Format, Query(description="json or csv.")] = Format.json,
) -> JSONResponse | StreamingResponse:
    check_limit(limit, settings)
    page = feeds.articles(
        graph, source=source, since=parse_time("since", since), until=parse_time("until", until), q=q,
        limit=limit, offset=offset, timeout_s=settings.QUERY_TIMEOUT_S,
    )
    return render_page(page, format, "articles")


@router.get(
    "/articles/{article_id:path}",
    summary="An article and its statements",
    description=(
        "The article (with its text) and its statements in text order, one row per statement "
        "and claim (a denial of \"these claims\" has a row per claim it denies), each with the "
        "character offsets of speaker, cue and claim in `text` (end exclusive: "
        "`text[claim_start:claim_end] == claim_text`), for highlighting."
    ),
    responses={
        200: {"description": "The article.", "content": {"application/json": {"example": {
            "id": "seed-nk-mercenaries", "title": "Alleged foreign terrorist from Russia! Mercenaries in Nagorno-Karabakh.",
            "url": None, "source": None, "published_at": None, "language": "en",
            "text": "Baku, Azerbaijan – Russia has claimed that mercenaries have been moved ...",
            "text_sha256": "…", "statements": [_STATEMENT],
        }}}},
        404: {"description": "No article has that id (problem+json)."},
    },
)
def get_article(
    graph: GraphDep,
    settings: SettingsDep,
    article_id: Annotated[str, Path(description="The article's id.", examples=["seed-nk-mercenaries"])],
) -> dict[str, Any]:
    return feeds.article(graph, article_id=article_id, timeout_s=settings.QUERY_TIMEOUT_S)
