"""Reading the graph: the answers the API serves, each from one named file in ``cypher/read/``.

Every function takes the graph and keyword arguments and returns plain Python values
(``neo4j.time`` values become ``datetime``), ready for a renderer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

import neo4j
import neo4j.time
from neo4j import RoutingControl

from claimgraph.graph.cypher import query
from claimgraph.graph.engine import Graph
from claimgraph.graph.errors import GraphUnavailableError, NotFoundError, QueryTimeoutError


def to_python(value: Any) -> Any:
    """Driver values as plain Python: temporals as datetime/date (UTC when the engine kept no
    zone), nodes and relationships as their property maps."""
    if isinstance(value, neo4j.time.DateTime):
        native = value.to_native()
        return native.replace(tzinfo=timezone.utc) if native.tzinfo is None else native
    if isinstance(value, neo4j.time.Date):
        return value.to_native()
    if isinstance(value, (neo4j.time.Time, neo4j.time.Duration)):
        return str(value)
    if isinstance(value, (neo4j.graph.Node, neo4j.graph.Relationship)):
        return {key: to_python(v) for key, v in value.items()}
    if isinstance(value, list):
        return [to_python(v) for v in value]
    if isinstance(value, dict):
        return {key: to_python(v) for key, v in value.items()}
    return value


def run_read(graph: Graph, name: str, *, timeout_s: float | None = None, **params: Any) -> tuple[list[str], list[dict[str, Any]]]:
    """Run the named read query; returns its column names and rows.

    Raises:
        QueryTimeoutError: it ran past ``timeout_s``.
        GraphUnavailableError: the database does not answer.
    """
    cypher = query(name)
    try:
        records, _, keys = graph.driver.execute_query(
            neo4j.Query(cypher.text, timeout=timeout_s),
            cypher.parameters(**params),
            database_=graph.database,
            routing_=RoutingControl.READ,
        )
    except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired) as e:
        raise GraphUnavailableError(f"the graph database does not answer: {e}") from e
    except neo4j.exceptions.ClientError as e:
        if e.code and ("TransactionTimedOut" in e.code or "Timeout" in e.code):
            raise QueryTimeoutError(f"{name} ran longer than {timeout_s} s") from e
        raise
    return list(keys), [{key: to_python(record[key]) for key in keys} for record in records]


def actor_ids_for(graph: Graph, key: str, *, timeout_s: float | None = None) -> list[str]:
    """The ids of the actors an id, name or alias (any case) stands for.

    Raises:
        NotFoundError: no actor goes by that key.
    """
    _, rows = run_read(graph, "read/actors_by_key", timeout_s=timeout_s, key=key)
    if not rows:
        raise NotFoundError(f"no actor has the id, name or alias {key!r}")
    return [row["id"] for row in rows]


@dataclass
class Page:
    """One page of rows; ``next_offset`` is None on the last page; ``total`` counts every row
    of the answer across pages (None when it was not counted)."""

    columns: list[str]
    rows: list[dict[str, Any]]
    limit: int
    offset: int
    next_offset: int | None
    total: int | None = None


def _day_start(value: date | datetime | None) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value if value is None or value.tzinfo else value.replace(tzinfo=timezone.utc)
    return datetime(value.year, value.month, value.day, tzinfo=timezone.utc)


def accusations(
    graph: Graph,
    *,
    accuser: str | None = None,
    accused: str | None = None,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
    limit: int = 100,
    offset: int = 0,
    timeout_s: float | None = None,
) -> Page:
    """Who accused whom, with the claim and its evidence, oldest first.

    Args:
        accuser, accused: an actor id, name or alias (any case).
        since: statements made at or after this time (a date means its first moment).
        until: statements made before this time; a date includes that whole day.

    Raises:
        NotFoundError: ``accuser`` or ``accused`` names no actor.
    """
    until_exclusive = _day_start(until)
    if isinstance(until, date) and not isinstance(until, datetime):
        until_exclusive = _day_start(date.fromordinal(until.toordinal() + 1))
    columns, rows = run_read(
        graph,
        "read/accusations",
        timeout_s=timeout_s,
        accuser_ids=actor_ids_for(graph, accuser, timeout_s=timeout_s) if accuser else None,
        accused_ids=actor_ids_for(graph, accused, timeout_s=timeout_s) if accused else None,
        since=_day_start(since),
        until=until_exclusive,
        skip=offset,
        limit=limit + 1,  # one more than asked tells whether another page follows
    )
    more = len(rows) > limit
    return Page(columns, rows[:limit], limit, offset, offset + limit if more else None)


def actor_profile(graph: Graph, *, actor_id: str, timeout_s: float | None = None) -> dict[str, Any]:
    """An actor's names, kind, PART_OF parents and parts, and statement counts.

    Raises:
        NotFoundError: no actor has that id.
    """
    _, rows = run_read(graph, "read/actor_profile", timeout_s=timeout_s, actor_id=actor_id)
    if not rows:
        raise NotFoundError(f"no actor has the id {actor_id!r}")
    profile = rows[0]
    for key in ("statements_made", "statements_about"):
        profile[key] = {row["relation"]: row["statements"] for row in sorted(profile[key], key=lambda r: r["relation"])}
    for key in ("part_of", "has_parts"):
        profile[key] = sorted(profile[key], key=lambda r: r["id"])
    return profile


def graph_counts(graph: Graph, *, timeout_s: float | None = None) -> dict[str, int]:
    """How many actors, articles, claims and statement edges the graph holds."""
    return run_read(graph, "read/graph_counts", timeout_s=timeout_s)[1][0]


def engine_components(graph: Graph, *, timeout_s: float | None = None) -> list[dict[str, Any]]:
    """What the database server says it is (name, versions, edition)."""
    return run_read(graph, "read/engine_components", timeout_s=timeout_s)[1]


def article_statements(graph: Graph, *, article_id: str, timeout_s: float | None = None) -> list[dict[str, Any]]:
    """Every statement of an article in text order (one row per statement and claim)."""
    return run_read(graph, "read/article_statements", timeout_s=timeout_s, article_id=article_id)[1]


def claim_articles(graph: Graph, *, claim_id: str, timeout_s: float | None = None) -> list[dict[str, Any]]:
    """The articles that state or deny a claim, newest first."""
    return run_read(graph, "read/claim_articles", timeout_s=timeout_s, claim_id=claim_id)[1]
