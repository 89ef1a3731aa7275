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
    """A query ran longer than its time limit; the message names the setting to raise."""

    def __init__(self, message: str, *, setting: str | None = None, limit_s: float | None = None) -> None:
        super().__init__(message)
        self.setting = setting
        self.limit_s = limit_s

    @property
    def problem_extra(self) -> dict[str, object]:
        return {"setting": self.setting, "limit_s": self.limit_s} if self.setting else {}


class UnknownQueryError(ClaimgraphError):
    """No named query (``cypher/read/`` or the user folder) has that name."""


class WriteRefusedError(ClaimgraphError):
    """An ad hoc (or user-folder) query is not read-only, or uses something the read-only
    service does not allow: a write clause, a schema or admin command, a procedure or function
    off the allow-list, several statements, or invisible characters in its code.

    ``rule`` names what was refused (a stable word: ``write-clause``, ``admin-command``,
    ``procedure``, ``function``, ``transactions``, ``multiple-statements``, ``invisible-character``,
    ``pre-parser``, ``plan-not-read-only``); ``position`` is the character offset in the query, when known.
    """

    def __init__(self, message: str, *, rule: str, position: int | None = None) -> None:
        super().__init__(message)
        self.rule = rule
        self.position = position

    @property
    def problem_extra(self) -> dict[str, object]:
        return {"rule": self.rule, "position": self.position}


class CypherSyntaxError(ClaimgraphError):
    """The engine (or the service's own reading of the query) could not parse the query; the
    message is the engine's."""


class QueryFailedError(ClaimgraphError):
    """The engine refused to run a query for a reason other than syntax (a type error, an
    unknown function, a value out of range); the message is the engine's."""


class CypherDisabledError(ClaimgraphError):
    """Ad hoc Cypher is switched off: no CLAIMGRAPH_CYPHER_API_KEY is set and
    CLAIMGRAPH_ALLOW_OPEN_CYPHER is not true."""
