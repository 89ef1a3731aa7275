"""Read statements JSONL: one record a line.

A line is one of
- a statement, in the shape the text extractor prints (see ``claimgraph.graph.types.Statement``);
- ``{"article": {...}}``: the article's metadata, and optionally its text;
- ``{"actor": {...}}``: an actor declared with its kind, aliases and PART_OF links.

Articles may be described in a side file passed alongside; records join on ``article_id``, and
an article's lines may be anywhere in the files. Every problem is reported as
``file:line: field: message``; an article with any bad line is set aside whole, and a bad line
that names no article refuses its whole file. The good lines wait in a spool on disk
(``loaders/spool.py``) until every line is checked, so memory stays flat however large the files.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from claimgraph.graph.types import Actor, Article, Statement
from claimgraph.loaders.actors import country_by_id
from claimgraph.loaders.parsed import InputProblem, ParsedInput, RawArticle, SpooledArticles
from claimgraph.loaders.spool import Spool, SpooledLine

_ARTICLE_ID = re.compile(r'"article_id"\s*:\s*"((?:[^"\\]|\\.)*)"')


def field_path(loc: tuple[int | str, ...]) -> str:
    """pydantic's error location as a field path: ``("targets", 0, "name")`` -> ``targets[0].name``."""
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def validation_problems(error: ValidationError, location: str, article_id: str | None, prefix: str = "") -> list[InputProblem]:
    problems = []
    for detail in error.errors(include_url=False):
        path = field_path(tuple(detail["loc"]))
        path = f"{prefix}.{path}" if prefix and path else (prefix or path)
        message = detail["msg"].removeprefix("Value error, ")
        problems.append(InputProblem(location, message, path or None, article_id))
    return problems


def _guess_article_id(raw: str) -> str | None:
    """The article a broken line belongs to, read off its text, so that only that article is
    set aside rather than the whole file."""
    match = _ARTICLE_ID.search(raw)
    if not match:
        return None
    try:
        return json.loads(f'"{match.group(1)}"')
    except json.JSONDecodeError:
        return None


class _Collector:
    """Checks the lines of several files and keeps the good ones in a spool, by article."""

    def __init__(self) -> None:
        self.parsed = ParsedInput()
        self.spool = Spool()
        self.actors: dict[str, tuple[str, Actor]] = {}

    def problem(self, location: str, message: str, field: str | None = None, article_id: str | None = None) -> None:
        self.parsed.problems.append(InputProblem(location, message, field, article_id))
        if article_id is not None:
            self.spool.set_aside(article_id)

    def add_line(self, file: str, line_no: int, raw: bytes) -> None:
        location = f"{file}:{line_no}"
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            article_id = _guess_article_id(raw.decode("utf-8", errors="replace"))
            self._spoil(file, location, f"not UTF-8 text (byte {e.start})", None, article_id)
            return
        if not text.strip():
            return
        try:
            record = json.loads(text)
        except json.JSONDecodeError as e:
            article_id = _guess_article_id(text)
            self._spoil(file, location, f"not valid JSON: {e.msg} (column {e.colno})", None, article_id)
            return
        if not isinstance(record, dict):
            self._spoil(file, location, f"expected a JSON object, got {type(record).__name__}", None, None)
            return
        if set(record) == {"article"}:
            self._add_article(file, line_no, raw, record["article"])
        elif set(record) == {"actor"}:
            self._add_actor(file, location, record["actor"])
        else:
            self._add_statement(file, line_no, raw, record)

    def _spoil(self, file: str, location: str, message: str, field: str | None, article_id: str | None) -> None:
        self.problem(location, message, field, article_id)
        if article_id is None:
            self.parsed.refused_files.add(file)

    def _validate(self, model: type[BaseModel], data: Any, file: str, location: str, article_id: str | None, prefix: str) -> Any:
        try:
            return model.model_validate(data)
        except ValidationError as e:
            for problem in validation_problems(e, location, article_id, prefix):
                self._spoil(file, problem.location, problem.message, problem.field, article_id)
            return None

    def _add_article(self, file: str, line_no: int, raw: bytes, data: Any) -> None:
        location = f"{file}:{line_no}"
        article_id = data.get("id") if isinstance(data, dict) and isinstance(data.get("id"), str) else None
        article = self._validate(Article, data, file, location, article_id, "article")
        if article is None:
            return
        earlier = self.spool.add_unique(f"article:{article.id}", article.id, "article", file, line_no, raw)
        if earlier is None:
            return
        if _article_of(earlier) != article:
            self.problem(location, f"article '{article.id}' is described differently at {earlier.location}",
                         "article.id", article.id)
        else:
            # Described again alike: nothing to keep but its file, which sets the article aside if refused.
            self.spool.add(article.id, "article again", file, line_no, b"")

    def _add_actor(self, file: str, location: str, data: Any) -> None:
        actor = self._validate(Actor, data, file, location, None, "actor")
        if actor is None:
            return
        earlier = self.actors.get(actor.id)
        if earlier and earlier[1] != actor:
            self._spoil(file, location, f"actor '{actor.id}' is declared differently at {earlier[0]}", "actor.id", None)
            return
        self.actors.setdefault(actor.id, (location, actor))

    def _add_statement(self, file: str, line_no: int, raw: bytes, data: dict[str, Any]) -> None:
        article_id = data.get("article_id") if isinstance(data.get("article_id"), str) else None
        statement = self._validate(Statement, data, file, f"{file}:{line_no}", article_id, "")
        if statement is not None:
            self.spool.add(statement.article_id, "statement", file, line_no, raw)

    def _check_part_of(self) -> None:
        for location, actor in self.actors.values():
            for index, link in enumerate(actor.part_of):
                if link.actor_id not in self.actors and country_by_id(link.actor_id) is None:
                    file = location.rsplit(":", 1)[0]
                    self._spoil(file, location, f"'{link.actor_id}' is neither a declared actor nor a country id",
                                f"actor.part_of[{index}].actor_id", None)

    def result(self) -> ParsedInput:
        self._check_part_of()
        parsed = self.parsed
        for file in parsed.refused_files:
            self.spool.set_aside_file(file)
        parsed.spooled.append(SpooledArticles(self.spool, "statement", _assemble))
        parsed.declared_actors = [
            (origin, actor) for origin, actor in self.actors.values() if origin.rsplit(":", 1)[0] not in parsed.refused_files
        ]
        return parsed


def _article_of(line: SpooledLine) -> Article:
    return Article.model_validate(json.loads(line.content)["article"])


def _assemble(article_id: str, lines: list[SpooledLine]) -> RawArticle:
    """An article from its kept lines, checked when they were read: its description (or just
    its id, from the file of its first statement) and its statements in file order."""
    described = next((line for line in lines if line.kind == "article"), None)
    statements = [(line.location, Statement.model_validate(json.loads(line.content)))
                  for line in lines if line.kind == "statement"]
    if described is not None:
        return RawArticle(article=_article_of(described), origin=described.location, statements=statements)
    return RawArticle(article=Article(id=article_id), origin=lines[0].file, statements=statements)


def read_statements(paths: list[Path]) -> ParsedInput:
    """Read statements JSONL files (and side files of article and actor records) together."""
    collector = _Collector()
    for path in paths:
        file = str(path)
        try:
            handle = path.open("rb")
        except OSError as e:
            collector.problem(file, f"cannot read: {e.strerror}")
            collector.parsed.refused_files.add(file)
            continue
        with handle:
            for line_no, raw in enumerate(handle, start=1):
                collector.add_line(file, line_no, raw)
    return collector.result()
