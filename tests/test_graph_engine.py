"""The embedded engine: private, attachable, recoverable after a crash, and durable."""

from __future__ import annotations

import json
import os
import signal
import stat
import time
from pathlib import Path

import neo4j
import pytest
from conftest import SEED, USES_NEO4J, load_files

from claimgraph.graph.engine import DATABASE, EmbeddedEngine, Graph
from claimgraph.graph.reads import graph_counts
from claimgraph.graph.store import apply_schema

pytestmark = pytest.mark.skipif(USES_NEO4J, reason="tests the embedded engine; NEO4J_URI points elsewhere")


def listening_addresses(port: int) -> set[str]:
    """Local addresses listening on a TCP port, read from /proc/net/tcp{,6} (hex, Linux)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


LOOPBACK = {"0100007F", "0000000000000000FFFF00000100007F"}  # 127.0.0.1, ::ffff:127.0.0.1


def test_engine_listens_on_loopback_only_and_keeps_its_password_private(engine_dir: Path, graph: Graph) -> None:
    engine = EmbeddedEngine(engine_dir)
    status = engine.status()
    assert status.state == "running"
    for port in (status.bolt_port, status.http_port):
        addresses = listening_addresses(port)
        assert addresses and addresses <= LOOPBACK, f"port {port} listens on {addresses}"
    assert stat.S_IMODE(engine.password_file.stat().st_mode) == 0o600
    cmdline = Path(f"/proc/{status.pid}/cmdline").read_bytes().decode()
    assert engine.password() not in cmdline


def test_engine_second_start_attaches_to_the_running_engine(engine_dir: Path, graph: Graph) -> None:
    engine = EmbeddedEngine(engine_dir)
    before = engine.status()
    again = engine.start()
    assert again.pid == before.pid and again.bolt_port == before.bolt_port
    assert not again.started
    assert any("attached" in note for note in again.notes)


def test_engine_stale_pid_is_noticed_and_cleaned(tmp_path: Path) -> None:
    engine = EmbeddedEngine(tmp_path / "crashed")
    engine.data_dir.mkdir()
    # A pid that is certainly not an ArcadeDB on this folder: our own child that has exited.
    child = os.fork()
    if child == 0:
        os._exit(0)
    os.waitpid(child, 0)
    engine.state_file.write_text(json.dumps({"pid": child, "bolt_port": 1, "http_port": 2, "started_at": 0}))

    status = engine.status()

    assert status.state == "stopped"
    assert any(f"pid {child}" in note for note in status.notes)
    assert not engine.state_file.exists()


def test_engine_restart_keeps_the_data(tmp_path: Path) -> None:
    engine = EmbeddedEngine(tmp_path / "restart")
    status = engine.start()
    try:
        graph = Graph(engine.driver(status), DATABASE, "restart test")
        apply_schema(graph)
        load_files(graph, SEED)
        before = graph_counts(graph)
        graph.driver.close()
    finally:
        engine.stop()
    assert engine.status().state == "stopped"

    status = engine.start()
    try:
        graph = Graph(engine.driver(status), DATABASE, "restart test")
        assert graph_counts(graph) == before
        assert before["statement_edges"] > 0
        graph.driver.close()
    finally:
        engine.stop()


def test_engine_killed_hard_recovers_with_committed_data(tmp_path: Path) -> None:
    """A crash (SIGKILL) after a load: the next start notices the dead pid, recovers the
    database from its write-ahead log and still has every committed statement."""
    engine = EmbeddedEngine(tmp_path / "crash")
    status = engine.start()
    graph = Graph(engine.driver(status), DATABASE, "crash test")
    apply_schema(graph)
    load_files(graph, SEED)
    before = graph_counts(graph)
    graph.driver.close()
    os.kill(status.pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and Path(f"/proc/{status.pid}").exists():
        time.sleep(0.1)
        try:
            os.waitpid(status.pid, os.WNOHANG)
        except ChildProcessError:
            pass

    restarted = engine.start()
    try:
        assert restarted.started and restarted.pid != status.pid
        assert any("stale" in note for note in restarted.notes)
        graph = Graph(engine.driver(restarted), DATABASE, "crash test")
        assert graph_counts(graph) == before
        graph.driver.close()
    finally:
        engine.stop()


def test_engine_stops_a_query_at_its_command_timeout(tmp_path: Path) -> None:
    """ArcadeDB ignores the Bolt timeout and runs on after its client gave up; the engine's own
    command timeout is what stops a runaway query."""
    engine = EmbeddedEngine(tmp_path / "timeout", command_timeout_s=1.0)
    status = engine.start()
    try:
        with engine.driver(status) as driver:
            started = time.monotonic()
            with pytest.raises(neo4j.exceptions.Neo4jError) as raised:
                driver.execute_query("UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b WITH a WHERE a * b = -1 RETURN count(a) AS n",
                                     database_=DATABASE)
            assert "timeout" in (raised.value.code or "").lower() or "timeout" in str(raised.value).lower()
            assert time.monotonic() - started < 10
    finally:
        engine.stop()
