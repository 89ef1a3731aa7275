"""Behaviour only Neo4j has; skipped unless NEO4J_URI points at a Neo4j server."""

from __future__ import annotations

import neo4j
import pytest

from claimgraph.graph.engine import Graph


@pytest.mark.neo4j
def test_neo4j_read_routing_refuses_writes(graph: Graph) -> None:
    """Neo4j refuses a write in a READ transaction; ArcadeDB does not (engine notes), which is
    why claimgraph never relies on it."""
    with pytest.raises(neo4j.exceptions.ClientError):
        graph.driver.execute_query("CREATE (:Probe)", database_=graph.database, routing_=neo4j.RoutingControl.READ)


@pytest.mark.neo4j
def test_neo4j_query_timeout_is_enforced(graph: Graph) -> None:
    with pytest.raises(neo4j.exceptions.ClientError):
        graph.driver.execute_query(
            neo4j.Query("UNWIND range(1, 100000000) AS x RETURN sum(x)", timeout=0.05), database_=graph.database)
