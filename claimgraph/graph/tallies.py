"""Aggregates kept with the data: the counts the whole-graph endpoints answer with.

Counting every statement edge on every request grows with the graph (bench/README.md, API
latency: ``/stats`` 12.5 s and ``/timeline`` ~4.5 s at 1M edges). Instead each write adds what
it brings to tally nodes, in the same transaction as its statements:

- ``RelationTally``: statements, statement edges, dated statements and target rows (one per
  edge and target: ``/accusations``' total) per relation;
- ``DayTally``: statements per UTC day and relation (``/timeline`` without filters);
- ``PairTally``: per accuser and accused (a target of an ACCUSES statement) the accusations,
  the articles and the first and last statement time (``/accusations?group=pair`` without
  filters or rollup);
- ``NodeTally``: actors, articles and claims;
- ``AccuserTally``, ``AboutPairTally`` and ``AccusedTally``: ACCUSES statements per speaker,
  per speaker and actor ABOUT whom (the accusation projection of ``/analytics``), and per such
  actor (``/stats``' top accusers and accused); a claim that becomes ABOUT one more actor makes
  its earlier accusations count for that actor too;
- ``LinkTally`` and ``MutualTally``: articles with an accusation between two actors either
  way, and the pairs who accuse each other (``/mutual``);
- ``AccusationRank``: the oldest ``OLDEST_ACCUSATIONS_KEPT`` rows of ``/accusations``, whose
  first pages (unfiltered) are read from them;
- ``ContestedTally``: for each claim one actor asserts and another denies, both sides and
  their statements (``/stats``' most contested claims, ``/contradictions``), counted again
  from the claim's statements whenever a write gives it a new one.

Only what is new counts: a statement already in the graph adds nothing, so loading the same
input twice counts once, and a failed batch (rolled back) counts nothing. An article new to a
pair counts once, across batches and loads, because the loader knows which pairs an article's
statements already in the graph have. ``recount`` rebuilds every tally from the statements
(after ``claimgraph reindex``, which deletes claims, and for a graph written before tallies
existed, or in another form: ``TALLIES_VERSION``); ``GraphState.tallied`` says the tallies
hold the whole graph in the current form, and reads count live when it does not.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

import neo4j

from claimgraph.graph.cypher import rows_of, run_named
from claimgraph.graph.engine import Graph
from claimgraph.graph.errors import GraphUnavailableError
from claimgraph.graph.types import Statement

# An accuser and an accused actor id.
Pair = tuple[str, str]


def _utc(moment: datetime | None) -> datetime | None:
    """A time in UTC; a naive one is UTC already (as the graph stores it)."""
    if moment is None:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)


def accused_ids(statement: Statement) -> set[str]:
    """The accused of an ACCUSES statement, as ``r.target_ids`` holds them."""
    return {t.actor_id for t in statement.targets if t.actor_id} if statement.relation == "ACCUSES" else set()


@dataclass
class _PairCount:
    accusations: int = 0
    articles: int = 0
    first: datetime | None = None
    last: datetime | None = None

    def add(self, moment: datetime | None) -> None:
        self.accusations += 1
        if moment is not None:
            self.first = moment if self.first is None or moment < self.first else self.first
            self.last = moment if self.last is None or moment > self.last else self.last


@dataclass
class Accusation:
    """A new ACCUSES statement of a batch and the claims it points at."""

    speaker_id: str
    claim_ids: set[str]


@dataclass
class Tallies:
    """What a batch adds to the tallies."""

    relations: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(
        lambda: {"statements": 0, "edges": 0, "dated_statements": 0, "target_rows": 0}))
    # The new rows of /accusations (one per ACCUSES edge and accused), for the oldest kept.
    accusation_rows: list[dict[str, Any]] = field(default_factory=list)
    days: dict[tuple[date, str], int] = field(default_factory=lambda: defaultdict(int))
    pairs: dict[Pair, _PairCount] = field(default_factory=lambda: defaultdict(_PairCount))
    actors: int = 0
    articles: int = 0
    claims: int = 0
    # Claims that got new statement edges: their sides are counted again (contested claims).
    touched_claims: set[str] = field(default_factory=set)
    # Articles new to two actors accusing one another either way, and the pairs of actors whose
    # accusations changed (for the mutual accusations).
    links: Counter[Pair] = field(default_factory=Counter)
    touched_links: set[Pair] = field(default_factory=set)
    # The batch's ACCUSES statements not in the graph yet, with their claims (set by the writer).
    new_accusations: dict[str, Accusation] = field(default_factory=dict)
    # New ACCUSES statements per speaker, and accusations per accuser and actor ABOUT whom.
    accusers: Counter[str] = field(default_factory=Counter)
    about_pairs: Counter[Pair] = field(default_factory=Counter)

    def add_statement(self, statement: Statement, edges: int, new: bool, article_pairs: set[Pair]) -> None:
        """Count a statement's new edges, and the statement itself when it is new.

        Args:
            article_pairs: the accuser and accused pairs its article already counts; the
                statement's pairs are added to it.
        """
        counts = self.relations[statement.relation]
        counts["edges"] += edges
        counts["target_rows"] += edges * len(statement.targets)
        if not new:
            return
        counts["statements"] += 1
        moment = _utc(statement.stated_at)
        if moment is not None:
            counts["dated_statements"] += 1
            self.days[(moment.date(), statement.relation)] += 1
        for accused in accused_ids(statement):
            accuser = statement.speaker.actor_id or ""
            pair = (accuser, accused)
            count = self.pairs[pair]
            count.add(moment)
            if accuser != accused:
                link = (min(accuser, accused), max(accuser, accused))
                self.touched_links.add(link)
                if pair not in article_pairs and (accused, accuser) not in article_pairs:
                    self.links[link] += 1  # an article new to the two, whoever accuses whom
            if pair not in article_pairs:
                count.articles += 1
                article_pairs.add(pair)

    def write(self, tx: neo4j.Transaction) -> None:
        _write_rows(tx, "write/add_relation_tallies", [
            {"relation": relation, **counts} for relation, counts in sorted(self.relations.items())])
        _write_rows(tx, "write/add_day_tallies", [
            {"key": f"{day.isoformat()} {relation}", "day": day.isoformat(), "relation": relation, "statements": n}
            for (day, relation), n in sorted(self.days.items())])
        _write_rows(tx, "write/add_pair_tallies", [
            {"key": f"{accuser} {accused}", "accuser_id": accuser, "accused_id": accused,
             "accusations": c.accusations, "articles": c.articles,
             "first": c.first.isoformat() if c.first else None, "last": c.last.isoformat() if c.last else None}
            for (accuser, accused), c in sorted(self.pairs.items())])
        _write_rows(tx, "write/add_oldest_accusations", [
            {"key": f"{r['statement_id']} {r['claim_id']} {r['accused_id']}", **r} for r in self.accusation_rows],
            keep=OLDEST_ACCUSATIONS_KEPT)
        _write_rows(tx, "write/add_actor_tallies", [
            {"actor_id": actor, "accusations": n} for actor, n in sorted(self.accusers.items())])
        _write_rows(tx, "write/add_about_tallies", [
            {"key": f"{accuser} {accused}", "accuser_id": accuser, "accused_id": accused, "accusations": n}
            for (accuser, accused), n in sorted(self.about_pairs.items())])
        _write_rows(tx, "write/add_link_tallies", [
            {"key": f"{a} {b}", "actor_a_id": a, "actor_b_id": b, "articles": n}
            for (a, b), n in sorted(self.links.items())])
        _write_rows(tx, "write/set_mutual_tallies", [
            {"key": f"{a} {b}", "actor_a_id": a, "actor_b_id": b} for a, b in sorted(self.touched_links)])
        if self.actors or self.articles or self.claims:
            run_named(tx, "write/add_node_tallies", actors=self.actors, articles=self.articles, claims=self.claims).consume()
        if self.touched_claims:
            # Counted again from the claims' statements, this transaction's included: only
            # claims with a denial, a small share, and a claim only gains sides.
            sides = rows_of(run_named(tx, "read/claim_sides", claim_ids=sorted(self.touched_claims)))
            write_contested(tx, sides)


def _write_rows(tx: neo4j.Transaction, name: str, rows: list[dict[str, Any]], **params: Any) -> None:
    """Run a tally write for its rows; none, no round trip (an actor declaration or a batch
    without accusations touches most tallies not at all)."""
    if rows:
        run_named(tx, name, rows=rows, **params).consume()


def claims_about(tx: neo4j.Transaction, claim_ids: set[str]) -> dict[str, set[str]]:
    """The actors each of these claims is ABOUT now (claims about none are left out)."""
    if not claim_ids:
        return {}
    rows = rows_of(run_named(tx, "read/claims_about", claim_ids=sorted(claim_ids)))
    return {row["claim_id"]: set(row["about"]) for row in rows}


def add_about_pairs(tx: neo4j.Transaction, tallies: Tallies, about_before: dict[str, set[str]],
                    about_added: dict[str, set[str]]) -> None:
    """Count the accusations of one actor on claims ABOUT another that a batch brings, after
    its writes in ``tx``: its new ACCUSES statements (``tallies.new_accusations``), and the
    ACCUSES statements already in the
    graph on claims the batch makes ABOUT one more actor. A statement counts once per actor
    however many of its claims are about that actor (as read/accusation_edges.cypher counts).

    Args:
        about_before: the ABOUT actors of the batch's claims before its writes.
        about_added: the ABOUT actors the batch wrote for each claim.
    """
    def after(claim_id: str) -> set[str]:
        return about_before.get(claim_id, set()) | about_added.get(claim_id, set())

    accusations = tallies.new_accusations
    for accusation in accusations.values():
        tallies.accusers[accusation.speaker_id] += 1
        for accused in set().union(*(after(c) for c in accusation.claim_ids)) - {accusation.speaker_id}:
            tallies.about_pairs[(accusation.speaker_id, accused)] += 1
    grown = {c: after(c) - about_before.get(c, set()) for c in about_added}
    grown = {c: actors for c, actors in grown.items() if actors}
    if not grown:
        return
    existing = [row for row in rows_of(run_named(tx, "read/accusations_on_claims", claim_ids=sorted(grown)))
                if row["statement_id"] not in accusations]
    several = {(row["article_id"], row["statement_id"], row["speaker_id"]) for row in existing if row["several"]}
    claims_now: dict[str, dict[str, set[str]]] = defaultdict(dict)  # statement -> its claims' ABOUT now
    if several:
        for row in rows_of(run_named(tx, "read/statement_claims", statements=[
                {"article_id": a, "statement_id": s, "speaker_id": p} for a, s, p in sorted(several)])):
            claims_now[row["statement_id"]][row["claim_id"]] = set(row["about"])
    counted: set[str] = set()
    for row in existing:
        statement_id, speaker = row["statement_id"], row["speaker_id"]
        if statement_id in counted:
            continue
        counted.add(statement_id)
        if row["several"]:
            now = claims_now[statement_id]
            before = set().union(*(about_before.get(c, about) if c in about_added else about for c, about in now.items()))
            new = set().union(*now.values()) - before
        else:
            new = grown[row["claim_id"]]
        for accused in new - {speaker}:
            tallies.about_pairs[(speaker, accused)] += 1


def write_contested(tx: neo4j.Transaction, sides: list[dict[str, Any]]) -> None:
    """Keep a ContestedTally for each of these claims (rows of read/claim_sides.cypher) that
    one actor asserts and another denies."""
    rows = []
    for claim in sides:
        asserters, deniers = sorted(claim["asserters"]), sorted(claim["deniers"])
        if not any(a != d for a in asserters for d in deniers):
            continue
        last = _moment(claim["last_stated_at"])
        rows.append({"claim_id": claim["claim_id"], "sides": len(asserters) + len(deniers),
                     "statements": claim["assertions"] + claim["denials"], "assertions": claim["assertions"],
                     "denials": claim["denials"], "asserters": asserters, "deniers": deniers,
                     "last_stated_at": last.isoformat() if last else None})
    run_named(tx, "write/set_contested_tallies", rows=rows).consume()


# The oldest rows of /accusations kept (AccusationRank): the unfiltered answer's pages within
# them are read from these instead of sorting every accusation.
OLDEST_ACCUSATIONS_KEPT = 1000

# The form of the tallies: a release that adds or changes a tally raises it, and a graph
# counted in another form is counted again at its next write (reads count live until then).
TALLIES_VERSION = 2


def is_tallied(session: neo4j.Session) -> bool:
    record = run_named(session, "read/tallied").single()
    # Not a bool: the first tallies were marked true, and True == 1 in Python.
    return record is not None and type(record["tallied"]) is int and record["tallied"] == TALLIES_VERSION


def tallied(graph: Graph) -> bool:
    """Whether the tallies hold the whole graph.

    Raises:
        GraphUnavailableError: the database does not answer.
    """
    try:
        with graph.driver.session(database=graph.database) as session:
            return is_tallied(session)
    except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired) as e:
        raise GraphUnavailableError(f"the graph database does not answer: {e}") from e


def counted(graph: Graph) -> dict[str, Any]:
    """The tallies as the live queries count them now, with the answers that read them
    (contested claims, mutual accusations): what the kept tallies must equal."""
    with graph.driver.session(database=graph.database) as session:
        now = _counted(session, answers=True)
    del now["oldest_rows"]
    return now


def _counted(session: neo4j.Session, *, answers: bool) -> dict[str, Any]:
    """The live counts; with ``answers``, also the sorted answers of the contested claims and
    the mutual accusations (a recount does not need them, and on a large graph they need more
    query heap than it should take)."""
    nodes = run_named(session, "read/graph_counts").single(strict=True)
    relations = run_named(session, "read/statement_totals").data()
    days = run_named(session, "read/timeline_days", relations=None, since=None, until=None).data()
    pairs = run_named(session, "read/accusation_pair_counts").data()
    about = run_named(session, "read/accusation_edges").data()
    accusers = run_named(session, "read/accuser_counts").data()
    links = run_named(session, "read/link_counts").data()
    contested = run_named(session, "read/contested_claims", tallied=False, limit=_every_claim(session)).data() \
        if answers else []
    mutual = run_named(session, "read/mutual_accusations", actor_ids=None, skip=0, limit=2**31 - 1).data() \
        if answers else []
    oldest = run_named(session, "read/accusations", accuser_ids=None, accused_ids=None, rollup=False, since=None,
                       until=None, source=None, min_confidence=None, kept_rows=False, skip=0,
                       limit=OLDEST_ACCUSATIONS_KEPT).data()
    accused: Counter[str] = Counter()
    for edge in about:
        accused[edge["target_id"]] += edge["accusations"]
    oldest = [row for row in oldest if row["statement_id"] is not None]
    return {**_normalised(
        nodes={"actors": nodes["actors"], "articles": nodes["articles"], "claims": nodes["claims"]},
        relations=relations, days=days, pairs=pairs, contested=contested, about=about,
        accusers={row["actor_id"]: row["accusations"] for row in accusers}, accused=dict(accused), links=links,
        mutual=mutual, oldest=oldest),
        # What a recount writes as the kept oldest rows.
        "oldest_rows": [{"statement_id": r["statement_id"], "claim_id": r["claim_id"], "accused_id": r["accused_id"],
                         "article_id": r["article_id"], "claim_start": r["claim_start"],
                         "stated_at": _moment(r["stated_at"]).isoformat() if r["stated_at"] else None} for r in oldest]}


def kept(graph: Graph) -> dict[str, Any]:
    """The tallies as the writes kept them."""
    with graph.driver.session(database=graph.database) as session:
        nodes = run_named(session, "read/node_tallies").single(strict=True).data()
        relations = run_named(session, "read/relation_tallies").data()
        days = run_named(session, "read/day_tallies", relations=None, since_day=None, until_day=None).data()
        pairs = run_named(session, "read/pair_tallies").data()
        contested = run_named(session, "read/contested_claims", tallied=True, limit=_every_claim(session)).data()
        about = run_named(session, "read/about_pair_tallies").data()
        accusers = run_named(session, "read/accuser_tallies").data()
        accused = run_named(session, "read/accused_tallies").data()
        links = run_named(session, "read/link_tallies").data()
        mutual = run_named(session, "read/mutual_tallies", skip=0, limit=2**31 - 1).data()
        oldest = run_named(session, "read/oldest_accusation_ranks").data()
    return _normalised(nodes=nodes, relations=relations, days=days,
                       pairs=pairs, contested=contested, about=about,
                       accusers={row["actor_id"]: row["accusations"] for row in accusers},
                       accused={row["actor_id"]: row["accusations"] for row in accused}, links=links, mutual=mutual,
                       oldest=oldest)


def _every_claim(session: neo4j.Session) -> int:
    """A LIMIT that keeps every claim: ArcadeDB sizes a sorted LIMIT's buffer by it, so not 2**31."""
    return max(1, run_named(session, "read/graph_counts").single(strict=True)["claims"])


def _moment(value: Any) -> datetime | None:
    return value.to_native() if hasattr(value, "to_native") else value


def _normalised(*, nodes: dict[str, int], relations: list[dict[str, Any]], days: list[dict[str, Any]],
                pairs: list[dict[str, Any]], contested: list[dict[str, Any]], about: list[dict[str, Any]],
                accusers: dict[str, int], accused: dict[str, int], links: list[dict[str, Any]],
                mutual: list[dict[str, Any]], oldest: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "links": {(row["actor_a_id"], row["actor_b_id"]): row["articles"] for row in links},
        "mutual": [{k: _moment(v) if k.endswith("stated_at") else v for k, v in row.items() if k != "total"}
                   for row in mutual if row["actor_a_id"] is not None],
        "about": {(e["source_id"], e["target_id"]): e["accusations"] for e in about},
        "accusers": accusers,
        "accused": accused,
        "contested": [{**c, "asserters": sorted(c["asserters"]), "deniers": sorted(c["deniers"])} for c in contested],
        "nodes": dict(nodes),
        "relations": {r["relation"]: {"statements": r["statements"], "edges": r["edges"],
                                      "dated_statements": r["dated_statements"], "target_rows": r["target_rows"]}
                      for r in relations},
        "oldest": [(r["statement_id"], r["claim_id"], r["accused_id"]) for r in oldest],
        "days": {(_moment(d["day"]).isoformat(), d["relation"]): d["statements"] for d in days},
        "pairs": {(p["accuser_id"], p["accused_id"]): (p["accusations"], p["articles"], _moment(p["first_stated_at"]),
                                                       _moment(p["last_stated_at"])) for p in pairs},
    }


def recount(graph: Graph) -> None:
    """Rebuild every tally from the statements, in one transaction, and mark them whole."""
    with graph.driver.session(database=graph.database) as session:
        now = _counted(session, answers=False)
    tallies = Tallies(actors=now["nodes"]["actors"], articles=now["nodes"]["articles"], claims=now["nodes"]["claims"])
    for relation, counts in now["relations"].items():
        tallies.relations[relation].update(counts)
    for (day, relation), n in now["days"].items():
        tallies.days[(date.fromisoformat(day), relation)] = n
    for pair, (accusations, articles, first, last) in now["pairs"].items():
        tallies.pairs[pair] = _PairCount(accusations, articles, first, last)
    tallies.accusers.update(now["accusers"])
    tallies.about_pairs.update(now["about"])
    tallies.links.update(now["links"])
    tallies.touched_links.update(now["links"])
    tallies.accusation_rows.extend(now["oldest_rows"])
    with graph.driver.session(database=graph.database) as session:
        sides = run_named(session, "read/claim_sides", claim_ids=None).data()
        with session.begin_transaction() as tx:
            run_named(tx, "write/delete_tallies").consume()
            tallies.write(tx)
            write_contested(tx, sides)
            run_named(tx, "write/mark_tallied", epoch=uuid.uuid4().hex, tallies_version=TALLIES_VERSION).consume()
            tx.commit()


def ensure_tallied(graph: Graph) -> bool:
    """Recount the tallies when they do not hold the whole graph; returns whether it did."""
    if tallied(graph):
        return False
    recount(graph)
    return True
