"""GET /health: is the graph database reachable, and which versions answer."""

from __future__ import annotations

import time

import neo4j
from fastapi import APIRouter

import claimgraph
from claimgraph.api.deps import GraphDep, SettingsDep
from claimgraph.graph.reads import engine_components

router = APIRouter(tags=["service"])


@router.get(
    "/health",
    summary="Service and graph database health",
    description=(
        "Asks the graph database for its components and answers with the versions of claimgraph, "
        "the Neo4j driver and the engine, and how long the engine took to answer. Never needs a key "
        "(for load balancers); **503** when the graph database does not answer."
    ),
    responses={
        200: {"description": "The graph database answered.", "content": {"application/json": {"example": {
            "status": "ok", "claimgraph": "0.1.0", "neo4j_driver": "6.4.1", "latency_ms": 3.1,
            "engine": {"description": "embedded ArcadeDB at bolt://127.0.0.1:41234 (data /srv/claimgraph-data)",
                       "components": [{"name": "Neo4j Kernel", "versions": ["5.26.0"], "edition": "community"}]},
        }}}},
        503: {"description": "The graph database does not answer (problem+json)."},
    },
)
def health(graph: GraphDep, settings: SettingsDep) -> dict[str, object]:
    started = time.perf_counter()
    components = engine_components(graph, timeout_s=settings.QUERY_TIMEOUT_S)
    return {
        "status": "ok",
        "claimgraph": claimgraph.__version__,
        "neo4j_driver": neo4j.__version__,
        "latency_ms": round((time.perf_counter() - started) * 1000, 1),
        "engine": {"description": graph.description, "components": components},
    }
