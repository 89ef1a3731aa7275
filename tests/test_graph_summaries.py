"""Actor summaries kept after the writes (graph/summaries.py, graph/keeping.py): an actor page's
answers read from them are the live answers, and a write's follow-up recomputes those it changed."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from conftest import commit_elsewhere_after_first, cypher, load_files
from test_graph_store import statement, write_jsonl

from claimgraph.graph import analytics, keeping, reads, summaries
from claimgraph.graph.engine import Graph
from claimgraph.graph.store import WriteChanges, write_actors
from claimgraph.graph.types import Actor, PartOf

# Pages of the accusations, (limit, offset): within the kept rows, and one past them.
PAGES = ((50, 0), (3, 0), (3, 3), (2, 7))


def actor_answers(graph: Graph, actor_id: str) -> dict[str, Any]:
    """Everything an actor page and its JSON links read that a summary can answer."""
    return {
        "profile": reads.actor_profile(graph, actor_id=actor_id),
        "profile_top_3": reads.actor_profile(graph, actor_id=actor_id, top=3),
        "made": [dataclasses.asdict(reads.accusations(graph, accuser=actor_id, limit=limit, offset=offset))
                 for limit, offset in PAGES],
        "received": [dataclasses.asdict(reads.accusations(graph, accused=actor_id, limit=limit, offset=offset))
                     for limit, offset in PAGES],
        "network": analytics.network_json(analytics.ego_network(graph, actor=actor_id, depth=1, among_outermost=False)),
    }


def linked_actors(graph: Graph) -> list[str]:
    return sorted(actor_id for actor_id, n in summaries.link_counts(graph, None).items() if n > 0)


def test_summaries_answer_as_the_live_reads(seeded_graph: Graph, monkeypatch: pytest.MonkeyPatch) -> None:
    actors = linked_actors(seeded_graph)
    assert len(actors) > 5
    live = {actor_id: actor_answers(seeded_graph, actor_id) for actor_id in actors}
    assert any(answers["made"][0]["rows"] for answers in live.values()), "some actor accuses"
    assert any(answers["received"][0]["rows"] for answers in live.values()), "some actor is accused"

    done = keeping.keep_actor_summaries(seeded_graph, None, min_links=1)
    assert done.whole_graph and done.computed == len(actors)
    assert keeping.keep_actor_summaries(seeded_graph, None, min_links=1).computed == 0, "current: nothing to do"

    # Read from the summaries: the statement queries are not run.
    read = reads.run_read

    def no_statement_reads(graph: Graph, name: str, **params: Any) -> Any:
        assert name not in {"read/actor_profile", "read/accusations", "read/actor_links"}, name
        return read(graph, name, **params)

    with monkeypatch.context() as patched:
        patched.setattr(reads, "run_read", no_statement_reads)
        patched.setattr(analytics, "run_read", no_statement_reads)
        for actor_id in actors:
            assert summaries.kept_summary(seeded_graph, actor_id) is not None
            kept = actor_answers(seeded_graph, actor_id)
            # A page past the kept rows reads live; the others must not differ from it.
            for side in ("made", "received"):
                assert kept[side] == live[actor_id][side], (actor_id, side)
            assert kept == live[actor_id], actor_id


def test_summaries_a_write_makes_them_stale_and_its_follow_up_recomputes_what_it_changed(
        seeded_graph: Graph, tmp_path: Path) -> None:
    keeping.keep_actor_summaries(seeded_graph, None, min_links=1)
    actors = linked_actors(seeded_graph)
    accuser, accused = "country:arm", "country:aze"
    assert {accuser, accused} <= set(actors)
    _, report = load_files(seeded_graph, write_jsonl(tmp_path / "more.jsonl", [
        statement("summaries-a", "sa1", {"name": "Armenia", "actor_id": accuser},
                  "drones struck the water plant in Stepanakert at dawn", "ACCUSES",
                  targets=[{"name": "Azerbaijan", "actor_id": accused}], stated_at="2020-10-02T08:00:00Z")]))
    assert report.statements_new == 1

    # Stale until the follow-up: every read is live, so it shows the new accusation at once.
    assert summaries.kept_summary(seeded_graph, accuser) is None
    live = {actor_id: actor_answers(seeded_graph, actor_id) for actor_id in actors}
    assert any(row["statement_id"] == "sa1" for row in live[accuser]["made"][0]["rows"])

    done = keeping.keep_actor_summaries(seeded_graph, report.changes, min_links=1)
    assert not done.whole_graph, "the summaries were current before the write: only what it changed"
    assert 2 <= done.computed < len(actors)
    for actor_id in actors:
        assert summaries.kept_summary(seeded_graph, actor_id) is not None
        assert actor_answers(seeded_graph, actor_id) == live[actor_id], actor_id


def test_summaries_a_write_without_follow_up_makes_the_next_one_look_at_every_actor(
        seeded_graph: Graph, tmp_path: Path) -> None:
    keeping.keep_actor_summaries(seeded_graph, None, min_links=1)
    load_files(seeded_graph, write_jsonl(tmp_path / "one.jsonl", [  # its follow-up never runs
        statement("summaries-b", "sb1", "Armenia", "shells hit a school in Tartar", "ACCUSES",
                  targets=[{"name": "Azerbaijan"}])]))
    _, report = load_files(seeded_graph, write_jsonl(tmp_path / "two.jsonl", [
        statement("summaries-c", "sc1", "Turkey", "the ceasefire holds in the south", "REPORTS")]))
    live = {actor_id: actor_answers(seeded_graph, actor_id) for actor_id in linked_actors(seeded_graph)}
    done = keeping.keep_actor_summaries(seeded_graph, report.changes, min_links=1)
    assert done.whole_graph, "the first write's changes are unknown"
    assert done.computed == len(live)
    for actor_id, answers in live.items():
        assert actor_answers(seeded_graph, actor_id) == answers, actor_id


def test_summaries_changes_too_many_to_list_mean_everything() -> None:
    changes = WriteChanges()
    changes.note(["a", "b"], ["c"])
    assert changes.versions == 1 and changes.actor_ids == {"a", "b"} and not changes.everything
    changes.note((f"actor-{i}" for i in range(60_000)), (f"claim-{i}" for i in range(60_000)))
    assert changes.everything and not changes.actor_ids and not changes.claim_ids and changes.versions == 2


def test_summaries_keep_times_as_the_reads_give_them() -> None:
    value = {"at": datetime(2020, 10, 2, 8, 0, 0, 123456, tzinfo=timezone.utc), "day": date(2020, 10, 2), "n": [1, "x"]}
    assert summaries.from_json(summaries.to_json(value)) == value


def test_summaries_two_writes_before_a_follow_up_are_one_refresh_of_what_both_changed(
        seeded_graph: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two posts in quick succession: the first follow-up takes both writes' changes and looks
    at those actors only; the second finds nothing left to do."""
    monkeypatch.setattr(keeping, "SUMMARY_MIN_LINKS", 1)
    keeping.note_write(None)
    keeping.keep_after_write(seeded_graph)
    reports = [load_files(seeded_graph, write_jsonl(tmp_path / f"{i}.jsonl", [
        statement(f"summaries-{i}", f"sd{i}", speaker, "the shelling of Ganja was a provocation", "ACCUSES",
                  targets=[{"name": "Armenia"}])]))[1] for i, speaker in enumerate(("Azerbaijan", "Turkey"))]
    for report in reports:
        keeping.note_write(report.changes)
    first = keeping.keep_after_write(seeded_graph)
    assert not first.whole_graph and first.computed >= 3
    assert keeping.keep_after_write(seeded_graph).computed == 0
    accusers = {row["accuser_id"] for row in reads.accusations(seeded_graph, accused="country:arm", limit=50).rows}
    assert summaries.kept_summary(seeded_graph, "country:arm") is not None
    assert {"country:aze", "country:tur"} <= accusers


def test_summaries_loading_the_same_input_again_changes_no_actor(seeded_graph: Graph, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "again.jsonl", [
        statement("summaries-e", "se1", "Azerbaijan", "the shelling of Ganja was a provocation", "ACCUSES",
                  targets=[{"name": "Armenia"}])])
    first = load_files(seeded_graph, path)[1].changes
    again = load_files(seeded_graph, path)[1].changes
    assert {"country:aze", "country:arm"} <= first.actor_ids and first.claim_ids
    assert again.versions == 1 and not again.actor_ids and not again.claim_ids and not again.everything


def test_summaries_declared_actors_change_what_they_change(clean_graph: Graph) -> None:
    party = Actor(id="party-x", name="Party X", kind="party")
    spokesman = Actor(id="spokesman-y", name="Y", kind="person", part_of=[PartOf(actor_id="party-x")])
    write_actors(clean_graph, [party, spokesman])
    same = write_actors(clean_graph, [party, spokesman]).changes
    assert same.versions == 1 and not same.actor_ids and not same.everything
    aliased = write_actors(clean_graph, [spokesman.model_copy(update={"aliases": ["Mr Y"]})]).changes
    assert aliased.actor_ids == {"spokesman-y", "party-x"} and not aliased.everything  # the party shows its parts
    renamed = write_actors(clean_graph, [party.model_copy(update={"name": "The X Party"})]).changes
    assert renamed.everything, "other actors' answers show its name"


def test_summaries_a_summary_written_while_another_write_changes_it_is_written_again(
        clean_graph: Graph, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two summaries are written at once (keeping.SUMMARY_WORKERS), and the embedded engine then
    refuses the later commit of two that changed one page ("concurrent change to the same
    record", a transient error): the write is tried again instead of failing the load."""
    summary = summaries.ActorSummary(profile={"actor": "first"}, accusations_made=summaries.KeptRows([], [], 0),
                                     accusations_received=summaries.KeptRows([], [], 0), network={})
    summaries.store_summary(clean_graph, "actor-a", summary)
    writes = commit_elsewhere_after_first(
        monkeypatch, summaries, "write/keep_actor_summaries", clean_graph,
        "MATCH (s:ActorSummary {actor_id: 'actor-a'}) SET s.profile = 'changed meanwhile'")
    summaries.store_summary(clean_graph, "actor-a", dataclasses.replace(summary, profile={"actor": "second"}))
    assert len(writes) == 2
    kept = cypher(clean_graph, "MATCH (s:ActorSummary {actor_id: 'actor-a'}) RETURN s.profile AS profile")
    assert kept == [{"profile": summaries.to_json({"actor": "second"})}]
