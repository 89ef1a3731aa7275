"""Every ``.cypher`` file under ``claimgraph/cypher/`` is valid Neo4j Cypher.

Checked offline with Neo4j's own parser and semantic analysis, from npm's
``@neo4j-cypher/language-support`` (pinned in ``tests/cypher_lint/package.json``), through
``tests/cypher_lint/lint.js``. Install it once with ``npm ci --prefix tests/cypher_lint``.
Diagnostics that only come from linting without a database (undeclared ``$parameters``,
unknown labels, properties or plugin functions) are filtered by ``lint.js``; deprecation
warnings are shown but do not fail.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CYPHER_DIR = REPO / "claimgraph" / "cypher"
LINT_DIR = REPO / "tests" / "cypher_lint"
LINT_JS = LINT_DIR / "lint.js"
NODE = shutil.which("node")

CYPHER_FILES = sorted(CYPHER_DIR.rglob("*.cypher")) if CYPHER_DIR.is_dir() else []

if NODE is None:
    _SKIP_REASON = "Cypher linter unavailable: `node` is not on PATH"
elif not (LINT_DIR / "node_modules").is_dir():
    _SKIP_REASON = "Cypher linter unavailable: run `npm ci --prefix tests/cypher_lint` (no node_modules)"
else:
    _SKIP_REASON = ""
needs_linter = pytest.mark.skipif(bool(_SKIP_REASON), reason=_SKIP_REASON or "linter available")


class CypherLintWarning(UserWarning):
    """A deprecation or other notice from the Cypher linter; shown, never failing."""


def run_lint(paths: list[Path]) -> dict:
    """Lint ``paths`` in one ``node`` run; the parsed JSON report of ``lint.js``."""
    result = subprocess.run(
        [NODE, str(LINT_JS), *(str(p) for p in paths)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"lint.js failed (exit {result.returncode}):\n{result.stderr}"
    return json.loads(result.stdout)


def describe(path: Path, diagnostics: list[dict]) -> str:
    return "\n".join(f"  {path}:{d['line']}:{d['column']}: {d['message']}" for d in diagnostics)


@pytest.fixture(scope="module")
def lint_report() -> dict:
    return run_lint(CYPHER_FILES)


def _rel(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def check_file(path: Path, report: dict) -> None:
    errors = report["files"][str(path)]
    notices = report["warnings"][str(path)]
    if notices:
        warnings.warn(f"{_rel(path)}:\n{describe(path, notices)}", CypherLintWarning, stacklevel=2)
    assert not errors, f"{_rel(path)} is not valid Cypher:\n{describe(path, errors)}"


# Defined only when there are files, so that none gives zero cases (not an "empty parameter
# set" skip).
if CYPHER_FILES:

    @needs_linter
    @pytest.mark.parametrize("path", CYPHER_FILES, ids=[_rel(p) for p in CYPHER_FILES])
    def test_cypher_file_is_valid(path: Path, lint_report: dict) -> None:
        check_file(path, lint_report)
        if path.parent.name in ("read", "write"):
            # These go to the driver as one query, and a query holds one statement.
            assert lint_report["statements"][str(path)] == 1, f"{_rel(path)} holds more than one statement"


GOOD_QUERIES = {
    "params.cypher": "MATCH (a:Actor {id: $id}) RETURN a.name AS name\n",
    "unwind_foreach.cypher": (
        "// Statement edges, one per row.\n"
        "// $rows: list[map]\n"
        "UNWIND $rows AS row\n"
        "MATCH (a:Actor {id: row.speaker})\n"
        "MERGE (c:Claim {id: row.claim})\n"
        "FOREACH (_ IN CASE WHEN row.x = 'A' THEN [1] ELSE [] END |\n"
        "  MERGE (a)-[r:ACCUSES {k: row.k}]->(c))\n"
    ),
    "schema.cypher": (
        "// Constraints.\n"
        "CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE;\n"
        "CREATE CONSTRAINT x IF NOT EXISTS FOR ()-[r:ACCUSES]-() REQUIRE (r.a, r.b) IS UNIQUE;\n"
        "CREATE INDEX actor_name IF NOT EXISTS FOR (a:Actor) ON (a.name);\n"
        "// trailing comment\n"
    ),
    "show.cypher": "SHOW INDEXES",
    "subqueries.cypher": (
        "MATCH (a:Actor)\n"
        "WHERE EXISTS { MATCH (a)-[:ACCUSES]->(:Claim) }\n"
        "CALL (a) { MATCH (a)-[:PART_OF]->(g) RETURN collect(g.id) AS groups }\n"
        "RETURN a.id AS id, COUNT { (a)-->() } AS degree, groups\n"
    ),
}

BAD_QUERIES = {
    "misspelt_clause.cypher": ("MATC (n) RETURN n\n", 1),
    "second_statement.cypher": ("RETURN 1 AS one;\nCREAT (n:Actor);\n", 2),
    "undefined_variable.cypher": ("MATCH (n)\nRETURN m\n", 2),
    "misspelt_function.cypher": ("RETURN lenght('abc') AS n\n", 1),
}


@needs_linter
def test_linter_catches_broken_queries_and_passes_good_ones(tmp_path: Path) -> None:
    texts = {**GOOD_QUERIES, **{name: text for name, (text, _line) in BAD_QUERIES.items()}}
    files = {name: tmp_path / ("good" if name in GOOD_QUERIES else "bad") / name for name in texts}
    for name, path in files.items():
        path.parent.mkdir(exist_ok=True)
        path.write_text(texts[name], encoding="utf-8")

    report = run_lint(list(files.values()))

    for name in GOOD_QUERIES:
        errors = report["files"][str(files[name])]
        assert not errors, f"good query {name} was rejected:\n{describe(files[name], errors)}"
    for name, (_text, line) in BAD_QUERIES.items():
        errors = report["files"][str(files[name])]
        assert errors, f"broken query {name} was not caught"
        assert all(e["severity"] == 1 for e in errors)
        assert errors[0]["line"] == line, f"{name}: wrong line:\n{describe(files[name], errors)}"
    assert report["statements"][str(files["schema.cypher"])] == 3
