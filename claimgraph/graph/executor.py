"""One executor for every read the API makes: canned (``reads.py``), named (``/queries``) and
ad hoc (``/cypher``) queries. Only the check before running differs (issue 4).

Every query runs:

- in a session with READ access (READ routing on a cluster);
- inside an explicit transaction that is always rolled back, never committed: ArcadeDB, the
  default engine, accepts writes in a READ session, so the rollback is what undoes a write
  that got past the checks;
- under a time limit the service enforces itself. The limit also goes to the server as the
  transaction timeout, which Neo4j enforces; ArcadeDB ignores it (measured). So a shared
  watchdog thread shuts down the connection of a query still running at its deadline: the
  waiting request fails at once with :class:`QueryTimeoutError` (504), and the server rolls the
  transaction back when it sees the connection gone. Measured on ArcadeDB 26.10.2, the
  server itself keeps computing a query that is busy when its connection dies (until it ends)
  unless it was started with ``-Darcadedb.command.timeout=<ms>``, which aborts it server-side;
- with an optional row cap: ``max_rows + 1`` rows are read and ``truncated`` says whether there
  were more. The rest of the result is not read: the connection is cut instead of discarding it
  (ArcadeDB iterates a discarded result to its end: 6 s for a 13M-row UNWIND, measured).

Cutting connections uses private parts of the neo4j driver (6.x): a session's ``_connection``,
whose socket the watchdog shuts down (there is no public way to interrupt a sync driver call
from another thread), and ``Session._handle_cancellation``, the driver's own clean-up after a
cancelled call, to drop the connection of a cut-off result. The driver notices a cut
connection as defunct (it logs an error ``Failed to read from defunct connection``) and drops
it from its pool.
"""

from __future__ import annotations

import base64
import contextlib
import heapq
import itertools
import logging
import math
import re
import socket
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timezone
from pathlib import Path
from typing import Any

import neo4j
import neo4j.graph
import neo4j.spatial
import neo4j.time

from claimgraph.graph.adhoc import check_read_only, strip_explain
from claimgraph.graph.cypher import coerce_parameters, named_query, query
from claimgraph.graph.engine import Graph
from claimgraph.graph.errors import (
    CypherSyntaxError,
    GraphUnavailableError,
    InvalidParametersError,
    QueryFailedError,
    QueryTimeoutError,
    WriteRefusedError,
)

log = logging.getLogger("claimgraph.executor")

TIMEOUT_SETTING = "CLAIMGRAPH_QUERY_TIMEOUT_S"


@dataclass
class ReadResult:
    """The answer to one read: column names, rows (dicts by column), whether the row cap cut
    it off, and how long it took."""

    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool
    elapsed_ms: float


# -- values as JSON ------------------------------------------------------------------------------


def _temporal(value: Any) -> Any:
    if isinstance(value, neo4j.time.DateTime):
        native = value.to_native()
        return native.replace(tzinfo=timezone.utc) if native.tzinfo is None else native
    if isinstance(value, neo4j.time.Date):
        return value.to_native()
    return value.iso_format() if hasattr(value, "iso_format") else str(value)


def json_value(value: Any) -> Any:
    """A driver value as JSON-ready Python.

    Nodes become ``{element_id, labels, properties}``, relationships ``{element_id, type, start,
    end, properties}`` (``start``/``end`` are the element ids of their nodes), paths the
    alternating list ``[node, relationship, node, ...]``; dates and times become ``date`` and
    ``datetime`` (UTC when the engine kept no zone), other temporals ISO 8601 text, points
    ``{srid, coordinates}``, bytes base64 text, and NaN and infinities the strings ``"NaN"``,
    ``"Infinity"``, ``"-Infinity"`` (JSON has no such numbers).
    """
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, neo4j.graph.Node):
        return {"element_id": value.element_id, "labels": sorted(value.labels),
                "properties": {key: json_value(v) for key, v in value.items()}}
    if isinstance(value, neo4j.graph.Relationship):
        start, end = value.start_node, value.end_node
        return {"element_id": value.element_id, "type": value.type,
                "start": start.element_id if start is not None else None,
                "end": end.element_id if end is not None else None,
                "properties": {key: json_value(v) for key, v in value.items()}}
    if isinstance(value, neo4j.graph.Path):
        items: list[Any] = [json_value(value.start_node)]
        for relationship, node in zip(value.relationships, value.nodes[1:]):
            items += [json_value(relationship), json_value(node)]
        return items
    if isinstance(value, (neo4j.time.DateTime, neo4j.time.Date, neo4j.time.Time, neo4j.time.Duration)):
        return _temporal(value)
    if isinstance(value, neo4j.spatial.Point):
        return {"srid": value.srid, "coordinates": [json_value(c) for c in value]}
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(key): json_value(v) for key, v in value.items()}
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode("ascii")
    return str(value)


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


# -- the watchdog --------------------------------------------------------------------------------


def _cut(session: neo4j.Session) -> None:
    """Shut down the socket of the connection a session holds (if any). A thread blocked
    reading from it wakes with an error; the driver then drops the connection as defunct."""
    connection = getattr(session, "_connection", None)
    sock = getattr(connection, "socket", None)
    raw = getattr(sock, "_socket", sock)
    if raw is None:
        return
    with contextlib.suppress(OSError, AttributeError, ValueError):
        raw.shutdown(socket.SHUT_RDWR)


class _Watch:
    """One query's deadline: at it, the session's connection is cut (unless disarmed first)."""

    def __init__(self, session: neo4j.Session) -> None:
        self._session = session
        self._lock = threading.Lock()
        self._armed = True
        self.expired = False

    def fire(self) -> None:
        with self._lock:
            if not self._armed:
                return
            self.expired = True
            _cut(self._session)

    def disarm(self) -> None:
        # Under the lock: once this returns, fire() cannot touch a connection the session has
        # given back to the pool (and another request may be using).
        with self._lock:
            self._armed = False


class _Watchdog:
    """One daemon thread for every deadline of the process (a heap of them)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._heap: list[tuple[float, int, _Watch]] = []
        self._ids = itertools.count()
        self._thread: threading.Thread | None = None

    def watch(self, session: neo4j.Session, timeout_s: float) -> _Watch:
        watch = _Watch(session)
        with self._cond:
            heapq.heappush(self._heap, (time.monotonic() + timeout_s, next(self._ids), watch))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="claimgraph-query-watchdog", daemon=True)
                self._thread.start()
            self._cond.notify()
        return watch

    def _run(self) -> None:
        with self._cond:
            while True:
                now = time.monotonic()
                while self._heap and self._heap[0][0] <= now:
                    _, _, watch = heapq.heappop(self._heap)
                    watch.fire()
                self._cond.wait(self._heap[0][0] - now if self._heap else None)


_WATCHDOG = _Watchdog()


# -- the engine ------------------------------------------------------------------------------------

_PRODUCTS: weakref.WeakKeyDictionary[neo4j.Driver, bool] = weakref.WeakKeyDictionary()


def is_neo4j(graph: Graph) -> bool:
    """Whether the server is Neo4j itself, whose EXPLAIN reports a reliable query type.

    ArcadeDB says ``Neo4j/5.26.0 compatible (ArcadeDB 26.10.2)`` and its EXPLAIN answers ``w``
    for every query (measured), so other Bolt servers are not asked.
    """
    key = graph.driver
    if key not in _PRODUCTS:
        try:
            agent = graph.driver.get_server_info().agent or ""
        except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired, OSError) as e:
            raise GraphUnavailableError(f"the graph database does not answer: {e}") from e
        _PRODUCTS[key] = bool(re.match(r"^Neo4j/\d", agent)) and not re.search(r"compatible|arcadedb|memgraph", agent, re.I)
    return _PRODUCTS[key]


def _check_plan(session: neo4j.Session, text: str, parameters: dict[str, Any]) -> None:
    """Neo4j's own verdict: EXPLAIN the query, refuse unless its query type is ``r``."""
    summary = session.run("EXPLAIN " + strip_explain(text), parameters).consume()
    if summary.query_type != "r":
        raise WriteRefusedError(
            f"Neo4j plans this query as {summary.query_type!r}, not read-only ('r')", rule="plan-not-read-only")


# -- running ---------------------------------------------------------------------------------------


def _timeout_error(label: str, timeout_s: float | None) -> QueryTimeoutError:
    limit = f"{timeout_s:g} s" if timeout_s is not None else "its time limit"
    return QueryTimeoutError(
        f"{label} ran longer than the time limit of {limit} ({TIMEOUT_SETTING}): raise "
        f"{TIMEOUT_SETTING}, or narrow the query (a LIMIT, fewer hops, a more selective start)",
        setting=TIMEOUT_SETTING, limit_s=timeout_s)


def _translate(error: Exception, watch: _Watch | None, label: str, timeout_s: float | None) -> Exception:
    """A driver error as a claimgraph error (or the error itself, when it is not the driver's)."""
    if watch is not None and watch.expired:
        return _timeout_error(label, timeout_s)
    if isinstance(error, neo4j.exceptions.CypherSyntaxError):
        return CypherSyntaxError(error.message or str(error))
    if isinstance(error, neo4j.exceptions.Neo4jError) and error.code and (
            "TransactionTimedOut" in error.code or "Timeout" in error.code):
        return _timeout_error(label, timeout_s)
    if isinstance(error, (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired)):
        return GraphUnavailableError(f"the graph database does not answer: {error}")
    if isinstance(error, neo4j.exceptions.TransientError):
        return GraphUnavailableError(f"the graph database could not run {label} now, try again: {error.message}")
    if isinstance(error, (neo4j.exceptions.ClientError, neo4j.exceptions.DatabaseError)):
        return QueryFailedError(f"the engine refused {label}: {error.message or error}")
    if isinstance(error, neo4j.exceptions.BrokenRecordError):
        # A value the driver cannot decode, such as a date outside years 1 to 9999.
        return QueryFailedError(f"{label} returned a value the service cannot represent: {error}: {error.__cause__}")
    return error


def run_query(
    graph: Graph,
    text: str,
    parameters: dict[str, Any] | None = None,
    *,
    timeout_s: float | None = None,
    max_rows: int | None = None,
    convert: Callable[[Any], Any] = json_value,
    check_plan: bool = False,
    label: str = "the query",
) -> ReadResult:
    """Run one read: READ session, rolled-back transaction, time limit, row cap.

    Args:
        text: the Cypher to run (already checked by the caller, if it needs checking).
        timeout_s: the time limit (None: none).
        max_rows: the row cap (None: every row).
        convert: turns each driver value into what the rows hold (default :func:`json_value`).
        check_plan: on Neo4j, EXPLAIN first and refuse a plan that is not read-only.
        label: what the query is called in error messages.

    Raises:
        QueryTimeoutError: it ran past ``timeout_s``.
        CypherSyntaxError: the engine could not parse it.
        QueryFailedError: the engine refused it otherwise.
        WriteRefusedError: Neo4j's plan is not read-only (with ``check_plan``).
        InvalidParametersError: a parameter value cannot be sent over Bolt.
        GraphUnavailableError: the database does not answer.
    """
    started = time.perf_counter()
    parameters = parameters or {}
    session = graph.driver.session(database=graph.database, default_access_mode=neo4j.READ_ACCESS)
    watch = _WATCHDOG.watch(session, timeout_s) if timeout_s is not None else None
    tx: neo4j.Transaction | None = None
    truncated = unsendable = False
    try:
        try:
            if check_plan and is_neo4j(graph):
                _check_plan(session, text, parameters)
            tx = session.begin_transaction(timeout=timeout_s)
            if watch is not None and watch.expired:
                raise _timeout_error(label, timeout_s)
            try:
                result = tx.run(text, parameters)  # type: ignore[arg-type]  # ad hoc text is not a LiteralString
            except (ValueError, TypeError, OverflowError) as e:
                # A value Bolt cannot carry (an integer over 64 bits): the message half written,
                # the connection is not to be trusted again.
                unsendable = True
                raise InvalidParametersError(f"a parameter cannot be sent to the engine: {e}") from e
            columns = list(result.keys())
            rows: list[dict[str, Any]] = []
            for record in result:
                if max_rows is not None and len(rows) >= max_rows:
                    truncated = True
                    break
                rows.append({key: convert(value) for key, value in zip(columns, record.values())})
        except (WriteRefusedError, InvalidParametersError):
            raise
        except Exception as e:
            translated = _translate(e, watch, label, timeout_s)
            if translated is e:
                raise
            raise translated from e
    finally:
        if watch is not None:
            watch.disarm()
        _end(session, tx, cut=truncated or unsendable or (watch is not None and watch.expired))
    return ReadResult(columns, rows, truncated, round((time.perf_counter() - started) * 1000, 1))


def _drop_connection(session: neo4j.Session) -> None:
    """Close the session's connection without a word to the server (from the thread using the
    session: nothing is blocked on it). The driver's own clean-up after a cancellation does
    exactly this; without it, fall back to shutting the socket down."""
    cancel = getattr(session, "_handle_cancellation", None)
    if cancel is None:
        _cut(session)
        return
    try:
        cancel(message="claimgraph: result cut off")
    except Exception:
        _cut(session)


def _end(session: neo4j.Session, tx: neo4j.Transaction | None, *, cut: bool) -> None:
    """Roll the transaction back and close the session. With ``cut`` (rows left unread, or the
    deadline passed) the connection is dropped first: the server rolls back when it sees it
    gone, instead of streaming or iterating the rest of the result."""
    if cut:
        _drop_connection(session)
    if tx is not None:
        try:
            tx.rollback()
        except Exception as e:  # a cut or failed connection: the server rolls back on its own
            log.debug("rollback after %s: %s", "cut" if cut else "error", e)
    with contextlib.suppress(Exception):
        session.close()


def run_adhoc(
    graph: Graph, text: str, parameters: dict[str, Any] | None = None, *, timeout_s: float, max_rows: int,
) -> ReadResult:
    """An ad hoc query (``POST /cypher``), through every layer: the static read-only check,
    Neo4j's EXPLAIN verdict (on Neo4j), then :func:`run_query` (READ session, rollback, time
    limit, row cap). Nodes, relationships and paths come back as JSON (:func:`json_value`).

    Raises:
        WriteRefusedError: the query is not plainly a read.
        CypherSyntaxError, QueryFailedError, QueryTimeoutError, GraphUnavailableError: as :func:`run_query`.
    """
    checked = check_read_only(text)
    return run_query(graph, checked, parameters, timeout_s=timeout_s, max_rows=max_rows,
                     check_plan=True, label="the query")


def run_named(
    graph: Graph,
    name: str,
    values: dict[str, Any],
    *,
    from_text: bool = False,
    user_folder: Path | None = None,
    timeout_s: float,
    max_rows: int,
) -> ReadResult:
    """A named query (``/queries/{name}``): its parameters checked against its header, then
    :func:`run_query` with the row cap. A user-folder query was checked read-only when loaded
    and is also EXPLAINed on Neo4j.

    Args:
        values: JSON values by name, or (``from_text``) lists of query-string values by name.

    Raises:
        UnknownQueryError: no query has that name.
        InvalidParametersError: the parameters do not match the header.
    """
    named = named_query(name, user_folder)
    parameters = coerce_parameters(named.query, values, from_text=from_text)
    return run_query(graph, named.query.text, parameters, timeout_s=timeout_s, max_rows=max_rows,
                     check_plan=named.source == "user", label=f"query {name!r}")


def run_read(graph: Graph, name: str, *, timeout_s: float | None = None, **params: Any) -> tuple[list[str], list[dict[str, Any]]]:
    """Run a named read query of ``cypher/read/`` for the graph layer (``reads.py`` and the
    modules beside it) through :func:`run_query`, its values as plain Python (:func:`to_python`);
    returns its column names and rows.

    Raises:
        QueryTimeoutError: it ran past ``timeout_s``.
        GraphUnavailableError: the database does not answer.
    """
    cypher = query(name)
    result = run_query(graph, cypher.text, cypher.parameters(**params), timeout_s=timeout_s,
                       convert=to_python, label=name)
    return result.columns, result.rows
