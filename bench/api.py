"""How fast the API answers on a large graph: each canned endpoint through HTTP against the
same read through the driver, and the service under concurrent clients.

The graph is bench/load.py's synthetic input (``make_input``: articles of ~10 statements, Zipf
speakers over ~2,000 actors whose top ranks are countries, so ``country:rus``, ``country:tur``
... are hubs with 100k+ statements; ~5% "these claims" denials; shared claims; dates over
2025), written the way ``claimgraph load`` writes it: ``prepare_articles``, then
``write_actors`` + ``write_articles(batch_size=LOAD_BATCH_SIZE)``, into a fresh embedded engine
folder (``--statements``, default 1,000,000: at least as many statement edges). The build is
timed and its graph counted. ``--reuse DIR`` builds into DIR the first time and keeps it (a
``bench-api-build.json`` there records what was built); later runs with the same DIR and
``--statements``/``--seed`` start the engine on it and skip the build. Without ``--reuse`` the
folder is temporary and removed at the end.

Then the real app (``claimgraph.api.main:create_app``) is served by uvicorn in a child process
on 127.0.0.1 (one worker, access log off), attached to the same engine, and:

1. Sequential latency. For each canned endpoint (a hub, ``country:rus``, and a small actor for
   the actor endpoints; the most-stated contested claim; an article in the middle), and for
   ``/health`` (one tiny query: the floor, what HTTP adds to any request), after
   ``--warmup`` untimed calls of each kind: up to ``--requests`` HTTP requests (httpx, one
   keep-alive connection, body read), each followed by one direct call, in this process, of
   the graph-layer function the route calls (``reads.*``, ``feeds.*``, ``analytics.*``) with the
   same parameters and time limit: the same Cypher through the same driver and executor,
   without HTTP, validation and rendering. An endpoint stops early when its calls pass
   ``--budget`` seconds (at least ``--min-requests`` of each kind). p50 and p99 (linear
   interpolation; with fewer than 100 calls the p99 is near the maximum) of each, and
   HTTP p50 / driver p50 (the goal is <= 1.2).
2. Concurrency. ``--clients`` asyncio clients (httpx.AsyncClient, a connection each) send the
   requests of ``--mix`` in turn, each client starting at another place in it, for
   ``--duration`` seconds; requests/s over the whole run (until the last answer), p50/p99 of
   all answers and per endpoint, and the errors by status (or exception).

The server runs with the service's own time limit (``CLAIMGRAPH_QUERY_TIMEOUT_S``, 20 s unless
``--query-timeout``), and the direct calls get the same one. It bounds each query: a query past
it is a 504, counted as an error; an endpoint that runs several queries (``/stats``,
``/chains``, ``/actors/{id}/network``, ...) can take longer in all. The clients wait
``--client-timeout`` seconds for an answer (300) before counting a timeout. The three processes (this client, the API, the engine) share the
machine's cores; the engine and the API are busy for the CPU seconds printed beside the
figures.

Run::

    .venv/bin/python bench/api.py --reuse /tmp/claimgraph-bench-1m   # builds 1M the first time (6.5 min), then ~25 min
    .venv/bin/python bench/api.py --reuse /tmp/claimgraph-bench-1m --json > api.json
    .venv/bin/python bench/api.py --statements 50000 --requests 10 --duration 10   # a quick look (~2 min)
    .venv/bin/python bench/api.py --reuse DIR --build-only                      # build and count only
    .venv/bin/python bench/api.py --reuse DIR --endpoints stats,timeline --clients 0   # some endpoints, no concurrency

How long, on 2 cores: the build of 1M statements took 384 s (87 s to generate, 74 s to prepare,
223 s to write at 4,480 statements/s); the sequential part ~23 min (the whole-graph endpoints
take 5-13 s a call, so they stop at ``--min-requests`` after ``--budget``); the concurrency part
``--duration`` plus the requests still running then. Results and findings are in bench/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
import load as bench_load  # noqa: E402  (bench/load.py: the synthetic input and its preparation)

from claimgraph.graph import analytics, feeds, keeping, reads  # noqa: E402
from claimgraph.graph.errors import NotFoundError  # noqa: E402
from claimgraph.graph.engine import DATABASE, EmbeddedEngine, Graph  # noqa: E402
from claimgraph.graph.settings import Settings  # noqa: E402
from claimgraph.graph.store import apply_schema, write_actors, write_articles  # noqa: E402

BUILD_RECORD = "bench-api-build.json"
HUB = "country:rus"  # rank 1 of the Zipf law: the largest hub
DEFAULT_MIX = "actors,actor-hub,actor-small,accusations-hub,claim,chains,network,articles,article"


def log_to(stream: Any) -> Callable[[str], None]:
    def log(message: str) -> None:
        print(message, file=stream, flush=True)
    return log


# -- the engine and the graph --------------------------------------------------------------


def _cpu_s(pid: int | None) -> float:
    return bench_load._cpu_s(pid)


@contextlib.contextmanager
def engine_on(data_dir: Path, heap: str, settings: Settings) -> Iterator[tuple[Graph, EmbeddedEngine, int, float]]:
    """The embedded engine on ``data_dir`` (started, or attached when it runs), schema applied;
    stopped at the end if started here. Yields the graph, the engine, its pid and start seconds."""
    engine = EmbeddedEngine(data_dir, heap=heap, start_timeout_s=max(settings.ENGINE_START_TIMEOUT_S, 300.0),
                            command_timeout_s=settings.ENGINE_COMMAND_TIMEOUT_S)
    started = time.perf_counter()
    status = engine.start()
    start_s = time.perf_counter() - started
    driver = engine.driver(status)
    try:
        graph = Graph(driver, DATABASE, f"embedded ArcadeDB at {status.uri} (data {engine.data_dir})")
        apply_schema(graph)
        yield graph, engine, status.pid or 0, start_s
    finally:
        driver.close()
        if status.started:
            engine.stop()


@dataclass
class Build:
    statements: int
    seed: int
    articles: int = 0
    generate_s: float = 0.0
    prepare_s: float = 0.0
    write_s: float = 0.0
    analytics_s: float = 0.0
    engine_cpu_s: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)
    disk_mb: float = 0.0
    built_at: str = ""
    heap: str = ""
    reused: bool = False

    @property
    def total_s(self) -> float:
        return self.generate_s + self.prepare_s + self.write_s

    def as_dict(self) -> dict[str, Any]:
        return {"statements": self.statements, "seed": self.seed, "articles": self.articles,
                "generate_s": round(self.generate_s, 1), "prepare_s": round(self.prepare_s, 1),
                "write_s": round(self.write_s, 1), "analytics_s": round(self.analytics_s, 1),
                "total_s": round(self.total_s, 1),
                "write_statements_per_s": round(self.statements / self.write_s) if self.write_s else None,
                "engine_cpu_s": round(self.engine_cpu_s, 1), "counts": self.counts, "disk_mb": self.disk_mb,
                "built_at": self.built_at, "heap": self.heap, "reused": self.reused}


def build_graph(graph: Graph, engine_pid: int, statements: int, seed: int, batch_size: int,
                log: Callable[[str], None]) -> Build:
    """bench/load.py's synthetic statements, prepared and written as ``claimgraph load`` does."""
    build = Build(statements, seed)
    log(f"build: generating {statements:,} statements (seed {seed})")
    started = time.perf_counter()
    parsed = bench_load.make_input(statements, seed)
    build.generate_s = time.perf_counter() - started
    prepared = bench_load.prepare(parsed)  # prepare_articles, timed inside; exits on a problem
    build.prepare_s = prepared.prepare_s
    build.articles = len(prepared.articles)
    log(f"build: {build.articles:,} articles generated in {build.generate_s:.0f} s, prepared in {build.prepare_s:.0f} s; writing")
    step = max(1, statements // 10)
    done = {"statements": 0, "next": step}
    write_started = time.perf_counter()

    def progress(_articles: int, written: int) -> None:
        done["statements"] += written
        if done["statements"] >= done["next"]:
            seconds = time.perf_counter() - write_started
            log(f"build: {done['statements']:,} statements written in {seconds:.0f} s "
                f"({done['statements'] / seconds:,.0f}/s)")
            done["next"] += step

    engine_cpu = _cpu_s(engine_pid)
    report = write_actors(graph, prepared.declared)
    write_articles(graph, prepared.articles, batch_size=batch_size, report=report, on_progress=progress)
    build.write_s = time.perf_counter() - write_started
    build.engine_cpu_s = _cpu_s(engine_pid) - engine_cpu
    if report.failures:
        raise SystemExit(f"the loader refused {len(report.failures)} article(s), e.g. {report.failures[0]}")
    log(f"build: written in {build.write_s:.0f} s ({statements / build.write_s:,.0f} statements/s); keeping the analytics")
    started = time.perf_counter()
    keeping.note_write(report.changes)
    keeping.keep_after_write(graph)  # as claimgraph load finishes
    build.analytics_s = time.perf_counter() - started
    log(f"build: analytics kept in {build.analytics_s:.1f} s; counting")
    build.counts = reads.graph_counts(graph)
    return build


def _disk_mb(data_dir: Path) -> float:
    return bench_load._disk_mb(data_dir / "databases")


# -- the server ----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def api_server(data_dir: Path, heap: str, query_timeout_s: float, headers: dict[str, str],
               log: Callable[[str], None]) -> Iterator[tuple[str, int]]:
    """uvicorn serving ``create_app()`` in a child process, attached to the engine on
    ``data_dir``. Yields its base URL and pid; stopped (SIGTERM) at the end."""
    port = _free_port()
    env = {**os.environ, "CLAIMGRAPH_DATA": str(data_dir), "CLAIMGRAPH_ENGINE_HEAP": heap,
           "CLAIMGRAPH_QUERY_TIMEOUT_S": str(query_timeout_s), "PYTHONUNBUFFERED": "1"}
    env.pop("NEO4J_URI", None)
    env.pop("CLAIMGRAPH_NEO4J_URI", None)
    command = [sys.executable, "-m", "uvicorn", "claimgraph.api.main:create_app", "--factory",
               "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", "--no-access-log"]
    server_log = tempfile.NamedTemporaryFile(prefix="claimgraph-bench-api-", suffix=".log", delete=False)
    process = subprocess.Popen(command, env=env, stdout=server_log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    failed = False
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise SystemExit(f"the API server stopped (exit {process.returncode}):\n"
                                 + Path(server_log.name).read_text(errors="replace")[-3000:])
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{base}/health", headers=headers, timeout=5).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise SystemExit("the API server did not answer /health within 120 s")
            time.sleep(0.3)
        log(f"API: uvicorn pid {process.pid} on {base} (log {server_log.name}, kept if something fails)")
        yield base, process.pid
    except BaseException:
        failed = True
        raise
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        server_log.close()
        if not failed:
            Path(server_log.name).unlink(missing_ok=True)


# -- the endpoints -------------------------------------------------------------------------


@dataclass
class Case:
    """One canned endpoint: the HTTP request and the graph-layer call the route makes for it."""

    key: str
    label: str
    path: str
    params: dict[str, str]
    call: Callable[[Graph], Any]


def _small_actor(graph: Graph) -> str:
    """The lowest-ranked speaker of bench/load.py's pool that is in the graph (a few statements)."""
    for i in range(1987, 0, -1):
        name = f"{bench_load.BODY_KINDS[i % len(bench_load.BODY_KINDS)]} {i:04d}"
        with contextlib.suppress(NotFoundError):
            return reads.actor_ids_for(graph, name)[0]
    raise SystemExit("no actor of bench/load.py's pool in the graph")


def make_cases(graph: Graph, settings: Settings, log: Callable[[str], None]) -> tuple[list[Case], dict[str, Any]]:
    """The endpoints and their parameters, with ids picked from the graph."""
    t = settings.QUERY_TIMEOUT_S
    page = settings.MAX_PAGE_SIZE
    small = _small_actor(graph)
    claim_id = reads.claims(graph, contested=True, limit=1).rows[0]["claim_id"]  # the most-stated contested claim
    articles_total = feeds.articles(graph, limit=1).total or 1
    article_id = f"article-{articles_total // 2:06d}"
    feeds.article(graph, article_id=article_id)  # raises NotFoundError if the id scheme changed
    hub_profile = reads.actor_profile(graph, actor_id=HUB)
    small_profile = reads.actor_profile(graph, actor_id=small)
    chosen = {
        "hub": HUB, "hub_statements_made": sum(hub_profile["statements_made"].values()),
        "small_actor": small, "small_statements_made": sum(small_profile["statements_made"].values()),
        "claim": claim_id, "article": article_id,
    }
    log("picked: " + ", ".join(f"{k} {v}" for k, v in chosen.items()))
    cases = [
        # Not a canned question: the floor, what HTTP adds to the smallest query the API runs.
        Case("health", "/health (floor)", "/health", {},
             lambda g: reads.engine_components(g, timeout_s=t)),
        Case("actors", "/actors", "/actors", {},
             lambda g: reads.actors(g, q=None, kind=None, limit=100, offset=0, timeout_s=t)),
        Case("actor-hub", f"/actors/{HUB}", f"/actors/{HUB}", {},
             lambda g: reads.actor_profile(g, actor_id=HUB, rollup=False, top=10, timeout_s=t)),
        Case("actor-small", f"/actors/{small}", f"/actors/{small}", {},
             lambda g: reads.actor_profile(g, actor_id=small, rollup=False, top=10, timeout_s=t)),
        Case("accusations-hub", f"/accusations?accuser={HUB}", "/accusations", {"accuser": HUB},
             lambda g: reads.accusations(g, accuser=HUB, accused=None, since=None, until=None, source=None,
                                         min_confidence=None, rollup=False, group="none", limit=100, offset=0,
                                         timeout_s=t)),
        Case("accusations", "/accusations", "/accusations", {},
             lambda g: reads.accusations(g, accuser=None, accused=None, since=None, until=None, source=None,
                                         min_confidence=None, rollup=False, group="none", limit=100, offset=0,
                                         timeout_s=t)),
        Case("accusations-pairs", "/accusations?group=pair", "/accusations", {"group": "pair"},
             lambda g: reads.accusations(g, accuser=None, accused=None, since=None, until=None, source=None,
                                         min_confidence=None, rollup=False, group="pair", limit=100, offset=0,
                                         timeout_s=t)),
        Case("claims-contested", "/claims?contested=true", "/claims", {"contested": "true"},
             lambda g: reads.claims(g, contested=True, q=None, limit=100, offset=0, timeout_s=t)),
        Case("claim", "/claims/{id}", f"/claims/{claim_id}", {},
             lambda g: reads.claim(g, claim_id=claim_id, timeout_s=t)),
        Case("contradictions", "/contradictions", "/contradictions", {},
             lambda g: reads.contradictions(g, sort="sides", limit=100, offset=0, timeout_s=t)),
        Case("mutual", "/mutual", "/mutual", {},
             lambda g: reads.mutual_accusations(g, actor=None, limit=100, offset=0, timeout_s=t)),
        Case("chains", f"/chains?from={HUB}&max_hops=3", "/chains", {"from": HUB, "max_hops": "3"},
             lambda g: analytics.contradiction_chains(g, source=HUB, target=None, max_hops=3, limit=20, offset=0,
                                                      timeout_s=t)),
        Case("network", f"/actors/{HUB}/network?depth=1", f"/actors/{HUB}/network", {"depth": "1"},
             lambda g: analytics.ego_network(g, actor=HUB, depth=1, claims=False, timeout_s=t)),
        Case("timeline", "/timeline?interval=month", "/timeline", {"interval": "month"},
             lambda g: feeds.timeline(g, interval="month", actor=None, relation=None, since=None, until=None,
                                      limit=page, offset=0, timeout_s=t)),
        Case("stats", "/stats", "/stats", {},
             lambda g: feeds.stats(g, top=10, timeout_s=t)),
        Case("articles", "/articles", "/articles", {},
             lambda g: feeds.articles(g, source=None, since=None, until=None, limit=100, offset=0, timeout_s=t)),
        Case("article", "/articles/{id}", f"/articles/{article_id}", {},
             lambda g: feeds.article(g, article_id=article_id, timeout_s=t)),
        Case("centrality", "/analytics/centrality", "/analytics/centrality", {},
             lambda g: analytics.centrality(g, sort="pagerank", limit=100, offset=0, timeout_s=t)),
    ]
    return cases, chosen


# -- measuring -----------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float | None:
    """Linear interpolation between the closest ranks (numpy's default)."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * p / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _ms(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds * 1000, 1)


@dataclass
class Sequential:
    case: Case
    http_s: list[float] = field(default_factory=list)
    driver_s: list[float] = field(default_factory=list)
    http_errors: Counter[str] = field(default_factory=Counter)
    driver_errors: Counter[str] = field(default_factory=Counter)
    response_bytes: int = 0

    def as_dict(self, goal: float) -> dict[str, Any]:
        http50, driver50 = percentile(self.http_s, 50), percentile(self.driver_s, 50)
        ratio = http50 / driver50 if http50 and driver50 else None
        return {
            "endpoint": self.case.label, "key": self.case.key, "path": self.case.path, "params": self.case.params,
            "http_n": len(self.http_s), "http_p50_ms": _ms(http50), "http_p99_ms": _ms(percentile(self.http_s, 99)),
            "driver_n": len(self.driver_s), "driver_p50_ms": _ms(driver50),
            "driver_p99_ms": _ms(percentile(self.driver_s, 99)),
            "ratio_p50": None if ratio is None else round(ratio, 3), "goal": goal,
            "met": None if ratio is None else ratio <= goal,
            "http_errors": dict(self.http_errors), "driver_errors": dict(self.driver_errors),
            "response_bytes": self.response_bytes,
        }


def _http_once(client: httpx.Client, case: Case, result: Sequential | None) -> None:
    started = time.perf_counter()
    try:
        response = client.get(case.path, params=case.params)
        body = response.content
    except httpx.HTTPError as e:
        if result is not None:
            result.http_errors[type(e).__name__] += 1
        return
    elapsed = time.perf_counter() - started
    if result is None:
        return
    if response.status_code == 200:
        result.http_s.append(elapsed)
        result.response_bytes = len(body)
    else:
        result.http_errors[str(response.status_code)] += 1


def _driver_once(graph: Graph, case: Case, result: Sequential | None) -> None:
    started = time.perf_counter()
    try:
        case.call(graph)
    except Exception as e:  # counted, like an HTTP error status
        if result is not None:
            result.driver_errors[type(e).__name__] += 1
        return
    if result is not None:
        result.driver_s.append(time.perf_counter() - started)


def measure_sequential(client: httpx.Client, graph: Graph, case: Case, *, requests: int, min_requests: int,
                       warmup: int, budget_s: float, log: Callable[[str], None]) -> Sequential:
    """Warm-up, then HTTP and direct calls in turn until ``requests`` of each or the budget."""
    for _ in range(warmup):
        _http_once(client, case, None)
        _driver_once(graph, case, None)
    result = Sequential(case)
    started = time.perf_counter()
    for i in range(requests):
        _http_once(client, case, result)
        _driver_once(graph, case, result)
        if i + 1 >= min_requests and time.perf_counter() - started > budget_s:
            break
    row = result.as_dict(0)
    errors = {**{f"http {k}": v for k, v in result.http_errors.items()},
              **{f"driver {k}": v for k, v in result.driver_errors.items()}}
    log(f"{case.label:<44} HTTP p50 {row['http_p50_ms']} ms p99 {row['http_p99_ms']} ms | driver p50 "
        f"{row['driver_p50_ms']} ms p99 {row['driver_p99_ms']} ms | n {row['http_n']}/{row['driver_n']}"
        + (f" | errors {errors}" if errors else ""))
    return result


@dataclass
class Concurrent:
    clients: int
    duration_s: float
    elapsed_s: float = 0.0
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter[str] = field(default_factory=Counter)
    errors_by_endpoint: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    api_cpu_s: float = 0.0
    engine_cpu_s: float = 0.0
    client_cpu_s: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        every = [s for values in self.latencies.values() for s in values]
        ok = len(every)
        failed = sum(self.errors.values())
        per_endpoint = {}
        for key in sorted(set(self.latencies) | set(self.errors_by_endpoint)):
            values = self.latencies.get(key, [])
            per_endpoint[key] = {"ok": len(values), "errors": dict(self.errors_by_endpoint.get(key, {})),
                                 "p50_ms": _ms(percentile(values, 50)), "p99_ms": _ms(percentile(values, 99))}
        return {
            "clients": self.clients, "duration_s": self.duration_s, "elapsed_s": round(self.elapsed_s, 2),
            "requests": ok + failed, "ok": ok, "errors": dict(self.errors), "error_count": failed,
            "requests_per_s": round((ok + failed) / self.elapsed_s, 1) if self.elapsed_s else None,
            "ok_per_s": round(ok / self.elapsed_s, 1) if self.elapsed_s else None,
            "p50_ms": _ms(percentile(every, 50)), "p99_ms": _ms(percentile(every, 99)),
            "per_endpoint": per_endpoint,
            "api_cpu_s": round(self.api_cpu_s, 1), "engine_cpu_s": round(self.engine_cpu_s, 1),
            "client_cpu_s": round(self.client_cpu_s, 1),
        }


async def _hammer(base: str, headers: dict[str, str], mix: list[Case], clients: int, duration_s: float,
                  timeout_s: float, result: Concurrent) -> None:
    deadline = time.perf_counter() + duration_s

    async def client(index: int) -> None:
        async with httpx.AsyncClient(base_url=base, headers=headers, timeout=timeout_s,
                                     limits=httpx.Limits(max_connections=1)) as http:
            turn = index
            while time.perf_counter() < deadline:
                case = mix[turn % len(mix)]
                turn += 1
                started = time.perf_counter()
                try:
                    response = await http.get(case.path, params=case.params)
                    await response.aread()
                except httpx.HTTPError as e:
                    result.errors[type(e).__name__] += 1
                    result.errors_by_endpoint[case.key][type(e).__name__] += 1
                    continue
                elapsed = time.perf_counter() - started
                if response.status_code == 200:
                    result.latencies[case.key].append(elapsed)
                else:
                    result.errors[str(response.status_code)] += 1
                    result.errors_by_endpoint[case.key][str(response.status_code)] += 1

    started = time.perf_counter()
    await asyncio.gather(*(client(i) for i in range(clients)))
    result.elapsed_s = time.perf_counter() - started


def measure_concurrent(base: str, headers: dict[str, str], mix: list[Case], *, clients: int, duration_s: float,
                       timeout_s: float, api_pid: int, engine_pid: int) -> Concurrent:
    result = Concurrent(clients, duration_s)
    api_cpu, engine_cpu, client_cpu = _cpu_s(api_pid), _cpu_s(engine_pid), time.process_time()
    asyncio.run(_hammer(base, headers, mix, clients, duration_s, timeout_s, result))
    result.api_cpu_s = _cpu_s(api_pid) - api_cpu
    result.engine_cpu_s = _cpu_s(engine_pid) - engine_cpu
    result.client_cpu_s = time.process_time() - client_cpu
    return result


# -- output --------------------------------------------------------------------------------


def _fmt(value: Any, width: int, spec: str = ",.1f") -> str:
    return f"{'-' if value is None else format(value, spec):>{width}}"


def print_report(result: dict[str, Any]) -> None:
    build = result["build"]
    counts = build["counts"]
    print()
    how = "reused (built " + build["built_at"] + ")" if build["reused"] else "built now"
    print(f"graph ({how}): {build['statements']:,} statements in {build['articles']:,} articles; "
          f"{counts.get('statement_edges', 0):,} statement edges, {counts.get('actors', 0):,} actors, "
          f"{counts.get('claims', 0):,} claims, {counts.get('articles', 0):,} articles; {build['disk_mb']:,.0f} MB on disk")
    print(f"build: {build['total_s']:,.0f} s = generate {build['generate_s']:,.0f} s + prepare {build['prepare_s']:,.0f} s "
          f"+ write {build['write_s']:,.0f} s ({build['write_statements_per_s'] or 0:,} statements/s); "
          f"engine start {result['engine_start_s']:.1f} s")
    if result["endpoints"]:
        print()
        print(f"{'endpoint':<44}{'n':>4}{'HTTP p50':>10}{'p99':>9}{'driver p50':>12}{'p99':>9}{'ratio':>7}  goal <= 1.2")
        for row in result["endpoints"]:
            met = "" if row["met"] is None else ("met" if row["met"] else "NOT MET")
            errors = {**{f"http {k}": v for k, v in row["http_errors"].items()},
                      **{f"driver {k}": v for k, v in row["driver_errors"].items()}}
            print(f"{row['endpoint']:<44}{row['http_n']:>4}{_fmt(row['http_p50_ms'], 10)}{_fmt(row['http_p99_ms'], 9)}"
                  f"{_fmt(row['driver_p50_ms'], 12)}{_fmt(row['driver_p99_ms'], 9)}{_fmt(row['ratio_p50'], 7, '.2f')}  {met}"
                  + (f"  errors {errors}" if errors else ""))
        print("(milliseconds; ratio = HTTP p50 / driver p50)")
    concurrent = result.get("concurrency")
    if concurrent:
        print()
        print(f"{concurrent['clients']} concurrent clients for {concurrent['duration_s']:g} s (mix: {', '.join(result['mix'])}):")
        print(f"  {concurrent['requests']:,} requests in {concurrent['elapsed_s']:.1f} s = {concurrent['requests_per_s']:,} requests/s "
              f"({concurrent['ok_per_s']:,}/s answered 200); p50 {concurrent['p50_ms']} ms, p99 {concurrent['p99_ms']} ms; "
              f"errors {concurrent['error_count']} {concurrent['errors'] or ''}")
        print(f"  CPU seconds: API {concurrent['api_cpu_s']}, engine {concurrent['engine_cpu_s']}, client {concurrent['client_cpu_s']}")
        print(f"  {'endpoint':<20}{'ok':>7}{'p50 ms':>10}{'p99 ms':>10}  errors")
        for key, row in concurrent["per_endpoint"].items():
            print(f"  {key:<20}{row['ok']:>7,}{_fmt(row['p50_ms'], 10)}{_fmt(row['p99_ms'], 10)}  {row['errors'] or ''}")
    print()
    for key, value in result["machine"].items():
        print(f"{key}: {value}")


# -- main ----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    settings = Settings()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--statements", type=int, default=1_000_000, help="synthetic statements in the graph (default 1000000)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--reuse", type=Path, metavar="DIR",
                        help="engine folder to build into once and keep; later runs start on it and skip the build")
    parser.add_argument("--build-only", action="store_true", help="build (or find) the graph, count it, and stop")
    parser.add_argument("--heap", default="4g", help="Java heap of the engine (default 4g)")
    parser.add_argument("--batch-size", type=int, default=settings.LOAD_BATCH_SIZE,
                        help=f"the loader's batch size (default LOAD_BATCH_SIZE = {settings.LOAD_BATCH_SIZE})")
    parser.add_argument("--query-timeout", type=float, default=settings.QUERY_TIMEOUT_S,
                        help=f"the service's time limit per query, for the API and the direct calls "
                             f"(default CLAIMGRAPH_QUERY_TIMEOUT_S = {settings.QUERY_TIMEOUT_S:g})")
    parser.add_argument("--endpoints", help="only these endpoints (keys: actors, actor-hub, ..., centrality; see --list)")
    parser.add_argument("--list", action="store_true", help="list the endpoint keys and stop")
    parser.add_argument("--requests", type=int, default=50, help="timed calls per endpoint and kind (default 50)")
    parser.add_argument("--min-requests", type=int, default=5, help="fewest timed calls when the budget runs out (default 5)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed calls per endpoint and kind first (default 2)")
    parser.add_argument("--budget", type=float, default=60.0,
                        help="seconds per endpoint after which it stops at --min-requests (default 60)")
    parser.add_argument("--clients", type=int, default=32, help="concurrent clients (default 32; 0: skip)")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of the concurrent run (default 60)")
    parser.add_argument("--mix", default=DEFAULT_MIX, help=f"endpoint keys the clients send in turn, or 'all' (default {DEFAULT_MIX})")
    parser.add_argument("--client-timeout", type=float, default=300.0,
                        help="seconds an HTTP client waits for an answer (default 300)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    args = parser.parse_args(argv)
    log = log_to(sys.stderr if args.json else sys.stdout)
    keys = ["health", "actors", "actor-hub", "actor-small", "accusations-hub", "accusations", "accusations-pairs",
            "claims-contested", "claim", "contradictions", "mutual", "chains", "network", "timeline", "stats",
            "articles", "article", "centrality"]
    if args.list:
        print("\n".join(keys))
        return 0
    wanted = keys if not args.endpoints else [k.strip() for k in args.endpoints.split(",")]
    mix_keys = keys if args.mix == "all" else [k.strip() for k in args.mix.split(",")]
    unknown = sorted(set(wanted + mix_keys) - set(keys))
    if unknown:
        parser.error(f"unknown endpoint key(s): {', '.join(unknown)} (see --list)")
    settings = settings.model_copy(update={"QUERY_TIMEOUT_S": args.query_timeout, "ENGINE_HEAP": args.heap})
    headers = {"X-API-Key": settings.READ_API_KEY.get_secret_value()} if settings.READ_API_KEY else {}

    temporary = args.reuse is None
    data_dir = Path(tempfile.mkdtemp(prefix="claimgraph-bench-api-")) if temporary else args.reuse.resolve()
    record_file = data_dir / BUILD_RECORD
    build: Build | None = None
    if record_file.exists():
        record = json.loads(record_file.read_text())
        if (record["statements"], record["seed"]) != (args.statements, args.seed):
            parser.error(f"{data_dir} holds a build of {record['statements']:,} statements (seed {record['seed']}), "
                         f"not {args.statements:,} (seed {args.seed}): give --statements/--seed to match, or another folder")
        build = Build(**{k: v for k, v in record.items() if k in Build.__dataclass_fields__})
        build.reused = True
    elif (data_dir / "databases").exists():
        parser.error(f"{data_dir} holds a database but no {BUILD_RECORD} (an unfinished build?): remove it or choose another folder")

    result: dict[str, Any] = {}
    try:
        with engine_on(data_dir, args.heap, settings) as (graph, engine, engine_pid, engine_start_s):
            log(f"engine: pid {engine_pid}, started in {engine_start_s:.1f} s, heap {args.heap}, data {data_dir}")
            if build is None:
                build = build_graph(graph, engine_pid, args.statements, args.seed, args.batch_size, log)
                build.heap, build.built_at = args.heap, time.strftime("%Y-%m-%d %H:%M")
                build.disk_mb = _disk_mb(data_dir)
                record_file.write_text(json.dumps(build.as_dict() | {"reused": False}, indent=2))
            log(f"graph: {build.counts}")
            components = reads.engine_components(graph)
            result = {
                "build": build.as_dict(), "engine_start_s": round(engine_start_s, 2), "endpoints": [],
                "concurrency": None, "mix": mix_keys,
                "machine": {
                    "cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
                    "engine": "; ".join(f"{c['name']} {'/'.join(c['versions'])}" for c in components)
                              + f" (arcadedb-embedded {metadata.version('arcadedb-embedded')})",
                    "neo4j_driver": metadata.version("neo4j"), "fastapi": metadata.version("fastapi"),
                    "uvicorn": metadata.version("uvicorn"), "httpx": metadata.version("httpx"),
                    "engine_heap": args.heap, "query_timeout_s": args.query_timeout, "data_dir": str(data_dir),
                },
            }
            if args.build_only:
                return _finish(result, args.json)
            cases, chosen = make_cases(graph, settings, log)
            result["picked"] = chosen
            by_key = {case.key: case for case in cases}
            with api_server(data_dir, args.heap, args.query_timeout, headers, log) as (base, api_pid):
                if args.requests > 0:
                    log(f"sequential: up to {args.requests} calls per endpoint and kind, after {args.warmup} warm-up calls")
                    with httpx.Client(base_url=base, headers=headers, timeout=args.client_timeout) as client:
                        for key in wanted:
                            measured = measure_sequential(
                                client, graph, by_key[key], requests=args.requests, min_requests=args.min_requests,
                                warmup=args.warmup, budget_s=args.budget, log=log)
                            result["endpoints"].append(measured.as_dict(1.2))
                if args.clients > 0:
                    mix = [by_key[key] for key in mix_keys]
                    log(f"concurrency: {args.clients} clients for {args.duration:g} s over {', '.join(mix_keys)}")
                    concurrent = measure_concurrent(base, headers, mix, clients=args.clients, duration_s=args.duration,
                                                    timeout_s=args.client_timeout, api_pid=api_pid,
                                                    engine_pid=engine_pid)
                    result["concurrency"] = concurrent.as_dict()
                    result["concurrency"]["paths"] = {case.key: case.label for case in mix}
    finally:
        if temporary:
            shutil.rmtree(data_dir, ignore_errors=True)
    return _finish(result, args.json)


def _finish(result: dict[str, Any], as_json: bool) -> int:
    if as_json:
        print(json.dumps(result, indent=2, default=str))
    else:
        print_report(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
