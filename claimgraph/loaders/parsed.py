"""What a reader hands on: articles with their statements, each remembering the file and line
it came from, the problems found on the way, and what was skipped on purpose."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from claimgraph.graph.types import Actor, Article, Statement


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


@dataclass
class ParsedInput:
    """Everything a reader got out of its files."""

    articles: list[RawArticle] = field(default_factory=list)
    declared_actors: list[tuple[str, Actor]] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    # Files refused as a whole (a line that belongs to no article cannot be set aside alone).
    refused_files: set[str] = field(default_factory=set)

    def extend(self, other: ParsedInput) -> None:
        self.articles.extend(other.articles)
        self.declared_actors.extend(other.declared_actors)
        self.problems.extend(other.problems)
        self.skipped.update(other.skipped)
        self.refused_files |= other.refused_files
