"""The schema: applied at every start without harm, and enforced by the engine."""

from __future__ import annotations

import neo4j
import pytest

from claimgraph.graph.cypher import schema_statements
from claimgraph.graph.engine import Graph
from claimgraph.graph.store import apply_schema


def constraints(graph: Graph) -> list[tuple]:
    records, _, _ = graph.driver.execute_query("SHOW CONSTRAINTS", database_=graph.database)
    return sorted((r["name"], tuple(r["labelsOrTypes"]), tuple(r["properties"])) for r in records)


def test_schema_applies_twice_to_the_same_constraints(clean_graph: Graph) -> None:
    before = constraints(clean_graph)
    apply_schema(clean_graph)
    apply_schema(clean_graph)
    after = constraints(clean_graph)
    assert after == before
    names = {name for name, _, _ in after}
    assert {"actor_id", "article_id", "claim_id", "claim_term", "accuses_statement", "denies_statement",
            "reports_statement", "supports_statement", "graph_state", "relation_tally", "day_tally", "pair_tally",
            "node_tally", "contested_tally", "about_pair_tally", "accused_tally", "accuser_tally", "link_tally", "mutual_tally", "accusation_rank", "actor_summary", "summary_state"} <= names
    assert ("accuses_statement", ("ACCUSES",), ("statement_id", "claim_id")) in after
    assert len(schema_statements()) == 27


def test_schema_refuses_a_second_actor_with_the_same_id(clean_graph: Graph) -> None:
    clean_graph.driver.execute_query("CREATE (:Actor {id: 'twin'})", database_=clean_graph.database)
    with pytest.raises(neo4j.exceptions.ConstraintError):
        clean_graph.driver.execute_query("CREATE (:Actor {id: 'twin'})", database_=clean_graph.database)
