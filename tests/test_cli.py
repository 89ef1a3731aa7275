"""The claimgraph command, run against the session's engine (it attaches and leaves it running)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import GDELT_SAMPLE, SEED, USES_NEO4J
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.graph import keeping
from claimgraph.graph.engine import Graph


@pytest.fixture
def run(engine_dir: Path, clean_graph: Graph, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CLAIMGRAPH_DATA", str(engine_dir))
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, list(args), catch_exceptions=False)

    return invoke


def test_cli_load_prints_a_json_summary_and_is_idempotent(run) -> None:
    first = run("load", "--json", str(SEED), str(GDELT_SAMPLE))
    assert first.exit_code == 0, first.stderr
    summary = json.loads(first.stdout)
    assert summary["statements"]["new"] > 17 and summary["skipped"]["event code not mapped"] > 0

    again = json.loads(run("load", "--json", str(SEED), str(GDELT_SAMPLE)).stdout)
    assert again["statements"] == {"new": 0, "existing": summary["statements"]["new"]}
    assert again["actors"]["new"] == again["claims"]["new"] == 0


def test_cli_load_keeps_the_busy_actors_summaries_and_a_reload_changes_none(run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keeping, "SUMMARY_MIN_LINKS", 1)  # every actor with a statement is busy here
    first = json.loads(run("load", "--json", str(SEED), str(GDELT_SAMPLE)).stdout)
    assert first["actor_summaries_computed"] > 5
    again = json.loads(run("load", "--json", str(SEED), str(GDELT_SAMPLE)).stdout)
    assert again["statements"]["new"] == 0 and again["actor_summaries_computed"] == 0


def test_cli_load_bad_input_exits_1_and_names_the_line(run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"article_id": "a", "relation": "SAYS", "speaker": {"name": "X"}, "claim": {"text": "t"}}\n')
    result = run("load", "--quiet", str(bad), str(SEED))
    assert result.exit_code == 1
    errors = [json.loads(line) for line in result.stderr.splitlines()]
    assert errors[0]["level"] == "error" and errors[0]["message"].startswith(f"{bad}:1: relation: Input should be")
    assert errors[0]["location"] == f"{bad}:1" and errors[0]["article_id"] == "a"


def test_cli_load_unknown_file_type_is_refused(run, tmp_path: Path) -> None:
    odd = tmp_path / "notes.txt"
    odd.write_text("hello")
    result = run("load", "--json", str(odd))
    assert result.exit_code == 1
    assert json.loads(result.stdout)["refused_files"] == [str(odd)]
    assert "--format" in result.stderr


@pytest.mark.skipif(USES_NEO4J, reason="the embedded engine's status")
def test_cli_engine_status_reports_the_running_engine(run, engine_dir: Path) -> None:
    result = run("engine", "status", "--json")
    status = json.loads(result.stdout)
    assert status["state"] == "running" and status["uri"].startswith("bolt://127.0.0.1:")
    assert status["password_file"] == str(engine_dir.resolve() / "root-password")


ARTICLE = ("Senator Jane Roe accused Acme Corp of hiding losses. Acme Corp rejected these allegations. "
           "The regulator said that there were no plans for an inquiry.")


def test_cli_extract_prints_contract_shaped_statements(run, tmp_path: Path) -> None:
    (tmp_path / "acme.txt").write_text(ARTICLE, encoding="utf-8")
    result = run("extract", str(tmp_path / "acme.txt"))
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["speaker"]["name"], r["relation"]) for r in records] == [
        ("Jane Roe", "ACCUSES"), ("Acme Corp", "DENIES"), ("regulator", "DENIES")]
    denial = records[1]
    assert denial["claim"]["refers_to"] == [records[0]["statement_id"]]
    assert records[0]["speaker"]["actor_id"] and records[0]["claim"]["claim_id"]
    assert ARTICLE[denial["cue"]["start"]:denial["cue"]["end"]] == "rejected"


def test_cli_ingest_loads_good_files_refuses_bad_ones_and_is_idempotent(run, tmp_path: Path, clean_graph: Graph) -> None:
    (tmp_path / "acme.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Le ministre a déclaré que".encode("latin-1"))
    first = run("ingest", "--json", str(tmp_path))
    assert first.exit_code == 1
    assert "empty.txt" in first.stderr and "latin1.txt" in first.stderr and "UTF-8" in first.stderr
    summary = json.loads(first.stdout)
    assert summary["articles"]["new"] == 1 and summary["statements"]["new"] == 3
    again = json.loads(run("ingest", "--json", str(tmp_path / "acme.txt")).stdout)
    assert again["statements"] == {"new": 0, "existing": 3}
    denied = clean_graph.driver.execute_query(
        "MATCH (:Actor {id: $id})-[d:DENIES]->(c:Claim)<-[:ACCUSES]-(:Actor) RETURN count(d) AS n",
        id="acme-corp", database_=clean_graph.database).records[0]["n"]
    assert denied == 1


@pytest.mark.skipif(USES_NEO4J, reason="the embedded engine's life is what this checks")
def test_cli_serve_stops_the_engine_it_started_on_sigterm(tmp_path: Path) -> None:
    """docker stop and systemd send SIGTERM: the server shuts down and so does its engine."""
    import signal
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    from claimgraph.graph.engine import EmbeddedEngine

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "CLAIMGRAPH_DATA": str(tmp_path / "data"), "CLAIMGRAPH_PORT": str(port)}
    server = subprocess.Popen([sys.executable, "-m", "claimgraph.cli", "serve", "--quiet"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2)
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline
                time.sleep(0.5)
        assert EmbeddedEngine(tmp_path / "data").status().state == "running"
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        assert EmbeddedEngine(tmp_path / "data").status().state == "stopped"
    finally:
        if server.poll() is None:
            server.kill()
        EmbeddedEngine(tmp_path / "data").stop()


def test_cli_train_refuses_extra_gold_on_dev_bodies_before_training(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    line = '{{"article": "{article}", "id": "{article}-S1", "speaker": ["Anna Berg"], "relation": ["REPORTS"], ' \
           '"target": [null], "cue": "said", "claim": "the bridge will open in May"}}\n'
    for name, article in (("train/fnc1-train.gold.jsonl", "fnc1-1"), ("dev/fnc1-dev.gold.jsonl", "fnc1-2")):
        (shared / name).parent.mkdir(parents=True, exist_ok=True)
        (shared / name).write_text(line.format(article=article), encoding="utf-8")
    (shared / "train" / "polnear-relations.jsonl").write_text("", encoding="utf-8")
    (shared / "fnc1").mkdir()
    (shared / "fnc1" / "competition_test_bodies.csv").write_text("Body ID,articleBody\n", encoding="utf-8")
    (shared / "polnear" / "train" / "text").mkdir(parents=True)
    extra = tmp_path / "extra.gold.jsonl"
    extra.write_text(line.format(article="fnc1-3") + line.format(article="fnc1-2"), encoding="utf-8")
    out = tmp_path / "models"

    result = CliRunner().invoke(app, ["train", "--shared", str(shared), "--out", str(out), "--extra-gold", str(extra)])

    assert result.exit_code == 1
    assert f"{extra}: annotates bodies of the dev set (fnc1-2)" in result.stderr
    assert not any(out.iterdir())  # refused before the tagger was trained
    missing = CliRunner().invoke(app, ["train", "--shared", str(shared), "--out", str(out), "--extra-gold", str(tmp_path / "nope.jsonl")])
    assert missing.exit_code == 1 and "nope.jsonl: not found (--extra-gold)" in missing.stderr
