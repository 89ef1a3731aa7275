"""Settle what a statement needs before it is written: actor ids, statement and claim ids,
and offsets checked against the article text.

Ids are derived from content, so the same input always gives the same ids and loading it
again writes nothing new.
"""

from __future__ import annotations

from collections.abc import Iterator

from claimgraph.graph.types import (
    Actor,
    ArticleStatements,
    Span,
    Statement,
    normalize_claim_text,
    stable_id,
)
from claimgraph.graph.claim_identity import about_ids, claim_id
from claimgraph.loaders.actors import ActorResolver
from claimgraph.loaders.parsed import InputProblem, ParsedInput, RawArticle


def _excerpt(text: str, width: int = 60) -> str:
    return repr(text if len(text) <= width else text[: width - 1] + "…")


def _check_span(span: Span | None, text: str | None) -> tuple[Span | None, str | None]:
    """The span with its text filled in from the article, or a message saying how the offsets
    and the words disagree."""
    if span is None or span.start is None or span.end is None or text is None:
        return span, None
    if span.end > len(text):
        return span, f"end {span.end} is past the end of the article text ({len(text)} characters)"
    found = text[span.start : span.end]
    if span.text is None:
        return span.model_copy(update={"text": found}), None
    if found != span.text:
        return span, f"offsets {span.start}-{span.end} give {_excerpt(found)}, not {_excerpt(span.text)}"
    return span, None


def statement_id_for(statement: Statement) -> str:
    """A statement's id from what identifies it in its article: who, which relation, and where
    the speaker, cue and claim stand (or their words, when there are no offsets)."""
    def place(span: Span | None) -> object:
        if span is None:
            return None
        return (span.start, span.end) if span.start is not None else span.text

    claim = statement.claim
    return stable_id(
        "st",
        statement.article_id,
        statement.relation,
        place(statement.speaker) if statement.speaker.start is not None else statement.speaker.name,
        place(statement.cue),
        place(claim) if claim.start is not None else normalize_claim_text(claim.text or ""),
        ",".join(claim.refers_to),
        statement.origin_id,
    )


def claim_id_for(statement: Statement) -> str:
    """The claim's id from its words and the actors it is about (``graph.claim_identity.claim_id``)."""
    about = about_ids(statement.relation, (t.actor_id for t in statement.targets))
    return claim_id(statement.claim.text, about, statement.article_id, statement.statement_id or "")


class _ArticlePreparer:
    def __init__(self, raw: RawArticle, resolver: ActorResolver) -> None:
        self.raw = raw
        self.resolver = resolver
        self.problems: list[InputProblem] = []
        self.actors: dict[str, Actor] = {}

    def problem(self, location: str, field: str, message: str) -> None:
        self.problems.append(InputProblem(location, message, field, self.raw.article.id))

    def add_actor(self, actor: Actor, location: str, field: str) -> None:
        known = self.actors.get(actor.id)
        if known is not None:
            new_aliases = [a for a in actor.aliases if a not in known.aliases]
            # "Omar Celik" then "AKP spokesman Omar Celik": the second mention adds the PART_OF link.
            new_links = [p for p in actor.part_of if p not in known.part_of]
            if not new_aliases and not new_links:
                return
            actor = known.model_copy(update={"aliases": known.aliases + new_aliases, "part_of": known.part_of + new_links})
        self.actors[actor.id] = actor
        for index, link in enumerate(actor.part_of):
            parent = self.resolver.known(link.actor_id)
            if parent is None:
                self.problem(location, f"{field}.part_of[{index}].actor_id",
                             f"'{link.actor_id}' is neither a declared actor nor a country id")
            elif parent.id not in self.actors:
                self.add_actor(parent, location, field)

    def prepare(self, location: str, statement: Statement) -> Statement:
        text = self.raw.article.text
        updates: dict[str, object] = {}
        for field in ("speaker", "cue", "claim", "sentence"):
            span, message = _check_span(getattr(statement, field), text)
            if message:
                self.problem(location, f"{field}.start", message)
            updates[field] = span
        targets = []
        for index, target in enumerate(statement.targets):
            span, message = _check_span(target, text)
            if message:
                self.problem(location, f"targets[{index}].start", message)
            resolved, actor = self.resolver.resolve(span)
            self.add_actor(actor, location, f"targets[{index}]")
            targets.append(resolved)
        speaker, actor = self.resolver.resolve(updates["speaker"])
        self.add_actor(actor, location, "speaker")
        updates.update(speaker=speaker, targets=targets)
        if statement.stated_at is None:
            updates["stated_at"] = self.raw.article.published_at
        prepared = statement.model_copy(update=updates)
        if prepared.statement_id is None:
            prepared.statement_id = statement_id_for(prepared)
        if prepared.claim.claim_id is None and not prepared.claim.refers_to:
            prepared.claim = prepared.claim.model_copy(update={"claim_id": claim_id_for(prepared)})
        return prepared

    def run(self) -> ArticleStatements | None:
        statements: dict[str, tuple[str, Statement]] = {}
        for location, statement in self.raw.statements:
            prepared = self.prepare(location, statement)
            earlier = statements.get(prepared.statement_id)
            if earlier is not None and earlier[1] != prepared:
                self.problem(location, "statement_id",
                             f"'{prepared.statement_id}' is also used by a different statement at {earlier[0]}")
            statements.setdefault(prepared.statement_id, (location, prepared))
        for location, statement in statements.values():
            if statement.statement_id in statement.claim.refers_to:
                self.problem(location, "claim.refers_to", "a statement cannot refer to its own claim")
        if self.problems:
            return None
        return ArticleStatements(
            article=self.raw.article,
            statements=[s for _, s in statements.values()],
            actors=list(self.actors.values()),
            origin=self.raw.origin,
        )


def prepare_each(parsed: ParsedInput, resolver: ActorResolver | None = None) -> Iterator[ArticleStatements]:
    """Ready-to-write articles, one at a time as they are read (a spooled input is never held
    whole); problems are added to ``parsed.problems`` as they are found and their articles left
    out whole."""
    if resolver is None:
        resolver = ActorResolver(declared={actor.id: actor for _, actor in parsed.declared_actors})
    for raw in parsed.each_article():
        preparer = _ArticlePreparer(raw, resolver)
        article = preparer.run()
        parsed.problems.extend(preparer.problems)
        if article is not None:
            yield article


def prepare_articles(parsed: ParsedInput, resolver: ActorResolver | None = None) -> list[ArticleStatements]:
    """Every ready-to-write article at once (``prepare_each`` as a list)."""
    return list(prepare_each(parsed, resolver))
