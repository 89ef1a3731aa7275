"""Dependencies the routes take: the open graph and the settings."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from claimgraph.graph.engine import Graph
from claimgraph.graph.settings import Settings


def get_graph(request: Request) -> Graph:
    return request.app.state.graph


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


GraphDep = Annotated[Graph, Depends(get_graph)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
