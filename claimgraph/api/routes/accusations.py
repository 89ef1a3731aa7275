"""GET /accusations: who accused whom, with the claim and the evidence for every row, or counted
by pair of accuser and accused."""

from __future__ import annotations

import json
from enum import Enum
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, StreamingResponse

from claimgraph.api.deps import GraphDep, HeavySlot, SettingsDep
from claimgraph.api.params import MAX_OFFSET, check_limit, parse_time
from claimgraph.api.render import Format, render_page
from claimgraph.graph import reads

router = APIRouter(tags=["statements"])

_EXAMPLE_ROW = {
    "statement_id": "seed-nk-mercenaries/G2", "accuser_id": "country:aze", "accuser_name": "Azerbaijan",
    "accused_id": "country:arm", "accused_name": "Armenia", "claim_id": "cl-01c819a5033643ae2b73",
    "claim_text": "Armenia has brought terrorists and mercenaries from foreign countries, especially the Middle East",
    "stated_at": None, "article_id": "seed-nk-mercenaries", "article_url": None,
    "article_title": "Alleged foreign terrorist from Russia! Mercenaries in Nagorno-Karabakh.", "article_source": None,
    "sentence": "“Armenia has brought terrorists and mercenaries from foreign countries, especially the Middle East,” Azerbaijan responded.",
    "sentence_start": 129, "speaker_text": "Azerbaijan", "speaker_start": 230, "speaker_end": 240,
    "cue": "responded", "cue_start": 241, "cue_end": 250, "claim_start": 130, "claim_end": 227,
    "confidence": 1.0, "extractor": "gold", "origin_id": None, "origin_code": None,
}
_EXAMPLE_PAIR = {
    "accuser_id": "country:aze", "accuser_name": "Azerbaijan", "accused_id": "country:arm", "accused_name": "Armenia",
    "accusations": 5, "articles": 1, "first_stated_at": "2020-10-01T00:00:00Z", "last_stated_at": "2020-10-02T00:00:00Z",
}


class Group(str, Enum):
    none = "none"
    pair = "pair"


@router.get(
    "/accusations",
    dependencies=[HeavySlot],
    response_model=None,
    summary="Who accused whom",
    description=(
        "One row per accusation and accused actor: the accuser, the accused, the claim, and the "
        "evidence (article, sentence, and character offsets of speaker, cue and claim in the "
        "article text), oldest first. With `group=pair`, one row per accuser and accused: how many "
        "accusations (statements), in how many articles, first and last statement time, most "
        "accusations first. `rollup=true` makes `accuser` and `accused` stand for their parts too "
        "(a country's ministries and their spokesmen, PART_OF transitively); with `group=pair` "
        "every accusation also counts for the bodies its speaker and its target are part of. "
        "`total` counts the rows of the whole answer; page with `limit` and `offset` "
        "(`next_offset` is null on the last page; in CSV they are the `X-Total-Count` and "
        "`X-Next-Offset` headers)."
    ),
    responses={
        200: {"description": "A page of accusations; with `group=pair`, of pairs, rows like `" + json.dumps(_EXAMPLE_PAIR) + "`.", "content": {
            "application/json": {"example": {"columns": list(_EXAMPLE_ROW), "rows": [_EXAMPLE_ROW],
                                             "total": 1, "limit": 100, "offset": 0, "next_offset": None}},
            "text/csv": {"example": "statement_id,accuser_id,accuser_name,accused_id,...\nseed-nk-mercenaries/G2,country:aze,Azerbaijan,country:arm,...\n"},
        }},
        400: {"description": "A parameter is malformed (problem+json)."},
        404: {"description": "`accuser` or `accused` names no actor (problem+json)."},
    },
)
def list_accusations(
    graph: GraphDep,
    settings: SettingsDep,
    accuser: Annotated[str | None, Query(description="Accuser: actor id, name or alias (any case).", examples=["Azerbaijan"])] = None,
    accused: Annotated[str | None, Query(description="Accused: actor id, name or alias (any case).", examples=["country:arm"])] = None,
    since: Annotated[str | None, Query(description="Statements made at or after this date or ISO 8601 time.", examples=["2020-09-27"])] = None,
    until: Annotated[str | None, Query(description="Statements made before this time; a date includes that whole day.", examples=["2020-11-10"])] = None,
    source: Annotated[str | None, Query(description="Only statements in articles from this source (the article's `source`, exact).", examples=["reuters.com"])] = None,
    min_confidence: Annotated[float | None, Query(ge=0.0, le=1.0, description="Only statements at least this confident (0 to 1).", examples=[0.8])] = None,
    rollup: Annotated[bool, Query(description="`accuser` and `accused` include their parts (PART_OF, transitively); pairs count for the bodies too.")] = False,
    group: Annotated[Group, Query(description="`none`: one row per accusation; `pair`: one row per accuser and accused, with counts.")] = Group.none,
    limit: Annotated[int, Query(ge=1, description="Rows per page (at most CLAIMGRAPH_MAX_PAGE_SIZE).")] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")] = 0,
    format: Annotated[Format, Query(description="json or csv.")] = Format.json,
) -> JSONResponse | StreamingResponse:
    check_limit(limit, settings)
    page = reads.accusations(
        graph,
        accuser=accuser,
        accused=accused,
        since=parse_time("since", since),
        until=parse_time("until", until),
        source=source,
        min_confidence=min_confidence,
        rollup=rollup,
        group=group.value,
        limit=limit,
        offset=offset,
        timeout_s=settings.QUERY_TIMEOUT_S,
    )
    return render_page(page, format, "accusation-pairs" if group is Group.pair else "accusations")
