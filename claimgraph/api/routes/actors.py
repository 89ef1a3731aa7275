"""GET /actors/{actor_id}: an actor's profile."""

from __future__ import annotations

from fastapi import APIRouter, Path

from claimgraph.api.deps import GraphDep, SettingsDep
from claimgraph.graph import reads

router = APIRouter(tags=["actors"])


@router.get(
    "/actors/{actor_id}",
    summary="An actor's profile",
    description=(
        "Names and kind, the bodies the actor is PART_OF (with the role) and those PART_OF it, "
        "the statements it made per relation, and the statements other actors made about it "
        "(on claims ABOUT it) per relation."
    ),
    responses={
        200: {"description": "The profile.", "content": {"application/json": {"example": {
            "id": "country:aze", "name": "Azerbaijan", "kind": "country", "aliases": ["Republic of Azerbaijan"],
            "part_of": [], "has_parts": [{"id": "azerbaijan-ministry-of-defense", "name": "Azerbaijan Ministry of Defense",
                                          "kind": "government_body", "role": "defense ministry"}],
            "statements_made": {"ACCUSES": 1, "DENIES": 1}, "statements_about": {},
        }}}},
        404: {"description": "No actor has that id (problem+json)."},
    },
)
def get_actor(
    graph: GraphDep,
    settings: SettingsDep,
    actor_id: str = Path(description="The actor's id, e.g. country:aze.", examples=["country:aze"]),
) -> dict[str, object]:
    return reads.actor_profile(graph, actor_id=actor_id, timeout_s=settings.QUERY_TIMEOUT_S)
