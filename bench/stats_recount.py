"""Do the tallies kept by the writes hold the whole graph after a large load? ``/stats`` from the
tallies against ``/stats`` counted live from every statement edge, after ``claimgraph load`` of
a statements file (bench/load_memory.py writes them) into a fresh embedded engine.

The tallies are also checked in tests/test_graph_tallies.py, at random on small graphs (reloads,
failed batches, posts, reindex); this is the same check at scale, through the real command.

Run::

    .venv/bin/python bench/load_memory.py --statements 200000      # writes the file, if missing
    .venv/bin/python bench/stats_recount.py /tmp/claimgraph-load-memory/statements-200000-seed42.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

from claimgraph.graph import feeds
from claimgraph.graph.engine import DATABASE, EmbeddedEngine, Graph
from claimgraph.graph.settings import Settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path, help="a statements JSONL file")
    parser.add_argument("--heap", default="2g", help="Java heap of the engine (default 2g)")
    parser.add_argument("--top", type=int, default=100, help="top accusers, accused and contested claims compared")
    args = parser.parse_args(argv)
    settings = Settings()
    data_dir = Path(tempfile.mkdtemp(prefix="claimgraph-stats-recount-"))
    engine = EmbeddedEngine(data_dir, heap=args.heap, start_timeout_s=max(settings.ENGINE_START_TIMEOUT_S, 300.0))
    try:
        status = engine.start()
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "claimgraph.cli", "load", str(args.file.resolve()), "--quiet"], check=True,
                       env={**os.environ, "CLAIMGRAPH_DATA": str(data_dir)})
        print(f"loaded {args.file.name} in {time.perf_counter() - started:.0f} s", flush=True)
        driver = engine.driver(status)
        try:
            graph = Graph(driver, DATABASE, "the embedded engine")
            started = time.perf_counter()
            kept = feeds.stats(graph, top=args.top)
            kept_s = time.perf_counter() - started
            started = time.perf_counter()
            with mock.patch.object(feeds, "tallied", lambda graph: False):  # count every statement edge
                recounted = feeds.stats(graph, top=args.top)
            recount_s = time.perf_counter() - started
        finally:
            driver.close()
    finally:
        engine.stop()
        shutil.rmtree(data_dir, ignore_errors=True)
    print(json.dumps(kept["totals"], indent=1))
    print(f"/stats from the tallies: {kept_s * 1000:,.0f} ms; counted live: {recount_s * 1000:,.0f} ms")
    for part in ("totals", "top_accusers", "top_accused", "most_contested_claims"):
        print(f"{part}: {'equal' if kept[part] == recounted[part] else 'DIFFERENT'}")
    return 0 if kept == recounted else 1


if __name__ == "__main__":
    raise SystemExit(main())
