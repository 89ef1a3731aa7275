"""Writing to the graph: the schema, actors, and articles with their statements.

Articles are written in batches of whole articles, each batch one transaction of a few
``UNWIND $rows`` queries. When a batch fails, its articles are written again one transaction
each, so a bad article writes nothing and the others still load. Every write is a MERGE on a
constrained key, so loading the same input twice leaves the same graph. Each transaction also
bumps the graph's data version (the API's ETags and kept answers) and adds what it brings to the
tallies of the whole-graph endpoints (``graph/tallies.py``).
"""

from __future__ import annotations

import gc
import sqlite3
import threading
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import neo4j

from claimgraph.graph.claim_identity import (
    IdentitySettings,
    IndexedClaim,
    Join,
    about_ids,
    claim_terms,
    is_negated,
    is_worded,
    join_new_claims,
)
from claimgraph.graph.cypher import rows_of, run_named, schema_statements
from claimgraph.graph.engine import BOLT_MAX_MESSAGE_BYTES, Graph
from claimgraph.graph.errors import ClaimgraphError, GraphUnavailableError
from claimgraph.graph.tallies import Accusation, Pair, Tallies, add_about_pairs, claims_about, ensure_tallied
from claimgraph.graph.types import ABOUT_RELATIONS, Actor, ArticleStatements, Statement


class ArticleWriteError(ClaimgraphError):
    """An article could not be written; nothing of it was."""


def apply_schema(graph: Graph) -> None:
    """Create the constraints and indexes of ``cypher/schema.cypher`` that are missing."""
    with graph.driver.session(database=graph.database) as session:
        for statement in schema_statements():
            session.run(statement).consume()


class ArticleTextConflictError(ArticleWriteError):
    """The article's id is in the graph with another text."""


@dataclass
class ArticleFailure:
    article_id: str
    origin: str | None
    message: str
    # The id is taken by another text (an HTTP client gets 409 Conflict).
    conflict: bool = False

    def __str__(self) -> str:
        return f"{self.origin}: article '{self.article_id}': {self.message}" if self.origin else f"article '{self.article_id}': {self.message}"


class _SeenIds:
    """The distinct ids a load met, which may be millions of claims: kept in a private
    temporary SQLite file (deleted when closed) so that the report's memory stays flat."""

    def __init__(self) -> None:
        # "": SQLite's private temporary database; used by one thread at a time.
        self._db = sqlite3.connect("", isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode = OFF")
        self._db.execute("PRAGMA synchronous = OFF")
        self._db.execute("CREATE TABLE seen (id TEXT PRIMARY KEY) WITHOUT ROWID")
        self._count = 0

    def update(self, ids: Iterable[str]) -> None:
        before = self._db.total_changes
        self._db.execute("BEGIN")
        self._db.executemany("INSERT OR IGNORE INTO seen (id) VALUES (?)", ((i,) for i in ids))
        self._db.execute("COMMIT")
        self._count += self._db.total_changes - before

    def __len__(self) -> int:
        return self._count


# Past this many actors and claims, a load's changes are not listed: the follow-up after the
# load (graph/keeping.py) refreshes everything, which then costs about as much.
CHANGES_LISTED_MAX = 100_000


@dataclass
class WriteChanges:
    """What a load's writes changed, for what is kept after them (``graph/keeping.py``): the
    actors and claims its committed statements touched, and how many data versions its
    transactions made. ``everything`` when there were too many to list, or when declared
    actors may have renamed actors that other answers show."""

    actor_ids: set[str] = field(default_factory=set)
    claim_ids: set[str] = field(default_factory=set)
    versions: int = 0
    everything: bool = False

    def note(self, actor_ids: Iterable[str], claim_ids: Iterable[str]) -> None:
        """Note one committed transaction (one data version) and what it touched."""
        self.versions += 1
        self._add(actor_ids, claim_ids)

    def merge(self, other: WriteChanges) -> None:
        """Add another write's changes to these."""
        self.versions += other.versions
        if other.everything:
            self.note_everything()
        else:
            self._add(other.actor_ids, other.claim_ids)

    def _add(self, actor_ids: Iterable[str], claim_ids: Iterable[str]) -> None:
        if self.everything:
            return
        self.actor_ids.update(actor_ids)
        self.claim_ids.update(claim_ids)
        if len(self.actor_ids) + len(self.claim_ids) > CHANGES_LISTED_MAX:
            self.note_everything()

    def note_everything(self) -> None:
        self.everything = True
        self.actor_ids.clear()
        self.claim_ids.clear()


@dataclass
class LoadReport:
    """What a load did: new and already-present articles, statements, actors and claims."""

    articles_new: int = 0
    articles_existing: int = 0
    statements_new: int = 0
    statements_existing: int = 0
    actors_new: int = 0
    actors_existing: int = 0
    claims_new: int = 0
    claims_existing: int = 0
    failures: list[ArticleFailure] = field(default_factory=list)
    # Ids seen, so that an actor or claim met in several batches is counted once.
    _actor_ids: _SeenIds = field(default_factory=_SeenIds, repr=False, compare=False)
    _claim_ids: _SeenIds = field(default_factory=_SeenIds, repr=False, compare=False)
    _article_ids: _SeenIds = field(default_factory=_SeenIds, repr=False, compare=False)
    changes: WriteChanges = field(default_factory=WriteChanges, repr=False, compare=False)

    def finish(self) -> LoadReport:
        self.actors_existing = len(self._actor_ids) - self.actors_new
        self.claims_existing = len(self._claim_ids) - self.claims_new
        self.articles_existing = len(self._article_ids) - self.articles_new
        return self

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": {"new": self.articles_new, "existing": self.articles_existing},
            "statements": {"new": self.statements_new, "existing": self.statements_existing},
            "actors": {"new": self.actors_new, "existing": self.actors_existing},
            "claims": {"new": self.claims_new, "existing": self.claims_existing},
            "failed_articles": len(self.failures),
        }


def _actor_row(actor: Actor, declared: bool) -> dict[str, Any]:
    return {"id": actor.id, "name": actor.name, "kind": actor.kind,
            "aliases": [a for a in actor.aliases if a != actor.name], "declared": declared}


def _merged_actors(actors: Iterable[Actor]) -> dict[str, Actor]:
    """One record per id: the first name, and every other name of every mention as an alias."""
    merged: dict[str, Actor] = {}
    for actor in actors:
        known = merged.get(actor.id)
        if known is None:
            merged[actor.id] = actor
        else:
            names = [actor.name, *actor.aliases]
            merged[actor.id] = known.model_copy(update={
                "aliases": known.aliases + [a for a in dict.fromkeys(names) if a != known.name and a not in known.aliases],
                "kind": known.kind if known.kind != "unknown" else actor.kind,
                "part_of": known.part_of + [p for p in actor.part_of if p not in known.part_of],
            })
    return merged


def _adds_to(known: Actor | None, actor: Actor) -> bool:
    """Whether writing ``actor`` changes what was written as ``known``."""
    if known is None:
        return True
    names_known = {known.name, *known.aliases}
    return (actor.kind != "unknown" and actor.kind != known.kind) or not {actor.name, *actor.aliases} <= names_known \
        or not set(actor.part_of) <= set(known.part_of)


def _actor_states(runner: neo4j.Session | neo4j.Transaction, actor_ids: list[str]) -> dict[str, tuple[Any, ...]]:
    """What the answers show of these actors: (name, kind, aliases, PART_OF parent ids)."""
    return {row["id"]: (row["name"], row["kind"], tuple(row["aliases"]), tuple(row["parent_ids"]))
            for row in run_named(runner, "read/actor_states", actor_ids=actor_ids)}


def bump_data_version(tx: neo4j.Transaction) -> None:
    """Count a change of the graph's data, inside the transaction that makes it, so that the
    API's cached answers and ETags (``api/caching.py``) never outlive the data they show."""
    run_named(tx, "write/bump_data_version", epoch=uuid.uuid4().hex).consume()


def _merge_actors(tx: neo4j.Transaction, actors: list[Actor], declared: bool) -> int:
    """Write actors and their PART_OF links; returns how many actors were created."""
    summary = run_named(tx, "write/merge_actors", actors=[_actor_row(a, declared) for a in actors]).consume()
    links = [{"child_id": a.id, "parent_id": p.actor_id, "role": p.role} for a in actors for p in a.part_of]
    run_named(tx, "write/merge_part_of", links=links).consume()
    return summary.counters.nodes_created


def write_actors(graph: Graph, actors: list[Actor], report: LoadReport | None = None) -> LoadReport:
    """Write declared actors and their PART_OF links: they set name, kind and aliases."""
    report = report or LoadReport()
    merged = _merged_actors(actors)
    if not merged:
        return report
    ensure_tallied(graph)
    with graph.driver.session(database=graph.database) as session:
        before = _actor_states(session, sorted(merged))
        with session.begin_transaction() as tx:
            bump_data_version(tx)
            created = _merge_actors(tx, list(merged.values()), declared=True)
            Tallies(actors=created).write(tx)
            after = _actor_states(tx, sorted(merged))
            tx.commit()
    changed = {actor_id for actor_id, state in after.items() if before.get(actor_id) != state}
    # Their parents too, before and after: a parent's answers list its parts.
    parents = {parent for actor_id in changed for state in (before.get(actor_id), after[actor_id]) if state
               for parent in state[3]}
    report.changes.note(changed | parents, [])
    if any(before[actor_id][:2] != after[actor_id][:2] for actor_id in changed & before.keys()):
        report.changes.note_everything()  # other actors' answers show the old name or kind
    report.actors_new += created
    report._actor_ids.update(merged)
    return report


def _edge_properties(statement: Statement, join: Join | None = None) -> dict[str, Any]:
    """The evidence a statement edge carries, and why its claim was joined to one worded
    differently (``join``); unknown values are left out, not stored as null."""
    cue, claim, sentence, speaker = statement.cue, statement.claim, statement.sentence, statement.speaker
    properties = {
        "article_id": statement.article_id,
        "target_ids": [t.actor_id for t in statement.targets],
        "speaker_text": speaker.text,
        "speaker_start": speaker.start,
        "speaker_end": speaker.end,
        "cue": cue.text if cue else None,
        "cue_start": cue.start if cue else None,
        "cue_end": cue.end if cue else None,
        "claim_text": claim.text,
        "claim_start": claim.start,
        "claim_end": claim.end,
        "refers_to": claim.refers_to or None,
        "sentence": sentence.text if sentence else None,
        "sentence_start": sentence.start if sentence else None,
        "confidence": statement.confidence,
        "extractor": statement.extractor,
        "origin_id": statement.origin_id,
        "origin_code": statement.origin_code,
        "negated": True if is_negated(claim.text) else None,
        "joined_score": join.score if join else None,
        "joined_terms": list(join.shared_terms) if join else None,
    }
    return {key: value for key, value in properties.items() if value is not None}


def _iso(moment: datetime | None) -> str | None:
    # Times travel as ISO 8601 strings, turned back into datetimes by the queries: the driver
    # encodes a datetime in pure Python at ~50 us each, half the cost of a statement row (issue 2).
    return moment.isoformat() if moment else None


class _Batch:
    """The rows of the write queries for some whole articles."""

    def __init__(self, articles: list[ArticleStatements], claims_of: Callable[[ArticleStatements, Statement], list[str]],
                 written_actors: dict[str, Actor] | None = None, joins: dict[str, Join] | None = None,
                 created: set[str] | None = None) -> None:
        self.articles = articles
        # The worded claims this batch creates (not in the graph, joined to none): to index.
        self.created = created or set()
        self.actors = _merged_actors(actor for a in articles for actor in a.actors)
        # Actors already written by this load are sent again only when they bring something
        # new: rewriting a hub actor in every batch costs the engine a record update each time.
        written = written_actors or {}
        self.new_actors = [a for a in self.actors.values() if _adds_to(written.get(a.id), a)]
        claims: dict[str, dict[str, Any]] = {}
        self.article_rows: list[dict[str, Any]] = []
        self.statement_rows: list[dict[str, Any]] = []
        # The wordings joined to existing claims (graph/claim_identity.py).
        self.variant_rows: list[dict[str, Any]] = []
        for article in articles:
            mentioned: dict[str, None] = {}  # claim ids in order, once each
            for statement in article.statements:
                own_claim = statement.claim.claim_id
                if own_claim:
                    row = claims.get(own_claim)
                    if row is None:
                        text = statement.claim.text or ""
                        terms = claim_terms(text) if is_worded(own_claim) else []
                        row = claims[own_claim] = {"id": own_claim, "text": text, "terms": terms, "about": []}
                    if statement.relation in ABOUT_RELATIONS:
                        row["about"].extend(t.actor_id for t in statement.targets if t.actor_id not in row["about"])
                join = (joins or {}).get(statement.statement_id)  # type: ignore[arg-type]
                if join is not None:
                    terms = claim_terms(statement.claim.text or "")
                    self.variant_rows.append({"claim_id": join.claim_id, "wording": " ".join(terms), "terms": terms})
                properties = _edge_properties(statement, join)
                for claim_id in claims_of(article, statement):
                    mentioned[claim_id] = None
                    self.statement_rows.append({
                        "statement_id": statement.statement_id, "relation": statement.relation,
                        "speaker_id": statement.speaker.actor_id, "claim_id": claim_id,
                        "stated_at": _iso(statement.stated_at), "properties": properties,
                    })
            self.article_rows.append({
                "id": article.article.id,
                "properties": article.article.model_dump(exclude={"id", "published_at"}, exclude_none=True),
                "published_at": _iso(article.article.published_at),
                "claim_ids": list(mentioned),
            })
        self.claim_rows = list(claims.values())

    def write(self, tx: neo4j.Transaction) -> tuple[int, int, int]:
        """Run the writes; returns the numbers of articles, actors and claims created."""
        bump_data_version(tx)
        actors_new = _merge_actors(tx, self.new_actors, declared=False)
        claims = run_named(tx, "write/merge_claims", claims=self.claim_rows).consume()
        # Only the claims this batch creates are indexed: the others are already.
        created = [{"id": row["id"], "terms": row["terms"]} for row in self.claim_rows
                   if row["id"] in self.created and row["terms"]]
        run_named(tx, "write/merge_claim_terms", claims=created).consume()
        counts = Counter(term for row in created for term in row["terms"])
        run_named(tx, "write/add_term_counts", counts=[{"term": t, "added": n} for t, n in sorted(counts.items())]).consume()
        run_named(tx, "write/add_claim_variants", variants=self.variant_rows).consume()
        articles = run_named(tx, "write/merge_articles", articles=self.article_rows).consume()
        written = run_named(tx, "write/merge_statements", statements=self.statement_rows).single(strict=True)["written"]
        if written != len(self.statement_rows):
            raise ArticleWriteError(
                f"{len(self.statement_rows) - written} statement(s) found no claim to point at "
                "(claim.refers_to names a statement that is not in the graph)"
            )
        return articles.counters.nodes_created, actors_new, claims.counters.nodes_created


# What one batch may send, and one article alone, in (over-)estimated bytes: well under the
# engine's Bolt message limit, past which ArcadeDB stops answering instead of failing.
MAX_BATCH_BYTES = 8 * 2**20
MAX_ARTICLE_BYTES = BOLT_MAX_MESSAGE_BYTES * 3 // 4


def _utf8_size(*strings: str | None) -> int:
    return sum(len(s.encode("utf-8")) for s in strings if s)


def estimated_bytes(article: ArticleStatements) -> int:
    """An upper estimate of what writing the article sends: the UTF-8 size of its text and of
    each statement's strings (once per claim it points at), plus room for keys and numbers."""
    size = 2_000 + _utf8_size(article.article.text, article.article.title, article.article.url)
    for statement in article.statements:
        strings = _utf8_size(statement.sentence.text if statement.sentence else None, statement.claim.text,
                             statement.speaker.text, statement.cue.text if statement.cue else None)
        size += (1_000 + strings) * max(1, len(statement.claim.refers_to))
    return size


def _batches(sized: Iterable[tuple[ArticleStatements, int]], batch_size: int) -> Iterator[list[ArticleStatements]]:
    """Whole articles, given with their ``estimated_bytes``: at most ``batch_size`` statements
    and ``MAX_BATCH_BYTES`` a batch (an article larger than either goes alone)."""
    batch: list[ArticleStatements] = []
    statements = size = 0
    for article, article_size in sized:
        if batch and (statements + len(article.statements) > batch_size or size + article_size > MAX_BATCH_BYTES):
            yield batch
            batch, statements, size = [], 0, 0
        batch.append(article)
        statements += len(article.statements)
        size += article_size
    if batch:
        yield batch


class _Writer:
    """Writes batches of one load. What it knows of an article (its statements in the graph,
    the pairs it counts, its text hash) lasts while the article's batch is written: ``forget``
    drops it, so that memory does not grow with the input."""

    def __init__(self, report: LoadReport, identity: IdentitySettings) -> None:
        self.report = report
        self.identity = identity
        # The claims of the batch's statements by article, for refers_to to an earlier statement.
        self.input_claims: dict[str, dict[str, list[str]]] = {}
        self.loaded: dict[str, dict[str, list[str]]] = {}
        # The accuser and accused pairs each article counts in the graph (graph/tallies.py).
        self.article_pairs: dict[str, set[Pair]] = defaultdict(set)
        self.written_actors: dict[str, Actor] = {}
        # The text hash each article has in the graph (None: written without text).
        self.text_hashes: dict[str, str | None] = {}
        # What the evidence rows show of each article in the graph: url, title, source.
        self.shown: dict[str, tuple[str | None, ...]] = {}

    def _load_existing(self, session: neo4j.Session, articles: list[ArticleStatements]) -> None:
        """The statements these articles already have in the graph, and their claims."""
        ids = [a.article.id for a in articles if a.article.id not in self.loaded]
        for article_id in ids:
            self.loaded[article_id] = defaultdict(list)
            self.text_hashes.setdefault(article_id, None)
        if ids:
            for record in run_named(session, "write/loaded_statements", article_ids=ids):
                self.loaded[record["article_id"]][record["statement_id"]].append(record["claim_id"])
                if record["relation"] == "ACCUSES":
                    self.article_pairs[record["article_id"]].update(
                        (record["speaker_id"], accused) for accused in record["target_ids"] or [])
            for record in run_named(session, "write/known_articles", article_ids=ids):
                self.text_hashes[record["article_id"]] = record["text_sha256"]
                self.shown[record["article_id"]] = (record["url"], record["title"], record["source"])

    def _check_same_text(self, articles: list[ArticleStatements]) -> None:
        """Refuse an article whose id is in the graph with another text: the statements there
        have offsets into that text, and a second text would make them point at wrong words."""
        for article in articles:
            known, new = self.text_hashes.get(article.article.id), article.article.text_sha256
            if known is not None and new is not None and known != new:
                raise ArticleTextConflictError(
                    f"article '{article.article.id}' is already in the graph with another text "
                    f"(sha256 {known[:12]}…, this one {new[:12]}…); the offsets of its statements point "
                    "into that text: give the new text another article id"
                )

    def forget(self, articles: list[ArticleStatements]) -> None:
        """Drop what the writer knows of these articles (written or failed); an article met
        again later in the input is looked up in the graph again."""
        for article in articles:
            article_id = article.article.id
            for known in (self.input_claims, self.loaded, self.article_pairs, self.text_hashes, self.shown):
                known.pop(article_id, None)

    def claims_of(self, article: ArticleStatements, statement: Statement) -> list[str]:
        """The claim(s) a statement points at: its own, or those of the statements of its
        article it refers to."""
        if not statement.claim.refers_to:
            return [statement.claim.claim_id]  # type: ignore[list-item]
        claims: list[str] = []
        article_id = article.article.id
        for ref in statement.claim.refers_to:
            found = self.input_claims.get(article_id, {}).get(ref) or self.loaded.get(article_id, {}).get(ref)
            if not found:
                raise ArticleWriteError(
                    f"statement '{statement.statement_id}': claim.refers_to names '{ref}', "
                    "which is not a statement of the article, in this input or in the graph"
                )
            claims.extend(c for c in found if c not in claims)
        return claims

    def _join_claims(self, session: neo4j.Session, articles: list[ArticleStatements],
                     ) -> tuple[list[ArticleStatements], dict[str, Join], set[str]]:
        """The articles with each new statement's claim settled: a claim not in the graph yet
        joins an existing or earlier one worded alike (``graph/claim_identity.py``), and a
        statement already in the graph keeps the claim it has there, so loading again adds
        nothing. Returns the articles, the joins by statement id, and the worded claims the
        batch creates (to index)."""
        def run(name: str, **params: Any) -> list[dict[str, Any]]:
            return rows_of(run_named(session, name, **params))

        pending: dict[str, IndexedClaim] = {}
        for article in articles:
            loaded = self.loaded[article.article.id]
            for statement in article.statements:
                claim_id = statement.claim.claim_id
                if (statement.claim.refers_to or not claim_id or not is_worded(claim_id)
                        or statement.statement_id in loaded or claim_id in pending):
                    continue
                pending[claim_id] = IndexedClaim(claim_id, claim_terms(statement.claim.text or ""),
                                                 about_ids(statement.relation, (t.actor_id for t in statement.targets)))
        existing = {row["claim_id"] for row in run("read/claims_exist", claim_ids=list(pending))} if pending else set()
        decided = join_new_claims(run, [c for c in pending.values() if c.id not in existing], self.identity)
        joins: dict[str, Join] = {}
        settled = []
        for article in articles:
            loaded = self.loaded[article.article.id]
            statements = []
            for statement in article.statements:
                claim_id = statement.claim.claim_id
                if statement.statement_id in loaded and not statement.claim.refers_to:
                    claim_id = loaded[statement.statement_id][0]
                elif (join := decided.get(claim_id or "")) is not None:
                    joins[statement.statement_id] = join  # type: ignore[index]
                    claim_id = join.claim_id
                if claim_id != statement.claim.claim_id:
                    statement = statement.model_copy(update={"claim": statement.claim.model_copy(update={"claim_id": claim_id})})
                    self.input_claims[article.article.id][statement.statement_id] = [claim_id]  # type: ignore[index,list-item]
                statements.append(statement)
            settled.append(article.model_copy(update={"statements": statements}))
        return settled, joins, {claim_id for claim_id, join in decided.items() if join is None}

    def _new_edges(self, batch: _Batch) -> list[dict[str, Any]]:
        """The batch's statement rows whose edge is not in the graph yet."""
        return [row for row in batch.statement_rows
                if row["claim_id"] not in self.loaded[row["properties"]["article_id"]].get(row["statement_id"], ())]

    def _tallies(self, articles: list[ArticleStatements], new_edges: list[dict[str, Any]], articles_new: int,
                 actors_new: int, claims_new: int) -> tuple[Tallies, dict[str, set[Pair]]]:
        """What the batch adds to the tallies (its statements and edges not in the graph yet),
        and the pairs its articles count once it is committed."""
        edges: Counter[str] = Counter()
        tallies = Tallies(actors=actors_new, articles=articles_new, claims=claims_new)
        for row in new_edges:
            properties = row["properties"]
            edges[row["statement_id"]] += 1
            tallies.touched_claims.add(row["claim_id"])
            if row["relation"] == "ACCUSES" and row["statement_id"] not in self.loaded[properties["article_id"]]:
                tallies.new_accusations.setdefault(
                    row["statement_id"], Accusation(row["speaker_id"], set())).claim_ids.add(row["claim_id"])
            if row["relation"] == "ACCUSES":
                tallies.accusation_rows.extend(
                    {"statement_id": row["statement_id"], "claim_id": row["claim_id"], "accused_id": accused,
                     "article_id": properties["article_id"], "claim_start": properties.get("claim_start"),
                     "stated_at": row["stated_at"]}
                    for accused in properties.get("target_ids", []))
        counted: dict[str, set[Pair]] = {}
        for article in articles:
            loaded = self.loaded[article.article.id]
            pairs = counted[article.article.id] = set(self.article_pairs[article.article.id])
            for statement in article.statements:
                tallies.add_statement(statement, edges[statement.statement_id],  # type: ignore[index]
                                      statement.statement_id not in loaded, pairs)
        return tallies, counted

    def _shows_more(self, article: ArticleStatements) -> bool:
        """Whether writing the article changes what the evidence rows show of it: it is new,
        or it brings a url, title or source the graph had otherwise."""
        if article.article.id not in self.shown:
            return True
        given = (article.article.url, article.article.title, article.article.source)
        return any(new is not None and new != known for new, known in zip(given, self.shown[article.article.id]))

    def take(self, articles: list[ArticleStatements]) -> None:
        """Note the claims of the articles' statements, for the statements that refer to them."""
        for article in articles:
            self.input_claims[article.article.id] = {
                s.statement_id: [s.claim.claim_id] for s in article.statements if s.claim.claim_id}  # type: ignore[misc]

    def write(self, session: neo4j.Session, articles: list[ArticleStatements]) -> None:
        self.take(articles)
        self._load_existing(session, articles)
        self._check_same_text(articles)
        articles, joins, created = self._join_claims(session, articles)
        batch = _Batch(articles, self.claims_of, self.written_actors, joins, created)
        with session.begin_transaction() as tx:
            accused_claims = {row["id"] for row in batch.claim_rows} | {
                row["claim_id"] for row in batch.statement_rows if row["relation"] == "ACCUSES"}
            about_before = claims_about(tx, accused_claims)
            articles_new, actors_new, claims_new = batch.write(tx)
            new_edges = self._new_edges(batch)
            tallies, counted_pairs = self._tallies(articles, new_edges, articles_new, actors_new, claims_new)
            add_about_pairs(tx, tallies, about_before, {row["id"]: set(row["about"]) for row in batch.claim_rows})
            tallies.write(tx)
            tx.commit()
        with_new_edges = {row["properties"]["article_id"] for row in new_edges}
        changed = [a for a in articles if a.article.id in with_new_edges or self._shows_more(a)]
        self.report.changes.note(
            {actor_id for a in changed for actor in a.actors for actor_id in (actor.id, *(p.actor_id for p in actor.part_of))},
            tallies.touched_claims)  # the claims given a statement edge, the new ones among them
        self.article_pairs.update(counted_pairs)
        for actor in batch.new_actors:
            known = self.written_actors.get(actor.id)
            self.written_actors[actor.id] = _merged_actors([known, actor])[actor.id] if known else actor
        report = self.report
        report.articles_new += articles_new
        report.actors_new += actors_new
        report.claims_new += claims_new
        report._article_ids.update(a.article.id for a in articles)
        report._actor_ids.update(batch.actors)
        report._claim_ids.update(row["id"] for row in batch.claim_rows)
        report._claim_ids.update(row["claim_id"] for row in batch.statement_rows)
        for article in articles:
            if article.article.text_sha256 is not None:
                self.text_hashes[article.article.id] = article.article.text_sha256
            existing = self.loaded[article.article.id]
            new = sum(1 for s in article.statements if s.statement_id not in existing)
            report.statements_new += new
            report.statements_existing += len(article.statements) - new
        # What is in the graph now, for statements of these articles that refer to it later.
        for row in batch.statement_rows:
            claims = self.loaded[row["properties"]["article_id"]][row["statement_id"]]
            if row["claim_id"] not in claims:
                claims.append(row["claim_id"])


# The garbage collector's thresholds while articles are written. A load allocates millions of
# short-lived rows, results and sets; at Python's default (700, 10, 10) the collector runs every
# 700 allocations and its full passes walk every live object: 2 s of client CPU in a 12.5 s write
# of 20,000 statements. Collecting the young every 50,000 allocations keeps cyclic garbage
# bounded, and the same write took 10.0 s (bench/README.md, loader write speed).
LOAD_GC_THRESHOLD = (50_000, 50, 100)
_GC_LOCK = threading.Lock()
_gc_writers = 0
_gc_saved: tuple[int, int, int] | None = None


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """``LOAD_GC_THRESHOLD`` while any load of this process writes (the thresholds are the
    process's: the last writer to finish puts them back)."""
    global _gc_writers, _gc_saved
    with _GC_LOCK:
        if _gc_writers == 0:
            _gc_saved = gc.get_threshold()
            gc.set_threshold(*LOAD_GC_THRESHOLD)
        _gc_writers += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _gc_writers -= 1
            if _gc_writers == 0 and _gc_saved is not None:
                gc.set_threshold(*_gc_saved)


def write_articles(
    graph: Graph,
    articles: Iterable[ArticleStatements],
    *,
    batch_size: int = 1000,
    report: LoadReport | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    identity: IdentitySettings | None = None,
) -> LoadReport:
    """Write articles with their statements, actors and claims, a batch at a time as they come
    (a generator is never held whole).

    Args:
        articles: ready articles (ids settled by ``claimgraph.loaders.prepare``). A statement's
            ``claim.refers_to`` names statements of its own article.
        batch_size: statements per transaction; an article is never split.
        on_progress: called with (articles, statements) after each batch is done.
        identity: when claims worded differently are one (``graph/claim_identity.py``).

    Returns:
        The counts, and the articles that failed with why. A failed article wrote nothing.

    Raises:
        GraphUnavailableError: the database stopped answering; what was committed stays.
    """
    report = report or LoadReport()
    ensure_tallied(graph)
    writer = _Writer(report, identity or IdentitySettings())

    def fitting() -> Iterator[tuple[ArticleStatements, int]]:
        for article in articles:
            size = estimated_bytes(article)
            if size > MAX_ARTICLE_BYTES:
                report.failures.append(ArticleFailure(article.article.id, article.origin, (
                    f"too large to write at once (about {size / 2**20:.0f} MB with its statements; "
                    f"at most {MAX_ARTICLE_BYTES / 2**20:.0f} MB)")))
            else:
                yield article, size

    with _fewer_collections(), graph.driver.session(database=graph.database) as session:
        for batch in _batches(fitting(), batch_size):
            try:
                writer.write(session, batch)
            except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired) as e:
                raise GraphUnavailableError(f"the graph database stopped answering: {e}") from e
            except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError, ClaimgraphError):
                # Find the bad article(s): each on its own, so the good ones still load.
                for article in batch:
                    try:
                        writer.write(session, [article])
                    except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired) as e:
                        raise GraphUnavailableError(f"the graph database stopped answering: {e}") from e
                    except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError, ClaimgraphError) as e:
                        message = e.message if isinstance(e, neo4j.exceptions.Neo4jError) and e.message else str(e)
                        report.failures.append(ArticleFailure(article.article.id, article.origin, message,
                                                              conflict=isinstance(e, ArticleTextConflictError)))
            writer.forget(batch)
            if on_progress:
                on_progress(len(batch), sum(len(a.statements) for a in batch))
    return report
