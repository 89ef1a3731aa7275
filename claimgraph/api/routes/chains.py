"""GET /chains: contradiction chains from one actor (to another), each hop with its evidence."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, StreamingResponse

from claimgraph.api.params import check_limit
from claimgraph.api.deps import GraphDep, HeavySlot, SettingsDep
from claimgraph.api.render import Format, render_csv
from claimgraph.graph import analytics

router = APIRouter(tags=["analytics"])

CSV_COLUMNS = [
    "chain", "hops", "hop", "from_id", "from_name", "to_id", "to_name", "hop_links", "claims_total",
    "claim_id", "claim_text", "claim_links", "statement_id", "relation", "speaker_id", "article_id",
    "sentence", "sentence_start", "speaker_start", "speaker_end", "cue_start", "cue_end",
    "claim_start", "claim_end", "stated_at", "confidence",
]

_SOHR = {"id": "syrian-observatory-for-human-rights", "name": "Syrian Observatory for Human Rights", "kind": "organization"}
_AZE = {"id": "country:aze", "name": "Azerbaijan", "kind": "country"}
_ARM = {"id": "country:arm", "name": "Armenia", "kind": "country"}
_EXAMPLE = {
    "columns": ["hops", "actors", "path"],
    "rows": [{
        "hops": 2,
        "actors": [_SOHR, _AZE, _ARM],
        "path": [
            {"from": _SOHR, "to": _AZE, "links": ["denial"], "claims_total": 2, "claims": [{
                "claim_id": "cl-92cbb5d98dea31281aef",
                "claim_text": "Turkey had sent about 300 mercenaries from Syria to Nagorno-Karabakh",
                "links": ["denial"],
                "evidence": [
                    {"statement_id": "seed-nk-mercenaries/G11", "relation": "ACCUSES",
                     "speaker_id": "syrian-observatory-for-human-rights", "article_id": "seed-nk-mercenaries",
                     "claim_text": "Turkey had sent about 300 mercenaries from Syria to Nagorno-Karabakh",
                     "claim_start": 2054, "claim_end": 2122, "sentence_start": 1983, "speaker_start": 2000, "speaker_end": 2035,
                     "cue": "claimed", "cue_start": 2041, "cue_end": 2048},
                    {"statement_id": "seed-nk-mercenaries/G14", "relation": "DENIES", "speaker_id": "country:aze",
                     "article_id": "seed-nk-mercenaries", "claim_text": "These claims", "claim_start": 2286, "claim_end": 2298,
                     "sentence": "These claims were denied by Turkey and Azerbaijan.", "sentence_start": 2286,
                     "speaker_start": 2325, "speaker_end": 2335, "cue": "were denied by", "cue_start": 2299, "cue_end": 2313},
                ],
            }]},
            {"from": _AZE, "to": _ARM, "links": ["accusation"], "claims_total": 1, "claims": [{
                "claim_id": "cl-01c819a5033643ae2b73",
                "claim_text": "Armenia has brought terrorists and mercenaries from foreign countries, especially the Middle East",
                "links": ["accusation"],
                "evidence": [{"statement_id": "seed-nk-mercenaries/G2", "relation": "ACCUSES", "speaker_id": "country:aze",
                              "article_id": "seed-nk-mercenaries", "claim_start": 130, "claim_end": 227,
                              "speaker_start": 230, "speaker_end": 240, "cue": "responded", "cue_start": 241, "cue_end": 250}],
            }]},
        ],
    }],
    "total": 2, "limit": 20, "offset": 0, "next_offset": None, "truncated": False,
    "bounds": {"max_hops": 4, "frontier": 200, "hop_edges": 10000, "sides_per_claim": 200,
               "partial_paths": 20000, "max_found": 10000},
}


def _csv_rows(chains: list[dict[str, Any]], offset: int) -> list[dict[str, Any]]:
    """One CSV row per chain, hop, claim and statement of evidence."""
    rows = []
    for number, chain in enumerate(chains, start=offset + 1):
        for hop_number, hop in enumerate(chain["path"], start=1):
            base = {"chain": number, "hops": chain["hops"], "hop": hop_number,
                    "from_id": hop["from"]["id"], "from_name": hop["from"]["name"],
                    "to_id": hop["to"]["id"], "to_name": hop["to"]["name"],
                    "hop_links": hop["links"], "claims_total": hop["claims_total"]}
            for claim in hop["claims"]:
                with_claim = {**base, "claim_id": claim["claim_id"], "claim_text": claim["claim_text"],
                              "claim_links": claim["links"]}
                for statement in claim["evidence"] or [{}]:
                    rows.append({**with_claim, **{k: v for k, v in statement.items() if k not in with_claim}})
    return rows


@router.get(
    "/chains",
    dependencies=[HeavySlot],
    response_model=None,
    summary="Contradiction chains between actors",
    description=(
        "Paths of distinct actors, shortest first, where each hop X → Y is a **denial** (X "
        "ACCUSES, REPORTS or SUPPORTS a claim that Y DENIES) or an **accusation** (X ACCUSES a "
        "claim ABOUT Y), and at least one hop is a denial: *A accuses B; B denies it and accuses "
        "C; …*. Each hop lists its claims (up to 5; `claims_total` counts them) with the "
        "statements that make the link: article, sentence and character offsets. Speakers are "
        "taken as recorded: a chain does not step from a ministry to its country (PART_OF is not "
        "a link).\n\n"
        "The search is breadth-first over hops with fixed bounds (actors and statement edges read "
        "per hop, partial chains held, chains counted, listed under `bounds`); when one of them "
        "cuts the search short the answer says `truncated: true` (CSV: `X-Truncated: true`). "
        "`total` counts the chains found. CSV has one row per chain, hop, claim and statement."
    ),
    responses={
        200: {"description": "A page of chains.", "content": {
            "application/json": {"example": _EXAMPLE},
            "text/csv": {"example": ",".join(CSV_COLUMNS[:8]) + ",...\n1,2,1,syrian-observatory-for-human-rights,"
                         "Syrian Observatory for Human Rights,country:aze,Azerbaijan,denial,...\n"},
        }},
        400: {"description": "A parameter is out of range (problem+json)."},
        404: {"description": "`from` or `to` names no actor (problem+json)."},
    },
)
def list_chains(
    graph: GraphDep,
    settings: SettingsDep,
    from_: Annotated[str, Query(alias="from", description="Start: actor id, name or alias (any case).",
                                examples=["Syrian Observatory for Human Rights"])],
    to: Annotated[str | None, Query(description="End: actor id, name or alias; without it, chains to anyone.",
                                    examples=["Armenia"])] = None,
    max_hops: Annotated[int, Query(ge=1, le=analytics.CHAIN_MAX_HOPS,
                                   description=f"Longest chain in actor hops (1 to {analytics.CHAIN_MAX_HOPS}).")]
    = analytics.CHAIN_DEFAULT_HOPS,
    limit: Annotated[int, Query(ge=1, le=analytics.CHAIN_MAX_LIMIT,
                                description=f"Chains per page (at most {analytics.CHAIN_MAX_LIMIT}).")] = 20,
    offset: Annotated[int, Query(ge=0, description="Chains to skip.")] = 0,
    format: Annotated[Format, Query(description="json or csv.")] = Format.json,
) -> JSONResponse | StreamingResponse:
    check_limit(limit, settings)
    found = analytics.contradiction_chains(
        graph, source=from_, target=to, max_hops=max_hops, limit=limit, offset=offset,
        timeout_s=settings.QUERY_TIMEOUT_S,
    )
    if format is Format.csv:
        response = render_csv(CSV_COLUMNS, _csv_rows(found.chains, offset), "chains")
        response.headers["X-Total-Count"] = str(found.total)
        response.headers["X-Truncated"] = "true" if found.truncated else "false"
        if found.next_offset is not None:
            response.headers["X-Next-Offset"] = str(found.next_offset)
        return response
    return JSONResponse(jsonable_encoder({
        "columns": ["hops", "actors", "path"],
        "rows": found.chains,
        "total": found.total,
        "limit": found.limit,
        "offset": found.offset,
        "next_offset": found.next_offset,
        "truncated": found.truncated,
        "bounds": found.bounds,
    }))
