"""How fast the extractor (rules, attribution tagger, relation model) reads news text, against
spaCy's bare parse of the same text.

The input is the FNC-1 test bodies (``competition_test_bodies.csv``: 904 news articles, read
with ``read_articles`` exactly as ``claimgraph extract`` reads them: text column
``articleBody``, id column ``Body ID``, ids ``fnc1-<Body ID>``). ``--limit N`` keeps the first
N articles.

Measurements, each on the same articles with the pipeline ``RuleExtractor`` loads (spaCy model
plus the line-break component):

- ``parse``: ``list(nlp.pipe(texts, batch_size=B))``, spaCy alone. Its sentence count
  (``doc.sents`` summed) is the sentence figure of every row.
- ``extract``: ``list(extractor.extract(articles))``, parse plus extraction, what
  ``claimgraph extract`` runs. The extractor pipes with ``batch_size=8``; the bare parse uses
  the same by default (``--batch-size``) so that the ratio compares like with like.
- ``rules``: ``extractor.statements(doc, article)`` over the docs the bare parse just made
  (rules, tagger and relation model): where the time of ``extract`` beyond ``parse`` goes.
- ``parse`` and ``extract`` again with ``n_process=2``. spaCy forks its own workers for the
  bare parse and sends the docs back serialised; the extractor forks a pool of workers that
  each parse and extract whole articles and send back statements only (their start-up is in
  the time: they are new on every call).

Check pass: before anything is timed, the whole input is parsed and run through the rules
once, one article at a time. An article on which the rules raise would stop ``extract`` (it
is a generator over the whole input), so it is left out of every measurement and named in
the output (``left_out``). The pass also grows spaCy's vocabulary to the input, so that the
first round does not pay for it alone.

Warm-up: then the first ``--warmup`` articles are parsed and extracted once (and extracted
with ``n_process``): the first calls load lookup tables and fill caches. The measurements then
run in rounds (parse, rules, extract, parse ×2, extract ×2), ``--repeat`` rounds, so that a
slow spell of the machine spreads over all of them; each figure is the median of its rounds,
with the minimum and maximum beside it.

Run::

    .venv/bin/python bench/extract.py                    # first 300 articles, 3 rounds (~4 min on 2 cores)
    .venv/bin/python bench/extract.py --limit 0          # all 904 articles (~14 min on 2 cores)
    .venv/bin/python bench/extract.py --json             # the same as one JSON object
    .venv/bin/python bench/extract.py --limit 50 --repeat 1   # a quick look

Figures: sentences/s and articles/s are the sentences and articles of the input divided by
the seconds of the call. The goals: extract / parse time <= 1.5 with one process, and two
processes extracting >= 1.6 times as fast as one. "main CPU s" is the CPU time of this process during the call: with two processes it
shows how much of the work stayed here (receiving docs, the rules). The 1-minute load
average before each round is printed: the machine may be shared, and this script itself
adds to it (up to 3 busy processes with ``n_process=2``). Results and findings are in
bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from claimgraph.graph.types import Article
from claimgraph.loaders.articles import read_articles
from claimgraph.loaders.extraction.extractor import RuleExtractor

REPO = Path(__file__).resolve().parent.parent
DEFAULT_BODIES = REPO.parent / "shared" / "eval" / "fnc1" / "competition_test_bodies.csv"
# The full set (904 articles, 17,803 sentences) takes ~14 min at 3 rounds on 2 cores: the
# parse runs at ~260 sentences/s in one process and a round parses the set four times, plus
# the check pass. 300 articles (5,358 sentences) keep a default run near 4 min.
DEFAULT_LIMIT = 300
GOAL = 1.5
GOAL_SPEED_UP = 1.6


@dataclass
class Measurement:
    """One timed call, repeated: its seconds and this process's CPU seconds per round."""

    name: str
    processes: int
    note: str
    seconds: list[float] = field(default_factory=list)
    main_cpu: list[float] = field(default_factory=list)
    statements: list[int] = field(default_factory=list)

    def time(self, call: Callable[[], int | None]) -> Any:
        cpu, started = time.process_time(), time.perf_counter()
        found = call()
        self.seconds.append(time.perf_counter() - started)
        self.main_cpu.append(time.process_time() - cpu)
        if found is not None:
            self.statements.append(found)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def as_dict(self, sentences: int, articles: int) -> dict[str, Any]:
        return {
            "measure": self.name,
            "processes": self.processes,
            "seconds_median": round(self.median, 3),
            "seconds_min": round(min(self.seconds), 3),
            "seconds_max": round(max(self.seconds), 3),
            "seconds": [round(s, 3) for s in self.seconds],
            "sentences_per_s": round(sentences / self.median, 1),
            "articles_per_s": round(articles / self.median, 2),
            "main_cpu_s_median": round(statistics.median(self.main_cpu), 2),
            "statements": self.statements[-1] if self.statements else None,
            "note": self.note,
        }


def load_articles(bodies: Path, limit: int) -> list[Article]:
    read = read_articles([bodies], text_column="articleBody", id_column="Body ID", id_prefix="fnc1-")
    if read.problems:
        raise SystemExit(f"{bodies}: {len(read.problems)} problem(s) reading it, first: {read.problems[0]}")
    articles = [item.article for item in read.articles]
    return articles[:limit] if limit > 0 else articles


def parse(extractor: RuleExtractor, texts: list[str], batch_size: int, n_process: int) -> list[Any]:
    return list(extractor.nlp.pipe(texts, batch_size=batch_size, n_process=n_process))


def extract(extractor: RuleExtractor, articles: list[Article], n_process: int) -> int:
    return sum(len(found) for _, found in extractor.extract(articles, n_process=n_process))


def check(extractor: RuleExtractor, articles: list[Article], batch_size: int) -> dict[str, str]:
    """The articles on which the rules raise, with the error: ``extract`` would stop there."""
    failed: dict[str, str] = {}
    docs = extractor.nlp.pipe((article.text or "" for article in articles), batch_size=batch_size)
    for doc, article in zip(docs, articles):
        try:
            extractor.statements(doc, article)
        except Exception as error:  # noqa: BLE001 - any failure stops extract(); name it and go on
            failed[article.id] = f"{type(error).__name__}: {' '.join(str(error).split())[:300]}"
    return failed


def run(articles: list[Article], *, repeat: int, warmup: int, batch_size: int, processes: int,
        log: Callable[[str], None]) -> dict[str, Any]:
    started = time.perf_counter()
    extractor = RuleExtractor()
    load_s = time.perf_counter() - started
    log(f"pipeline {extractor.name} ({', '.join(extractor.nlp.pipe_names)}) loaded in {load_s:.1f} s")

    started = time.perf_counter()
    failed = check(extractor, articles, batch_size)
    log(f"check pass over {len(articles):,} articles in {time.perf_counter() - started:.1f} s (untimed)")
    if failed:
        for article_id, error in failed.items():
            log(f"warning: the rules fail on {article_id}, left out of the measurements: {error}")
        articles = [article for article in articles if article.id not in failed]
        if not articles:
            raise SystemExit("the rules failed on every article")
    texts = [article.text or "" for article in articles]
    warm = articles[:warmup]
    parse(extractor, [a.text or "" for a in warm], batch_size, 1)
    extract(extractor, warm, 1)
    if processes > 1:
        extract(extractor, warm, processes)

    one = {"parse": Measurement("parse", 1, f"nlp.pipe, batch_size {batch_size}"),
           "rules": Measurement("rules", 1, "statements() on the parsed docs"),
           "extract": Measurement("extract", 1, "extractor.extract: parse + rules")}
    many = {"parse": Measurement("parse", processes, f"nlp.pipe, batch_size {batch_size}, n_process {processes}"),
            "extract": Measurement("extract", processes, f"extractor.extract(n_process={processes})")}
    sentences = 0
    load_average: list[float] = []
    for round_ in range(1, repeat + 1):
        load_average.append(round(os.getloadavg()[0], 2))
        docs: list[Any] = []
        one["parse"].time(lambda: docs.extend(parse(extractor, texts, batch_size, 1)))
        sentences = sum(len(list(doc.sents)) for doc in docs)
        one["rules"].time(lambda: sum(len(extractor.statements(doc, article)) for doc, article in zip(docs, articles)))
        docs = []  # let them go before the next calls (and before spaCy forks its workers)
        one["extract"].time(lambda: extract(extractor, articles, 1))
        if processes > 1:
            docs_many: list[Any] = []
            many["parse"].time(lambda: docs_many.extend(parse(extractor, texts, batch_size, processes)))
            sentences_many = sum(len(list(doc.sents)) for doc in docs_many)
            if sentences_many != sentences:
                log(f"warning: {processes} processes found {sentences_many} sentences, one process {sentences}")
            docs_many = []
            many["extract"].time(lambda: extract(extractor, articles, processes))
        log(f"round {round_}/{repeat} (load average {load_average[-1]:.2f} before it): " + ", ".join(
            f"{m.name}{'' if m.processes == 1 else f' x{m.processes}'} {m.seconds[-1]:.1f} s"
            for m in (*one.values(), *(many.values() if processes > 1 else ()))))

    measurements = [*one.values(), *(many.values() if processes > 1 else ())]
    counts = {m.statements[-1] for m in measurements if m.statements}
    if len(counts) > 1:
        log(f"warning: statement counts differ between measurements: {sorted(counts)}")
    ratios = {"extract / parse, 1 process": _goal(one["extract"], one["parse"])}
    if processes > 1:
        ratios[f"extract / parse, {processes} processes"] = _goal(many["extract"], many["parse"])
        ratios[f"parse speed-up, {processes} processes (info)"] = {
            "ratio": round(one["parse"].median / many["parse"].median, 3)}
        speed_up = one["extract"].median / many["extract"].median
        ratios[f"extract speed-up, {processes} processes"] = {
            "ratio": round(speed_up, 3), "goal": GOAL_SPEED_UP, "met": speed_up >= GOAL_SPEED_UP,
            "rounds": [round(o / m, 3) for o, m in zip(one["extract"].seconds, many["extract"].seconds)]}
    return {
        "rows": [m.as_dict(sentences, len(articles)) for m in measurements],
        "ratios": ratios,
        "input": {"articles": len(articles), "left_out": failed, "sentences": sentences,
                  "characters": sum(len(t) for t in texts),
                  "statements": one["extract"].statements[-1]},
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "spacy": metadata.version("spacy"),
            "thinc": metadata.version("thinc"),
            "extractor": extractor.name,
            "pipeline": extractor.nlp.pipe_names,
            "pipeline_load_s": round(load_s, 2),
            "batch_size": batch_size,
            "repeat": repeat,
            "warmup_articles": len(warm),
            "load_average_1min_before_each_round": load_average,
            "load_average_1min_after": round(os.getloadavg()[0], 2),
        },
    }


def _goal(extract: Measurement, parse: Measurement) -> dict[str, Any]:
    """extract / parse on the medians, and round by round (the two calls of one round ran
    back to back, so these show how much the ratio moves with the machine)."""
    ratio = extract.median / parse.median
    rounds = [round(e / p, 3) for e, p in zip(extract.seconds, parse.seconds)]
    return {"ratio": round(ratio, 3), "goal": GOAL, "met": ratio <= GOAL, "rounds": rounds}


def print_report(result: dict[str, Any]) -> None:
    source = result["input"]
    print()
    print(f"{source['articles']:,} articles, {source['sentences']:,} sentences, {source['characters']:,} characters; "
          f"{source['statements']:,} statements found")
    for article_id, error in source["left_out"].items():
        print(f"left out (the rules fail on it): {article_id}: {error}")
    print()
    print(f"{'measure':<12}{'procs':>6}{'median s':>10}{'min s':>8}{'max s':>8}{'sentences/s':>13}"
          f"{'articles/s':>12}{'main CPU s':>12}{'statements':>12}  note")
    for row in result["rows"]:
        statements = f"{row['statements']:,}" if row["statements"] is not None else ""
        print(f"{row['measure']:<12}{row['processes']:>6}{row['seconds_median']:>10.2f}{row['seconds_min']:>8.2f}"
              f"{row['seconds_max']:>8.2f}{row['sentences_per_s']:>13,.1f}{row['articles_per_s']:>12,.2f}"
              f"{row['main_cpu_s_median']:>12.1f}{statements:>12}  {row['note']}")
    print()
    for name, goal in result["ratios"].items():
        if "goal" in goal:
            mark = "met" if goal["met"] else "NOT MET"
            rounds = " · ".join(f"{r:.3f}" for r in goal["rounds"])
            direction = ">=" if "speed-up" in name else "<="
            print(f"{name:<40} {goal['ratio']:>7.3f}  (goal {direction} {goal['goal']}: {mark}; by round {rounds})")
        else:
            print(f"{name:<40} {goal['ratio']:>7.3f}")
    print()
    for key, value in result["machine"].items():
        print(f"{key}: {value}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bodies", type=Path, default=DEFAULT_BODIES,
                        help=f"the FNC-1 bodies CSV (default {DEFAULT_BODIES})")
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT,
                        help=f"the first N articles only; 0 for all (default {DEFAULT_LIMIT}: the full set takes ~14 min)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of measurements (default 3)")
    parser.add_argument("--warmup", type=int, default=5, help="articles parsed and extracted before timing (default 5)")
    parser.add_argument("--batch-size", type=int, default=8,
                        help="nlp.pipe batch size of the bare parse (default 8, what the extractor uses)")
    parser.add_argument("--processes", type=int, default=2, help="n_process of the second pair of measurements (default 2; 1 skips it)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.limit < 0 or args.warmup < 0 or args.batch_size < 1 or args.processes < 1:
        parser.error("--repeat, --batch-size and --processes must be >= 1; --limit and --warmup >= 0")
    if not args.bodies.is_file():
        parser.error(f"FNC-1 bodies not found: {args.bodies} (give the competition_test_bodies.csv path with --bodies)")

    def log(message: str) -> None:
        print(message, file=sys.stderr if args.json else sys.stdout, flush=True)

    articles = load_articles(args.bodies, args.limit)
    log(f"read {len(articles):,} articles from {args.bodies}")
    result = run(articles, repeat=args.repeat, warmup=args.warmup, batch_size=args.batch_size,
                 processes=args.processes, log=log)
    result["input"]["bodies"] = str(args.bodies)
    result["input"]["limit"] = args.limit
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_report(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
