"""Feeds for dashboards and people: the statement timeline, graph statistics, and articles.

Each function reads with named queries from ``cypher/read/`` and returns plain Python values
ready for a renderer, like ``reads``.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta, timezone
from typing import Any

from claimgraph.graph.engine import Graph
from claimgraph.graph.errors import InvalidParametersError, NotFoundError
from claimgraph.graph.executor import run_read
from claimgraph.graph.reads import Page, actor_ids_for, article_statements, graph_counts
from claimgraph.graph.tallies import tallied

RELATIONS = ("ACCUSES", "DENIES", "REPORTS", "SUPPORTS")
INTERVALS = ("day", "week", "month")
STATS_MAX_TOP = 100


def day_start(value: date | datetime | None) -> datetime | None:
    """A date as its first moment (UTC); a naive time as UTC."""
    if value is None or isinstance(value, datetime):
        return value if value is None or value.tzinfo else value.replace(tzinfo=timezone.utc)
    return datetime(value.year, value.month, value.day, tzinfo=timezone.utc)


def until_exclusive(value: date | datetime | None) -> datetime | None:
    """The exclusive upper bound of ``until``: a date includes that whole day."""
    if isinstance(value, date) and not isinstance(value, datetime):
        if value == date.max:
            return None  # the whole calendar: no bound
        return day_start(value + timedelta(days=1))
    return day_start(value)


def _whole_days(*bounds: datetime | None) -> bool:
    """Whether every bound is unset or a UTC midnight."""
    return all(b is None or b.astimezone(timezone.utc).time() == datetime.min.time() for b in bounds)


def _period(day: date, interval: str) -> date:
    if interval == "week":  # ISO weeks start on Monday
        return day - timedelta(days=day.weekday())
    if interval == "month":
        return day.replace(day=1)
    return day


def timeline(
    graph: Graph,
    *,
    interval: str = "day",
    actor: str | None = None,
    relation: str | None = None,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
    limit: int = 1000,
    offset: int = 0,
    timeout_s: float | None = None,
) -> Page:
    """Statements per period and relation, oldest period first.

    One row per period that has a statement: ``period`` (the first day: the day, the Monday of
    the ISO week, or the first of the month; days are UTC), a count per relation (``ACCUSES``,
    ``DENIES``, ``REPORTS``, ``SUPPORTS``) and ``statements`` (their sum). A statement counts
    once however many claims it has (a denial of "these claims"). Statements with no time
    (``stated_at`` unset: an article without a publication date) are not in the timeline.

    Args:
        actor: only statements made by this actor (id, name or alias).
        relation: only statements with this relation.
        since, until: statement times; a date ``until`` includes that whole day.

    Raises:
        NotFoundError: ``actor`` names no actor.
        InvalidParametersError: unknown ``interval`` or ``relation``.
    """
    if interval not in INTERVALS:
        raise InvalidParametersError(f"interval: one of {', '.join(INTERVALS)}, got {interval!r}")
    if relation is not None and relation not in RELATIONS:
        raise InvalidParametersError(f"relation: one of {', '.join(RELATIONS)}, got {relation!r}")
    filters = {"relations": [relation] if relation else None, "since": day_start(since), "until": until_exclusive(until)}
    if actor:
        speakers = actor_ids_for(graph, actor, timeout_s=timeout_s)
        _, rows = run_read(graph, "read/timeline_days_by_speaker", timeout_s=timeout_s, speaker_ids=speakers, **filters)
    elif _whole_days(filters["since"], filters["until"]) and tallied(graph):
        # Bounds at UTC midnights (dates, as dashboards send them) select whole days of the tallies.
        _, rows = run_read(graph, "read/day_tallies", timeout_s=timeout_s, relations=filters["relations"],
                           since_day=filters["since"].date().isoformat() if filters["since"] else None,
                           until_day=filters["until"].date().isoformat() if filters["until"] else None)
    else:
        _, rows = run_read(graph, "read/timeline_days", timeout_s=timeout_s, **filters)
    periods: dict[date, dict[str, int]] = defaultdict(lambda: {r: 0 for r in RELATIONS})
    for row in rows:
        periods[_period(row["day"], interval)][row["relation"]] += row["statements"]
    ordered = [
        {"period": period, **counts, "statements": sum(counts.values())}
        for period, counts in sorted(periods.items())
    ]
    page = ordered[offset:offset + limit]
    columns = ["period", *RELATIONS, "statements"]
    more = offset + limit < len(ordered)
    return Page(columns, page, limit, offset, offset + limit if more else None, total=len(ordered))


def stats(graph: Graph, *, top: int = 10, timeout_s: float | None = None) -> dict[str, Any]:
    """Totals, the top accusers, the top accused and the most contested claims.

    ``totals``: actors, articles, claims, statement edges, statements (distinct statements; a
    denial of three claims is one statement and three edges), statements with a time, and
    statements per relation. Top accusers count the ACCUSES statements an actor made; top
    accused the ACCUSES statements by other actors on claims ABOUT the actor; contested claims
    are asserted (ACCUSES, REPORTS, SUPPORTS) by one actor and denied by another, most actors on
    both sides first.
    """
    if not 1 <= top <= STATS_MAX_TOP:
        raise InvalidParametersError(f"top: from 1 to {STATS_MAX_TOP}, got {top}")
    kept = tallied(graph)
    if kept:
        counts = run_read(graph, "read/node_tallies", timeout_s=timeout_s)[1][0]
        _, per_relation = run_read(graph, "read/relation_tallies", timeout_s=timeout_s)
    else:
        counts = graph_counts(graph, timeout_s=timeout_s)
        _, per_relation = run_read(graph, "read/statement_totals", timeout_s=timeout_s)
    by_relation = {r: 0 for r in RELATIONS}
    for row in per_relation:
        by_relation[row["relation"]] = row["statements"]
    totals = {
        "actors": counts["actors"],
        "articles": counts["articles"],
        "claims": counts["claims"],
        "statement_edges": sum(row["edges"] for row in per_relation),
        "statements": sum(row["statements"] for row in per_relation),
        "dated_statements": sum(row["dated_statements"] for row in per_relation),
        "statements_by_relation": by_relation,
    }
    return {
        "totals": totals,
        "top_accusers": run_read(graph, "read/top_accuser_tallies" if kept else "read/top_accusers",
                                 timeout_s=timeout_s, limit=top)[1],
        "top_accused": run_read(graph, "read/top_accused_tallies" if kept else "read/top_accused",
                                timeout_s=timeout_s, limit=top)[1],
        # collect() keeps no order: sorted, so the same graph always gives the same answer.
        "most_contested_claims": [
            {**row, "asserters": sorted(row["asserters"]), "deniers": sorted(row["deniers"])}
            for row in run_read(graph, "read/contested_claims", timeout_s=timeout_s, tallied=kept, limit=top)[1]
        ],
    }


def articles(
    graph: Graph,
    *,
    source: str | None = None,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
    q: str | None = None,
    limit: int = 100,
    offset: int = 0,
    timeout_s: float | None = None,
) -> Page:
    """Articles, newest first (undated last, then by id), with statement counts per relation.

    Args:
        source: only articles from this source (any letter case), e.g. ``dawn.com``.
        since, until: publication times; a date ``until`` includes that whole day.
        q: only articles whose id or title contains this text (any case).
    """
    text = q.strip().lower() if q else None
    filters = {"source": source, "since": day_start(since), "until": until_exclusive(until), "q": text or None}
    columns, rows = run_read(graph, "read/articles_list", timeout_s=timeout_s, skip=offset, limit=limit, **filters)
    total = run_read(graph, "read/articles_count", timeout_s=timeout_s, **filters)[1][0]["total"]
    more = offset + limit < total
    return Page(columns, rows, limit, offset, offset + limit if more else None, total=total)


def article(graph: Graph, *, article_id: str, timeout_s: float | None = None) -> dict[str, Any]:
    """An article with its text, and its statements in text order with the character offsets of
    speaker, cue and claim in that text (one row per statement and claim).

    Raises:
        NotFoundError: no article has that id.
    """
    _, rows = run_read(graph, "read/article", timeout_s=timeout_s, article_id=article_id)
    if not rows:
        raise NotFoundError(f"no article has the id {article_id!r}")
    return {**rows[0], "statements": article_statements(graph, article_id=article_id, timeout_s=timeout_s)}
