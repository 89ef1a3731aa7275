"""Peak memory of ``claimgraph load`` on a statements file or a GDELT export, by file size.

The statements file is bench/load.py's synthetic input written as statements JSONL (one line
per declared actor, then per article its description with its text and its statements),
generated one article at a time so that this script holds no more of it than the loader
should. The GDELT export (``--gdelt-rows``) repeats the mapped rows of the test sample
(tests/data/gdelt/events-sample.csv) under new event ids, each row given one of rows/5 article
URLs at random, so an article's rows are scattered through the file as in GDELT's own. Each size
is loaded by ``claimgraph load FILE --json`` run as its own process, into a fresh embedded
engine that this script started first (so the engine, a separate Java process with its own
fixed heap, is not counted): the figure is the loader process's peak resident memory
(``ru_maxrss`` from ``wait4``), with its time and rate.

Flat memory means the peak does not grow with the file. ``--source`` runs another checkout
of claimgraph (e.g. the commit before streaming, exported with ``git archive``) to compare.

Run::

    .venv/bin/python bench/load_memory.py                                # 20,000 and 200,000 statements
    .venv/bin/python bench/load_memory.py --statements 1000000 --heap 4g
    git archive 63dfc22 | tar -x -C /tmp/before
    .venv/bin/python bench/load_memory.py --source /tmp/before --statements 200000
    .venv/bin/python bench/load_memory.py --statements "" --gdelt-rows 100000,1000000

Files are kept in ``--work`` (default /tmp/claimgraph-load-memory) and reused by later runs.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import load as bench_load  # noqa: E402  (bench/load.py: the synthetic input)

from claimgraph.graph.engine import EmbeddedEngine  # noqa: E402
from claimgraph.graph.settings import Settings  # noqa: E402
from claimgraph.loaders.gdelt import NEEDS_TARGET, RELATION_BY_CAMEO  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
GDELT_SAMPLE = REPO / "tests" / "data" / "gdelt" / "events-sample.csv"


def write_statements_file(path: Path, statements: int, seed: int) -> None:
    """The synthetic input as statements JSONL, written one article at a time."""
    declared, articles = bench_load.generate_input(statements, seed)
    partial = path.with_suffix(".partial")
    with partial.open("w", encoding="utf-8") as out:
        for actor in declared:
            out.write(json.dumps({"actor": actor.model_dump(mode="json", exclude_none=True)}) + "\n")
        for raw in articles:
            out.write(json.dumps({"article": raw.article.model_dump(mode="json", exclude_none=True)}) + "\n")
            for _, statement in raw.statements:
                out.write(statement.model_dump_json(exclude_none=True) + "\n")
    partial.rename(path)


def write_gdelt_file(path: Path, rows: int, seed: int) -> None:
    """A GDELT export with a header line: the sample's rows that become statements, repeated
    under new event ids, each row in one of rows/5 articles drawn at random."""
    with GDELT_SAMPLE.open(newline="", encoding="utf-8") as sample:
        reader = csv.DictReader(sample)
        columns = list(reader.fieldnames or [])
        mapped = [row for row in reader if (relation := RELATION_BY_CAMEO.get(row["EventCode"].strip()))
                  and row["SOURCEURL"].strip() and row["Actor1Code"].strip()
                  and (row["Actor2Code"].strip() or relation not in NEEDS_TARGET)]
    rng = random.Random(seed)
    articles = max(1, rows // 5)
    partial = path.with_suffix(".partial")
    with partial.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, columns)
        writer.writeheader()
        for index in range(rows):
            row = dict(rng.choice(mapped))
            row["GLOBALEVENTID"] = str(1_000_000_000 + index)
            row["SOURCEURL"] = f"https://news.example/gdelt/{rng.randrange(articles)}"
            writer.writerow(row)
    partial.rename(path)


def peak_rss_of(command: list[str], env: dict[str, str], cwd: Path) -> tuple[int, str, str, float]:
    """Run a command; its exit code, output, error output and peak resident memory in MB."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(command, env=env, cwd=cwd, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return process.returncode, out.read(), err.read(), usage.ru_maxrss / 1024  # KiB on Linux


def measure(path: Path, statements: int, source: Path, heap: str, settings: Settings) -> dict[str, Any]:
    data_dir = Path(tempfile.mkdtemp(prefix="claimgraph-load-memory-"))
    engine = EmbeddedEngine(data_dir, heap=heap, start_timeout_s=max(settings.ENGINE_START_TIMEOUT_S, 300.0))
    try:
        engine.start()
        # The loader attaches to the engine running on the folder and leaves it running.
        env = {**os.environ, "CLAIMGRAPH_DATA": str(data_dir), "PYTHONPATH": str(source)}
        started = time.perf_counter()
        code, stdout, stderr, peak_mb = peak_rss_of(
            # Run from the source folder: ``python -c`` puts the working folder first on sys.path.
            [sys.executable, "-c", "from claimgraph.cli import app; app()", "load", str(path.resolve()), "--json"], env, source)
        seconds = time.perf_counter() - started
    finally:
        engine.stop()
        shutil.rmtree(data_dir, ignore_errors=True)
    if code != 0:
        raise SystemExit(f"claimgraph load failed (exit {code}):\n{stderr[-3000:]}")
    summary = json.loads(stdout.strip().splitlines()[-1])
    return {
        "source": str(source), "statements": statements, "file_mb": round(path.stat().st_size / 2**20, 1),
        "peak_rss_mb": round(peak_mb, 1), "seconds": round(seconds, 1),
        "statements_per_s": round(statements / seconds), "statements_new": summary["statements"]["new"],
        "failed_articles": summary["failed_articles"] + summary["refused_articles"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--statements", default="20000,200000", help="statements file sizes in statements, comma-separated")
    parser.add_argument("--gdelt-rows", default="", help="GDELT export sizes in rows (each a statement), comma-separated")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--source", type=Path, default=REPO, help="the claimgraph checkout to run (default this one)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "claimgraph-load-memory",
                        help="where the statements files are kept")
    parser.add_argument("--heap", default="2g", help="Java heap of the engine (default 2g)")
    parser.add_argument("--json", action="store_true", help="print the rows as one JSON array")
    args = parser.parse_args(argv)
    settings = Settings()
    args.work.mkdir(parents=True, exist_ok=True)
    rows = []
    inputs = [(int(n), "jsonl") for n in args.statements.split(",") if n] + [(int(n), "csv") for n in args.gdelt_rows.split(",") if n]
    for statements, kind in inputs:
        path = args.work / f"{'statements' if kind == 'jsonl' else 'gdelt'}-{statements}-seed{args.seed}.{kind}"
        if not path.exists():
            print(f"writing {path} …", file=sys.stderr, flush=True)
            (write_statements_file if kind == "jsonl" else write_gdelt_file)(path, statements, args.seed)
        print(f"loading {path.name} ({path.stat().st_size / 2**20:,.0f} MB) with {args.source} …", file=sys.stderr, flush=True)
        rows.append({"input": path.name, **measure(path, statements, args.source.resolve(), args.heap, settings)})
        row = rows[-1]
        # Each row as it is measured (on stderr with --json): a long run that stops keeps its rows.
        print(f"{row['input']:<36} {row['file_mb']:>8,.1f} MB  peak RSS {row['peak_rss_mb']:>8,.1f} MB"
              f"  {row['seconds']:>7,.1f} s  {row['statements_per_s']:>6,}/s  new {row['statements_new']:,}"
              f"  failed {row['failed_articles']}", file=sys.stderr if args.json else sys.stdout, flush=True)
    if args.json:
        print(json.dumps(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
