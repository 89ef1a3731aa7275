"""What the writes leave ready for the first reads after them: the scores of the accusation
projection (``analytics.keep_projection_scores``) and the summaries of the busiest actors
(``graph/summaries.py``).

``claimgraph load``, ``ingest`` and ``reindex`` note what they changed (``note_write``) and
call ``keep_after_write`` once they have written; the API notes each ``POST /articles`` as it
answers and keeps in the background.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from claimgraph.graph import analytics, reads, summaries
from claimgraph.graph.engine import Graph
from claimgraph.graph.store import WriteChanges
from claimgraph.graph.summaries import SUMMARY_MIN_LINKS, SUMMARY_ROWS, SUMMARY_TOP, ActorSummary, KeptRows

log = logging.getLogger(__name__)

# Summaries computed at once by a refresh.
SUMMARY_WORKERS = 2
# One refresh at a time in a process: a second one waits, then finds less or nothing to do.
_SUMMARY_LOCK = threading.RLock()
# The changes of this process's writes whose follow-up has not run yet: a refresh takes them
# all, so that two posts in quick succession are one refresh of what both changed, not a
# refresh that finds a version it cannot account for.
_PENDING = WriteChanges()
_PENDING_LOCK = threading.Lock()


@dataclass
class SummariesKept:
    """What a refresh of the actor summaries did."""

    computed: int = 0  # summaries computed and kept
    dropped: int = 0  # summaries no longer kept (the actor is not busy enough any more)
    whole_graph: bool = False  # every busy actor was looked at, not only those the write changed


def note_write(changes: WriteChanges | None) -> None:
    """Note what a write of this process changed (``LoadReport.changes``; None: unknown, as
    after a reindex), right after it commits: the next ``keep_after_write`` refreshes it."""
    with _PENDING_LOCK:
        if changes is None:
            _PENDING.note_everything()
        else:
            _PENDING.merge(changes)


def keep_after_write(graph: Graph) -> SummariesKept:
    """Keep the analytics and the actor summaries of the graph as it is now, given the writes
    noted since the last time (``note_write``)."""
    global _PENDING
    analytics.keep_projection_scores(graph)
    with _SUMMARY_LOCK:
        with _PENDING_LOCK:
            pending, _PENDING = _PENDING, WriteChanges()
        return keep_actor_summaries(graph, pending)


def _summary(graph: Graph, actor_id: str) -> ActorSummary:
    """The answers the kept summary stands for, from the live reads themselves."""
    profile = reads.actor_profile(graph, actor_id=actor_id, top=SUMMARY_TOP)
    made = reads.accusations(graph, accuser=actor_id, limit=SUMMARY_ROWS)
    received = reads.accusations(graph, accused=actor_id, limit=SUMMARY_ROWS)
    network = analytics.ego_network(graph, actor=actor_id, depth=1, among_outermost=False)
    return ActorSummary(profile, KeptRows(made.columns, made.rows, made.total or 0),
                        KeptRows(received.columns, received.rows, received.total or 0),
                        analytics.network_json(network))


def keep_actor_summaries(graph: Graph, changes: WriteChanges | None, *, min_links: int | None = None) -> SummariesKept:
    """Compute again the summaries the graph's changes made stale, and say they are current.

    ``min_links``: the bar for keeping an actor's summary (default ``SUMMARY_MIN_LINKS``).

    Only the actors the write changed are looked at (those its statements name, and every actor
    on a claim it touched) when the kept summaries were current just before it: the kept version
    plus the versions the write made is the graph's. Otherwise (a write whose follow-up did not
    run, another writer meanwhile, a reindex) every actor is.
    """
    bar = SUMMARY_MIN_LINKS if min_links is None else min_links
    done = SummariesKept()
    with _SUMMARY_LOCK:
        state = summaries.summary_state(graph)
        if state.data_version is None or state.kept_version == state.data_version:
            return done
        changed: set[str] | None = None
        if changes is not None and not changes.everything and state.kept_version is not None:
            epoch, _, version = state.data_version.partition(":")
            kept_epoch, _, kept = state.kept_version.partition(":")
            if kept_epoch == epoch and int(kept) + changes.versions == int(version):
                changed = set(changes.actor_ids)
                if changes.claim_ids:
                    changed |= summaries.actors_on_claims(graph, sorted(changes.claim_ids))
        done.whole_graph = changed is None
        if changed is None:
            busy = {a for a, n in summaries.link_counts(graph, None).items() if n >= bar}
            stale = sorted(state.summarised - busy)  # no longer busy (a reindex joins claims): read live
        else:
            # An actor's links only grow between reindexes: a kept one stays busy, uncounted
            # (counting a hub's links costs a read of them all).
            new = sorted(changed - state.summarised)
            busy = (changed & state.summarised) | {a for a, n in summaries.link_counts(graph, new).items() if n >= bar}
            stale = []
        # Two at a time: the engine runs each read on one core, and the follow-up waits for the
        # busiest actors' reads (a hub's take seconds at 1M statements).
        with ThreadPoolExecutor(max_workers=SUMMARY_WORKERS) as pool:
            for _ in pool.map(lambda actor_id: summaries.store_summary(graph, actor_id, _summary(graph, actor_id)),
                              sorted(busy)):
                done.computed += 1
        if stale:
            summaries.drop_summaries(graph, stale)
            done.dropped = len(stale)
        if not summaries.set_kept_version(graph, state.data_version, state.kept_version):
            log.info("actor summaries: another refresh ran meanwhile; the next one looks at every actor")
    return done
