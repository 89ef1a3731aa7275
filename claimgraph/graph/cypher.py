"""The Cypher files in ``claimgraph/cypher/``, loaded once and checked.

Each file opens with ``//`` lines: first what it does, then one line per parameter::

    // Who accused whom, oldest first.
    // $accuser: string? actor id, name or alias of the accuser
    // $limit: int

``?`` marks a parameter that may be null. Loading fails fast when a file uses a ``$name`` it
does not declare or declares one it does not use, so a query and its callers cannot drift.
Values only ever travel as parameters.

The files of ``read/`` are also served by name at ``/queries/{name}``, together with the
files of a user folder (``CLAIMGRAPH_QUERIES_DIR``): same header, read once, and each must pass
the read-only check of ad hoc queries (``graph/adhoc.py``) or the folder is refused whole.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import neo4j

from claimgraph.graph.adhoc import check_read_only
from claimgraph.graph.errors import (
    CypherFileError,
    CypherSyntaxError,
    InvalidParametersError,
    UnknownQueryError,
    WriteRefusedError,
)

_PARAM_LINE = re.compile(r"^//\s*\$(?P<name>[A-Za-z_]\w*)\s*:\s*(?P<type>[a-z]+(?:\[[a-z]+\])?)(?P<optional>\?)?\s*(?P<doc>.*)$")
_PARAM_USE = re.compile(r"\$([A-Za-z_]\w*)")
# Comments are whole lines (a "//" inside a string such as a URL is not a comment).
_COMMENT = re.compile(r"^\s*//.*$", re.MULTILINE)
_STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_TYPES = {"string", "int", "float", "bool", "datetime", "list", "map", "list[string]", "list[map]"}


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    optional: bool
    doc: str


@dataclass(frozen=True)
class CypherQuery:
    """One named query: ``read/accusations`` is ``cypher/read/accusations.cypher``."""

    name: str
    text: str
    description: str
    params: dict[str, Param]

    def parameters(self, **values: Any) -> dict[str, Any]:
        """The parameter map for a run: every declared parameter, optional ones defaulting to null.

        Raises:
            InvalidParametersError: a value is given that the query does not declare, or a
                required one is missing.
        """
        unknown = set(values) - set(self.params)
        if unknown:
            raise InvalidParametersError(f"{self.name} takes no parameter(s) {', '.join(sorted(unknown))}")
        missing = [p.name for p in self.params.values() if not p.optional and values.get(p.name) is None]
        if missing:
            raise InvalidParametersError(f"{self.name} needs parameter(s) {', '.join(missing)}")
        return {name: values.get(name) for name in self.params}


def _parse(name: str, text: str) -> CypherQuery:
    header = []
    for line in text.splitlines():
        if not line.startswith("//"):
            break
        header.append(line)
    description_lines, params = [], {}
    for line in header:
        match = _PARAM_LINE.match(line)
        if match:
            if match["type"] not in _TYPES:
                raise CypherFileError(f"{name}.cypher: parameter ${match['name']} has unknown type {match['type']!r}")
            params[match["name"]] = Param(match["name"], match["type"], bool(match["optional"]), match["doc"].strip())
        elif not params:
            description_lines.append(line.removeprefix("//").strip())
    description = " ".join(part for part in description_lines if part)
    if not description:
        raise CypherFileError(f"{name}.cypher: the first comment line must say what the query does")
    body = _STRING.sub("''", _COMMENT.sub("", text))
    used = set(_PARAM_USE.findall(body))
    if used != set(params):
        undeclared, unused = sorted(used - set(params)), sorted(set(params) - used)
        raise CypherFileError(
            f"{name}.cypher: parameters do not match the header"
            + (f"; used but not declared: {', '.join(undeclared)}" if undeclared else "")
            + (f"; declared but not used: {', '.join(unused)}" if unused else "")
        )
    return CypherQuery(name=name, text=text, description=description, params=params)


@cache
def load_queries() -> dict[str, CypherQuery]:
    """Every ``read/`` and ``write/`` query, by name."""
    root = resources.files("claimgraph").joinpath("cypher")
    queries = {}
    for folder in ("read", "write"):
        for entry in sorted(root.joinpath(folder).iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".cypher"):
                name = f"{folder}/{entry.name.removesuffix('.cypher')}"
                queries[name] = _parse(name, entry.read_text(encoding="utf-8"))
    return queries


def query(name: str) -> CypherQuery:
    """The query of that name, e.g. ``query("read/accusations")``."""
    try:
        return load_queries()[name]
    except KeyError:
        raise CypherFileError(f"no query named {name!r} in claimgraph/cypher/") from None


def run_named(runner: neo4j.Session | neo4j.Transaction, name: str, **params: Any) -> neo4j.Result:
    """Run a named query of ``cypher/`` (``write/...`` or ``read/...``) in a session or a
    transaction, its parameters checked against its header."""
    cypher = query(name)
    return runner.run(cypher.text, cypher.parameters(**params))


def rows_of(result: Iterable[neo4j.Record]) -> list[dict[str, Any]]:
    """A result's rows as dicts of the values the driver gave. For the loader's reads of plain
    values: ``Result.data()`` walks every value to turn nodes into maps, ~0.5 s of a 20,000
    statement load's client time."""
    return [dict(record.items()) for record in result]


def schema_statements() -> list[str]:
    """The statements of ``cypher/schema.cypher``, in order (each ends with ``;`` on its line)."""
    text = resources.files("claimgraph").joinpath("cypher/schema.cypher").read_text(encoding="utf-8")
    body = _COMMENT.sub("", text)
    return [statement.strip() for statement in re.split(r";\s*(?:\n|$)", body) if statement.strip()]


# -- named queries: read/ and the user folder ------------------------------------------------------

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


@dataclass(frozen=True)
class NamedQuery:
    """A query served at ``/queries/{name}``: a ``read/`` file (``builtin``) or a user-folder one."""

    name: str
    source: str
    query: CypherQuery


def load_user_queries(folder: Path) -> dict[str, CypherQuery]:
    """The ``*.cypher`` files of a user folder, by file stem, each parsed and checked read-only.

    Raises:
        CypherFileError: the folder is missing, or a file is badly named, has a bad header, or
            is not read-only (the message names the file and why).
    """
    return _load_user_queries(folder.expanduser().resolve())


@cache
def _load_user_queries(folder: Path) -> dict[str, CypherQuery]:
    if not folder.is_dir():
        raise CypherFileError(f"CLAIMGRAPH_QUERIES_DIR: {folder} is not a folder")
    queries = {}
    for path in sorted(folder.glob("*.cypher")):
        stem = path.stem
        if not _NAME.match(stem):
            raise CypherFileError(f"{path}: a query name has letters, digits, '_' and '-' only")
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise CypherFileError(f"{path}: cannot be read as UTF-8 text: {e}") from e
        parsed = _parse(f"user/{stem}", text)
        try:
            checked = check_read_only(parsed.text)
        except (WriteRefusedError, CypherSyntaxError) as e:
            raise CypherFileError(f"{path}: refused, it is not a plain read: {e}") from e
        queries[stem] = CypherQuery(name=parsed.name, text=checked, description=parsed.description, params=parsed.params)
    return queries


def named_queries(user_folder: Path | None = None) -> dict[str, NamedQuery]:
    """Every query served at ``/queries``, by name: ``read/`` files, then the user folder's.

    Raises:
        CypherFileError: the user folder is refused, or one of its names is a built-in one.
    """
    named = {name.removeprefix("read/"): NamedQuery(name.removeprefix("read/"), "builtin", q)
             for name, q in load_queries().items() if name.startswith("read/")}
    if user_folder is not None:
        for name, q in load_user_queries(user_folder).items():
            if name in named:
                raise CypherFileError(f"{user_folder}/{name}.cypher: {name!r} is already a built-in query; rename the file")
            named[name] = NamedQuery(name, "user", q)
    return dict(sorted(named.items()))


def named_query(name: str, user_folder: Path | None = None) -> NamedQuery:
    """The named query served as ``/queries/{name}``.

    Raises:
        UnknownQueryError: there is none.
    """
    try:
        return named_queries(user_folder)[name]
    except KeyError:
        raise UnknownQueryError(f"no query named {name!r}: GET /queries lists them") from None


# -- parameters from the outside world ----------------------------------------------------------


def _datetime(text: str) -> datetime:
    text = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        day = date.fromisoformat(text)
        return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _from_json(param: Param, value: Any) -> Any:
    """A JSON value checked against the declared type (a datetime comes as ISO 8601 text)."""
    kind = param.type
    ok = {
        "string": isinstance(value, str),
        "int": isinstance(value, int) and not isinstance(value, bool),
        "float": isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value),
        "bool": isinstance(value, bool),
        "datetime": isinstance(value, str),
        "list": isinstance(value, list),
        "map": isinstance(value, dict),
        "list[string]": isinstance(value, list) and all(isinstance(v, str) for v in value),
        "list[map]": isinstance(value, list) and all(isinstance(v, dict) for v in value),
    }[kind]
    if not ok:
        raise ValueError
    if kind == "float":
        return float(value)
    if kind == "datetime":
        return _datetime(value)
    return value


def _from_text(param: Param, texts: list[str]) -> Any:
    """Query-string values: repeat a list parameter (``?ids=a&ids=b``) or give JSON (``[...]``,
    ``{...}``); an empty value of an optional non-string parameter is null."""
    kind = param.type
    if kind in ("list", "list[string]") and not (len(texts) == 1 and texts[0].lstrip().startswith("[")):
        return texts
    if len(texts) > 1:
        raise ValueError("given more than once")
    text = texts[0]
    if text == "" and param.optional and kind != "string":
        return None
    if kind in ("list", "list[string]", "map", "list[map]"):
        return _from_json(param, json.loads(text))
    if kind == "string":
        return text
    if kind == "int":
        if not re.fullmatch(r"[+-]?\d+", text.strip()):
            raise ValueError
        return int(text)
    if kind == "float":
        number = float(text)
        if not math.isfinite(number):
            raise ValueError
        return number
    if kind == "bool":
        lowered = text.strip().lower()
        if lowered in ("true", "1", "yes"):
            return True
        if lowered in ("false", "0", "no"):
            return False
        raise ValueError
    return _datetime(text)  # datetime


_EXPECTED = {
    "string": "text", "int": "an integer", "float": "a number", "bool": "true or false",
    "datetime": "a date (2020-10-01) or an ISO 8601 time", "list": "a list", "map": "a JSON object",
    "list[string]": "a list of strings", "list[map]": "a list of JSON objects",
}


def coerce_parameters(query: CypherQuery, values: Mapping[str, Any], *, from_text: bool = False) -> dict[str, Any]:
    """Values from a request checked against the query's header and converted to its types;
    returns the full parameter map (optional ones missing are null).

    Args:
        values: JSON values by name, or with ``from_text`` lists of query-string values by name.

    Raises:
        InvalidParametersError: an unknown name, a value of the wrong type, or a required one missing.
    """
    unknown = sorted(set(values) - set(query.params))
    if unknown:
        declared = ", ".join(f"{p.name} ({p.type}{'?' if p.optional else ''})" for p in query.params.values()) or "none"
        # A name from JSON may hold a lone surrogate ("\ud800"), which no UTF-8 answer can carry: escaped.
        shown = ", ".join(name.encode("utf-8", "backslashreplace").decode("utf-8") for name in unknown)
        raise InvalidParametersError(f"{query.name} takes no parameter(s) {shown}; it takes: {declared}")
    converted = {}
    for name, value in values.items():
        param = query.params[name]
        try:
            converted[name] = _from_text(param, value) if from_text else (None if value is None else _from_json(param, value))
        except (ValueError, TypeError) as e:
            why = f" ({e})" if str(e) and not isinstance(e, json.JSONDecodeError) else ""
            shown = value[0] if from_text and len(value) == 1 else value
            raise InvalidParametersError(f"{name}: expected {_EXPECTED[param.type]}, got {shown!r}{why}") from None
    return query.parameters(**converted)
