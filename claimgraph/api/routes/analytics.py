"""GET /actors/{id}/network (ego network, node-link JSON or GraphML) and GET
/analytics/centrality (PageRank and betweenness over the accusation projection), both computed
with networkx over graphs read from the engine."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response, StreamingResponse

from claimgraph.api.params import check_limit
from claimgraph.api.deps import GraphDep, HeavySlot, SettingsDep
from claimgraph.api.render import Format, render_page
from claimgraph.graph import analytics
from claimgraph.graph.reads import Page

router = APIRouter(tags=["analytics"])

GRAPHML = "application/graphml+xml"


class NetworkFormat(str, Enum):
    json = "json"
    graphml = "graphml"


class CentralitySort(str, Enum):
    pagerank = "pagerank"
    betweenness = "betweenness"


_EDGE_COUNTS = {"ACCUSES": 0, "DENIES": 0, "REPORTS": 0, "SUPPORTS": 0}
_NETWORK_EXAMPLE = {
    "directed": True, "multigraph": False,
    "graph": {"ego": "country:tur", "depth": 1, "truncated": False},
    "nodes": [
        {"id": "country:tur", "type": "actor", "name": "Turkey", "kind": "country", "depth": 0},
        {"id": "syrian-observatory-for-human-rights", "type": "actor", "name": "Syrian Observatory for Human Rights",
         "kind": "organization", "depth": 1},
    ],
    "links": [
        {"source": "country:tur", "target": "syrian-observatory-for-human-rights", "statements": 1,
         **_EDGE_COUNTS, "DENIES": 1},
        {"source": "syrian-observatory-for-human-rights", "target": "country:tur", "statements": 2,
         **_EDGE_COUNTS, "ACCUSES": 2},
    ],
}
_GRAPHML_EXAMPLE = (
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" ...>\n'
    '  <key id="d0" for="node" attr.name="name" attr.type="string" />\n  ...\n'
    '  <graph edgedefault="directed">\n    <node id="country:tur">...</node>\n  ...\n'
)


@router.get(
    "/actors/{actor_id:path}/network",
    dependencies=[HeavySlot],
    response_model=None,
    summary="An actor's ego network",
    description=(
        "The actors within `depth` links of an actor (1 to 3) and the statements between them, "
        "as networkx node-link JSON (`networkx.node_link_graph` reads it back) or GraphML "
        "(`format=graphml`, for Gephi, Cytoscape or networkx). A statement of X links X to Y "
        "when its claim is ABOUT Y, or when it DENIES a claim Y ACCUSES, REPORTS or SUPPORTS. "
        "One directed edge per pair of actors, with the number of distinct statements per "
        "relation and in all. Nodes carry `name`, `kind`, `type` and `depth` (0 for the actor "
        "itself). With `claims=true` the claims are nodes too (`type` claim, `depth` -1), with "
        "edges speaker → claim and claim → actor (`ABOUT`). At most 500 actors, the nearest "
        "kept; `graph.truncated` says when a bound cut the network short."
    ),
    responses={
        200: {"description": "The ego network.", "content": {
            "application/json": {"example": _NETWORK_EXAMPLE},
            GRAPHML: {"example": _GRAPHML_EXAMPLE},
        }},
        400: {"description": "`depth` out of range (problem+json)."},
        404: {"description": "No actor has that id, name or alias (problem+json)."},
    },
)
def actor_network(
    graph: GraphDep,
    settings: SettingsDep,
    actor_id: Annotated[str, Path(description="The actor: id, name or alias (any case).", examples=["country:tur"])],
    depth: Annotated[int, Query(ge=1, le=analytics.NETWORK_MAX_DEPTH, description="Links from the actor (1 to 3).")] = 1,
    claims: Annotated[bool, Query(description="Include the claims as nodes.")] = False,
    format: Annotated[NetworkFormat, Query(description="json (node-link) or graphml.")] = NetworkFormat.json,
) -> Response:
    network = analytics.ego_network(graph, actor=actor_id, depth=depth, claims=claims, timeout_s=settings.QUERY_TIMEOUT_S)
    if format is NetworkFormat.graphml:
        safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in actor_id)
        return Response(analytics.network_graphml(network), media_type=GRAPHML,
                        headers={"Content-Disposition": f'attachment; filename="network-{safe}.graphml"'})
    return JSONResponse(jsonable_encoder(analytics.network_json(network)))


_CENTRALITY_ROW = {
    "rank": 1, "id": "country:arm", "name": "Armenia", "kind": "country", "pagerank": 0.081,
    "betweenness": 0.0, "accusations_made": 0, "accusations_received": 5, "accused": 0, "accusers": 3,
    "community": 1,
}


@router.get(
    "/analytics/centrality",
    dependencies=[HeavySlot],
    response_model=None,
    summary="PageRank and betweenness of actors in the accusation network",
    description=(
        "Computed with networkx over the actor-to-actor accusation projection read from the "
        "graph: an edge A → B for every pair where A ACCUSES a claim ABOUT B, weighted by the "
        "number of such statements. PageRank (damping 0.85) follows the weighted edges; "
        "betweenness is over the directed, unweighted projection, normalised (estimated from "
        "100 sampled sources, seed 42, on projections of more than 1000 actors: `approximate`). "
        "Rows are ranked by `sort`, then id; `total` counts the actors in the projection; "
        "`community` is the actor's community in `/analytics/communities`. Computed once per "
        "change of the graph and kept for every later request."
    ),
    responses={
        200: {"description": "A page of actors with their centrality.", "content": {
            "application/json": {"example": {"columns": list(_CENTRALITY_ROW), "rows": [_CENTRALITY_ROW],
                                             "total": 61, "limit": 100, "offset": 0, "next_offset": None,
                                             "approximate": False}},
            "text/csv": {"example": ",".join(_CENTRALITY_ROW) + "\n1,country:arm,Armenia,country,0.081,0.0,0,5,0,3,1\n"},
        }},
        400: {"description": "A parameter is out of range (problem+json)."},
    },
)
def centrality(
    graph: GraphDep,
    settings: SettingsDep,
    sort: Annotated[CentralitySort, Query(description="Rank by pagerank or betweenness.")] = CentralitySort.pagerank,
    limit: Annotated[int, Query(ge=1, description="Rows per page (at most CLAIMGRAPH_MAX_PAGE_SIZE).")] = 100,
    offset: Annotated[int, Query(ge=0, description="Rows to skip.")] = 0,
    format: Annotated[Format, Query(description="json or csv.")] = Format.json,
) -> JSONResponse | StreamingResponse:
    check_limit(limit, settings)
    result = analytics.centrality(graph, sort=sort.value, limit=limit, offset=offset, timeout_s=settings.QUERY_TIMEOUT_S)
    more = offset + limit < result.total
    page = Page(list(_CENTRALITY_ROW), result.rows, limit, offset, offset + limit if more else None, total=result.total)
    if format is Format.csv:
        response = render_page(page, format, "centrality")
        response.headers["X-Approximate"] = "true" if result.approximate else "false"
        return response
    return JSONResponse(jsonable_encoder({
        "columns": page.columns, "rows": page.rows, "total": page.total, "limit": limit, "offset": offset,
        "next_offset": page.next_offset, "approximate": result.approximate,
    }))


_COMMUNITY_ROW = {
    "community": 1, "size": 12, "accusations_within": 31, "accusations_across": 4,
    "top_actor_ids": ["country:aze", "country:arm"], "top_actor_names": ["Azerbaijan", "Armenia"],
}


@router.get(
    "/analytics/communities",
    dependencies=[HeavySlot],
    response_model=None,
    summary="Communities of actors in the accusation network",
    description=(
        "Louvain communities (networkx, seed 42) of the accusation projection that "
        "`/analytics/centrality` ranks, taken undirected and weighted by accusations: actors who "
        "accuse one another more than they accuse others. Largest first (then by first actor "
        "id): `community` (the number centrality rows carry), `size`, `accusations_within` and "
        "`accusations_across` (statements between members, and between a member and an "
        "outsider), and up to ten members by PageRank (`top_actor_ids`, `top_actor_names`). "
        "Computed once per change of the graph, with the centrality."
    ),
    responses={
        200: {"description": "A page of communities.", "content": {
            "application/json": {"example": {"columns": list(_COMMUNITY_ROW), "rows": [_COMMUNITY_ROW],
                                             "total": 5, "limit": 100, "offset": 0, "next_offset": None}},
            "text/csv": {"example": ",".join(_COMMUNITY_ROW) + "\n1,12,31,4,country:aze|country:arm,Azerbaijan|Armenia\n"},
        }},
        400: {"description": "A parameter is out of range (problem+json)."},
    },
)
def communities(
    graph: GraphDep,
    settings: SettingsDep,
    limit: Annotated[int, Query(ge=1, description="Rows per page (at most CLAIMGRAPH_MAX_PAGE_SIZE).")] = 100,
    offset: Annotated[int, Query(ge=0, description="Rows to skip.")] = 0,
    format: Annotated[Format, Query(description="json or csv.")] = Format.json,
) -> JSONResponse | StreamingResponse:
    check_limit(limit, settings)
    rows, total = analytics.communities(graph, limit=limit, offset=offset, timeout_s=settings.QUERY_TIMEOUT_S)
    more = offset + limit < total
    return render_page(Page(list(_COMMUNITY_ROW), rows, limit, offset, offset + limit if more else None, total=total),
                       format, "communities")
