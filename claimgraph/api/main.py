"""The FastAPI application: ``create_app(settings)``.

With a graph given (``claimgraph serve`` opens it, loads, then serves) the app uses it as it
is; without one, the app opens the graph itself for its lifetime.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from fastapi import FastAPI

import claimgraph
from claimgraph.api.errors import install_error_handlers
from claimgraph.api.routes import accusations, actors, articles, health
from claimgraph.graph.engine import Graph, open_graph
from claimgraph.graph.settings import Settings
from claimgraph.graph.store import apply_schema

DESCRIPTION = """
Who said what about whom in the news: actors, claims and articles joined by ACCUSES, DENIES,
REPORTS and SUPPORTS statements, each with its evidence (article, sentence, character offsets).
Errors are `application/problem+json` (RFC 9457).
"""


def create_app(settings: Settings | None = None, graph: Graph | None = None) -> FastAPI:
    settings = settings or Settings()

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

    app = FastAPI(title="claimgraph", version=claimgraph.__version__, description=DESCRIPTION, lifespan=lifespan)
    app.state.settings = settings
    install_error_handlers(app)
    for module in (health, accusations, actors, articles):
        app.include_router(module.router)
    return app
