"""GET /claims, /claims/{claim_id}: claims and who asserts or denies them, with evidence;
GET /claims/search: the claims that match any sentence, with both sides;
GET /contradictions: claims asserted by one actor and denied by another; GET /mutual: actors who
accuse each other."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse, StreamingResponse

from claimgraph.api.deps import GraphDep, HeavySlot, SettingsDep
from claimgraph.api.render import Format, render_page
from claimgraph.api.params import MAX_OFFSET, check_limit
from claimgraph.graph import reads

router = APIRouter(tags=["claims"])

_LIMIT = Query(ge=1, description="Rows per page (at most CLAIMGRAPH_MAX_PAGE_SIZE).")
_OFFSET = Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")
_FORMAT = Query(description="json or csv.")
_PAGING = ("`total` counts the rows of the whole answer; page with `limit` and `offset` (`next_offset` is "
           "null on the last page; in CSV they are the `X-Total-Count` and `X-Next-Offset` headers).")


class Sort(str, Enum):
    sides = "sides"
    recent = "recent"


def _page_example(row: dict[str, Any]) -> dict[str, Any]:
    return {"columns": list(row), "rows": [row], "total": 1, "limit": 100, "offset": 0, "next_offset": None}


def _csv_example(row: dict[str, Any]) -> str:
    cells = ["|".join(map(str, v)) if isinstance(v, list) else "" if v is None else str(v) for v in row.values()]
    return ",".join(row) + "\n" + ",".join(f'"{c}"' if "," in c else c for c in cells) + "\n"


_TURKEY_CLAIM = "cl-92cbb5d98dea31281aef"
_TURKEY_TEXT = "Turkey had sent about 300 mercenaries from Syria to Nagorno-Karabakh"
_SOHR = "syrian-observatory-for-human-rights"

_EXAMPLE_CLAIM_ROW = {
    "claim_id": _TURKEY_CLAIM, "text": _TURKEY_TEXT, "about": ["country:tur"], "statements": 4,
    "assertions": 1, "denials": 3, "asserted_by": [_SOHR],
    "denied_by": ["country:aze", "country:aze/defense-ministry", "country:tur"], "articles": 1, "last_stated_at": None,
}

_ASSERTION = {
    "statement_id": "seed-nk-mercenaries/G11", "relation": "ACCUSES", "speaker_id": _SOHR,
    "speaker_name": "Syrian Observatory for Human Rights", "article_id": "seed-nk-mercenaries",
    "article_title": "Alleged foreign terrorist from Russia! Mercenaries in Nagorno-Karabakh.", "article_url": None,
    "stated_at": None,
    "sentence": "The London-based Syrian Observatory for Human Rights also claimed that Turkey had sent about 300 "
                "mercenaries from Syria to Nagorno-Karabakh, and claimed that more than 300 Turkish-backed fighters, "
                "most of them from the ‘Sultan Murad’ and ‘Al-Emshad’ factions, had moved from Afrin to Nagorno-Karabakh.",
    "sentence_start": 1983, "speaker_text": "Syrian Observatory for Human Rights", "speaker_start": 2000, "speaker_end": 2035,
    "cue": "claimed", "cue_start": 2041, "cue_end": 2048, "claim_text": _TURKEY_TEXT, "claim_start": 2054,
    "claim_end": 2122, "confidence": 1.0,
}
_DENIAL = {
    "statement_id": "seed-nk-mercenaries/G13", "relation": "DENIES", "speaker_id": "country:tur", "speaker_name": "Turkey",
    "article_id": "seed-nk-mercenaries",
    "article_title": "Alleged foreign terrorist from Russia! Mercenaries in Nagorno-Karabakh.", "article_url": None,
    "stated_at": None, "sentence": "These claims were denied by Turkey and Azerbaijan.", "sentence_start": 2286,
    "speaker_text": "Turkey", "speaker_start": 2314, "speaker_end": 2320, "cue": "were denied by", "cue_start": 2299,
    "cue_end": 2313, "claim_text": "These claims", "claim_start": 2286, "claim_end": 2298, "confidence": 1.0,
}
_EXAMPLE_CLAIM = {
    "id": _TURKEY_CLAIM, "text": _TURKEY_TEXT,
    "about": [{"id": "country:tur", "name": "Turkey", "kind": "country"}],
    "asserted_by": [_SOHR], "denied_by": ["country:aze", "country:aze/defense-ministry", "country:tur"],
    "assertions": [{**_ASSERTION, "speaker_kind": "organization", "target_ids": ["country:tur"], "article_source": None,
                    "refers_to": None, "extractor": "gold"}],
    "denials": [{**_DENIAL, "speaker_kind": "country", "target_ids": [], "article_source": None,
                 "refers_to": ["seed-nk-mercenaries/G10", "seed-nk-mercenaries/G11", "seed-nk-mercenaries/G12"],
                 "extractor": "gold"}],
}
_EXAMPLE_CONTRADICTION = {
    "claim_id": _TURKEY_CLAIM, "claim_text": _TURKEY_TEXT, "about": ["country:tur"], "sides": 4,
    "asserted_by": [_SOHR], "denied_by": ["country:tur", "country:aze", "country:aze/defense-ministry"],
    "first_stated_at": None, "last_stated_at": None, "assertions": [_ASSERTION], "denials": [_DENIAL],
    "assertions_total": 1, "denials_total": 3,
}
_EXAMPLE_MUTUAL = {
    "actor_a_id": "country:arm", "actor_a_name": "Armenia", "actor_b_id": "country:aze", "actor_b_name": "Azerbaijan",
    "a_accuses_b": 3, "b_accuses_a": 5, "accusations": 8, "articles": 4,
    "first_stated_at": "2020-09-27T00:00:00Z", "last_stated_at": "2020-10-10T00:00:00Z",
}


@router.get(
    "/claims",
    dependencies=[HeavySlot],
    response_model=None,
    summary="Claims and who asserts or denies them",
    description=(
        "Claims, most statements first: the actors each is about, how many statements assert it "
        "(ACCUSES, REPORTS, SUPPORTS) and deny it, by whom, in how many articles, and when it was "
        "last stated. `contested=true` keeps the claims with at least one denial and one assertion; "
        "`q` is text the claim contains (any letter case). GET /claims/{claim_id} gives a claim's "
        "statements with their evidence. " + _PAGING
    ),
    responses={
        200: {"description": "A page of claims.", "content": {
            "application/json": {"example": _page_example(_EXAMPLE_CLAIM_ROW)},
            "text/csv": {"example": _csv_example(_EXAMPLE_CLAIM_ROW)},
        }},
        400: {"description": "A parameter is malformed (problem+json)."},
    },
)
def list_claims(
    graph: GraphDep,
    settings: SettingsDep,
    contested: Annotated[bool, Query(description="Only claims that some actor denies and some actor asserts.")] = False,
    q: Annotated[str | None, Query(max_length=500, description="Text the claim contains, any letter case.", examples=["mercenaries"])] = None,
    limit: Annotated[int, _LIMIT] = 100,
    offset: Annotated[int, _OFFSET] = 0,
    format: Annotated[Format, _FORMAT] = Format.json,
) -> JSONResponse | StreamingResponse:
    check_limit(limit, settings)
    page = reads.claims(graph, contested=contested, q=q, limit=limit, offset=offset, timeout_s=settings.QUERY_TIMEOUT_S)
    return render_page(page, format, "claims")


_EXAMPLE_SEARCH_ROW = {
    "claim_id": _TURKEY_CLAIM, "claim_text": _TURKEY_TEXT, "score": 0.83,
    "matched_terms": ["mercenari", "karabakh", "nagorno", "syria", "turkey"], "about": ["country:tur"],
    "asserted_by": [_SOHR], "denied_by": ["country:aze", "country:aze/defense-ministry", "country:tur"],
    "assertions": [_ASSERTION], "denials": [_DENIAL],
}


@router.get(
    "/claims/search",
    response_model=None,
    summary="Who asserts and who denies a claim, for any sentence",
    description=(
        "The claims that match `q` (any sentence, in any wording), best first: `score` is the "
        "similarity of their content words (weighted cosine, rare words weighing more; at least "
        "CLAIMGRAPH_CLAIM_SEARCH_THRESHOLD) and `matched_terms` the word stems they share. Each "
        "claim comes with who asserts it (ACCUSES, REPORTS, SUPPORTS) and who denies it, and the "
        "evidence of every statement: article, sentence and character offsets. A claim too short "
        "to stand alone (\"it\", \"the deal\") is never found: it belongs to its statement."
    ),
    responses={
        200: {"description": "The matching claims, best first.", "content": {
            "application/json": {"example": {**_page_example(_EXAMPLE_SEARCH_ROW), "limit": 20}},
            "text/csv": {"example": "claim_id,claim_text,score,matched_terms,about,asserted_by,denied_by,assertions,denials\n"
                                    f"{_TURKEY_CLAIM},{_TURKEY_TEXT},0.83,mercenari|karabakh|...,country:tur,{_SOHR},"
                                    "country:aze|...,statement_id=...,statement_id=...\n"},
        }},
        400: {"description": "A parameter is malformed (problem+json)."},
    },
)
def search_claims(
    graph: GraphDep,
    settings: SettingsDep,
    q: Annotated[str, Query(min_length=1, max_length=2000, description="Any sentence: the claim to look for.",
                            examples=["Turkey sent Syrian mercenaries to Nagorno-Karabakh"])],
    limit: Annotated[int, Query(ge=1, le=100, description="How many claims, at most.")] = 20,
    format: Annotated[Format, _FORMAT] = Format.json,
) -> JSONResponse | StreamingResponse:
    page = reads.search_claims(graph, q=q, identity=settings.identity, limit=limit, timeout_s=settings.QUERY_TIMEOUT_S)
    return render_page(page, format, "claims-search")


@router.get(
    "/claims/{claim_id}",
    summary="A claim, with who asserts and who denies it",
    description=(
        "The claim's text, the actors it is about, and every statement on it, split into "
        "`assertions` (ACCUSES, REPORTS, SUPPORTS) and `denials` (DENIES), each with its evidence: "
        "the article, the sentence, and the character offsets of speaker, cue and claim in the "
        "article text (`text[claim_start:claim_end] == claim_text`; a denial of \"these claims\" "
        "points at the words it uses and names the statements it refers to in `refers_to`)."
    ),
    responses={
        200: {"description": "The claim and its statements.", "content": {"application/json": {"example": _EXAMPLE_CLAIM}}},
        404: {"description": "No claim has that id (problem+json)."},
    },
)
def get_claim(
    graph: GraphDep,
    settings: SettingsDep,
    claim_id: Annotated[str, Path(description="The claim's id.", examples=[_TURKEY_CLAIM])],
) -> dict[str, Any]:
    return reads.claim(graph, claim_id=claim_id, timeout_s=settings.QUERY_TIMEOUT_S)


@router.get(
    "/contradictions",
    dependencies=[HeavySlot],
    response_model=None,
    summary="Claims asserted by one actor and denied by another",
    description=(
        "One row per claim that an actor asserts (ACCUSES, REPORTS, SUPPORTS) and another DENIES: "
        "the actors on both sides (`asserted_by`, `denied_by`), `sides` (how many actors in all), "
        "and the evidence of their statements (`assertions`, `denials`: article, sentence, offsets; "
        "at most `evidence` per side, oldest first, with `assertions_total` and `denials_total`). "
        "`sort=sides` puts the claims with most actors on both sides first, then those with most "
        "statements (as `/stats` ranks its most contested claims), `sort=recent` those "
        "stated last first (claims without dates last). `actor` keeps the claims an actor asserts "
        "or denies. " + _PAGING
    ),
    responses={
        200: {"description": "A page of contradicted claims.", "content": {
            "application/json": {"example": _page_example(_EXAMPLE_CONTRADICTION)},
            "text/csv": {"example": "claim_id,claim_text,about,sides,asserted_by,denied_by,first_stated_at,last_stated_at,assertions,denials,assertions_total,denials_total\n"
                                    f"{_TURKEY_CLAIM},{_TURKEY_TEXT},country:tur,4,{_SOHR},country:tur|country:aze|...,,,statement_id=...,statement_id=...,1,3\n"},
        }},
        400: {"description": "A parameter is malformed (problem+json)."},
        404: {"description": "`actor` names no actor (problem+json)."},
    },
)
def list_contradictions(
    graph: GraphDep,
    settings: SettingsDep,
    sort: Annotated[Sort, Query(description="`sides`: most actors on both sides first; `recent`: latest statement first.")] = Sort.sides,
    actor: Annotated[str | None, Query(max_length=200, description=(
        "Only the claims this actor (id, name or alias, any case) asserts or denies."), examples=["Turkey"])] = None,
    limit: Annotated[int, _LIMIT] = 100,
    offset: Annotated[int, _OFFSET] = 0,
    evidence: Annotated[int, Query(ge=1, le=reads.CONTRADICTION_MAX_EVIDENCE, description=(
        "Most statements shown per claim and side, oldest first; `assertions_total` and "
        "`denials_total` count them all (`/claims/{id}` shows them all)."))] = reads.CONTRADICTION_EVIDENCE,
    format: Annotated[Format, _FORMAT] = Format.json,
) -> JSONResponse | StreamingResponse:
    check_limit(limit, settings)
    page = reads.contradictions(graph, sort=sort.value, actor=actor, limit=limit, offset=offset, evidence=evidence,
                                timeout_s=settings.QUERY_TIMEOUT_S)
    return render_page(page, format, "contradictions")


@router.get(
    "/mutual",
    dependencies=[HeavySlot],
    response_model=None,
    summary="Actors who accuse each other",
    description=(
        "Pairs of actors where each has an ACCUSES statement with the other among its targets: "
        "how many accusations each way (`a_accuses_b`, `b_accuses_a`, `actor_a_id` sorting before "
        "`actor_b_id`), in how many articles, first and last statement time; most accusations "
        "first. `actor` keeps the pairs with that actor. " + _PAGING
    ),
    responses={
        200: {"description": "A page of pairs.", "content": {
            "application/json": {"example": _page_example(_EXAMPLE_MUTUAL)},
            "text/csv": {"example": _csv_example(_EXAMPLE_MUTUAL)},
        }},
        400: {"description": "A parameter is malformed (problem+json)."},
        404: {"description": "`actor` names no actor (problem+json)."},
    },
)
def list_mutual(
    graph: GraphDep,
    settings: SettingsDep,
    actor: Annotated[str | None, Query(description="Only pairs with this actor: id, name or alias (any case).", examples=["Azerbaijan"])] = None,
    limit: Annotated[int, _LIMIT] = 100,
    offset: Annotated[int, _OFFSET] = 0,
    format: Annotated[Format, _FORMAT] = Format.json,
) -> JSONResponse | StreamingResponse:
    check_limit(limit, settings)
    page = reads.mutual_accusations(graph, actor=actor, limit=limit, offset=offset, timeout_s=settings.QUERY_TIMEOUT_S)
    return render_page(page, format, "mutual")
