"""Re-running claim identity over a graph already loaded (``claimgraph reindex``).

A graph loaded before claim identity existed (or under other thresholds) has claims merged by
their text alone: "it" shared by unrelated articles, and the same claim in other words on
several nodes. Reindexing gives every statement the claim a fresh load in article order would
give it, and moves only the statement edges whose claim changes:

1. each statement's own claim is computed again from the words and targets on its edge
   (``claim_identity.claim_id``): short claims become local to their statement;
2. the worded claims are joined in article order, as the loader joins them
   (``claim_identity.join_new_claims``, the graph index left out so the result depends on
   the statements only);
3. edges that point elsewhere now are written again on their new claim, with all their
   properties, then deleted from the old one; a denial of "these claims" follows the
   statements it refers to; claims left without statements are deleted, every worded claim
   is in the index (with each term's count of claims counted again), and every edge whose
   claim words hold a negation is flagged ``negated``;
4. the tallies of the whole-graph endpoints (``graph/tallies.py``) are counted again.

Statements are never lost: each is written on its new claim before it leaves the old one, in
one transaction per batch. Claims whose id the input gave (GDELT's) are left as they are.
Running it twice changes nothing the second time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import neo4j

from claimgraph.graph.claim_identity import (
    LOCAL_CLAIM_PREFIX,
    IdentitySettings,
    IndexedClaim,
    Join,
    about_ids,
    claim_id,
    claim_terms,
    is_negated,
    is_worded,
    join_new_claims,
)
from claimgraph.graph.cypher import run_named
from claimgraph.graph.engine import Graph
from claimgraph.graph.store import bump_data_version
from claimgraph.graph.tallies import recount

# Statement edges moved per transaction.
MOVE_BATCH = 500


@dataclass
class ReindexReport:
    statements: int = 0
    statements_moved: int = 0
    claims_before: int = 0
    claims_after: int = 0
    claims_joined: int = 0
    claims_made_local: int = 0
    claims_deleted: int = 0
    claims_indexed: int = 0

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class _Edge:
    """A statement edge as the reindex reads it: where it is, and what decides its claim."""

    claim_id: str
    statement_id: str
    relation: str
    article_id: str
    claim_text: str
    target_ids: list[str]
    refers_to: list[str]
    negated: bool | None = None
    new_claim_id: str = ""
    join: Join | None = None
    moved_from: list[str] = field(default_factory=list)


def _own_claim(edge: _Edge) -> str:
    return claim_id(edge.claim_text, about_ids(edge.relation, edge.target_ids), edge.article_id, edge.statement_id)


def _settle(edges: list[_Edge], identity: IdentitySettings) -> None:
    """Set each edge's new claim: its own, or the one its own claim joins; a reference to
    other statements follows their claims."""
    own: dict[str, _Edge] = {}
    for edge in sorted(edges, key=lambda e: (e.article_id, e.claim_text, e.statement_id)):
        if edge.refers_to or not (is_worded(edge.claim_id) or edge.claim_id.startswith(LOCAL_CLAIM_PREFIX + "-")):
            continue
        edge.new_claim_id = _own_claim(edge)
        if is_worded(edge.new_claim_id):
            own.setdefault(edge.new_claim_id, edge)
    claims = [IndexedClaim(cid, claim_terms(e.claim_text), about_ids(e.relation, e.target_ids)) for cid, e in own.items()]
    joins = join_new_claims(lambda *_args, **_params: [], claims, identity)
    for edge in edges:
        if (join := joins.get(edge.new_claim_id)) is not None:
            edge.join, edge.new_claim_id = join, join.claim_id
    # A denial of "these claims" points at the claims of the statements it names (same article).
    by_statement: dict[tuple[str, str], list[_Edge]] = defaultdict(list)
    for edge in edges:
        by_statement[edge.article_id, edge.statement_id].append(edge)
    for edge in edges:
        if edge.refers_to:
            referred = [e for ref in edge.refers_to for e in by_statement.get((edge.article_id, ref), [])]
            old_to_new = {e.claim_id: e.new_claim_id or e.claim_id for e in referred}
            edge.new_claim_id = old_to_new.get(edge.claim_id, edge.claim_id)
        edge.new_claim_id = edge.new_claim_id or edge.claim_id


def reindex_claims(graph: Graph, identity: IdentitySettings,
                   on_progress: Callable[[int, int], None] | None = None) -> ReindexReport:
    """Re-run claim identity over the whole graph (see the module docstring).

    Args:
        on_progress: called with (edges moved so far, edges to move) after each batch.
    """
    report = ReindexReport()
    with graph.driver.session(database=graph.database) as session:
        report.claims_before = run_named(session, "read/graph_counts").single(strict=True)["claims"]
        edges = [_Edge(**row) for row in run_named(session, "read/reindex_statements").data()]
        report.statements = len({(e.article_id, e.statement_id) for e in edges})
        _settle(edges, identity)
        moving = [e for e in edges if e.new_claim_id != e.claim_id]
        report.claims_made_local = len({e.new_claim_id for e in moving if e.new_claim_id.startswith(LOCAL_CLAIM_PREFIX + "-")})
        report.claims_joined = len({e.join.claim_id for e in moving if e.join is not None})
        for start in range(0, len(moving), MOVE_BATCH):
            batch = moving[start : start + MOVE_BATCH]
            with session.begin_transaction() as tx:
                _move(tx, batch)
                bump_data_version(tx)
                tx.commit()
            report.statements_moved += len(batch)
            if on_progress:
                on_progress(report.statements_moved, len(moving))
        unflagged = [{"statement_id": e.statement_id, "claim_id": e.new_claim_id} for e in edges
                     if not e.negated and is_negated(e.claim_text)]
        for start in range(0, len(unflagged), MOVE_BATCH):
            run_named(session, "write/set_statement_negation", edges=unflagged[start : start + MOVE_BATCH]).consume()
        report.claims_deleted = run_named(session, "write/delete_orphan_claims").single(strict=True)["deleted"]
        unindexed = [{"id": row["claim_id"], "terms": claim_terms(row["text"] or "") if is_worded(row["claim_id"]) else []}
                     for row in run_named(session, "read/unindexed_claims").data()]
        for start in range(0, len(unindexed), MOVE_BATCH):
            claims = unindexed[start : start + MOVE_BATCH]
            with session.begin_transaction() as tx:
                run_named(tx, "write/set_claim_terms", claims=claims).consume()
                run_named(tx, "write/merge_claim_terms", claims=[c for c in claims if c["terms"]]).consume()
                tx.commit()
        report.claims_indexed = len(unindexed)
        with session.begin_transaction() as tx:
            run_named(tx, "write/count_claim_terms").consume()
            bump_data_version(tx)
            tx.commit()
        report.claims_after = run_named(session, "read/graph_counts").single(strict=True)["claims"]
    recount(graph)  # claims were deleted and edges moved: the tallies are counted again
    return report


def _move(tx: neo4j.Transaction, batch: list[_Edge]) -> None:
    """Write each edge on its new claim with all its properties, then delete the old edge."""
    keys = [{"statement_id": e.statement_id, "claim_id": e.claim_id} for e in batch]
    full = {(row["statement_id"], row["claim_id"]): row for row in run_named(tx, "read/statement_edges", edges=keys).data()}
    claims: dict[str, dict[str, Any]] = {}
    statements, mentions = [], []
    for edge in batch:
        row = full[edge.statement_id, edge.claim_id]
        if edge.new_claim_id not in claims:
            worded = is_worded(edge.new_claim_id)
            claims[edge.new_claim_id] = {"id": edge.new_claim_id, "text": edge.claim_text, "about": [],
                                         "terms": claim_terms(edge.claim_text) if worded else []}
        if not edge.refers_to:
            about = claims[edge.new_claim_id]["about"]
            about.extend(t for t in about_ids(edge.relation, edge.target_ids) if t not in about)
        properties = {k: v for k, v in row["properties"].items() if k not in ("statement_id", "claim_id", "stated_at",
                                                                             "joined_score", "joined_terms")}
        if edge.join is not None:
            properties.update(joined_score=edge.join.score, joined_terms=list(edge.join.shared_terms))
        stated_at = row["properties"].get("stated_at")
        statements.append({"statement_id": edge.statement_id, "relation": edge.relation, "speaker_id": row["speaker_id"],
                           "claim_id": edge.new_claim_id, "properties": properties,
                           "stated_at": stated_at.iso_format() if stated_at is not None else None})
        mentions.append({"article_id": edge.article_id, "claim_id": edge.new_claim_id})
    run_named(tx, "write/merge_claims", claims=list(claims.values())).consume()
    run_named(tx, "write/merge_claim_terms", claims=[{"id": c["id"], "terms": c["terms"]} for c in claims.values() if c["terms"]]).consume()
    wordings = [claim_terms(e.claim_text) for e in batch if e.join is not None]
    run_named(tx, "write/add_claim_variants", variants=[
        {"claim_id": e.new_claim_id, "wording": " ".join(terms), "terms": terms}
        for e, terms in zip([e for e in batch if e.join is not None], wordings)]).consume()
    written = run_named(tx, "write/merge_statements", statements=statements).single(strict=True)["written"]
    if written != len(statements):
        raise RuntimeError(f"reindex: {len(statements) - written} statement edge(s) found no claim or speaker")
    run_named(tx, "write/merge_mentions", mentions=mentions).consume()
    run_named(tx, "write/delete_statement_edges", edges=keys).consume()
