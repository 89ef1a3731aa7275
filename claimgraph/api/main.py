"""The FastAPI application: ``create_app(settings)``.

With a graph given (``claimgraph serve`` opens it, loads, then serves) the app uses it as it
is; without one, the app opens the graph itself for its lifetime.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import AsyncIterator

from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

import claimgraph
from claimgraph.api.caching import VersionedAnswers
from claimgraph.api.deps import require_read_key
from claimgraph.api.errors import install_error_handlers
from claimgraph.api.routes import accusations, actors, articles, claims, health, queries
from claimgraph.api.routes import analytics, articles_read, chains, explore, stats, timeline
from claimgraph.graph.cypher import named_queries
from claimgraph.graph.engine import Graph, open_graph
from claimgraph.graph.settings import Settings
from claimgraph.graph.store import apply_schema

DESCRIPTION = """
Who said what about whom in the news: actors, claims and articles joined by ACCUSES, DENIES,
REPORTS and SUPPORTS statements, each with its evidence (article, sentence, character offsets).
Errors are `application/problem+json` (RFC 9457).

Keys go in the `X-API-Key` header: `CLAIMGRAPH_READ_API_KEY`, when set, for every GET (but
`/health` and these docs) and `POST /queries/{name}`; `CLAIMGRAPH_CYPHER_API_KEY` for
`POST /cypher`; `CLAIMGRAPH_WRITE_API_KEY`, when set, for `POST /articles`.
"""


def create_app(settings: Settings | None = None, graph: Graph | None = None) -> FastAPI:
    settings = settings or Settings()
    if settings.QUERIES_DIR is not None:
        named_queries(settings.QUERIES_DIR)  # a refused user query stops the start, with its reason

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if graph is not None:
            app.state.graph = graph
            yield
            return
        with open_graph(settings) as opened:
            apply_schema(opened)
            app.state.graph = opened
            yield

    app = FastAPI(title="claimgraph", version=claimgraph.__version__, description=DESCRIPTION, lifespan=lifespan,
                  dependencies=[Depends(require_read_key)])
    app.state.settings = settings
    app.state.heavy_slots = threading.BoundedSemaphore(settings.HEAVY_QUERY_SLOTS)
    app.add_middleware(VersionedAnswers, settings=settings)
    if settings.CORS_ORIGINS:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.CORS_ORIGINS,
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=["X-API-Key", "Content-Type", "If-None-Match"],
            expose_headers=["X-Next-Offset", "X-Total-Count", "X-Truncated", "ETag", "Retry-After"],
        )
    install_error_handlers(app)
    # analytics before actors: /actors/{id}/network must win over /actors/{id}, whose id may
    # hold a "/" (country:rus/foreign-ministry).
    for module in (health, accusations, analytics, actors, articles, queries, claims,
                   chains, timeline, stats, articles_read, explore):
        app.include_router(module.router)
    app.mount("/explore/static", StaticFiles(directory=explore.STATIC_DIR), name="explore-static")
    return app
