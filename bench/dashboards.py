"""The dashboard endpoints after a load: the first request, then the kept answers, and the
service under 32 clients while the graph keeps changing (issue 10).

On a graph built by bench/api.py (``--data DIR``, the folder of its ``--reuse``):

1. The tallies (graph/tallies.py) are counted if the graph does not hold them in the current
   form (a graph built by an earlier release): timed, the one-off cost of the upgrade.
2. A load: ``--load-statements`` more synthetic statements (bench/load.py's generator, another
   seed and name prefix, actors shared) written the way ``claimgraph load`` writes them, then
   the analytics and actor summaries kept as the load keeps them (``graph/keeping.py``), each
   timed. The data version changes, so no answer is kept from before.
3. The real app served by uvicorn in a child process (bench/api.py's ``api_server``). For each
   dashboard endpoint, and for the explorer's overview, actor (the hub and a small one), claim
   and article pages: the first request after the load (nothing kept, every tally read), then
   ``--requests`` requests (the kept answer: p50, p99), and ``--fresh`` requests with
   ``Cache-Control: no-cache`` (recomputed from the tallies each time: p50).
4. ``--clients`` clients for ``--duration`` seconds sending every endpoint of bench/api.py in
   turn (dashboards, lookups, chains, networks) while one more article is written every
   ``--write-every`` seconds through the same loader, followed by the analytics kept as ``POST
   /articles`` keeps them after answering, so answers keep going stale: statuses,
   p50/p99 per endpoint. 503 is the documented answer of a heavy request that finds no slot.

Run::

    .venv/bin/python bench/api.py --reuse /tmp/claimgraph-bench-1m --build-only
    .venv/bin/python bench/dashboards.py --data /tmp/claimgraph-bench-1m
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

import api as bench_api  # noqa: E402
import load as bench_load  # noqa: E402

from claimgraph.graph import keeping, tallies  # noqa: E402
from claimgraph.graph.engine import Graph  # noqa: E402
from claimgraph.graph.settings import Settings  # noqa: E402
from claimgraph.graph.store import write_actors, write_articles  # noqa: E402
from claimgraph.loaders.prepare import prepare_articles  # noqa: E402

# The endpoints of the must-show, as (key, path, params).
DASHBOARDS = [
    ("stats", "/stats", {}),
    ("timeline", "/timeline", {"interval": "month"}),
    ("accusations-pairs", "/accusations", {"group": "pair", "limit": "50"}),
    ("accusations", "/accusations", {"limit": "50"}),
    ("centrality", "/analytics/centrality", {}),
    ("communities", "/analytics/communities", {}),
    ("mutual", "/mutual", {}),
    ("contradictions", "/contradictions", {"limit": "50"}),
    ("actors", "/actors", {}),
]
FRESH = {"Cache-Control": "no-cache"}


def write_more(graph: Graph, statements: int, seed: int) -> tuple[float, float]:
    """Write synthetic statements as ``claimgraph load`` does, then keep the analytics of the
    changed graph as the load (and ``POST /articles``) does; returns the seconds of each."""
    parsed = bench_load.make_input(statements, seed, prefix=f"more{seed}-")
    started = time.perf_counter()
    report = write_actors(graph, [actor for _, actor in parsed.declared_actors])
    report = write_articles(graph, prepare_articles(parsed), report=report).finish()
    if report.failures:
        raise SystemExit(f"the load failed: {report.failures[:3]}")
    written = time.perf_counter()
    keeping.note_write(report.changes)
    keeping.keep_after_write(graph)
    return written - started, time.perf_counter() - written


def timed_get(client: httpx.Client, path: str, params: dict[str, str], headers: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    response = client.get(path, params=params, headers=headers or {})
    response.read()
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}: {response.text[:300]}")
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="engine folder of a graph built by bench/api.py")
    parser.add_argument("--heap", default="4g")
    parser.add_argument("--load-statements", type=int, default=1000, help="statements of the load before measuring")
    parser.add_argument("--load-seed", type=int, default=7,
                        help="seed of that load: the same seed again loads statements already in the graph")
    parser.add_argument("--requests", type=int, default=200, help="requests per endpoint for the kept answer")
    parser.add_argument("--fresh", type=int, default=5, help="requests per endpoint with Cache-Control: no-cache")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--write-every", type=float, default=10.0, help="seconds between writes in the concurrent run (0: none)")
    parser.add_argument("--query-timeout", type=float, default=20.0)
    args = parser.parse_args(argv)
    log = bench_api.log_to(sys.stdout)
    settings = Settings().model_copy(update={"QUERY_TIMEOUT_S": args.query_timeout, "ENGINE_HEAP": args.heap})
    result: dict[str, Any] = {}
    with bench_api.engine_on(args.data, args.heap, settings) as (graph, engine, engine_pid, _):
        started = time.perf_counter()
        recounted = tallies.ensure_tallied(graph)
        log(f"tallies: {'counted in ' + format(time.perf_counter() - started, '.1f') + ' s' if recounted else 'held already'}")
        seconds, analytics_s = write_more(graph, args.load_statements, seed=args.load_seed)
        log(f"load: {args.load_statements:,} statements in {seconds:.1f} s ({args.load_statements / seconds:,.0f}/s), "
            f"analytics kept in {analytics_s:.1f} s")
        cases, chosen = bench_api.make_cases(graph, settings, log)
        explorer = [  # the explorer's pages (issue 11): server time, the same way
            ("explore-overview", "/explore", {}),
            ("explore-actor-hub", f"/explore/actors/{chosen['hub']}", {}),
            ("explore-actor-small", f"/explore/actors/{chosen['small_actor']}", {}),
            ("explore-claim", f"/explore/claims/{chosen['claim']}", {}),
            ("explore-article", f"/explore/articles/{chosen['article']}", {}),
        ]
        with bench_api.api_server(args.data, args.heap, args.query_timeout, {}, log) as (base, api_pid), \
                httpx.Client(base_url=base, timeout=300) as client:
            log(f"{'endpoint':28} {'first ms':>9} {'kept p50':>9} {'kept p99':>9} {'fresh p50':>10}")
            for key, path, params in DASHBOARDS + explorer:
                first = timed_get(client, path, params)
                kept = [timed_get(client, path, params) for _ in range(args.requests)]
                fresh = [timed_get(client, path, params, FRESH) for _ in range(args.fresh)]
                row = {"first_ms": first * 1000, "kept_p50_ms": bench_api._ms(bench_api.percentile(kept, 50)),
                       "kept_p99_ms": bench_api._ms(bench_api.percentile(kept, 99)),
                       "fresh_p50_ms": bench_api._ms(bench_api.percentile(fresh, 50))}
                result[key] = row
                log(f"{key:28} {row['first_ms']:9,.0f} {row['kept_p50_ms']:9,.1f} {row['kept_p99_ms']:9,.1f} "
                    f"{row['fresh_p50_ms']:10,.0f}")
            if args.clients:
                import threading
                stop = threading.Event()
                writes: list[tuple[float, float]] = []

                def writer() -> None:
                    seed = 100
                    while args.write_every and not stop.wait(args.write_every):
                        seed += 1
                        writes.append(write_more(graph, 10, seed))

                thread = threading.Thread(target=writer, daemon=True)
                thread.start()
                concurrent = bench_api.measure_concurrent(
                    base, {}, cases + [bench_api.Case(key, path, path, params, lambda g: None) for key, path, params in DASHBOARDS
                                       if key in ("communities",)],
                    clients=args.clients, duration_s=args.duration, timeout_s=300, api_pid=api_pid, engine_pid=engine_pid)
                stop.set()
                thread.join()
                summary = concurrent.as_dict()
                log(f"\n{args.clients} clients, {args.duration:.0f} s, {len(writes)} writes of 10 statements "
                    f"(write + analytics: {', '.join(f'{w:.1f}+{a:.1f}' for w, a in writes)} s): {summary['requests']} requests, "
                    f"{summary['requests_per_s']}/s, errors {summary['errors']}, p50 {summary['p50_ms']} ms, "
                    f"p99 {summary['p99_ms']} ms")
                for key, row in summary["per_endpoint"].items():
                    log(f"  {key:22} ok {row['ok']:5}  errors {row['errors'] or ''}  p50 {row['p50_ms']} ms  p99 {row['p99_ms']} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
