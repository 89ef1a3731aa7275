"""GET /actors/{id}/network and GET /analytics/centrality against networkx computed here, on
graphs read independently with plain Cypher."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from fastapi.testclient import TestClient

from conftest import FRESH, commit_elsewhere_after_first, cypher, load_files
from test_graph_store import statement, write_jsonl

from claimgraph.graph import analytics
from claimgraph.graph.engine import Graph

RELATIONS = ("ACCUSES", "DENIES", "REPORTS", "SUPPORTS")
SOHR = "syrian-observatory-for-human-rights"


def statement_graph(graph: Graph) -> nx.DiGraph:
    """Every statement link of the graph, read here: X -> Y when X's statement is on a claim ABOUT
    Y, or DENIES a claim Y asserts; counted per relation in distinct statements."""
    rows = cypher(graph, """
        MATCH (x:Actor)-[r]->(c:Claim)-[:ABOUT]->(y:Actor)
        WHERE type(r) IN ['ACCUSES', 'DENIES', 'REPORTS', 'SUPPORTS'] AND x.id <> y.id
        RETURN x.id AS x, y.id AS y, type(r) AS relation, r.statement_id AS statement""") + cypher(graph, """
        MATCH (x:Actor)-[r:DENIES]->(c:Claim)<-[a]-(y:Actor)
        WHERE type(a) IN ['ACCUSES', 'REPORTS', 'SUPPORTS'] AND x.id <> y.id
        RETURN x.id AS x, y.id AS y, 'DENIES' AS relation, r.statement_id AS statement""")
    seen: dict[tuple[str, str], dict[str, set[str]]] = {}
    for row in rows:
        seen.setdefault((row["x"], row["y"]), {r: set() for r in RELATIONS})[row["relation"]].add(row["statement"])
    g = nx.DiGraph()
    for (x, y), by_relation in seen.items():
        counts = {r: len(s) for r, s in by_relation.items()}
        g.add_edge(x, y, statements=sum(counts.values()), **counts)
    return g


def test_api_network_turkey_from_the_seed(corpus_client: TestClient) -> None:
    response = corpus_client.get("/actors/country:tur/network")
    assert response.status_code == 200, response.text
    data = response.json()
    g = nx.node_link_graph(data, edges="links")
    assert g.is_directed() and data["graph"]["truncated"] is False
    assert g.nodes["country:tur"]["depth"] == 0 and g.nodes["country:tur"]["name"] == "Turkey"
    # Accused by SOHR (G11, G12) and the Karabakh administration (G10); it denies their claims
    # (G13), as do Azerbaijan (G14) and its Defense Ministry (G15), whose denials are of claims
    # about Turkey.
    assert set(g) == {"country:tur", SOHR, "nagorno-karabakh-administration", "country:aze", "country:aze/defense-ministry"}
    assert g.edges[SOHR, "country:tur"]["ACCUSES"] == 2
    assert g.edges["nagorno-karabakh-administration", "country:tur"]["ACCUSES"] == 1
    assert g.edges["country:tur", SOHR]["DENIES"] == 1
    assert g.edges["country:aze", "country:tur"]["DENIES"] == 1
    # The same network by name.
    assert corpus_client.get("/actors/Turkey/network").json() == data


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_api_network_is_the_ego_graph_of_the_statement_links(corpus_client: TestClient, corpus_graph: Graph, depth: int) -> None:
    everything = statement_graph(corpus_graph)
    for actor in ("country:tur", SOHR, "country:arm", "country:rus"):
        data = corpus_client.get(f"/actors/{actor}/network", params={"depth": depth}).json()
        got = nx.node_link_graph(data, edges="links")
        if actor not in everything:
            assert set(got) == {actor} and got.number_of_edges() == 0
            continue
        expected = nx.ego_graph(everything, actor, radius=depth, undirected=True)
        assert set(got) == set(expected), actor
        assert set(got.edges) == set(expected.edges), actor
        for x, y, counts in expected.edges(data=True):
            assert {k: got.edges[x, y][k] for k in counts} == counts
        distance = nx.single_source_shortest_path_length(everything.to_undirected(), actor)
        assert {n: got.nodes[n]["depth"] for n in got} == {n: distance[n] for n in got}


def test_api_network_graphml_parses_with_networkx(corpus_client: TestClient) -> None:
    as_json = nx.node_link_graph(corpus_client.get("/actors/country:tur/network", params={"depth": 2}).json(), edges="links")
    response = corpus_client.get("/actors/country:tur/network", params={"depth": 2, "format": "graphml"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/graphml+xml")
    g = nx.parse_graphml(response.text)
    assert g.is_directed()
    assert set(g) == set(as_json) and set(g.edges) == set(as_json.edges)
    for node, attributes in as_json.nodes(data=True):
        assert g.nodes[node] == attributes
    for x, y, attributes in as_json.edges(data=True):
        assert g.edges[x, y] == attributes


def test_api_network_with_claims(corpus_client: TestClient) -> None:
    data = corpus_client.get("/actors/country:tur/network", params={"claims": "true"}).json()
    g = nx.node_link_graph(data, edges="links")
    claims = {n for n, d in g.nodes(data=True) if d["type"] == "claim"}
    assert claims
    texts = {g.nodes[c]["name"] for c in claims}
    assert "Turkey had sent about 300 mercenaries from Syria to Nagorno-Karabakh" in texts
    for claim in claims:
        speakers = {x for x, _ in g.in_edges(claim)}
        assert speakers and all(g.nodes[s]["type"] == "actor" for s in speakers)
    # The claim SOHR made about Turkey: SOHR -> claim -> Turkey, Turkey -> claim (its denial).
    claim = next(c for c in claims if g.nodes[c]["name"].startswith("Turkey had sent"))
    assert g.edges[SOHR, claim]["ACCUSES"] == 1 and g.edges[claim, "country:tur"]["ABOUT"] == 1
    assert g.edges["country:tur", claim]["DENIES"] == 1


def test_api_network_errors(corpus_client: TestClient) -> None:
    for depth in (0, 4):
        response = corpus_client.get("/actors/country:tur/network", params={"depth": depth})
        assert response.status_code == 400 and response.headers["content-type"] == "application/problem+json"
    response = corpus_client.get("/actors/atlantis/network")
    assert response.status_code == 404 and response.headers["content-type"] == "application/problem+json"
    assert response.json()["instance"] == "/actors/atlantis/network"


def accusation_edges(graph: Graph) -> nx.DiGraph:
    """The accusation projection read here from the statements' own target ids (the API reads
    the claims' ABOUT edges)."""
    rows = cypher(graph, """
        MATCH (a:Actor)-[r:ACCUSES]->(:Claim)
        UNWIND r.target_ids AS target
        WITH a.id AS source, target, r.statement_id AS statement
        WHERE source <> target
        RETURN source, target, count(DISTINCT statement) AS n""")
    g = nx.DiGraph()
    for row in rows:
        g.add_edge(row["source"], row["target"], weight=row["n"])
    return g


def pagerank_by_eigenvector(g: nx.DiGraph) -> dict[str, float]:
    """PageRank as the principal left eigenvector of networkx's Google matrix."""
    nodes = sorted(g)
    matrix = nx.google_matrix(g, alpha=0.85, nodelist=nodes, weight="weight")
    values, vectors = np.linalg.eig(matrix.T)
    vector = np.real(vectors[:, np.argmax(np.real(values))])
    vector = vector / vector.sum()
    return dict(zip(nodes, vector.tolist()))


def test_api_centrality_agrees_with_networkx(client: TestClient, seeded_graph: Graph) -> None:
    g = accusation_edges(seeded_graph)
    assert g.number_of_nodes() > 20
    pagerank = pagerank_by_eigenvector(g)
    betweenness = nx.betweenness_centrality(g)
    body = client.get("/analytics/centrality", params={"limit": 500}).json()
    assert body["total"] == g.number_of_nodes() == len(body["rows"])
    assert body["approximate"] is False
    rows = body["rows"]
    assert {r["id"] for r in rows} == set(g)
    for row in rows:
        assert row["pagerank"] == pytest.approx(pagerank[row["id"]], abs=1e-5)
        assert row["betweenness"] == pytest.approx(betweenness[row["id"]], abs=1e-9)
        assert row["accusations_received"] == g.in_degree(row["id"], weight="weight")
        assert row["accusations_made"] == g.out_degree(row["id"], weight="weight")
        assert row["accusers"] == g.in_degree(row["id"])
    assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))
    # Ranked by PageRank, highest first; equal scores by id.
    for above, below in zip(rows, rows[1:]):
        assert pagerank[above["id"]] >= pagerank[below["id"]] - 1e-6
    best = max(pagerank.values())
    assert rows[0]["id"] == min(n for n, v in pagerank.items() if v >= best - 1e-6)

    by_betweenness = client.get("/analytics/centrality", params={"limit": 500, "sort": "betweenness"}).json()["rows"]
    for above, below in zip(by_betweenness, by_betweenness[1:]):
        assert (-round(betweenness[above["id"]], 9), above["id"]) < (-round(betweenness[below["id"]], 9), below["id"])


def test_api_communities_partition_the_projection_and_match_centrality(client: TestClient, seeded_graph: Graph,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    g = accusation_edges(seeded_graph)
    centrality_rows = client.get("/analytics/centrality", params={"limit": 500}).json()["rows"]
    community_of = {row["id"]: row["community"] for row in centrality_rows}
    # Louvain over the same undirected, weighted projection: the same partition.
    expected = {frozenset(c) for c in nx.community.louvain_communities(g.to_undirected(), weight="weight", seed=42)}
    members: dict[int, set[str]] = {}
    for actor, number in community_of.items():
        members.setdefault(number, set()).add(actor)
    assert {frozenset(m) for m in members.values()} == expected

    body = client.get("/analytics/communities", params={"limit": 500}).json()
    rows = body["rows"]
    assert body["total"] == len(rows) == len(expected)
    assert [r["community"] for r in rows] == list(range(1, len(rows) + 1))
    assert [r["size"] for r in rows] == sorted((r["size"] for r in rows), reverse=True)
    for row in rows:
        inside = members[row["community"]]
        assert row["size"] == len(inside) and set(row["top_actor_ids"]) <= inside
        assert row["accusations_within"] == sum(w for a, b, w in g.edges(data="weight") if a in inside and b in inside)
        assert row["accusations_across"] == sum(w for a, b, w in g.edges(data="weight") if (a in inside) != (b in inside))

    # Computed once per change of the graph: other sorts, pages and URLs reuse the scores.
    monkeypatch.setattr(analytics, "_score", lambda g: pytest.fail("scores computed twice for one data version"))
    client.get("/analytics/centrality", params={"sort": "betweenness", "limit": 3}, headers=FRESH)
    client.get("/analytics/communities", params={"format": "csv"}, headers=FRESH)


def test_api_centrality_pages_and_csv(client: TestClient) -> None:
    everything = client.get("/analytics/centrality", params={"limit": 500}).json()
    first = client.get("/analytics/centrality", params={"limit": 5}).json()
    second = client.get("/analytics/centrality", params={"limit": 5, "offset": 5}).json()
    assert first["rows"] + second["rows"] == everything["rows"][:10]
    assert first["next_offset"] == 5 and first["total"] == everything["total"]
    response = client.get("/analytics/centrality", params={"limit": 500, "format": "csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert response.headers["X-Total-Count"] == str(everything["total"])
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["id"] for r in rows] == [r["id"] for r in everything["rows"]]
    assert float(rows[0]["pagerank"]) == pytest.approx(everything["rows"][0]["pagerank"])
    bad = client.get("/analytics/centrality", params={"limit": 501})
    assert bad.status_code == 400 and "CLAIMGRAPH_MAX_PAGE_SIZE" in bad.json()["detail"]
    assert client.get("/analytics/centrality", params={"sort": "degree"}).status_code == 400


def test_api_network_keeps_the_nearest_actors_within_the_bound(corpus_client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    full = nx.node_link_graph(corpus_client.get("/actors/country:tur/network", params={"depth": 3}).json(), edges="links")
    assert full.graph["truncated"] is False and full.number_of_nodes() > 4
    monkeypatch.setattr(analytics, "NETWORK_MAX_NODES", 4)
    # The bound changed, not the graph: ask for a fresh answer rather than the one kept.
    data = corpus_client.get("/actors/country:tur/network", params={"depth": 3}, headers=FRESH).json()
    cut = nx.node_link_graph(data, edges="links")
    assert data["graph"]["truncated"] is True and cut.number_of_nodes() == 4
    assert max(cut.nodes[n]["depth"] for n in cut) == 1, "the nearest actors are kept"
    assert set(cut.edges) == {e for e in full.edges if e[0] in cut and e[1] in cut}


def test_api_analytics_from_kept_scores_are_the_computed_ones(client: TestClient, seeded_graph: Graph,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A load keeps the scores in the graph with their data version; a process that never
    computed them answers from them, exactly as it would have computed."""
    def answers() -> list[dict]:
        analytics._SCORES.clear()  # a fresh process
        return [client.get(path, params=params, headers=FRESH).json() for path, params in (
            ("/analytics/centrality", {"limit": 500}), ("/analytics/centrality", {"limit": 500, "sort": "betweenness"}),
            ("/analytics/communities", {"limit": 500}))]

    computed = answers()
    assert analytics.keep_projection_scores(seeded_graph) is True
    assert analytics.keep_projection_scores(seeded_graph) is False  # current already: nothing to do
    with monkeypatch.context() as patched:
        patched.setattr(analytics, "_score", lambda g: pytest.fail("computed although kept for this data version"))
        assert answers() == computed

    # A post changes the graph, and keeps the new graph's scores once it has answered.
    before = analytics.data_version(seeded_graph)
    posted = client.post("/articles", params={"id": "kept-scores-post"}, content=(
        "Armenia accused Turkey of sending fighters to the front, the defence ministry said on Monday."),
        headers={"Content-Type": "text/plain"})
    assert posted.status_code == 201, posted.text
    version = analytics.data_version(seeded_graph)
    assert version != before and analytics._kept_version(seeded_graph)[0] == version
    analytics._SCORES.clear()
    live = analytics._score(analytics.accusation_projection(seeded_graph))
    assert analytics.projection_scores(seeded_graph) == live


def test_network_without_the_links_among_the_outermost_actors(corpus_graph: Graph) -> None:
    full = analytics.ego_network(corpus_graph, actor="country:tur", depth=1).graph
    own = analytics.ego_network(corpus_graph, actor="country:tur", depth=1, among_outermost=False).graph
    assert set(own) == set(full)
    assert set(own.edges) == {e for e in full.edges if "country:tur" in e}
    assert any("country:tur" not in e for e in full.edges)  # the full one has links among the others


def test_api_analytics_scores_kept_by_two_processes_at_once_are_kept(clean_graph: Graph, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A load and a running service may both keep the scores after a write: the embedded engine
    refuses the later of two commits that changed them (a transient conflict), and that keeping
    is run again instead of failing the load after its data was written."""
    def load(name: str, speaker: str) -> None:
        load_files(clean_graph, write_jsonl(tmp_path / f"{name}.jsonl", [statement(
            name, f"{name}-1", speaker, "the shelling of Ganja was a provocation", "ACCUSES",
            targets=[{"name": "Armenia"}])]))

    load("kept-a", "Azerbaijan")
    assert analytics.keep_projection_scores(clean_graph) is True
    load("kept-b", "Turkey")
    # The other process's keeping commits first.
    deletes = commit_elsewhere_after_first(monkeypatch, analytics, "write/delete_projection_scores", clean_graph,
                                           "MATCH (s:ActorScore) SET s.pagerank = 0.0")
    assert analytics.keep_projection_scores(clean_graph) is True
    assert len(deletes) == 2
    assert analytics.keep_projection_scores(clean_graph) is False  # current now
    kept = cypher(clean_graph, "MATCH (s:ActorScore) RETURN s.actor_id AS actor, s.pagerank AS pagerank")
    assert {row["actor"] for row in kept} == {"country:aze", "country:tur", "country:arm"}
    assert all(row["pagerank"] > 0 for row in kept)
