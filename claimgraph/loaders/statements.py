"""Read statements JSONL: one record a line.

A line is one of
- a statement, in the shape the text extractor prints (see ``claimgraph.graph.types.Statement``);
- ``{"article": {...}}``: the article's metadata, and optionally its text;
- ``{"actor": {...}}``: an actor declared with its kind, aliases and PART_OF links.

Articles may be described in a side file passed alongside; records join on ``article_id``.
Every problem is reported as ``file:line: field: message``; an article with any bad line is
set aside whole, and a bad line that names no article refuses its whole file.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from claimgraph.graph.types import Actor, Article, Statement
from claimgraph.loaders.actors import country_by_id
from claimgraph.loaders.parsed import InputProblem, ParsedInput, RawArticle

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
    """Gathers the records of several files and groups them by article."""

    def __init__(self) -> None:
        self.parsed = ParsedInput()
        self.articles: dict[str, tuple[str, Article]] = {}
        self.statements: dict[str, list[tuple[str, Statement]]] = defaultdict(list)
        self.files_of_article: dict[str, set[str]] = defaultdict(set)
        self.actors: dict[str, tuple[str, Actor]] = {}

    def problem(self, location: str, message: str, field: str | None = None, article_id: str | None = None) -> None:
        self.parsed.problems.append(InputProblem(location, message, field, article_id))

    def add_line(self, file: str, line_no: int, raw: str) -> None:
        location = f"{file}:{line_no}"
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as e:
            article_id = _guess_article_id(raw)
            self._spoil(file, location, f"not valid JSON: {e.msg} (column {e.colno})", None, article_id)
            return
        if not isinstance(record, dict):
            self._spoil(file, location, f"expected a JSON object, got {type(record).__name__}", None, None)
            return
        if set(record) == {"article"}:
            self._add_article(file, location, record["article"])
        elif set(record) == {"actor"}:
            self._add_actor(file, location, record["actor"])
        else:
            self._add_statement(file, location, record)

    def _spoil(self, file: str, location: str, message: str, field: str | None, article_id: str | None) -> None:
        self.problem(location, message, field, article_id)
        if article_id is None:
            self.parsed.refused_files.add(file)
        else:
            self.files_of_article[article_id].add(file)

    def _validate(self, model: type[BaseModel], data: Any, file: str, location: str, article_id: str | None, prefix: str) -> Any:
        try:
            return model.model_validate(data)
        except ValidationError as e:
            for problem in validation_problems(e, location, article_id, prefix):
                self._spoil(file, problem.location, problem.message, problem.field, article_id)
            return None

    def _add_article(self, file: str, location: str, data: Any) -> None:
        article_id = data.get("id") if isinstance(data, dict) and isinstance(data.get("id"), str) else None
        article = self._validate(Article, data, file, location, article_id, "article")
        if article is None:
            return
        self.files_of_article[article.id].add(file)
        earlier = self.articles.get(article.id)
        if earlier and earlier[1] != article:
            self.problem(location, f"article '{article.id}' is described differently at {earlier[0]}", "article.id", article.id)
            return
        self.articles.setdefault(article.id, (location, article))

    def _add_actor(self, file: str, location: str, data: Any) -> None:
        actor = self._validate(Actor, data, file, location, None, "actor")
        if actor is None:
            return
        earlier = self.actors.get(actor.id)
        if earlier and earlier[1] != actor:
            self._spoil(file, location, f"actor '{actor.id}' is declared differently at {earlier[0]}", "actor.id", None)
            return
        self.actors.setdefault(actor.id, (location, actor))

    def _add_statement(self, file: str, location: str, data: dict[str, Any]) -> None:
        article_id = data.get("article_id") if isinstance(data.get("article_id"), str) else None
        statement = self._validate(Statement, data, file, location, article_id, "")
        if statement is None:
            return
        self.files_of_article[statement.article_id].add(file)
        self.statements[statement.article_id].append((location, statement))

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
        spoiled = {p.article_id for p in parsed.problems if p.article_id is not None}
        parsed.declared_actors = list(self.actors.values())
        def set_aside(article_id: str) -> bool:
            return article_id in spoiled or bool(self.files_of_article[article_id] & parsed.refused_files)

        for article_id, statements in self.statements.items():
            if set_aside(article_id):
                continue
            origin, article = self.articles.get(article_id, (statements[0][0].rsplit(":", 1)[0], Article(id=article_id)))
            parsed.articles.append(RawArticle(article=article, origin=origin, statements=statements))
        for article_id, (origin, article) in self.articles.items():
            if article_id not in self.statements and not set_aside(article_id):
                # An article with no statements is still an article: it was read, and it said nothing.
                parsed.articles.append(RawArticle(article=article, origin=origin))
        if parsed.refused_files:
            parsed.declared_actors = [
                (origin, actor) for origin, actor in parsed.declared_actors if origin.rsplit(":", 1)[0] not in parsed.refused_files
            ]
        return parsed


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
            for line_no, raw_bytes in enumerate(handle, start=1):
                try:
                    raw = raw_bytes.decode("utf-8")
                except UnicodeDecodeError as e:
                    article_id = _guess_article_id(raw_bytes.decode("utf-8", errors="replace"))
                    collector._spoil(file, f"{file}:{line_no}", f"not UTF-8 text (byte {e.start})", None, article_id)
                    continue
                if raw.strip():
                    collector.add_line(file, line_no, raw)
    return collector.result()
