"""GET /stats: totals, top accusers, top accused and the most contested claims."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from claimgraph.api.deps import GraphDep, HeavySlot, SettingsDep
from claimgraph.graph import feeds

router = APIRouter(tags=["feeds"])

_EXAMPLE = {
    "totals": {"actors": 75, "articles": 7, "claims": 96, "statement_edges": 110, "statements": 98,
               "dated_statements": 0, "statements_by_relation": {"ACCUSES": 15, "DENIES": 26, "REPORTS": 54, "SUPPORTS": 3}},
    "top_accusers": [{"id": "country:aze/foreign-ministry", "name": "Azerbaijan Ministry of Foreign Affairs",
                      "kind": "government_body", "accusations": 3, "accused": 1}],
    "top_accused": [{"id": "country:arm", "name": "Armenia", "kind": "country", "accusations": 5, "accusers": 3}],
    "most_contested_claims": [{
        "claim_id": "cl-92cbb5d98dea31281aef",
        "claim_text": "Turkey had sent about 300 mercenaries from Syria to Nagorno-Karabakh", "actors": 4,
        "asserters": ["syrian-observatory-for-human-rights"],
        "deniers": ["country:aze", "country:aze/defense-ministry", "country:tur"], "assertions": 1, "denials": 3,
    }],
}


@router.get(
    "/stats",
    dependencies=[HeavySlot],
    summary="Graph statistics",
    description=(
        "`totals`: actors, articles, claims, statement edges, statements (a denial of three "
        "claims is one statement and three edges), statements with a time, and statements per "
        "relation. `top_accusers`: actors by ACCUSES statements made (`accused`: distinct actors "
        "their accusations are about). `top_accused`: actors by ACCUSES statements of other "
        "actors on claims ABOUT them (`accusers`: distinct accusers). `most_contested_claims`: "
        "claims one actor ACCUSES, REPORTS or SUPPORTS and another DENIES, most actors on both "
        "sides first. Each list has `top` entries at most, ties broken by id."
    ),
    responses={
        200: {"description": "The statistics.", "content": {"application/json": {"example": _EXAMPLE}}},
        400: {"description": "`top` out of range (problem+json)."},
    },
)
def get_stats(
    graph: GraphDep,
    settings: SettingsDep,
    top: Annotated[int, Query(ge=1, le=feeds.STATS_MAX_TOP, description="Entries per list (1 to 100).")] = 10,
) -> dict[str, Any]:
    return feeds.stats(graph, top=top, timeout_s=settings.QUERY_TIMEOUT_S)
