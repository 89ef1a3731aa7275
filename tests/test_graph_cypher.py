"""The Cypher files: every one loads, and its header declares exactly the parameters it uses."""

from __future__ import annotations

import pytest

from claimgraph.graph.cypher import _parse, load_queries, query
from claimgraph.graph.errors import CypherFileError, InvalidParametersError


def test_cypher_every_file_loads_with_a_description() -> None:
    queries = load_queries()
    assert {"read/accusations", "read/actor_profile", "write/merge_statements"} <= set(queries)
    for cypher in queries.values():
        assert cypher.description


def test_cypher_header_must_match_the_parameters_used() -> None:
    with pytest.raises(CypherFileError, match="used but not declared: limit"):
        _parse("read/x", "// Things.\n// $id: string\nMATCH (a {id: $id}) RETURN a LIMIT $limit\n")
    with pytest.raises(CypherFileError, match="declared but not used: id"):
        _parse("read/x", "// Things.\n// $id: string\nMATCH (a) RETURN a\n")
    with pytest.raises(CypherFileError, match="first comment line"):
        _parse("read/x", "MATCH (a) RETURN a\n")
    # A "$" inside a string or a "//" inside a URL is neither a parameter nor a comment.
    parsed = _parse("read/x", "// Things.\n// $id: string\nMATCH (a {id: $id}) WHERE a.url <> 'http://x/$y' RETURN a\n")
    assert set(parsed.params) == {"id"}


def test_cypher_parameters_are_checked_before_a_run() -> None:
    accusations = query("read/accusations")
    params = accusations.parameters(skip=0, limit=10)
    assert params["accuser_ids"] is None and params["limit"] == 10
    with pytest.raises(InvalidParametersError, match="needs parameter"):
        accusations.parameters(skip=0)
    with pytest.raises(InvalidParametersError, match="takes no parameter"):
        accusations.parameters(skip=0, limit=1, accuser="Azerbaijan")
