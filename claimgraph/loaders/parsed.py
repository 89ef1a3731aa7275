"""What a reader hands on: articles with their statements, each remembering the file and line
it came from, the problems found on the way, and what was skipped on purpose.

Articles extracted from text or posted to the API are held in memory; those read from files
stay on disk in a spool (``loaders/spool.py``) and are assembled one at a time as they are
written, so that a file of any size loads in flat memory.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from claimgraph.graph.types import Actor, Article, Statement
from claimgraph.loaders.spool import Spool, SpooledLine


@dataclass(frozen=True)
class InputProblem:
    """Something wrong with the input, named by place and field: ``file.jsonl:12: claim.start:
    ...``. ``article_id`` says which article it spoils (None: the whole file)."""

    location: str
    message: str
    field: str | None = None
    article_id: str | None = None

    def __str__(self) -> str:
        where = f"{self.location}: {self.field}" if self.field else self.location
        return f"{where}: {self.message}"


@dataclass
class RawArticle:
    """An article and its statements as read, before actor ids and statement ids are settled."""

    article: Article
    origin: str
    statements: list[tuple[str, Statement]] = field(default_factory=list)


class SpooledArticles:
    """Articles kept in a spool, each assembled from its lines by the reader that kept them
    when iterated; can be iterated again."""

    def __init__(self, spool: Spool, lead_kind: str, assemble: Callable[[str, list[SpooledLine]], RawArticle]) -> None:
        self.spool = spool
        self.lead_kind = lead_kind
        self.assemble = assemble

    def __iter__(self) -> Iterator[RawArticle]:
        for article_id, lines in self.spool.articles(self.lead_kind):
            yield self.assemble(article_id, lines)

    @property
    def statements(self) -> int:
        return self.spool.count(self.lead_kind)


@dataclass
class ParsedInput:
    """Everything a reader got out of its files."""

    # Articles held in memory, then those kept on disk (``each_article`` hands on both).
    articles: list[RawArticle] = field(default_factory=list)
    spooled: list[SpooledArticles] = field(default_factory=list)
    declared_actors: list[tuple[str, Actor]] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    # Files refused as a whole (a line that belongs to no article cannot be set aside alone).
    refused_files: set[str] = field(default_factory=set)

    def each_article(self) -> Iterator[RawArticle]:
        yield from self.articles
        for part in self.spooled:
            yield from part

    def statement_count(self) -> int:
        return sum(len(a.statements) for a in self.articles) + sum(part.statements for part in self.spooled)

    def close(self) -> None:
        """Delete the spools' files."""
        for part in self.spooled:
            part.spool.close()

    def extend(self, other: ParsedInput) -> None:
        self.articles.extend(other.articles)
        self.spooled.extend(other.spooled)
        self.declared_actors.extend(other.declared_actors)
        self.problems.extend(other.problems)
        self.skipped.update(other.skipped)
        self.refused_files |= other.refused_files
