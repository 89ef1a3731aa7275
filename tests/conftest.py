"""Test fixtures: the real graph engine, started once for the session.

By default that is the embedded ArcadeDB in a temporary folder. With ``NEO4J_URI`` (and
``NEO4J_PASSWORD``) set, the same tests run against that Neo4j server instead, and the tests
marked ``neo4j`` run too. Tests that write start from an empty graph (``clean_graph``).
"""

from __future__ import annotations

import copy
import functools

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from neo4j import GraphDatabase

from claimgraph.api.main import create_app
from claimgraph.graph.engine import DATABASE, EmbeddedEngine, Graph
from claimgraph.graph.settings import Settings
from claimgraph.graph.store import LoadReport, apply_schema, write_actors, write_articles
from claimgraph.loaders.inputs import read_paths
from claimgraph.loaders.parsed import ParsedInput
from claimgraph.loaders.prepare import prepare_articles

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "samples" / "seed-nk-mercenaries.jsonl"
GDELT_SAMPLE = REPO / "tests" / "data" / "gdelt" / "events-sample.csv"
USES_NEO4J = bool(os.environ.get("NEO4J_URI"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    skip = pytest.mark.skip(reason="needs a Neo4j server: set NEO4J_URI and NEO4J_PASSWORD")
    for item in items:
        if "neo4j" in item.keywords and not USES_NEO4J:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def engine_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("engine")


@pytest.fixture(scope="session")
def graph(engine_dir: Path) -> Iterator[Graph]:
    """The session's graph database, with the schema applied."""
    if USES_NEO4J:
        settings = Settings()
        assert settings.NEO4J_PASSWORD is not None
        driver = GraphDatabase.driver(settings.NEO4J_URI, auth=(settings.NEO4J_USER, settings.NEO4J_PASSWORD.get_secret_value()))
        opened = Graph(driver, settings.NEO4J_DATABASE, f"Neo4j at {settings.NEO4J_URI}")
        engine = None
    else:
        engine = EmbeddedEngine(engine_dir)
        status = engine.start()
        opened = Graph(engine.driver(status), DATABASE, f"embedded ArcadeDB at {status.uri}")
    apply_schema(opened)
    yield opened
    opened.driver.close()
    if engine is not None:
        engine.stop()


def pytest_report_header(config: pytest.Config) -> str:
    return "graph engine: " + ("Neo4j at " + os.environ["NEO4J_URI"] if USES_NEO4J else "embedded ArcadeDB (started by the session)")


def wipe(graph: Graph) -> None:
    graph.driver.execute_query("MATCH (n) DETACH DELETE n", database_=graph.database)


@pytest.fixture
def clean_graph(graph: Graph) -> Graph:
    """The session graph, emptied."""
    wipe(graph)
    return graph


def load_files(graph: Graph, *paths: Path) -> tuple[ParsedInput, LoadReport]:
    """Read, prepare and write files the way ``claimgraph load`` does."""
    parsed = read_paths(list(paths))
    articles = prepare_articles(parsed)
    report = write_actors(graph, [actor for _, actor in parsed.declared_actors])
    write_articles(graph, articles, report=report)
    return parsed, report.finish()


@pytest.fixture
def seeded_graph(clean_graph: Graph) -> Graph:
    """The seed article and the GDELT sample, loaded into an empty graph."""
    parsed, report = load_files(clean_graph, SEED, GDELT_SAMPLE)
    assert not parsed.problems and not report.failures
    return clean_graph


FNC1_DEV_BODIES = REPO / "tests" / "data" / "fnc1-dev" / "bodies.csv"


@functools.cache
def fnc1_dev_statements() -> ParsedInput:
    """The FNC-1 development bodies with the statements the extractor finds (once a session)."""
    from claimgraph.loaders.articles import read_articles
    from claimgraph.loaders.extraction import RuleExtractor
    from claimgraph.loaders.text import extract_articles

    read = read_articles([FNC1_DEV_BODIES], text_column="articleBody", id_column="Body ID", id_prefix="fnc1-")
    assert not read.problems
    return extract_articles(read.articles, RuleExtractor())


@pytest.fixture
def corpus_graph(clean_graph: Graph) -> Graph:
    """The seed article (hand-annotated statements) and the six FNC-1 development bodies
    (statements found by the extractor), loaded into an empty graph."""
    parsed, report = load_files(clean_graph, SEED)
    assert not parsed.problems and not report.failures
    extracted = fnc1_dev_statements()
    articles = prepare_articles(copy.deepcopy(extracted))
    report = write_articles(clean_graph, articles).finish()
    assert not report.failures
    return clean_graph


@pytest.fixture
def corpus_client(corpus_graph: Graph) -> Iterator[TestClient]:
    """The API over ``corpus_graph``."""
    with TestClient(create_app(Settings(MAX_PAGE_SIZE=500), corpus_graph)) as test_client:
        yield test_client


# Request headers that ask the API for a fresh answer, not one kept for this data version
# (api/caching.py): for tests that change a code bound between two identical requests.
FRESH = {"Cache-Control": "no-cache"}


def cypher(graph: Graph, text: str, **params: object) -> list[dict]:
    """Rows of a Cypher query run straight through the driver: what a test checks an answer against."""
    records, _, _ = graph.driver.execute_query(text, params, database_=graph.database)
    return [dict(r) for r in records]


def commit_elsewhere_after_first(monkeypatch: pytest.MonkeyPatch, module: object, query_name: str, graph: Graph,
                                 change: str) -> list[str]:
    """Make ``module``'s write conflict once: right after its transaction first runs the named
    query ``query_name``, another session commits ``change`` (Cypher) to the same records, so
    that the embedded engine refuses the transaction's commit as a transient conflict. Returns
    the list that records each run of the query (two when the write was tried again)."""
    real_run_named = module.run_named  # type: ignore[attr-defined]
    runs: list[str] = []

    def run_then_commit_elsewhere(tx: object, name: str, **params: object) -> object:
        result = real_run_named(tx, name, **params)
        if name == query_name:
            runs.append(name)
            if len(runs) == 1:
                with graph.driver.session(database=graph.database) as other:
                    other.run(change).consume()
        return result

    monkeypatch.setattr(module, "run_named", run_then_commit_elsewhere)
    return runs


@pytest.fixture
def client(seeded_graph: Graph) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(MAX_PAGE_SIZE=500), seeded_graph)) as test_client:
        yield test_client
