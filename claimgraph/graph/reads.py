"""Reading the graph: the answers the API serves, each from one named file in ``cypher/read/``.

Every function takes the graph and keyword arguments and returns plain Python values
(``neo4j.time`` values become ``datetime``), ready for a renderer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from claimgraph.graph.claim_identity import IdentitySettings, search_index
from claimgraph.graph.engine import Graph
from claimgraph.graph.errors import InvalidParametersError, NotFoundError
from claimgraph.graph.executor import run_read
from claimgraph.graph.summaries import SUMMARY_ROWS, SUMMARY_TOP, KeptRows, kept_summary
from claimgraph.graph.tallies import OLDEST_ACCUSATIONS_KEPT, tallied
from claimgraph.graph.types import normalize_claim_text


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


def _paged(graph: Graph, name: str, *, key: str, limit: int, offset: int, timeout_s: float | None,
           **params: Any) -> Page:
    """A page of a query that carries its total on every row (the ``total`` column) and answers
    an empty page with one row of nulls, told apart by ``key`` being null."""
    columns, rows = run_read(graph, name, timeout_s=timeout_s, skip=offset, limit=limit, **params)
    total = rows[0]["total"] if rows else 0
    rows = [{c: row[c] for c in columns if c != "total"} for row in rows if row[key] is not None]
    columns = [c for c in columns if c != "total"]
    more = offset + limit < total
    return Page(columns, rows, limit, offset, offset + limit if more else None, total)


def _until_exclusive(until: date | datetime | None) -> datetime | None:
    if isinstance(until, date) and not isinstance(until, datetime):
        if until == date.max:
            return None  # the whole calendar: no bound (the day after 9999-12-31 is no date)
        return _day_start(date.fromordinal(until.toordinal() + 1))
    return _day_start(until)


def accusations(
    graph: Graph,
    *,
    accuser: str | None = None,
    accused: str | None = None,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
    source: str | None = None,
    min_confidence: float | None = None,
    rollup: bool = False,
    group: str | None = None,
    limit: int = 100,
    offset: int = 0,
    timeout_s: float | None = None,
) -> Page:
    """Who accused whom: statement rows with the claim and its evidence, oldest first, or with
    ``group="pair"`` one row per accuser and accused with counts, most accusations first.

    Args:
        accuser, accused: an actor id, name or alias (any case).
        since: statements made at or after this time (a date means its first moment).
        until: statements made before this time; a date includes that whole day.
        source: only statements in articles of this source (``Article.source``, exact).
        min_confidence: only statements at least this confident.
        rollup: ``accuser`` and ``accused`` stand for their parts too (PART_OF, transitively);
            with ``group="pair"`` every statement also counts for the bodies its speaker and
            its target are part of.

    Raises:
        NotFoundError: ``accuser`` or ``accused`` names no actor.
    """
    unfiltered = not (accuser or accused or since or until or source or rollup) and min_confidence is None
    one_actor = bool(accuser) != bool(accused) and not (since or until or source or rollup or group) \
        and min_confidence is None
    if one_actor and offset + limit <= SUMMARY_ROWS:
        kept = _kept_accusations(graph, accuser, accused, timeout_s)
        if kept is not None:
            return _kept_page(kept, limit, offset)
    if group == "pair" and unfiltered and tallied(graph):
        return _paged(graph, "read/accusation_pair_tallies", key="accuser_id", limit=limit, offset=offset,
                      timeout_s=timeout_s)
    kept_rows = (group != "pair" and unfiltered and offset + limit <= OLDEST_ACCUSATIONS_KEPT and tallied(graph))
    return _paged(
        graph,
        "read/accusation_pairs" if group == "pair" else "read/accusations",
        key="accuser_id",
        limit=limit,
        offset=offset,
        timeout_s=timeout_s,
        accuser_ids=actor_ids_for(graph, accuser, timeout_s=timeout_s) if accuser else None,
        accused_ids=actor_ids_for(graph, accused, timeout_s=timeout_s) if accused else None,
        since=_day_start(since),
        until=_until_exclusive(until),
        source=source,
        min_confidence=min_confidence,
        rollup=rollup,
        **({} if group == "pair" else {"kept_rows": kept_rows}),
    )


def _kept_accusations(graph: Graph, accuser: str | None, accused: str | None, timeout_s: float | None,
                      ) -> KeptRows | None:
    """The accusations of one actor as its kept summary holds them (graph/summaries.py), when
    the key names that one actor and a current summary is kept."""
    ids = actor_ids_for(graph, accuser or accused, timeout_s=timeout_s)  # type: ignore[arg-type]
    if len(ids) != 1:
        return None
    kept = kept_summary(graph, ids[0], timeout_s=timeout_s)
    if kept is None:
        return None
    return kept.accusations_made if accuser else kept.accusations_received


def _kept_page(kept: KeptRows, limit: int, offset: int) -> Page:
    more = offset + limit < kept.total
    return Page(kept.columns, kept.rows[offset:offset + limit], limit, offset, offset + limit if more else None, kept.total)


def actors(
    graph: Graph,
    *,
    q: str | None = None,
    kind: str | None = None,
    limit: int = 100,
    offset: int = 0,
    timeout_s: float | None = None,
) -> Page:
    """Actors whose name or an alias contains ``q`` (any case), optionally of one kind, by name."""
    text = q.strip().lower() if q else None
    return _paged(graph, "read/actors", key="id", limit=limit, offset=offset, timeout_s=timeout_s,
                  q=text or None, kind=kind)


def actor_profile(graph: Graph, *, actor_id: str, rollup: bool = False, top: int = 10,
                  timeout_s: float | None = None) -> dict[str, Any]:
    """An actor's names, kind, PART_OF parents and parts, statement counts per relation (made,
    and made by others about it) and its top counterparts.

    Args:
        rollup: count the statements of its parts (PART_OF, transitively) as its own.
        top: how many counterparts to list.

    Raises:
        NotFoundError: no actor has that id.
    """
    if not rollup and top <= SUMMARY_TOP and (kept := kept_summary(graph, actor_id, timeout_s=timeout_s)) is not None:
        profile = dict(kept.profile)
        profile["counterparts"] = _named(graph, profile["counterparts"][:top], timeout_s)
        return profile
    _, rows = run_read(graph, "read/actor_profile", timeout_s=timeout_s, actor_id=actor_id, rollup=rollup, top=top)
    if not rows:
        raise NotFoundError(f"no actor has the id {actor_id!r}")
    profile = rows[0]
    for key in ("statements_made", "statements_about"):
        profile[key] = {row["relation"]: row["statements"] for row in sorted(profile[key], key=lambda r: r["relation"])}
    for key in ("part_of", "has_parts"):
        profile[key] = sorted(profile[key], key=lambda r: r["id"])
    profile["parts_counted"] = sorted(profile["parts_counted"])
    profile["counterparts"] = sorted(profile["counterparts"], key=lambda r: (-r["statements"], r["id"]))
    return {"rollup": rollup, **profile}


def actors_by_ids(graph: Graph, actor_ids: list[str], *, timeout_s: float | None = None) -> dict[str, dict[str, Any]]:
    """``{id: {id, name, kind}}`` for the actors that exist among ``actor_ids``."""
    if not actor_ids:
        return {}
    _, rows = run_read(graph, "read/actors_by_ids", timeout_s=timeout_s, actor_ids=sorted(set(actor_ids)))
    return {row["id"]: row for row in rows}


def _named(graph: Graph, actors: list[dict[str, Any]], timeout_s: float | None) -> list[dict[str, Any]]:
    """Kept actor rows with their names and kinds as they are now (a later statement can tell
    an actor's kind)."""
    now = actors_by_ids(graph, [a["id"] for a in actors], timeout_s=timeout_s)
    return [{**a, "name": now[a["id"]]["name"], "kind": now[a["id"]]["kind"]} if a["id"] in now else a for a in actors]


def claims(graph: Graph, *, contested: bool = False, q: str | None = None, limit: int = 100, offset: int = 0,
           timeout_s: float | None = None) -> Page:
    """Claims, most statements first, with who asserts and who denies each; ``contested`` keeps
    those with at least one denial and one assertion; ``q`` is text the claim contains (any case)."""
    text = q.strip().lower() if q else None
    return _paged(graph, "read/claims", key="claim_id", limit=limit, offset=offset, timeout_s=timeout_s,
                  contested=contested, q=text or None)


_CLAIM_FIELDS = ("claim_id", "text", "about", "relation", "side")


def claim(graph: Graph, *, claim_id: str, timeout_s: float | None = None) -> dict[str, Any]:
    """A claim, the actors it is about, and its statements with their evidence, split into those
    asserting it (ACCUSES, REPORTS, SUPPORTS) and those denying it.

    Raises:
        NotFoundError: no claim has that id.
    """
    _, rows = run_read(graph, "read/claim_statements", timeout_s=timeout_s, claim_id=claim_id)
    if not rows:
        raise NotFoundError(f"no claim has the id {claim_id!r}")
    sides: dict[str, list[dict[str, Any]]] = {"asserts": [], "denies": []}
    for row in rows:
        if row["statement_id"] is None:
            continue
        statement = {"relation": row["relation"], **{k: v for k, v in row.items() if k not in _CLAIM_FIELDS}}
        sides[row["side"]].append(statement)
    first = rows[0]
    return {
        "id": first["claim_id"],
        "text": first["text"],
        "about": first["about"],
        "asserted_by": sorted({s["speaker_id"] for s in sides["asserts"]}),
        "denied_by": sorted({s["speaker_id"] for s in sides["denies"]}),
        "variants": _variants(first["text"], sides["asserts"] + sides["denies"]),
        "assertions": sides["asserts"],
        "denials": sides["denies"],
    }


def _variants(text: str, statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The wordings a claim's statements use, the claim's own first, each with its statements
    and why it was joined to the claim (``joined_score``, ``joined_terms``: null for the
    claim's own words and for denials of "these claims", which point at it by reference)."""
    variants: dict[str, dict[str, Any]] = {}
    for statement in statements:
        wording = statement["claim_text"]
        variant = variants.setdefault(normalize_claim_text(wording or ""), {
            "text": wording, "statement_ids": [], "joined_score": statement["joined_score"],
            "joined_terms": statement["joined_terms"]})
        variant["statement_ids"].append(statement["statement_id"])
    own = normalize_claim_text(text or "")
    return sorted(variants.values(), key=lambda v: (normalize_claim_text(v["text"] or "") != own, -(v["joined_score"] or 1.0)))


_SEARCH_COLUMNS = ["claim_id", "claim_text", "score", "matched_terms", "about", "asserted_by", "denied_by",
                   "assertions", "denials"]


def search_claims(graph: Graph, *, q: str, identity: IdentitySettings, limit: int = 20,
                  timeout_s: float | None = None) -> Page:
    """The claims that match a sentence, best first, with who asserts and who denies each and
    the evidence (``graph/claim_identity.py``: the identity index and its similarity)."""
    def run(name: str, **params: Any) -> list[dict[str, Any]]:
        return run_read(graph, name, timeout_s=timeout_s, **params)[1]

    matches = search_index(run, q, identity, limit)
    claims = {row["claim_id"]: row for row in run("read/claims_by_ids", claim_ids=[m.claim_id for m in matches])} \
        if matches else {}
    rows = [{**claims[m.claim_id], "score": m.score, "matched_terms": list(m.shared_terms)}
            for m in matches if m.claim_id in claims]
    return Page(_SEARCH_COLUMNS, [{c: row[c] for c in _SEARCH_COLUMNS} for row in rows], limit, 0, None, len(rows))


# Statements shown per contradicted claim and side by default (GET /contradictions?evidence=).
CONTRADICTION_EVIDENCE = 10
CONTRADICTION_MAX_EVIDENCE = 1000


def contradictions(graph: Graph, *, sort: str = "sides", actor: str | None = None, limit: int = 100, offset: int = 0,
                   evidence: int = CONTRADICTION_EVIDENCE, timeout_s: float | None = None) -> Page:
    """Claims one actor asserts and another denies, with both sides' actors and evidence;
    ``sort`` is ``sides`` (most actors on both sides first) or ``recent`` (latest first);
    ``actor`` (id, name or alias, any case) keeps the claims it asserts or denies.
    ``evidence`` bounds the statements shown per claim and side (oldest first): a claim said
    in a thousand articles would otherwise make a page of megabytes; ``assertions_total`` and
    ``denials_total`` count them all, and ``/claims/{id}`` shows them all.

    Raises:
        NotFoundError: ``actor`` names no actor.
    """
    if sort not in ("sides", "recent"):
        raise InvalidParametersError(f"sort: sides or recent, not {sort!r}")
    if not 1 <= evidence <= CONTRADICTION_MAX_EVIDENCE:
        raise InvalidParametersError(f"evidence: from 1 to {CONTRADICTION_MAX_EVIDENCE}, got {evidence}")
    return _paged(graph, "read/contradictions", key="claim_id", limit=limit, offset=offset, timeout_s=timeout_s,
                  sort=sort, tallied=tallied(graph), evidence=evidence,
                  actor_ids=actor_ids_for(graph, actor, timeout_s=timeout_s) if actor else None)


def mutual_accusations(graph: Graph, *, actor: str | None = None, limit: int = 100, offset: int = 0,
                       timeout_s: float | None = None) -> Page:
    """Pairs of actors who accuse each other, with the accusations each way, most first.

    Args:
        actor: only pairs with this actor (id, name or alias, any case).

    Raises:
        NotFoundError: ``actor`` names no actor.
    """
    if not actor and tallied(graph):
        return _paged(graph, "read/mutual_tallies", key="actor_a_id", limit=limit, offset=offset, timeout_s=timeout_s)
    return _paged(graph, "read/mutual_accusations", key="actor_a_id", limit=limit, offset=offset, timeout_s=timeout_s,
                  actor_ids=actor_ids_for(graph, actor, timeout_s=timeout_s) if actor else None)


def graph_counts(graph: Graph, *, timeout_s: float | None = None) -> dict[str, int]:
    """How many actors, articles, claims and statement edges the graph holds."""
    return run_read(graph, "read/graph_counts", timeout_s=timeout_s)[1][0]


def data_version(graph: Graph, *, timeout_s: float | None = None) -> str | None:
    """The graph's data version, ``"<epoch>:<version>"``: it changes with every write through
    claimgraph (``store.bump_data_version``). None before the first such write."""
    rows = run_read(graph, "read/data_version", timeout_s=timeout_s)[1]
    return f"{rows[0]['epoch']}:{rows[0]['version']}" if rows else None


def engine_components(graph: Graph, *, timeout_s: float | None = None) -> list[dict[str, Any]]:
    """What the database server says it is (name, versions, edition)."""
    return run_read(graph, "read/engine_components", timeout_s=timeout_s)[1]


def article_statements(graph: Graph, *, article_id: str, timeout_s: float | None = None) -> list[dict[str, Any]]:
    """Every statement of an article in text order (one row per statement and claim)."""
    return run_read(graph, "read/article_statements", timeout_s=timeout_s, article_id=article_id)[1]


def claim_articles(graph: Graph, *, claim_id: str, timeout_s: float | None = None) -> list[dict[str, Any]]:
    """The articles that state or deny a claim, newest first."""
    return run_read(graph, "read/claim_articles", timeout_s=timeout_s, claim_id=claim_id)[1]
