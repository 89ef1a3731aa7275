"""Summaries of the busiest actors, kept after the writes: what an actor's page reads.

An actor's profile (counts per relation, counterparts), its accusations made and received and
its network are read from its statement edges, so they cost time in proportion to them: at 1M
statements the profile of the busiest actor (~190,000 edges and claims about it) takes 3.3 s, its
two lists of accusations 1.1 and 1.3 s, its network 0.45 s (bench/README.md). For each actor
with at least ``SUMMARY_MIN_LINKS`` of those, the writes' follow-up (``graph/keeping.py``)
keeps the answers, computed by the same reads, as JSON on an ``ActorSummary`` node, and
``SummaryState`` says which data version they are of. Reads use them only while that is the
graph's version, so an answer from a summary is the answer of the live read; between a write
and its follow-up they read live.

This module stores and looks up summaries; ``graph/keeping.py`` computes them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from claimgraph.graph.cypher import run_named
from claimgraph.graph.engine import Graph
from claimgraph.graph.executor import run_read

SUMMARY_MIN_LINKS = 5_000
"""Statement edges made plus claims about it from which an actor's summary is kept (at 1M
statements, 40 actors; below it the live reads take ~150 ms or less)."""
SUMMARY_TOP = 10
"""Counterparts kept in a summary's profile: a profile asking for more reads live."""
SUMMARY_ROWS = 50
"""Rows kept of the accusations an actor made and of those it received (oldest first): a page
past them reads live."""


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    raise TypeError(f"cannot keep a {type(value).__name__} in a summary")


def _decode(obj: dict[str, Any]) -> Any:
    if len(obj) == 1 and "$datetime" in obj:
        return datetime.fromisoformat(obj["$datetime"])
    if len(obj) == 1 and "$date" in obj:
        return date.fromisoformat(obj["$date"])
    return obj


def to_json(value: Any) -> str:
    """A read's answer as kept: JSON in which times come back as the same Python values."""
    return json.dumps(value, default=_encode, ensure_ascii=False, separators=(",", ":"))


def from_json(text: str) -> Any:
    return json.loads(text, object_hook=_decode)


@dataclass
class KeptRows:
    """The first ``SUMMARY_ROWS`` rows of a list, its columns and how many rows it has in all."""

    columns: list[str]
    rows: list[dict[str, Any]]
    total: int


@dataclass
class ActorSummary:
    """What is kept of one actor (see the module docstring)."""

    profile: dict[str, Any]
    accusations_made: KeptRows
    accusations_received: KeptRows
    network: dict[str, Any]  # analytics.network_json of the explorer's network


def kept_summary(graph: Graph, actor_id: str, *, timeout_s: float | None = None) -> ActorSummary | None:
    """The actor's summary if one is kept and current; None otherwise (read live)."""
    _, rows = run_read(graph, "read/actor_summary", timeout_s=timeout_s, actor_id=actor_id)
    if not rows:
        return None
    row = rows[0]
    return ActorSummary(from_json(row["profile"]), KeptRows(**from_json(row["accusations_made"])),
                        KeptRows(**from_json(row["accusations_received"])), from_json(row["network"]))


@dataclass
class SummaryState:
    data_version: str | None  # the graph's; None before the first write through claimgraph
    kept_version: str | None  # that of the kept summaries; None when none were kept
    summarised: set[str]  # the actors that have one


def summary_state(graph: Graph) -> SummaryState:
    _, rows = run_read(graph, "read/summary_state")
    if not rows:
        return SummaryState(None, None, set())
    return SummaryState(rows[0]["data_version"], rows[0]["kept_version"], set(rows[0]["summarised"]))


def link_counts(graph: Graph, actor_ids: list[str] | None) -> dict[str, int]:
    """Statement edges made plus claims about, per actor (``actor_ids`` None: every actor)."""
    return {row["actor_id"]: row["links"] for row in run_read(graph, "read/actor_link_counts", actor_ids=actor_ids)[1]}


def actors_on_claims(graph: Graph, claim_ids: list[str]) -> set[str]:
    """The actors with a statement on one of the claims or whom one is about."""
    return {row["actor_id"] for row in run_read(graph, "read/actors_on_claims", claim_ids=claim_ids)[1]}


def _write(graph: Graph, name: str, **params: Any) -> list[dict[str, Any]]:
    """Run one write query in a transaction of its own; its rows. The driver runs it again when
    the engine reports a transient conflict: summaries are written two at a time
    (``keeping.SUMMARY_WORKERS``), and the embedded engine refuses the later commit of two that
    changed one page ("concurrent change to the same record")."""
    with graph.driver.session(database=graph.database) as session:
        return session.execute_write(lambda tx: run_named(tx, name, **params).data())


def store_summary(graph: Graph, actor_id: str, summary: ActorSummary) -> None:
    """Keep one actor's summary (alone in its transaction: a hub's is ~100 KB)."""
    _write(graph, "write/keep_actor_summaries", rows=[{
        "actor_id": actor_id, "profile": to_json(summary.profile),
        "accusations_made": to_json(summary.accusations_made.__dict__),
        "accusations_received": to_json(summary.accusations_received.__dict__),
        "network": to_json(summary.network)}])


def drop_summaries(graph: Graph, actor_ids: list[str]) -> None:
    _write(graph, "write/delete_actor_summaries", actor_ids=actor_ids)


def set_kept_version(graph: Graph, data_version: str, expected: str | None) -> bool:
    """Say the kept summaries are of ``data_version``, unless the kept version is no longer
    ``expected`` (another refresh ran meanwhile). Returns whether it was set."""
    return _write(graph, "write/set_summary_state", data_version=data_version, expected=expected)[0]["set"] == 1
