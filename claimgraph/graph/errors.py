"""Errors of the graph layer. Only ``claimgraph.api.errors`` knows how they map to HTTP."""

from __future__ import annotations


class ClaimgraphError(Exception):
    """Base of every error claimgraph raises on purpose."""


class EngineError(ClaimgraphError):
    """The embedded engine could not be started, stopped or reached; the message says why."""


class GraphUnavailableError(ClaimgraphError):
    """The graph database does not answer."""


class CypherFileError(ClaimgraphError):
    """A .cypher file is missing, or its declared parameters do not match its text."""


class InvalidParametersError(ClaimgraphError):
    """A query was given parameters it does not declare, or lacks ones it needs."""


class NotFoundError(ClaimgraphError):
    """The thing asked for (an actor, an article) is not in the graph."""


class QueryTimeoutError(ClaimgraphError):
    """A query ran longer than its time limit."""
