"""GET /actors: actors by name or alias; GET /actors/{actor_id}: an actor's profile."""

from __future__ import annotations

from typing import Annotated, Any, get_args

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse, StreamingResponse

from claimgraph.api.deps import GraphDep, HeavySlot, SettingsDep
from claimgraph.api.render import Format, render_page
from claimgraph.api.params import MAX_OFFSET, check_limit
from claimgraph.graph import reads
from claimgraph.graph.types import ActorKind

router = APIRouter(tags=["actors"])

_KINDS = ", ".join(get_args(ActorKind))

_EXAMPLE_ACTOR = {
    "id": "country:tur", "name": "Turkey", "kind": "country",
    "aliases": ["Türkiye", "Republic of Türkiye", "Turkiye", "Republic of Turkey"],
    "part_of": [], "statements_made": 1, "claims_about": 3,
}

_EXAMPLE_PROFILE: dict[str, Any] = {
    "rollup": True,
    "id": "country:aze", "name": "Azerbaijan", "kind": "country", "aliases": ["Republic of Azerbaijan"],
    "part_of": [],
    "has_parts": [
        {"id": "country:aze/defense-ministry", "name": "Azerbaijan Ministry of Defense", "kind": "government_body", "role": "defense ministry"},
        {"id": "country:aze/foreign-ministry", "name": "Azerbaijan Ministry of Foreign Affairs", "kind": "government_body", "role": "foreign ministry"},
    ],
    "parts_counted": ["country:aze/defense-ministry", "country:aze/foreign-ministry"],
    "statements_made": {"ACCUSES": 5, "DENIES": 2},
    "statements_about": {},
    "counterparts": [
        {"id": "country:arm", "name": "Armenia", "kind": "country", "statements": 5, "made": 5, "received": 0},
        {"id": "nagorno-karabakh-administration", "name": "Armenian-backed administration in Armenia and Nagorno-Karabakh",
         "kind": "government_body", "statements": 2, "made": 2, "received": 0},
    ],
}


@router.get(
    "/actors",
    dependencies=[HeavySlot],
    response_model=None,
    summary="Find actors",
    description=(
        "Actors whose name or one of whose aliases contains `q` (any letter case), optionally of one "
        f"`kind` ({_KINDS}), by name then id. Each row has the ids of the bodies the actor is "
        "PART_OF, how many statements it made and how many claims are about it. `total` counts "
        "every matching actor; page with `limit` and `offset` (in CSV: `X-Total-Count`, `X-Next-Offset`)."
    ),
    responses={
        200: {"description": "A page of actors.", "content": {
            "application/json": {"example": {"columns": list(_EXAMPLE_ACTOR), "rows": [_EXAMPLE_ACTOR],
                                             "total": 1, "limit": 100, "offset": 0, "next_offset": None}},
            "text/csv": {"example": "id,name,kind,aliases,part_of,statements_made,claims_about\n"
                                    "country:tur,Turkey,country,Türkiye|Republic of Türkiye|Turkiye|Republic of Turkey,,1,3\n"},
        }},
        400: {"description": "A parameter is malformed (problem+json)."},
    },
)
def list_actors(
    graph: GraphDep,
    settings: SettingsDep,
    q: Annotated[str | None, Query(max_length=200, description="Text the name or an alias contains, any letter case.", examples=["turk"])] = None,
    kind: Annotated[ActorKind | None, Query(description="Only actors of this kind.", examples=["country"])] = None,
    limit: Annotated[int, Query(ge=1, description="Rows per page (at most CLAIMGRAPH_MAX_PAGE_SIZE).")] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")] = 0,
    format: Annotated[Format, Query(description="json or csv.")] = Format.json,
) -> JSONResponse | StreamingResponse:
    check_limit(limit, settings)
    page = reads.actors(graph, q=q, kind=kind, limit=limit, offset=offset, timeout_s=settings.QUERY_TIMEOUT_S)
    return render_page(page, format, "actors")


@router.get(
    "/actors/{actor_id:path}",
    summary="An actor's profile",
    description=(
        "Names and kind, the bodies the actor is PART_OF (with the role) and those PART_OF it, the "
        "statements it made per relation, the statements other actors made about it (on claims "
        "ABOUT it) per relation, and its top counterparts: the actors most often on the other end "
        "of its statements (`made`: the targets of its statements and, for its denials, the actors "
        "asserting the denied claim; `received`: accusations and reports aimed at it and denials "
        "of its claims), counted in statements. With `rollup=true` the statements of its parts "
        "(ministries, parties, spokesmen: PART_OF, transitively; listed in `parts_counted`) count "
        "as its own."
    ),
    responses={
        200: {"description": "The profile.", "content": {"application/json": {"example": _EXAMPLE_PROFILE}}},
        400: {"description": "A parameter is malformed (problem+json)."},
        404: {"description": "No actor has that id (problem+json)."},
    },
)
def get_actor(
    graph: GraphDep,
    settings: SettingsDep,
    actor_id: Annotated[str, Path(description="The actor's id, e.g. country:aze.", examples=["country:aze"])],
    rollup: Annotated[bool, Query(description="Count the statements of the actor's parts (PART_OF, transitively) as its own.")] = False,
    top: Annotated[int, Query(ge=0, le=100, description="How many counterparts to list.")] = 10,
) -> dict[str, Any]:
    return reads.actor_profile(graph, actor_id=actor_id, rollup=rollup, top=top, timeout_s=settings.QUERY_TIMEOUT_S)
