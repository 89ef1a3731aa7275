"""Writing to the graph: the schema, actors, and articles with their statements.

Articles are written in batches of whole articles, each batch one transaction of a few
``UNWIND $rows`` queries. When a batch fails, its articles are written again one transaction
each, so a bad article writes nothing and the others still load. Every write is a MERGE on a
constrained key, so loading the same input twice leaves the same graph.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import neo4j

from claimgraph.graph.cypher import query, schema_statements
from claimgraph.graph.engine import Graph
from claimgraph.graph.errors import ClaimgraphError, GraphUnavailableError
from claimgraph.graph.types import ABOUT_RELATIONS, Actor, ArticleStatements, Statement


class ArticleWriteError(ClaimgraphError):
    """An article could not be written; nothing of it was."""


def apply_schema(graph: Graph) -> None:
    """Create the constraints and indexes of ``cypher/schema.cypher`` that are missing."""
    with graph.driver.session(database=graph.database) as session:
        for statement in schema_statements():
            session.run(statement).consume()


@dataclass
class ArticleFailure:
    article_id: str
    origin: str | None
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: article '{self.article_id}': {self.message}" if self.origin else f"article '{self.article_id}': {self.message}"


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
    _actor_ids: set[str] = field(default_factory=set, repr=False)
    _claim_ids: set[str] = field(default_factory=set, repr=False)
    _article_ids: set[str] = field(default_factory=set, repr=False)

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
    """One record per id, with the aliases of every mention."""
    merged: dict[str, Actor] = {}
    for actor in actors:
        known = merged.get(actor.id)
        if known is None:
            merged[actor.id] = actor
        else:
            merged[actor.id] = known.model_copy(update={
                "aliases": known.aliases + [a for a in actor.aliases if a not in known.aliases],
                "kind": known.kind if known.kind != "unknown" else actor.kind,
                "part_of": known.part_of + [p for p in actor.part_of if p not in known.part_of],
            })
    return merged


def _run(tx: neo4j.Session | neo4j.Transaction, name: str, **params: Any) -> neo4j.Result:
    cypher = query(name)
    return tx.run(cypher.text, cypher.parameters(**params))


def write_actors(graph: Graph, actors: list[Actor], report: LoadReport | None = None) -> LoadReport:
    """Write declared actors and their PART_OF links: they set name, kind and aliases."""
    report = report or LoadReport()
    merged = _merged_actors(actors)
    if not merged:
        return report
    links = [{"child_id": a.id, "parent_id": p.actor_id, "role": p.role} for a in merged.values() for p in a.part_of]
    with graph.driver.session(database=graph.database) as session, session.begin_transaction() as tx:
        summary = _run(tx, "write/merge_actors", actors=[_actor_row(a, True) for a in merged.values()]).consume()
        _run(tx, "write/merge_part_of", links=links).consume()
        tx.commit()
    report.actors_new += summary.counters.nodes_created
    report._actor_ids.update(merged)
    return report


def _edge_properties(statement: Statement) -> dict[str, Any]:
    """The evidence a statement edge carries; unknown values are left out, not stored as null."""
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
        "stated_at": statement.stated_at,
        "origin_id": statement.origin_id,
        "origin_code": statement.origin_code,
    }
    return {key: value for key, value in properties.items() if value is not None}


class _Batch:
    """The rows of the write queries for some whole articles."""

    def __init__(self, articles: list[ArticleStatements], claims_of: Callable[[ArticleStatements, Statement], list[str]]) -> None:
        self.articles = articles
        self.article_rows = [
            {"id": a.article.id,
             "properties": a.article.model_dump(exclude={"id"}, exclude_none=True)}
            for a in articles
        ]
        self.actors = _merged_actors(actor for a in articles for actor in a.actors)
        self.links = [{"child_id": a.id, "parent_id": p.actor_id, "role": p.role}
                      for a in self.actors.values() for p in a.part_of]
        claims: dict[str, str] = {}
        abouts: set[tuple[str, str]] = set()
        mentions: set[tuple[str, str]] = set()
        self.statement_rows: list[dict[str, Any]] = []
        for article in articles:
            for statement in article.statements:
                if statement.claim.claim_id:
                    claims.setdefault(statement.claim.claim_id, statement.claim.text or "")
                    if statement.relation in ABOUT_RELATIONS:
                        abouts.update((statement.claim.claim_id, t.actor_id) for t in statement.targets)
                properties = _edge_properties(statement)
                for claim_id in claims_of(article, statement):
                    mentions.add((article.article.id, claim_id))
                    self.statement_rows.append({
                        "statement_id": statement.statement_id, "relation": statement.relation,
                        "speaker_id": statement.speaker.actor_id, "claim_id": claim_id, "properties": properties,
                    })
        self.claims = claims
        self.claim_rows = [{"id": k, "text": v} for k, v in claims.items()]
        self.about_rows = [{"claim_id": c, "actor_id": a} for c, a in sorted(abouts)]
        self.mention_rows = [{"article_id": a, "claim_id": c} for a, c in sorted(mentions)]

    def write(self, tx: neo4j.Transaction) -> tuple[int, int, int]:
        """Run the writes; returns the numbers of articles, actors and claims created."""
        articles = _run(tx, "write/merge_articles", articles=self.article_rows).consume()
        actors = _run(tx, "write/merge_actors", actors=[_actor_row(a, False) for a in self.actors.values()]).consume()
        _run(tx, "write/merge_part_of", links=self.links).consume()
        claims = _run(tx, "write/merge_claims", claims=self.claim_rows).consume()
        _run(tx, "write/merge_claim_targets", abouts=self.about_rows).consume()
        _run(tx, "write/merge_article_claims", mentions=self.mention_rows).consume()
        written = _run(tx, "write/merge_statements", statements=self.statement_rows).single(strict=True)["written"]
        if written != len(self.statement_rows):
            raise ArticleWriteError(
                f"{len(self.statement_rows) - written} statement(s) found no claim to point at "
                "(claim.refers_to names a statement that is not in the graph)"
            )
        return articles.counters.nodes_created, actors.counters.nodes_created, claims.counters.nodes_created


def _batches(articles: list[ArticleStatements], batch_size: int) -> Iterator[list[ArticleStatements]]:
    batch: list[ArticleStatements] = []
    size = 0
    for article in articles:
        if batch and size + len(article.statements) > batch_size:
            yield batch
            batch, size = [], 0
        batch.append(article)
        size += len(article.statements)
    if batch:
        yield batch


class _Writer:
    def __init__(self, graph: Graph, articles: list[ArticleStatements], report: LoadReport) -> None:
        self.graph = graph
        self.report = report
        # The claims of every statement in this input, for refers_to across articles.
        self.input_claims: dict[str, list[str]] = {
            s.statement_id: [s.claim.claim_id] for a in articles for s in a.statements if s.claim.claim_id  # type: ignore[misc]
        }
        self.loaded: dict[str, dict[str, list[str]]] = {}

    def _load_existing(self, session: neo4j.Session, articles: list[ArticleStatements]) -> None:
        """The statements these articles already have in the graph, and their claims."""
        ids = [a.article.id for a in articles if a.article.id not in self.loaded]
        for article_id in ids:
            self.loaded[article_id] = defaultdict(list)
        if ids:
            for record in _run(session, "write/loaded_statements", article_ids=ids):
                self.loaded[record["article_id"]][record["statement_id"]].append(record["claim_id"])

    def claims_of(self, article: ArticleStatements, statement: Statement) -> list[str]:
        """The claim(s) a statement points at: its own, or those of the statements it refers to."""
        if not statement.claim.refers_to:
            return [statement.claim.claim_id]  # type: ignore[list-item]
        claims: list[str] = []
        for ref in statement.claim.refers_to:
            found = self.input_claims.get(ref) or self.loaded.get(article.article.id, {}).get(ref)
            if not found:
                raise ArticleWriteError(
                    f"statement '{statement.statement_id}': claim.refers_to names '{ref}', "
                    "which is neither in this input nor among the article's statements in the graph"
                )
            claims.extend(c for c in found if c not in claims)
        return claims

    def write(self, session: neo4j.Session, articles: list[ArticleStatements]) -> None:
        self._load_existing(session, articles)
        batch = _Batch(articles, self.claims_of)
        with session.begin_transaction() as tx:
            articles_new, actors_new, claims_new = batch.write(tx)
            tx.commit()
        report = self.report
        report.articles_new += articles_new
        report.actors_new += actors_new
        report.claims_new += claims_new
        report._article_ids.update(a.article.id for a in articles)
        report._actor_ids.update(batch.actors)
        report._claim_ids.update(batch.claims)
        report._claim_ids.update(row["claim_id"] for row in batch.statement_rows)
        for article in articles:
            existing = self.loaded[article.article.id]
            new = sum(1 for s in article.statements if s.statement_id not in existing)
            report.statements_new += new
            report.statements_existing += len(article.statements) - new
        # What is in the graph now, for statements of these articles that refer to it later.
        for row in batch.statement_rows:
            claims = self.loaded[row["properties"]["article_id"]][row["statement_id"]]
            if row["claim_id"] not in claims:
                claims.append(row["claim_id"])


def write_articles(
    graph: Graph,
    articles: list[ArticleStatements],
    *,
    batch_size: int = 2000,
    report: LoadReport | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> LoadReport:
    """Write articles with their statements, actors and claims.

    Args:
        articles: ready articles (ids settled by ``claimgraph.loaders.prepare``).
        batch_size: statements per transaction; an article is never split.
        on_progress: called with (articles, statements) after each batch is done.

    Returns:
        The counts, and the articles that failed with why. A failed article wrote nothing.

    Raises:
        GraphUnavailableError: the database stopped answering; what was committed stays.
    """
    report = report or LoadReport()
    writer = _Writer(graph, articles, report)
    with graph.driver.session(database=graph.database) as session:
        for batch in _batches(articles, batch_size):
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
                        report.failures.append(ArticleFailure(article.article.id, article.origin, message))
            if on_progress:
                on_progress(len(batch), sum(len(a.statements) for a in batch))
    return report
