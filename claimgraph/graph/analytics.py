"""Graph analytics computed in Python over reads of the engine: contradiction chains, ego
networks and centrality.

networkx is used for analytics only, never as a second store: every function reads what it
needs from the graph with named queries in ``cypher/read/`` and builds its answer per request,
except the scores of the accusation projection (PageRank, betweenness, communities), computed
once per version of the graph's data and kept, in memory and by loads in the graph itself.

Every search here is bounded by construction, not by a timeout (ArcadeDB ignores the Bolt
transaction timeout, issue 4): each hop reads at most a fixed number of actors, statement edges
per actor and actors per claim, and holds at most a fixed number of partial paths or nodes.
When a bound cuts an answer short, the answer says so (``truncated``) instead of running on.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import neo4j
import networkx as nx

from claimgraph.graph.cypher import run_named
from claimgraph.graph.engine import Graph
from claimgraph.graph.errors import InvalidParametersError
from claimgraph.graph.executor import run_read
from claimgraph.graph.reads import actor_ids_for, actors_by_ids, data_version
from claimgraph.graph.summaries import kept_summary
from claimgraph.graph.tallies import tallied

ASSERTING = ("ACCUSES", "REPORTS", "SUPPORTS")
RELATIONS = ("ACCUSES", "DENIES", "REPORTS", "SUPPORTS")

# Contradiction chains (GET /chains).
CHAIN_MAX_HOPS = 6
"""Longest chain searched, in actor hops."""
CHAIN_DEFAULT_HOPS = 4
CHAIN_MAX_LIMIT = 100
"""Most chains returned in one page."""
CHAIN_FRONTIER = 200
"""Most actors expanded per hop (those at the end of the chains found so far)."""
CHAIN_HOP_EDGES = 10000
"""Most asserting statement edges (ACCUSES, REPORTS, SUPPORTS) read per hop, shared among the
actors expanded: about 0.6 s a hop on the embedded engine (measured, issue 4)."""
CHAIN_MIN_EDGES_PER_ACTOR = 50
"""Fewest asserting statement edges read per expanded actor, however many actors a hop has."""
CHAIN_SIDES_PER_CLAIM = 200
"""Most deniers, and most actors a claim is ABOUT, read per claim."""
CHAIN_PARTIAL_PATHS = 20000
"""Most chains held for extension at one hop."""
CHAIN_MAX_FOUND = 10000
"""Most chains counted; beyond it the answer is truncated."""
CHAIN_CLAIMS_PER_HOP = 5
"""Claims shown as evidence of one hop (``claims_total`` counts them all)."""
CHAIN_STATEMENTS_PER_SIDE = 3
"""Statements shown per claim and side of a hop (the asserter's, the denier's)."""

# Ego networks (GET /actors/{id}/network).
NETWORK_MAX_DEPTH = 3
NETWORK_MAX_NODES = 500
"""Most actors in an ego network; the nearest are kept."""
NETWORK_HOP_ROWS = 10000
"""Most statement links read per hop of the expansion, shared among the actors expanded (each
reads up to a quarter of its share per kind of link: made/received, about/denied)."""
NETWORK_MIN_LINKS_PER_ACTOR = 5
"""Fewest statement links read per actor and kind of link, however many actors a hop has."""

# Centrality (GET /analytics/centrality).
BETWEENNESS_EXACT_MAX_NODES = 1000
"""Above this many actors, betweenness is estimated from sampled sources."""
BETWEENNESS_SAMPLES = 100
"""Sources sampled (seed 42) to estimate betweenness on larger projections: one breadth-first
search each, about 0.1 s apiece on 70k actor pairs (measured, issue 4)."""


# --------------------------------------------------------------------------- chains


@dataclass
class ChainSearch:
    """The answer of :func:`contradiction_chains`: one page of chains, shortest first.

    ``total`` counts every chain found; ``truncated`` is true when a search bound cut the search
    short, so that more chains (or other evidence) may exist than were found.
    """

    chains: list[dict[str, Any]]
    total: int
    limit: int
    offset: int
    truncated: bool
    bounds: dict[str, int] = field(default_factory=dict)

    @property
    def next_offset(self) -> int | None:
        return self.offset + self.limit if self.offset + self.limit < self.total else None


def _links_from(
    graph: Graph, actor_ids: list[str], *, timeout_s: float | None
) -> tuple[dict[str, dict[str, dict[str, set[str]]]], bool]:
    """One hop of the chain search: for each actor X, the actors Y it links to, each with the
    claims and kinds of link (``denial``, ``accusation``) that make the link.

    The hop reads at most ``CHAIN_HOP_EDGES`` asserting edges in all, shared among the actors
    (at least ``CHAIN_MIN_EDGES_PER_ACTOR`` each). Returns ``{X: {Y: {claim_id: kinds}}}`` and
    whether a bound was hit.
    """
    per_actor = max(CHAIN_MIN_EDGES_PER_ACTOR, CHAIN_HOP_EDGES // max(len(actor_ids), 1))
    _, rows = run_read(graph, "read/chain_links", timeout_s=timeout_s,
                       actor_ids=actor_ids, per_actor=per_actor, per_claim=CHAIN_SIDES_PER_CLAIM)
    truncated = False
    links: dict[str, dict[str, dict[str, set[str]]]] = {x: defaultdict(lambda: defaultdict(set)) for x in actor_ids}
    per_claim: dict[tuple[str, str, str], int] = defaultdict(int)
    for row in rows:
        x = row["from_id"]
        if row["link"] == "scanned":
            truncated |= row["scanned"] >= per_actor
            continue
        per_claim[(x, row["claim_id"], row["link"])] += 1
        links[x][row["to_id"]][row["claim_id"]].add(row["link"])
    truncated |= any(n >= CHAIN_SIDES_PER_CLAIM for n in per_claim.values())
    return links, truncated


def _hop_has_denial(claims: dict[str, set[str]]) -> bool:
    return any("denial" in kinds for kinds in claims.values())


def contradiction_chains(
    graph: Graph,
    *,
    source: str,
    target: str | None = None,
    max_hops: int = CHAIN_DEFAULT_HOPS,
    limit: int = 20,
    offset: int = 0,
    timeout_s: float | None = None,
) -> ChainSearch:
    """Contradiction chains from one actor (to another), shortest first, each hop with evidence.

    What counts as a link from actor X to actor Y (one hop), on a claim c:

    - **denial**: X ACCUSES, REPORTS or SUPPORTS c, and Y DENIES c (Y contradicts X);
    - **accusation**: X ACCUSES c and c is ABOUT Y (X blames Y).

    A contradiction chain is a path X0 -> X1 -> ... -> Xn of distinct actors, 1 <= n <=
    ``max_hops``, where each step is a link and at least one step is a denial: relations.md's
    "A accuses B; B denies it and accuses C; C denies ..." read from A. Links point from the one
    who asserted or accused to the one who denied or was accused, so a chain from an actor that
    only denies (and accuses no one) is empty. A hop may hold several claims; it counts once.

    Speakers are taken as recorded: a chain does not step from a part to its parent or back
    (PART_OF is not a link). In the seed article the Syrian Observatory's claims are denied by
    Azerbaijan (G14) and by Azerbaijan's Defense Ministry (G15); each accuses Armenia (G2, G16),
    so there are two chains of two hops to Armenia, neither through a PART_OF step.

    The search is breadth-first in Python, one read a hop (``read/chain_links``, starting from
    the indexed actors at the chain ends), over simple paths; it is bounded by the ``CHAIN_*``
    limits of this module (actors per hop, statement edges per hop, actors per claim, partial
    chains held, chains counted), and says ``truncated`` when one of them cut it short.

    Args:
        source, target: actor id, name or alias (any case); every actor the key names is an end.
        max_hops: longest chain, 1 to ``CHAIN_MAX_HOPS``.

    Raises:
        NotFoundError: ``source`` or ``target`` names no actor.
        InvalidParametersError: ``max_hops`` or ``limit`` out of range.
    """
    if not 1 <= max_hops <= CHAIN_MAX_HOPS:
        raise InvalidParametersError(f"max_hops: from 1 to {CHAIN_MAX_HOPS}, got {max_hops}")
    if not 1 <= limit <= CHAIN_MAX_LIMIT:
        raise InvalidParametersError(f"limit: from 1 to {CHAIN_MAX_LIMIT} chains a page, got {limit}")
    starts = sorted(actor_ids_for(graph, source, timeout_s=timeout_s))
    ends = set(actor_ids_for(graph, target, timeout_s=timeout_s)) if target else None

    truncated = False
    adjacency: dict[str, dict[str, dict[str, set[str]]]] = {}
    # A partial chain: (actors, has a denial link).
    partial: list[tuple[tuple[str, ...], bool]] = [((start,), False) for start in starts]
    found: list[tuple[str, ...]] = []
    for _ in range(max_hops):
        wanted = sorted({actors[-1] for actors, _ in partial} - adjacency.keys())
        if len(wanted) > CHAIN_FRONTIER:
            truncated = True
            wanted = wanted[:CHAIN_FRONTIER]
        if wanted:
            links, cut = _links_from(graph, wanted, timeout_s=timeout_s)
            truncated |= cut
            adjacency.update(links)
        extended: list[tuple[tuple[str, ...], bool]] = []
        for actors, has_denial in partial:
            for y, claims in sorted(adjacency.get(actors[-1], {}).items()):
                if y in actors:
                    continue
                chain, denial = actors + (y,), has_denial or _hop_has_denial(claims)
                if ends is None or y in ends:
                    if denial:
                        found.append(chain)
                    if ends is not None:
                        continue  # a chain to the target ends there
                extended.append((chain, denial))
        if len(found) > CHAIN_MAX_FOUND:
            truncated, found = True, found[:CHAIN_MAX_FOUND]
            break
        if len(extended) > CHAIN_PARTIAL_PATHS:
            truncated, extended = True, extended[:CHAIN_PARTIAL_PATHS]
        partial = extended
        if not partial:
            break

    found.sort(key=lambda chain: (len(chain), chain))
    page = found[offset:offset + limit]
    chains = _chain_evidence(graph, page, adjacency, timeout_s=timeout_s)
    return ChainSearch(
        chains=chains, total=len(found), limit=limit, offset=offset, truncated=truncated,
        bounds={"max_hops": max_hops, "frontier": CHAIN_FRONTIER, "hop_edges": CHAIN_HOP_EDGES,
                "sides_per_claim": CHAIN_SIDES_PER_CLAIM, "partial_paths": CHAIN_PARTIAL_PATHS,
                "max_found": CHAIN_MAX_FOUND},
    )


def _chain_evidence(
    graph: Graph,
    chains: list[tuple[str, ...]],
    adjacency: dict[str, dict[str, dict[str, set[str]]]],
    *,
    timeout_s: float | None,
) -> list[dict[str, Any]]:
    """The chains of one page, each hop with its claims and the statements that make the link."""
    hops: dict[tuple[str, str], list[tuple[str, set[str]]]] = {}
    pairs: dict[tuple[str, str], tuple[str, ...]] = {}
    for chain in chains:
        for x, y in zip(chain, chain[1:]):
            claims = sorted(adjacency[x][y].items())
            hops[(x, y)] = claims
            for claim_id, kinds in claims[:CHAIN_CLAIMS_PER_HOP]:
                if "denial" in kinds:
                    pairs[(claim_id, x)] = tuple(sorted(set(pairs.get((claim_id, x), ())) | set(ASSERTING)))
                    pairs[(claim_id, y)] = tuple(sorted(set(pairs.get((claim_id, y), ())) | {"DENIES"}))
                if "accusation" in kinds:
                    pairs[(claim_id, x)] = tuple(sorted(set(pairs.get((claim_id, x), ())) | {"ACCUSES"}))
    statements: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    if pairs:
        _, rows = run_read(
            graph, "read/statements_on_claims", timeout_s=timeout_s,
            pairs=[{"claim_id": c, "speaker_id": s, "relations": list(r)} for (c, s), r in sorted(pairs.items())],
            per_pair=CHAIN_STATEMENTS_PER_SIDE * 2,
        )
        for row in rows:
            statements[(row["claim_id"], row["speaker_id"])].append(row)
    names = actors_by_ids(graph, sorted({a for chain in chains for a in chain}), timeout_s=timeout_s)

    def actor(actor_id: str) -> dict[str, Any]:
        return names.get(actor_id, {"id": actor_id, "name": None, "kind": None})

    def side(claim_id: str, speaker: str, relations: set[str]) -> list[dict[str, Any]]:
        rows = [s for s in statements.get((claim_id, speaker), []) if s["relation"] in relations]
        return rows[:CHAIN_STATEMENTS_PER_SIDE]

    answer = []
    for chain in chains:
        path = []
        for x, y in zip(chain, chain[1:]):
            claims = hops[(x, y)]
            shown = []
            for claim_id, kinds in claims[:CHAIN_CLAIMS_PER_HOP]:
                asserting = set(ASSERTING) if "denial" in kinds else {"ACCUSES"}
                made = side(claim_id, x, asserting)
                denied = side(claim_id, y, {"DENIES"}) if "denial" in kinds else []
                shown.append({
                    "claim_id": claim_id,
                    "claim_text": made[0]["claim_text"] if made else None,
                    "links": sorted(kinds),
                    "evidence": made + denied,
                })
            kinds_all = sorted({k for _, kinds in claims for k in kinds})
            path.append({"from": actor(x), "to": actor(y), "links": kinds_all,
                         "claims_total": len(claims), "claims": shown})
        answer.append({"hops": len(chain) - 1, "actors": [actor(a) for a in chain], "path": path})
    return answer


# --------------------------------------------------------------------------- ego network


@dataclass
class EgoNetwork:
    graph: nx.DiGraph
    truncated: bool


def _add_link(g: nx.DiGraph, source: str, target: str, relation: str, statement_id: str,
              seen: set[tuple[str, str, str, str]]) -> None:
    key = (source, target, relation, statement_id)
    if key in seen:
        return
    seen.add(key)
    if not g.has_edge(source, target):
        g.add_edge(source, target, statements=0, **{r: 0 for r in RELATIONS})
    data = g.edges[source, target]
    data[relation] += 1
    data["statements"] += 1


def ego_network(
    graph: Graph,
    *,
    actor: str,
    depth: int = 1,
    claims: bool = False,
    among_outermost: bool = True,
    timeout_s: float | None = None,
) -> EgoNetwork:
    """The actors within ``depth`` links of an actor, and the statements that link them.

    A statement of X links X to Y when its claim is ABOUT Y, or when it DENIES a claim Y ACCUSES,
    REPORTS or SUPPORTS (Y other than X). The network's edges are directed X -> Y, one per pair,
    with the number of distinct statements per relation (``ACCUSES``, ``DENIES``, ``REPORTS``,
    ``SUPPORTS``) and in all (``statements``). Links are followed both ways when expanding; the
    nearest ``NETWORK_MAX_NODES`` actors are kept (by depth, then id). Nodes carry ``name``,
    ``kind`` and ``depth`` (0 for the actor asked about), and ``type`` ("actor").

    With ``claims``, the claims of those statements are nodes too (``type`` "claim", ``text``),
    with edges speaker -> claim (statements per relation) and claim -> actor (``ABOUT``), besides
    the actor-to-actor edges.

    Without ``among_outermost``, the links among the actors at ``depth`` are left out: one read
    fewer, the one that reads the links of those actors, which are often hubs (the explorer's
    actor page draws the actor's own links only).

    Raises:
        NotFoundError: ``actor`` names no actor.
        InvalidParametersError: ``depth`` out of range.
    """
    if not 1 <= depth <= NETWORK_MAX_DEPTH:
        raise InvalidParametersError(f"depth: from 1 to {NETWORK_MAX_DEPTH}, got {depth}")
    egos = sorted(actor_ids_for(graph, actor, timeout_s=timeout_s))
    # The explorer's network of a busy actor is kept after the writes (graph/summaries.py).
    if depth == 1 and not claims and not among_outermost and len(egos) == 1 \
            and (kept := kept_summary(graph, egos[0], timeout_s=timeout_s)) is not None:
        return _network_from_json(graph, kept.network, timeout_s=timeout_s)
    depth_of: dict[str, int] = {ego: 0 for ego in egos}
    rows_all: list[dict[str, Any]] = []
    truncated = False
    frontier = egos
    for level in range(1, depth + (2 if among_outermost else 1)):
        if not frontier:
            break
        per_actor = max(NETWORK_MIN_LINKS_PER_ACTOR, NETWORK_HOP_ROWS // (4 * len(frontier)))
        _, rows = run_read(graph, "read/actor_links", timeout_s=timeout_s, actor_ids=frontier, per_actor=per_actor)
        per_kind: dict[tuple[str, str], int] = defaultdict(int)
        for row in rows:
            per_kind[(row["actor_id"], row["kind"])] += 1
        if any(n >= per_actor for n in per_kind.values()):
            truncated = True
        rows_all.extend(rows)
        if level > depth:
            break  # the last read only adds the edges among the outermost actors
        found = sorted({a for row in rows for a in (row["source_id"], row["target_id"])} - depth_of.keys())
        room = NETWORK_MAX_NODES - len(depth_of)
        if len(found) > room:
            truncated, found = True, found[:max(room, 0)]
        for actor_id in found:
            depth_of[actor_id] = level
        frontier = found

    g = nx.DiGraph(ego=egos[0] if len(egos) == 1 else egos, depth=depth)
    info = actors_by_ids(graph, list(depth_of), timeout_s=timeout_s)
    for actor_id, d in sorted(depth_of.items(), key=lambda item: (item[1], item[0])):
        a = info.get(actor_id, {})
        g.add_node(actor_id, type="actor", name=a.get("name") or "", kind=a.get("kind") or "", depth=d)
    seen: set[tuple[str, str, str, str]] = set()
    claim_edges: set[tuple[str, str, str, str]] = set()
    for row in sorted(rows_all, key=lambda r: (r["source_id"], r["target_id"], r["relation"], r["statement_id"], r["claim_id"])):
        source, target = row["source_id"], row["target_id"]
        if source not in depth_of or target not in depth_of:
            continue
        _add_link(g, source, target, row["relation"], row["statement_id"], seen)
        if claims:
            claim = f"claim:{row['claim_id']}"
            if claim not in g:
                g.add_node(claim, type="claim", name="", kind="", depth=-1, claim_id=row["claim_id"])
            _add_link(g, source, claim, row["relation"], row["statement_id"], claim_edges)
            if row["via"] == "about":
                g.add_edge(claim, target, ABOUT=1, statements=0, **{r: 0 for r in RELATIONS})
            else:  # the target asserted the claim the source denies
                _add_link(g, target, claim, row["target_relation"], row["target_statement_id"], claim_edges)
    if claims:
        _name_claims(graph, g, timeout_s=timeout_s)
    return EgoNetwork(g, truncated)


def _name_claims(graph: Graph, g: nx.DiGraph, *, timeout_s: float | None) -> None:
    claim_ids = sorted(data["claim_id"] for _, data in g.nodes(data=True) if data["type"] == "claim")
    if not claim_ids:
        return
    _, rows = run_read(graph, "read/claim_texts", timeout_s=timeout_s, claim_ids=claim_ids)
    for row in rows:
        g.nodes[f"claim:{row['id']}"]["name"] = row["text"] or ""


def network_json(network: EgoNetwork) -> dict[str, Any]:
    """The network as networkx node-link JSON (``nx.node_link_graph`` reads it back), with
    ``truncated``; nodes and links in a stable order."""
    try:
        data = nx.node_link_data(network.graph, edges="links")
    except TypeError:  # networkx < 3.4 has no ``edges`` argument and always says "links"
        data = nx.node_link_data(network.graph)
    data["nodes"].sort(key=lambda n: (n["depth"] if n["depth"] >= 0 else 99, n["id"]))
    data["links"].sort(key=lambda e: (e["source"], e["target"]))
    data["graph"]["truncated"] = network.truncated
    return data


def _network_from_json(graph: Graph, data: dict[str, Any], *, timeout_s: float | None) -> EgoNetwork:
    """A network kept as ``network_json``, its actors' names and kinds as they are now."""
    data = {**data, "graph": dict(data["graph"])}
    truncated = bool(data["graph"].pop("truncated", False))
    try:
        g = nx.node_link_graph(data, directed=True, edges="links")
    except TypeError:  # networkx < 3.4, as in network_json
        g = nx.node_link_graph(data, directed=True)
    info = actors_by_ids(graph, [n for n, d in g.nodes(data=True) if d.get("type") == "actor"], timeout_s=timeout_s)
    for node, now in info.items():
        g.nodes[node].update(name=now.get("name") or "", kind=now.get("kind") or "")
    return EgoNetwork(g, truncated)


def network_graphml(network: EgoNetwork) -> str:
    """The network as GraphML text (networkx ``generate_graphml``)."""
    g = network.graph.copy()
    g.graph = {"ego": str(g.graph.get("ego")), "depth": g.graph.get("depth"), "truncated": network.truncated}
    return "\n".join(nx.generate_graphml(g)) + "\n"


# --------------------------------------------------------------------------- centrality


@dataclass
class Centrality:
    rows: list[dict[str, Any]]
    total: int
    approximate: bool


def accusation_projection(graph: Graph, *, timeout_s: float | None = None) -> nx.DiGraph:
    """The actor-to-actor accusation projection: A -> B weighted (``accusations``) by the
    distinct ACCUSES statements of A on claims ABOUT B, B other than A."""
    # The projection the writes keep (graph/tallies.py) when they hold the whole graph.
    _, rows = run_read(graph, "read/about_pair_tallies" if tallied(graph) else "read/accusation_edges",
                       timeout_s=timeout_s)
    g = nx.DiGraph()
    for row in rows:
        g.add_edge(row["source_id"], row["target_id"], accusations=row["accusations"])
    return g


@dataclass(frozen=True)
class ActorScore:
    """One actor of the accusation projection: its scores, its community's number, its degrees
    (statements and distinct actors, made and received), and its accusations made within its
    community and those made or received across communities (a community's sums of these are
    ``/analytics/communities``' counts)."""

    pagerank: float
    betweenness: float
    community: int
    accusations_made: int
    accusations_received: int
    accused: int
    accusers: int
    within_community: int
    across_communities: int


@dataclass(frozen=True)
class ProjectionScores:
    """PageRank, betweenness and communities of the accusation projection, for one version of
    the graph's data."""

    actors: dict[str, ActorScore]
    approximate: bool

    @cached_property
    def communities(self) -> list[list[str]]:
        """Communities, largest first (then by their first actor id); each a sorted list of ids.
        Numbered from 1 in this order: ``ActorScore.community``."""
        members: dict[int, list[str]] = defaultdict(list)
        for actor_id in sorted(self.actors):
            members[self.actors[actor_id].community].append(actor_id)
        return [members[number] for number in sorted(members)]


# Scores by (driver, data version): computed once per change of the graph, not per request.
_SCORES: dict[tuple[int, str], ProjectionScores] = {}
_SCORES_KEPT = 2
_SCORES_LOCK = threading.Lock()


def projection_scores(graph: Graph, *, timeout_s: float | None = None) -> ProjectionScores:
    """The scores of the accusation projection at the graph's current data version: those a
    load kept in the graph (``keep_projection_scores``) when they are of this version, or else
    computed on the first request after a change; then kept in memory for the next requests
    (any URL, any sort, any page). Without a data version (nothing written through claimgraph)
    they are computed each time."""
    return _scores_at(graph, data_version(graph, timeout_s=timeout_s), timeout_s=timeout_s)


def _scores_at(graph: Graph, version: str | None, *, timeout_s: float | None, read_kept: bool = True) -> ProjectionScores:
    """The scores at ``version``: kept in memory, else kept in the graph (unless the caller knows
    they are not: ``read_kept``), else computed."""
    key = (id(graph.driver), version or "")
    with _SCORES_LOCK:
        if version is not None and key in _SCORES:
            return _SCORES[key]
        scores = _kept_scores(graph, version, timeout_s=timeout_s) if version is not None and read_kept else None
        if scores is None:
            scores = _score(accusation_projection(graph, timeout_s=timeout_s))
        if version is not None:
            _SCORES[key] = scores
            while len(_SCORES) > _SCORES_KEPT:
                _SCORES.pop(next(iter(_SCORES)))
        return scores


def _kept_version(graph: Graph, *, timeout_s: float | None = None) -> tuple[str | None, bool]:
    """The data version of the scores kept in the graph (None: none are kept), and whether their
    betweenness was estimated."""
    _, state = run_read(graph, "read/projection_score_state", timeout_s=timeout_s)
    return (state[0]["data_version"], bool(state[0]["approximate"])) if state else (None, False)


def _kept_scores(graph: Graph, version: str, *, timeout_s: float | None) -> ProjectionScores | None:
    """The scores kept in the graph, if they were computed at ``version``."""
    kept_version, approximate = _kept_version(graph, timeout_s=timeout_s)
    if kept_version != version:
        return None
    _, rows = run_read(graph, "read/actor_scores", timeout_s=timeout_s)
    fields = [f.name for f in dataclasses.fields(ActorScore)]
    return ProjectionScores({row["actor_id"]: ActorScore(**{f: row[f] for f in fields}) for row in rows}, approximate)


_KEEP_LOCK = threading.Lock()


def keep_projection_scores(graph: Graph) -> bool:
    """Compute the scores of the accusation projection and keep them in the graph with the data
    version they are of, so that the first ``/analytics`` request after a write reads ~one row
    per actor instead of reading the projection and running networkx (seconds at 1M
    statements). ``claimgraph load``, ``ingest`` and ``reindex`` call it once they have written,
    the API after each ``POST /articles`` (in the background). Returns False when the kept
    scores are current already (nothing to do)."""
    with _KEEP_LOCK:
        version = data_version(graph)
        if version is None or _kept_version(graph)[0] == version:
            return False
        scores = _scores_at(graph, version, timeout_s=None, read_kept=False)  # the graph's are stale: just read
        rows = [{"actor_id": actor_id, **dataclasses.asdict(score)} for actor_id, score in scores.actors.items()]

        def replace_scores(tx: neo4j.ManagedTransaction) -> None:
            run_named(tx, "write/delete_projection_scores").consume()
            run_named(tx, "write/add_projection_scores", rows=rows, data_version=version,
                      approximate=scores.approximate).consume()

        # The driver runs it again on a transient conflict: a load and a running service (two
        # processes, so the lock above does not order them) may keep the scores at once, and the
        # embedded engine refuses the later of two commits that changed them.
        with graph.driver.session(database=graph.database) as session:
            session.execute_write(replace_scores)
        return True


def _score(g: nx.DiGraph) -> ProjectionScores:
    if g.number_of_nodes() == 0:
        return ProjectionScores({}, False)
    pagerank = nx.pagerank(g, alpha=0.85, weight="accusations")
    approximate = g.number_of_nodes() > BETWEENNESS_EXACT_MAX_NODES
    betweenness = nx.betweenness_centrality(
        g, k=BETWEENNESS_SAMPLES if approximate else None, seed=42 if approximate else None, normalized=True)
    # Louvain on the undirected projection (an accusation ties two actors either way), weighted
    # by accusations; seeded, so the same graph gives the same communities.
    found = nx.community.louvain_communities(g.to_undirected(), weight="accusations", seed=42)
    communities = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    community_of = {actor: number for number, members in enumerate(communities, start=1) for actor in members}
    within: Counter[str] = Counter()
    across: Counter[str] = Counter()
    for source, target, weight in g.edges(data="accusations"):
        if community_of[source] == community_of[target]:
            within[source] += weight
        else:
            across[source] += weight
            across[target] += weight
    return ProjectionScores({
        actor_id: ActorScore(
            pagerank=pagerank[actor_id], betweenness=betweenness[actor_id], community=community_of[actor_id],
            accusations_made=int(g.out_degree(actor_id, weight="accusations")),
            accusations_received=int(g.in_degree(actor_id, weight="accusations")),
            accused=g.out_degree(actor_id), accusers=g.in_degree(actor_id),
            within_community=within[actor_id], across_communities=across[actor_id])
        for actor_id in g.nodes
    }, approximate)


def centrality(
    graph: Graph,
    *,
    sort: str = "pagerank",
    limit: int = 100,
    offset: int = 0,
    timeout_s: float | None = None,
) -> Centrality:
    """PageRank and betweenness of every actor in the accusation projection.

    PageRank (damping 0.85) follows accusations weighted by their number: an actor accused by
    actors that are themselves accused a lot ranks high. Betweenness is over the directed,
    unweighted projection (a path's length is its number of hops), normalised; above
    ``BETWEENNESS_EXACT_MAX_NODES`` actors it is estimated from that many sampled sources
    (seed 42) and the answer says ``approximate``.

    Rows: ``rank`` (by ``sort``, then id), ``id``, ``name``, ``kind``, ``pagerank``,
    ``betweenness``, ``accusations_made``, ``accusations_received`` (statements), ``accused``
    and ``accusers`` (distinct actors), ``community`` (its number in ``communities``).
    """
    if sort not in ("pagerank", "betweenness"):
        raise InvalidParametersError(f"sort: pagerank or betweenness, got {sort!r}")
    scores = projection_scores(graph, timeout_s=timeout_s)
    if not scores.actors:
        return Centrality([], 0, False)
    # Rounded for the order, so that ties (symmetric actors) fall back on the id whatever the
    # last bits of the floating-point sums are.
    order = sorted(scores.actors, key=lambda n: (-round(getattr(scores.actors[n], sort), 9), n))
    page = order[offset:offset + limit]
    info = actors_by_ids(graph, page, timeout_s=timeout_s)
    rows = []
    for position, actor_id in enumerate(page, start=offset + 1):
        a, score = info.get(actor_id, {}), scores.actors[actor_id]
        rows.append({
            "rank": position, "id": actor_id, "name": a.get("name"), "kind": a.get("kind"),
            "pagerank": score.pagerank, "betweenness": score.betweenness,
            "accusations_made": score.accusations_made, "accusations_received": score.accusations_received,
            "accused": score.accused, "accusers": score.accusers, "community": score.community,
        })
    return Centrality(rows, len(scores.actors), scores.approximate)


# Actors named per community in /analytics/communities, by PageRank.
COMMUNITY_TOP_ACTORS = 10


def communities(graph: Graph, *, limit: int = 100, offset: int = 0, timeout_s: float | None = None) -> tuple[list[dict[str, Any]], int]:
    """Communities of the accusation projection (Louvain, seed 42, over the undirected,
    weighted projection), largest first: ``community`` (the number centrality rows carry),
    ``size``, ``accusations_within`` (statements between its members), ``accusations_across``
    (statements between a member and an outsider), and its ``top_actor_ids`` and
    ``top_actor_names`` (at most ``COMMUNITY_TOP_ACTORS``, by PageRank). Returns the page and
    the number of communities."""
    scores = projection_scores(graph, timeout_s=timeout_s)
    page = scores.communities[offset:offset + limit]
    actors = scores.actors
    top = {number: sorted(members, key=lambda n: (-round(actors[n].pagerank, 9), n))[:COMMUNITY_TOP_ACTORS]
           for number, members in enumerate(page, start=offset + 1)}
    info = actors_by_ids(graph, sorted({a for ids in top.values() for a in ids}), timeout_s=timeout_s)
    rows = [{
        "community": number, "size": len(members),
        "accusations_within": sum(actors[a].within_community for a in members),
        "accusations_across": sum(actors[a].across_communities for a in members), "top_actor_ids": top[number],
        "top_actor_names": [info.get(a, {}).get("name") for a in top[number]],
    } for number, members in enumerate(page, start=offset + 1)]
    return rows, len(scores.communities)
