"""The Cypher files in ``claimgraph/cypher/``, loaded once and checked.

Each file opens with ``//`` lines: first what it does, then one line per parameter::

    // Who accused whom, oldest first.
    // $accuser: string? actor id, name or alias of the accuser
    // $limit: int

``?`` marks a parameter that may be null. Loading fails fast when a file uses a ``$name`` it
does not declare or declares one it does not use, so a query and its callers cannot drift.
Values only ever travel as parameters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from claimgraph.graph.errors import CypherFileError, InvalidParametersError

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


def schema_statements() -> list[str]:
    """The statements of ``cypher/schema.cypher``, in order (each ends with ``;`` on its line)."""
    text = resources.files("claimgraph").joinpath("cypher/schema.cypher").read_text(encoding="utf-8")
    body = _COMMENT.sub("", text)
    return [statement.strip() for statement in re.split(r";\s*(?:\n|$)", body) if statement.strip()]
