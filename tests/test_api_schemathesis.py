"""schemathesis over the OpenAPI (issue 4): every operation, against the real engine with the seed
article and the GDELT sample loaded, answers no 5xx.

Cases come from the schema (valid and invalid values of every parameter and body), derandomized
so that CI sees the same cases every run, a few dozen per operation to keep the file short.
The schema is read at import from an app that is never started; the requests go to an app over
the session's engine (``app=`` of ``Case.call``).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from conftest import GDELT_SAMPLE, SEED, load_files, wipe
from claimgraph.api.main import create_app
from claimgraph.graph.engine import Graph
from claimgraph.graph.settings import Settings

CYPHER_KEY = "schemathesis-cypher-key"
HEADERS = {"X-API-Key": CYPHER_KEY}
SETTINGS = Settings(CYPHER_API_KEY=CYPHER_KEY, MAX_PAGE_SIZE=500, QUERY_TIMEOUT_S=10)
MAX_EXAMPLES = 20

schema = schemathesis.openapi.from_dict(create_app(SETTINGS).openapi())


@pytest.fixture(scope="module")
def loaded_app(graph: Graph) -> FastAPI:
    """The API over the session's graph, emptied and loaded with the seed and the GDELT sample
    once for the module (POST /articles adds to it)."""
    wipe(graph)
    parsed, report = load_files(graph, SEED, GDELT_SAMPLE)
    assert not parsed.problems and not report.failures
    return create_app(SETTINGS, graph)


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_no_server_error(case: schemathesis.Case, loaded_app: FastAPI) -> None:
    case.call_and_validate(headers=HEADERS, checks=[not_a_server_error], app=loaded_app)
