"""GET /timeline: statements per day, week or month and relation (the dashboard feed)."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, StreamingResponse

from claimgraph.api.deps import GraphDep, HeavySlot, SettingsDep
from claimgraph.api.render import Format, render_page
from claimgraph.api.params import check_limit, parse_time
from claimgraph.graph import feeds

router = APIRouter(tags=["feeds"])


class Interval(str, Enum):
    day = "day"
    week = "week"
    month = "month"


class Relation(str, Enum):
    ACCUSES = "ACCUSES"
    DENIES = "DENIES"
    REPORTS = "REPORTS"
    SUPPORTS = "SUPPORTS"


_ROWS = [
    {"period": "2017-05-01", "ACCUSES": 3, "DENIES": 5, "REPORTS": 0, "SUPPORTS": 3, "statements": 11},
    {"period": "2017-06-01", "ACCUSES": 3, "DENIES": 0, "REPORTS": 0, "SUPPORTS": 0, "statements": 3},
]


@router.get(
    "/timeline",
    dependencies=[HeavySlot],
    response_model=None,
    summary="Statements over time, per relation",
    description=(
        "One row per period that has statements: `period` (its first day: the day, the Monday of "
        "the ISO week, or the first of the month; days are UTC), the number of statements per "
        "relation, and `statements` (their sum). A statement counts once however many claims it "
        "has. Statements without a time (from articles without a publication date) are not in the "
        "timeline. Oldest period first; `total` counts the periods.\n\n"
        "For dashboards: Grafana's Infinity data source reads `/timeline?format=csv&interval=week` "
        "as a table with a time column (`period`) and one number column per relation."
    ),
    responses={
        200: {"description": "A page of periods.", "content": {
            "application/json": {"example": {"columns": list(_ROWS[0]), "rows": _ROWS, "total": 2,
                                             "limit": 1000, "offset": 0, "next_offset": None}},
            "text/csv": {"example": "period,ACCUSES,DENIES,REPORTS,SUPPORTS,statements\n2017-05-01,3,5,0,3,11\n2017-06-01,3,0,0,0,3\n"},
        }},
        400: {"description": "A parameter is malformed (problem+json)."},
        404: {"description": "`actor` names no actor (problem+json)."},
    },
)
def timeline(
    graph: GraphDep,
    settings: SettingsDep,
    interval: Annotated[Interval, Query(description="day, week (ISO, from Monday) or month.")] = Interval.day,
    actor: Annotated[str | None, Query(description="Only statements this actor made: id, name or alias (any case).",
                                       examples=["country:usa"])] = None,
    relation: Annotated[Relation | None, Query(description="Only statements with this relation.")] = None,
    since: Annotated[str | None, Query(description="Statements made at or after this date or ISO 8601 time.", examples=["2017-05-01"])] = None,
    until: Annotated[str | None, Query(description="Statements made before this time; a date includes that whole day.", examples=["2017-07-31"])] = None,
    limit: Annotated[int | None, Query(ge=1, description="Periods per page (default and at most CLAIMGRAPH_MAX_PAGE_SIZE).")] = None,
    offset: Annotated[int, Query(ge=0, description="Periods to skip.")] = 0,
    format: Annotated[Format, Query(description="json or csv.")] = Format.json,
) -> JSONResponse | StreamingResponse:
    if limit is None:
        limit = settings.MAX_PAGE_SIZE
    check_limit(limit, settings)
    page = feeds.timeline(
        graph, interval=interval.value, actor=actor, relation=relation.value if relation else None,
        since=parse_time("since", since), until=parse_time("until", until), limit=limit, offset=offset,
        timeout_s=settings.QUERY_TIMEOUT_S,
    )
    return render_page(page, format, "timeline")
