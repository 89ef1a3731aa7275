"""How fast the loader writes statements, against two ways of writing the same graph.

The input is synthetic and deterministic (``random.Random(seed)``): articles of 1-25
statements (about 10) whose text is built sentence by sentence ("Turkey accused that Armenia
shelled checkpoint 17."), so every speaker, cue, claim, target and sentence offset is exact
and the loader's offset check passes. Speakers follow a Zipf law over ~2,000 actors whose top
ranks are real countries ("Russia", "Turkey", "United States", ...), so a few actors are hubs
with thousands of statements. Relations are mixed; ~5% are denials of "these claims" that
point at earlier statements of the article through ``claim.refers_to``; a few claims recur
across articles with the same target, so some Claim nodes are shared; dates spread over 2025.

Three methods write it, each into its own fresh engine folder (its own embedded ArcadeDB),
schema applied, after a warm-up write (below):

- ``loader``: ``write_actors`` + ``write_articles(batch_size=LOAD_BATCH_SIZE)``, exactly what
  ``claimgraph load`` runs. ``prepare_articles`` (ids, offset checks) is timed on its own and
  shown both apart and added to the write.
- ``per-statement``: the same queries of ``cypher/write/`` with one transaction per statement
  (its article, actors, claim, ABOUT, MENTIONS and statement rows), on the first
  ``--per-statement-sample`` statements only, because it is slow. Its rate is over that sample
  and on a small graph, which flatters it (hub actors have few edges yet).
- ``raw UNWIND``: the flattened statement edges (one row per statement and claim, the same
  properties the loader stores) through one plain ``UNWIND $rows ... MERGE`` query, in one
  transaction, in as few queries as fit in one Bolt message (ArcadeDB's limit, past which the
  connection hangs, is BOLT_MAX_MESSAGE_BYTES as claimgraph starts it). It writes
  speakers, claims (without text) and statement edges only: no Article nodes, target actors,
  ABOUT, MENTIONS or PART_OF. It is the floor of what a write costs.

Warm-up: the JVM compiles its hot paths during the first writes, so each engine first takes a
write by its own method of a separate synthetic set (``--warmup`` statements, a tenth of that
for per-statement) with different actors, articles and claims and no countries. The counts
shown are what the timed write added on top of it.

Run::

    .venv/bin/python bench/load.py                      # 100,000 statements, the three methods
    .venv/bin/python bench/load.py --json               # the same as one JSON object
    .venv/bin/python bench/load.py --batch-sizes 500,1000,2000,5000,10000   # loader only
    .venv/bin/python bench/load.py --profile            # loader time per write query
    .venv/bin/python bench/load.py --methods loader,raw --statements 20000   # a quicker look
    .venv/bin/python bench/load.py --methods loader,raw --statements 50000 --without-tallies   # what the aggregates cost

Figures: statements/s is statements written divided by the seconds of the write (prepare
excluded unless the row says so). The goals are loader / raw UNWIND >= 0.7 and loader /
per-statement >= 20, both on write rates. Client and engine CPU seconds during the write tell
whether the time went to this Python process (building rows, the driver encoding parameters)
or to the engine. Results and findings are in bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import random
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from importlib import metadata
from pathlib import Path
from typing import Any
from unittest import mock

import neo4j

from claimgraph.graph import store, tallies
from claimgraph.graph.claim_identity import IdentitySettings
from claimgraph.graph.engine import BOLT_MAX_MESSAGE_BYTES, DATABASE, EmbeddedEngine, Graph
from claimgraph.graph.errors import ClaimgraphError
from claimgraph.graph.reads import engine_components, graph_counts
from claimgraph.graph.settings import Settings
from claimgraph.graph.store import LoadReport, apply_schema, write_actors, write_articles
from claimgraph.graph.types import (
    RELATIONS,
    Actor,
    ActorRef,
    Article,
    ArticleStatements,
    Claim,
    Cue,
    PartOf,
    Sentence,
    Statement,
    slugify,
)
from claimgraph.loaders.actors import ActorResolver
from claimgraph.loaders.parsed import ParsedInput, RawArticle
from claimgraph.loaders.prepare import prepare_articles

# The hubs: the top speaker ranks, resolved by the loader to country:xxx ids.
COUNTRIES = ["Russia", "Turkey", "United States", "Azerbaijan", "Armenia", "Ukraine",
             "China", "Iran", "Israel", "France", "Syria", "Germany"]
BODY_KINDS = ["Ministry", "Party", "Army", "News Agency", "Observatory", "Council", "Front",
              "Brigade", "Committee", "Spokesperson"]
OUTLETS = [f"Outlet {i}" for i in range(20)]
BLAME = ["sent fighters to", "shelled", "blocked aid convoys to", "recruited mercenaries at",
         "violated the ceasefire at", "attacked civilians at", "moved artillery to", "hid weapons at",
         "staged provocations near", "downed a drone over"]
NEUTRAL = ["the ceasefire held at", "talks resumed about", "refugees arrived at", "fighting stopped near",
           "the border reopened at", "aid reached"]
DENIAL = ["no troops were ever sent to", "no civilians were harmed at", "no forces were present at",
          "no weapons were moved to"]
CUES = {"ACCUSES": ["accused", "alleged", "charged", "claimed"],
        "REPORTS": ["said", "reported", "stated", "noted"],
        "SUPPORTS": ["confirmed", "agreed", "backed the view"],
        "DENIES": ["denied", "rejected", "dismissed"]}
ANAPHOR = "these claims"
YEAR_START = datetime(2025, 1, 1, tzinfo=timezone.utc)

# The baseline: the loader's statement rows through one plain query, MERGE written from the
# claim's side like cypher/write/merge_statements.cypher (ArcadeDB expands MERGE from its
# first node, and the speaker can be a hub).
RAW_UNWIND_MERGE = "UNWIND $rows AS row\nMERGE (s:Actor {id: row.speaker_id})\nMERGE (c:Claim {id: row.claim_id})\n" + "\n".join(
    f"FOREACH (_ IN CASE WHEN row.relation = '{relation}' THEN [1] ELSE [] END |\n"
    f"  MERGE (c)<-[r:`{relation}` {{statement_id: row.statement_id, claim_id: row.claim_id}}]-(s)\n"
    "  SET r += row.properties, r.stated_at = datetime(row.stated_at))"
    for relation in RELATIONS
)
# ArcadeDB's Bolt plugin refuses a message larger than arcadedb.bolt.maxMessageSize (16 MiB by
# default; claimgraph starts it with BOLT_MAX_MESSAGE_BYTES) after chunk reassembly, and then
# does not answer: the driver, which has no read timeout, waits forever (seen here with 50,000
# rows under the default; with 104,314 rows the stream went out of step and failed with
# "Expected structure, got: Long"). So the raw rows travel in queries kept under that size,
# measured as JSON, which is longer than PackStream for these rows.
BOLT_MAX_MESSAGE_MB = BOLT_MAX_MESSAGE_BYTES / 2**20
MESSAGE_SHARE = 0.75


# -- synthetic input ------------------------------------------------------------------------


@dataclass
class ActorPool:
    """Speaker and target names by rank, with Zipf weights, and the declared actors."""

    names: list[str]
    cum_weights: list[float]
    declared: list[Actor]

    def draw(self, rng: random.Random, avoid: str | None = None) -> str:
        while True:
            name = rng.choices(self.names, cum_weights=self.cum_weights)[0]
            if name != avoid:
                return name


def make_actor_pool(rng: random.Random, count: int, prefix: str, with_countries: bool) -> ActorPool:
    names = list(COUNTRIES) if with_countries else []
    names += [f"{prefix}{BODY_KINDS[i % len(BODY_KINDS)]} {i:04d}" for i in range(count - len(names))]
    total, cum_weights = 0.0, []
    for rank in range(len(names)):
        total += 1.0 / (rank + 1)
        cum_weights.append(total)
    # Every tenth ministry is declared, PART_OF one of the top actors, so PART_OF gets written.
    resolver = ActorResolver()
    parents = [resolver.resolve(ActorRef(name=name))[1] for name in names[:len(COUNTRIES)]]
    declared = [] if with_countries else list(parents)
    ministries = [name for name in names[len(parents):] if name.startswith(f"{prefix}Ministry")]
    for index, name in enumerate(ministries[::10]):
        parent = parents[index % len(parents)]
        declared.append(Actor(id=slugify(name), name=name, kind="government_body",
                              part_of=[PartOf(actor_id=parent.id, role="ministry")]))
    return ActorPool(names, cum_weights, declared)


class TextBuilder:
    """An article's text, sentence by sentence, with the offsets of what each one holds."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, speaker: str, cue: str, claim: str, targets: list[str], anaphor: bool) -> dict[str, Any]:
        if self.parts:
            self.parts.append(" ")
            self.length += 1
        start = self.length
        sentence = f"{speaker} {cue} {claim}." if anaphor else f"{speaker} {cue} that {claim}."
        claim_start = start + len(speaker) + 1 + len(cue) + (1 if anaphor else len(" that "))
        spans: dict[str, Any] = {
            "speaker": ActorRef(name=speaker, text=speaker, start=start, end=start + len(speaker)),
            "cue": Cue(text=cue, start=start + len(speaker) + 1, end=start + len(speaker) + 1 + len(cue)),
            "claim_start": claim_start,
            "sentence": Sentence(text=sentence, start=start, end=start + len(sentence)),
        }
        # Claims about targets open with their names ("Turkey and Iran shelled ..."): give their offsets.
        target_refs, position = [], claim_start
        for name in targets:
            target_refs.append(ActorRef(name=name, text=name, start=position, end=position + len(name)))
            position += len(name) + len(" and ")
        spans["targets"] = target_refs
        self.parts.append(sentence)
        self.length += len(sentence)
        return spans

    @property
    def text(self) -> str:
        return "".join(self.parts)


def make_input(statements: int, seed: int, prefix: str = "", actors: int = 2000, with_countries: bool = True) -> ParsedInput:
    """``statements`` synthetic statements in articles, as a reader would hand them on."""
    declared, articles = generate_input(statements, seed, prefix, actors, with_countries)
    return ParsedInput(articles=list(articles), declared_actors=[(f"{prefix}bench:actors", actor) for actor in declared])


def generate_input(statements: int, seed: int, prefix: str = "", actors: int = 2000,
                   with_countries: bool = True) -> tuple[list[Actor], Iterator[RawArticle]]:
    """The declared actors, and the articles of ``make_input`` one at a time (to write a file
    larger than memory)."""
    rng = random.Random(seed)
    pool = make_actor_pool(rng, actors, prefix.capitalize(), with_countries)
    # Claims said in several articles about the same actor: their Claim nodes are shared.
    shared_claims = []
    for index in range(300):
        target = pool.draw(rng)
        shared_claims.append((target, f"{target} {rng.choice(BLAME)} {prefix}sector {index}"))
    return pool.declared, _articles(rng, pool, shared_claims, statements, prefix)


def _articles(rng: random.Random, pool: ActorPool, shared_claims: list[tuple[str, str]], statements: int,
              prefix: str) -> Iterator[RawArticle]:
    serial = 0  # makes the other claim texts unique
    article_index = 0
    while statements > 0:
        article_id = f"{prefix}article-{article_index:06d}"
        count = min(statements, max(1, min(25, round(rng.gauss(10, 5)))))
        published_at = YEAR_START + timedelta(days=rng.randrange(365), seconds=rng.randrange(86400))
        text = TextBuilder()
        rows: list[tuple[str, Statement]] = []
        own_claims: list[str] = []  # statement ids with a claim of their own, for refers_to
        speakers: dict[str, str] = {}
        for k in range(count):
            statement_id = f"{prefix}st-{article_index:06d}-{k:02d}"
            speaker = pool.draw(rng)
            refers_to: list[str] = []
            anaphor = bool(own_claims) and rng.random() < 0.055
            if anaphor:
                relation = "DENIES"
                refers_to = rng.sample(own_claims, min(len(own_claims), rng.randint(1, 3)))
                # The target of a denial is the actor whose claim is denied.
                targets = [speakers[refers_to[0]]] if speakers[refers_to[0]] != speaker else []
                claim_text = ANAPHOR
            else:
                relation = rng.choices(("ACCUSES", "REPORTS", "SUPPORTS", "DENIES"), weights=(40, 38, 12, 10))[0]
                serial += 1
                if relation in ("ACCUSES", "REPORTS") and rng.random() < 0.05:
                    target, claim_text = rng.choice(shared_claims)
                    targets = [target] if target != speaker else []
                    if not targets:
                        relation = "REPORTS"
                elif relation == "ACCUSES" or (relation != "DENIES" and rng.random() < 0.5):
                    targets = [pool.draw(rng, avoid=speaker)]
                    if relation == "ACCUSES" and rng.random() < 0.2:
                        second = pool.draw(rng, avoid=speaker)
                        targets += [second] if second != targets[0] else []
                    claim_text = f"{' and '.join(targets)} {rng.choice(BLAME)} {prefix}checkpoint {serial}"
                elif relation == "DENIES":
                    targets = [pool.draw(rng, avoid=speaker)] if rng.random() < 0.3 else []
                    claim_text = f"{rng.choice(DENIAL)} {prefix}checkpoint {serial}"
                else:
                    targets = []
                    claim_text = f"{rng.choice(NEUTRAL)} {prefix}checkpoint {serial}"
            cue = rng.choice(CUES[relation])
            # Only targets named at the start of the claim get offsets; a denial's target is not in its sentence.
            spans = text.add(speaker, cue, claim_text, [] if anaphor or relation == "DENIES" else targets, anaphor)
            claim_start = spans["claim_start"]
            statement = Statement(
                article_id=article_id,
                statement_id=statement_id,
                relation=relation,
                speaker=spans["speaker"],
                targets=spans["targets"] or [ActorRef(name=name) for name in targets],
                claim=Claim(text=claim_text, start=claim_start, end=claim_start + len(claim_text), refers_to=refers_to),
                cue=spans["cue"],
                sentence=spans["sentence"],
                confidence=round(rng.uniform(0.5, 1.0), 2),
                extractor="bench",
                stated_at=None if rng.random() < 0.3 else published_at - timedelta(days=rng.randrange(3)),
            )
            rows.append((f"{prefix}bench:{article_index}:{k}", statement))
            speakers[statement_id] = speaker
            if not anaphor:
                own_claims.append(statement_id)
        article = Article(id=article_id, url=f"https://news.example/{article_id}", title=f"Report {article_index}",
                          source=rng.choice(OUTLETS), published_at=published_at, language="en", text=text.text)
        yield RawArticle(article=article, origin=f"{prefix}bench:{article_index}", statements=rows)
        statements -= count
        article_index += 1


@dataclass
class PreparedInput:
    articles: list[ArticleStatements]
    declared: list[Actor]
    statements: int
    prepare_s: float


def prepare(parsed: ParsedInput) -> PreparedInput:
    started = time.perf_counter()
    articles = prepare_articles(parsed)
    elapsed = time.perf_counter() - started
    if parsed.problems:
        raise SystemExit("the synthetic input has problems (a bug in bench/load.py):\n"
                         + "\n".join(str(p) for p in parsed.problems[:10]))
    return PreparedInput(articles, [actor for _, actor in parsed.declared_actors],
                         sum(len(a.statements) for a in articles), elapsed)


def expected_counts(prepared: PreparedInput, articles: list[ArticleStatements] | None = None,
                    declared: bool = True) -> dict[str, int]:
    """What a full write of these articles should leave in the graph, from the loader's own rows
    (claims before claim identity joins any: the synthetic claims that differ differ in numbers,
    which identity never joins, so the count holds)."""
    articles = prepared.articles if articles is None else articles
    batch = store._Batch(articles, claims_resolver(prepared))
    actor_ids = set(batch.actors) | ({a.id for a in prepared.declared} if declared else set())
    claim_ids = {row["id"] for row in batch.claim_rows} | {row["claim_id"] for row in batch.statement_rows}
    return {"actors": len(actor_ids), "articles": len({a.article.id for a in articles}),
            "claims": len(claim_ids), "statement_edges": len(batch.statement_rows)}


def claims_resolver(prepared: PreparedInput) -> Callable[[ArticleStatements, Statement], list[str]]:
    """The loader's own rule for which claim(s) a statement points at (refers_to included)."""
    writer = store._Writer(LoadReport(), IdentitySettings())
    writer.take(prepared.articles)
    return writer.claims_of


# -- engines ------------------------------------------------------------------------------


@dataclass
class EngineRun:
    """One fresh engine: how long it took to start, and what it used."""

    start_s: float = 0.0
    pid: int | None = None
    peak_rss_mb: float | None = None
    disk_mb: float | None = None
    version: str = ""


def _peak_rss_mb(pid: int | None) -> float | None:
    with contextlib.suppress(OSError, TypeError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return None


def _cpu_s(pid: int | None) -> float:
    """CPU seconds (user + system) a process has used so far."""
    with contextlib.suppress(OSError, TypeError, IndexError, ValueError):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return float("nan")


def _disk_mb(folder: Path) -> float:
    return round(sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20, 1)


@contextlib.contextmanager
def fresh_engine(settings: Settings) -> Iterator[tuple[Graph, EngineRun]]:
    """An embedded engine on a new temporary folder, schema applied; stopped and removed after."""
    data_dir = Path(tempfile.mkdtemp(prefix="claimgraph-bench-"))
    engine = EmbeddedEngine(data_dir, heap=settings.ENGINE_HEAP, start_timeout_s=settings.ENGINE_START_TIMEOUT_S)
    run = EngineRun()
    try:
        started = time.perf_counter()
        status = engine.start()
        run.start_s, run.pid = time.perf_counter() - started, status.pid
        driver = engine.driver(status)
        try:
            graph = Graph(driver, DATABASE, f"embedded ArcadeDB at {status.uri}")
            apply_schema(graph)
            run.version = "; ".join(f"{c['name']} {'/'.join(c['versions'])} {c['edition']}"
                                    for c in engine_components(graph))
            yield graph, run
        finally:
            driver.close()
            run.peak_rss_mb = _peak_rss_mb(run.pid)
    finally:
        engine.stop()
        run.disk_mb = _disk_mb(data_dir / "databases")
        shutil.rmtree(data_dir, ignore_errors=True)


# -- the three methods --------------------------------------------------------------------


def write_with_loader(graph: Graph, prepared: PreparedInput, batch_size: int) -> None:
    report = write_actors(graph, prepared.declared)
    write_articles(graph, prepared.articles, batch_size=batch_size, report=report)
    if report.failures:
        raise RuntimeError(f"the loader refused {len(report.failures)} article(s), e.g. {report.failures[0]}")


def single_statement_batches(prepared: PreparedInput, limit: int) -> list[store._Batch]:
    """The loader's write rows for each of the first ``limit`` statements on its own."""
    claims_of = claims_resolver(prepared)
    batches = []
    for article in prepared.articles:
        actors = {actor.id: actor for actor in article.actors}
        for statement in article.statements:
            if len(batches) == limit:
                return batches
            needed = [statement.speaker.actor_id, *(t.actor_id for t in statement.targets)]
            chosen: dict[str, Actor] = {}
            while needed:  # the statement's actors and the bodies they are PART_OF
                actor = actors[needed.pop()]  # type: ignore[index]
                if actor.id not in chosen:
                    chosen[actor.id] = actor
                    needed += [link.actor_id for link in actor.part_of]
            alone = article.model_copy(update={"statements": [statement], "actors": list(chosen.values())})
            batches.append(store._Batch([alone], claims_of))
    return batches


def write_per_statement(graph: Graph, batches: list[store._Batch]) -> None:
    with graph.driver.session(database=graph.database) as session:
        for batch in batches:
            with session.begin_transaction() as tx:
                batch.write(tx)
                tx.commit()


def raw_rows(prepared: PreparedInput) -> list[dict[str, Any]]:
    """The statement edges the loader writes: one row per statement and claim, ids resolved."""
    return store._Batch(prepared.articles, claims_resolver(prepared)).statement_rows


def split_by_size(rows: list[dict[str, Any]], max_bytes: float) -> list[list[dict[str, Any]]]:
    """Consecutive runs of rows, each under ``max_bytes`` as JSON."""
    chunks: list[list[dict[str, Any]]] = [[]]
    size = 0
    for row in rows:
        row_size = len(json.dumps(row, default=str))
        if chunks[-1] and size + row_size > max_bytes:
            chunks.append([])
            size = 0
        chunks[-1].append(row)
        size += row_size
    return chunks


def write_raw_unwind(graph: Graph, chunks: list[list[dict[str, Any]]], one_transaction: bool) -> None:
    with graph.driver.session(database=graph.database) as session:
        if one_transaction:
            with session.begin_transaction() as tx:
                for chunk in chunks:
                    tx.run(RAW_UNWIND_MERGE, rows=chunk).consume()
                tx.commit()
        else:
            for chunk in chunks:
                session.execute_write(lambda tx, chunk=chunk: tx.run(RAW_UNWIND_MERGE, rows=chunk).consume())


# -- measuring ----------------------------------------------------------------------------


@dataclass
class Measurement:
    method: str
    statements: int
    seconds: float
    engine: EngineRun
    counts: dict[str, int] = field(default_factory=dict)
    expected: dict[str, int] = field(default_factory=dict)
    note: str = ""
    # Where the time went: CPU seconds of this Python process and of the engine during the write.
    client_cpu_s: float | None = None
    engine_cpu_s: float | None = None

    @property
    def rate(self) -> float:
        return self.statements / self.seconds if self.seconds else float("nan")

    def as_dict(self) -> dict[str, Any]:
        return {"method": self.method, "statements": self.statements, "seconds": round(self.seconds, 3),
                "statements_per_s": round(self.rate, 1), "counts": self.counts, "expected_counts": self.expected,
                "engine_start_s": round(self.engine.start_s, 2), "engine_peak_rss_mb": self.engine.peak_rss_mb,
                "database_disk_mb": self.engine.disk_mb,
                "client_cpu_s": None if self.client_cpu_s is None else round(self.client_cpu_s, 1),
                "engine_cpu_s": None if self.engine_cpu_s is None else round(self.engine_cpu_s, 1), "note": self.note}


def measure(settings: Settings, method: str, statements: int, warm_up: Callable[[Graph], None],
            write: Callable[[Graph], None], expected: dict[str, int], note: str = "",
            log: Callable[[str], None] = print) -> Measurement:
    """Warm up and time one write on a fresh engine; the counts are what the timed write added."""
    with fresh_engine(settings) as (graph, engine):
        log(f"{method}: engine started in {engine.start_s:.1f} s; warming up")
        warm_up(graph)
        before = graph_counts(graph)
        log(f"{method}: writing {statements:,} statements")
        client_cpu, engine_cpu = time.process_time(), _cpu_s(engine.pid)
        started = time.perf_counter()
        write(graph)
        seconds = time.perf_counter() - started
        client_cpu, engine_cpu = time.process_time() - client_cpu, _cpu_s(engine.pid) - engine_cpu
        after = graph_counts(graph)
    counts = {key: after[key] - before[key] for key in after}
    result = Measurement(method, statements, seconds, engine, counts, expected, note, client_cpu, engine_cpu)
    log(f"{method}: {seconds:.1f} s, {result.rate:,.0f} statements/s")
    return result


def measure_raw(settings: Settings, prepared: PreparedInput, warm: PreparedInput, max_message_mb: float,
                log: Callable[[str], None]) -> Measurement:
    """All rows in one transaction, in as few queries as the Bolt message limit allows; when the
    engine refuses one transaction, a transaction per query."""
    rows = raw_rows(prepared)
    chunks = split_by_size(rows, max_message_mb * 2**20 * MESSAGE_SHARE)
    warm_chunks = split_by_size(raw_rows(warm), max_message_mb * 2**20 * MESSAGE_SHARE)
    expected = expected_counts(prepared, declared=False)
    expected.update(actors=len({row["speaker_id"] for row in rows}), articles=0)
    queries = (f"{len(rows):,} edge rows in one query" if len(chunks) == 1 else
               f"{len(rows):,} edge rows in {len(chunks)} queries of <= {max(map(len, chunks)):,} rows "
               f"(<= {MESSAGE_SHARE:.0%} of the {max_message_mb:g} MiB Bolt message limit)")
    content = "writes speakers, claims without text and statement edges only (no Article, target actors, ABOUT, MENTIONS, PART_OF)"
    failures = []
    for one_transaction in (True, False):
        note = f"{queries}, {'one transaction' if one_transaction else 'one transaction each'}; {content}"
        try:
            result = measure(settings, "raw UNWIND", prepared.statements,
                             lambda g: write_raw_unwind(g, warm_chunks, one_transaction),
                             lambda g, one=one_transaction: write_raw_unwind(g, chunks, one), expected, note, log)
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError, ClaimgraphError) as e:
            failures.append(f"one transaction failed: {type(e).__name__}: {str(e)[:300]}")
            log(failures[-1])
            continue
        result.note = "; ".join([note, *failures])
        return result
    raise RuntimeError("the raw UNWIND failed:\n" + "\n".join(failures))


@dataclass
class QueryTimes:
    """Seconds spent in each write query (run and fetch), in commits and in building rows."""

    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    calls: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    rows: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, name: str, seconds: float, rows: int = 0) -> None:
        self.seconds[name] += seconds
        self.calls[name] += 1
        self.rows[name] += rows


class _FetchedResult:
    """A result already read to its end, standing in for ``neo4j.Result`` in the store."""

    def __init__(self, records: list[neo4j.Record], summary: neo4j.ResultSummary) -> None:
        self.records, self.summary = records, summary

    def __iter__(self) -> Iterator[neo4j.Record]:
        return iter(self.records)

    def consume(self) -> neo4j.ResultSummary:
        return self.summary

    def single(self, strict: bool = False) -> neo4j.Record | None:
        return self.records[0] if self.records else None

    def data(self) -> list[dict[str, Any]]:
        return [record.data() for record in self.records]


@contextlib.contextmanager
def timing_store_queries() -> Iterator[QueryTimes]:
    """Time each query the store runs, each commit and each batch's row building, by wrapping
    the store's internals (its code is left as it is)."""
    times = QueryTimes()
    run_query, commit, build_batch = store.run_named, neo4j.Transaction.commit, store._Batch.__init__

    def timed_run(tx: Any, name: str, **params: Any) -> _FetchedResult:
        started = time.perf_counter()
        result = run_query(tx, name, **params)
        records = list(result)
        summary = result.consume()
        times.add(name, time.perf_counter() - started, sum(len(v) for v in params.values() if isinstance(v, list)))
        return _FetchedResult(records, summary)

    def timed_commit(tx: neo4j.Transaction) -> None:
        started = time.perf_counter()
        commit(tx)
        times.add("commit", time.perf_counter() - started)

    def timed_build(batch: store._Batch, *args: Any, **kwargs: Any) -> None:
        started = time.perf_counter()
        build_batch(batch, *args, **kwargs)
        times.add("build rows (Python)", time.perf_counter() - started)

    # Every module of the write path imported run_named by name: each is patched.
    with mock.patch.object(store, "run_named", timed_run), mock.patch.object(tallies, "run_named", timed_run), \
            mock.patch.object(neo4j.Transaction, "commit", timed_commit), mock.patch.object(store._Batch, "__init__", timed_build):
        yield times


# -- output -------------------------------------------------------------------------------


def _goal(ratio: float, goal: float) -> dict[str, Any]:
    return {"ratio": round(ratio, 3), "goal": goal, "met": ratio >= goal}


def print_report(result: dict[str, Any]) -> None:
    print()
    print(f"{'method':<26}{'statements':>11}{'seconds':>10}{'statements/s':>14}  note")
    for row in result["rows"]:
        print(f"{row['method']:<26}{row['statements']:>11,}{row['seconds']:>10.2f}{row['statements_per_s']:>14,.0f}  {row['note']}")
    if result.get("ratios"):
        print()
        for name, goal in result["ratios"].items():
            mark = "met" if goal["met"] else "NOT MET"
            print(f"{name:<44} {goal['ratio']:>7.3f}  (goal >= {goal['goal']}: {mark})")
    print()
    print(f"{'graph counts (timed write only)':<32}{'actors':>9}{'articles':>10}{'claims':>9}{'statement_edges':>17}")
    for row in result["rows"]:
        for label, counts in ((row["method"], row.get("counts")), ("  expected", row.get("expected_counts"))):
            if counts:
                print(f"{label:<32}{counts['actors']:>9,}{counts['articles']:>10,}{counts['claims']:>9,}{counts['statement_edges']:>17,}")
    print()
    print(f"{'engine':<26}{'start s':>9}{'peak RSS MB':>13}{'disk MB':>9}{'client CPU s':>14}{'engine CPU s':>14}")
    for row in result["rows"]:
        if row.get("engine_start_s") is not None:
            print(f"{row['method']:<26}{row['engine_start_s']:>9.1f}{row['engine_peak_rss_mb'] or 0:>13,.0f}"
                  f"{row['database_disk_mb'] or 0:>9,.0f}{row['client_cpu_s']:>14.1f}{row['engine_cpu_s']:>14.1f}")
    if result.get("profile"):
        print()
        print(f"{'loader write, by query':<36}{'calls':>7}{'rows':>10}{'seconds':>9}{'share':>7}")
        for row in result["profile"]:
            print(f"{row['query']:<36}{row['calls']:>7,}{row['rows']:>10,}{row['seconds']:>9.2f}{row['share']:>7.0%}")
    print()
    for key, value in result["machine"].items():
        print(f"{key}: {value}")


def switch_off_tallies() -> None:
    """For ``--without-tallies``, for the rest of this process: the loader neither reads what the
    tallies need (the claims' ABOUT actors and sides) nor writes them (graph/tallies.py)."""
    mock.patch.object(tallies.Tallies, "write", lambda self, tx: None).start()
    mock.patch.object(store, "add_about_pairs", lambda *args, **kwargs: None).start()
    mock.patch.object(store, "claims_about", lambda tx, claim_ids: {}).start()


def main(argv: list[str] | None = None) -> int:
    settings = Settings()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--statements", type=int, default=100_000, help="synthetic statements to write (default 100000)")
    parser.add_argument("--per-statement-sample", type=int, default=10_000,
                        help="statements written one transaction each (default 10000)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--batch-size", type=int, default=settings.LOAD_BATCH_SIZE,
                        help=f"the loader's batch size (default LOAD_BATCH_SIZE = {settings.LOAD_BATCH_SIZE})")
    parser.add_argument("--warmup", type=int, default=2000, help="statements of the warm-up write on each engine (default 2000)")
    parser.add_argument("--batch-sizes", help="instead: time the loader alone at each of these batch sizes, e.g. 500,1000,5000")
    parser.add_argument("--profile", action="store_true", help="instead: time the loader alone, broken down by query")
    parser.add_argument("--methods", default="loader,per-statement,raw",
                        help="which of loader, per-statement, raw to run (default all three)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    parser.add_argument("--without-tallies", action="store_true",
                        help="measure what the aggregates cost: the loader reads and writes no tally (claimgraph always does)")
    args = parser.parse_args(argv)
    if args.without_tallies:
        switch_off_tallies()
    methods = {m.strip() for m in args.methods.split(",")}
    if not methods <= {"loader", "per-statement", "raw"}:
        parser.error(f"unknown method(s): {', '.join(sorted(methods - {'loader', 'per-statement', 'raw'}))}")

    def log(message: str) -> None:
        print(message, file=sys.stderr if args.json else sys.stdout, flush=True)

    log(f"generating {args.statements:,} statements (seed {args.seed}) and a warm-up set of {args.warmup:,}")
    prepared = prepare(make_input(args.statements, args.seed))
    warm = prepare(make_input(args.warmup, args.seed + 1, prefix="warmup-", with_countries=False))
    log(f"prepared {prepared.statements:,} statements in {len(prepared.articles):,} articles in {prepared.prepare_s:.1f} s")
    expected = expected_counts(prepared)
    rows: list[Measurement] = []
    profile: list[dict[str, Any]] = []
    ratios: dict[str, Any] = {}

    def loader(batch_size: int) -> Measurement:
        return measure(settings, f"loader (batch {batch_size:,})", prepared.statements,
                       lambda g: write_with_loader(g, warm, batch_size),
                       lambda g: write_with_loader(g, prepared, batch_size), expected, log=log)

    if args.batch_sizes:
        for size in (int(s) for s in args.batch_sizes.split(",")):
            rows.append(loader(size))
    elif args.profile:
        with timing_store_queries() as times:
            rows.append(measure(settings, f"loader (batch {args.batch_size:,})", prepared.statements,
                                lambda g: write_with_loader(g, warm, args.batch_size),
                                lambda g: (times.seconds.clear(), times.calls.clear(), times.rows.clear(),
                                           write_with_loader(g, prepared, args.batch_size)), expected, log=log))
        profile = [{"query": name, "calls": times.calls[name], "rows": times.rows[name],
                    "seconds": round(seconds, 3), "share": seconds / rows[0].seconds}
                   for name, seconds in sorted(times.seconds.items(), key=lambda item: -item[1])]
    else:
        by_method: dict[str, Measurement] = {}
        if "loader" in methods:
            by_method["loader"] = measure(settings, "loader write", prepared.statements,
                                          lambda g: write_with_loader(g, warm, args.batch_size),
                                          lambda g: write_with_loader(g, prepared, args.batch_size), expected,
                                          note=f"batch_size {args.batch_size:,}", log=log)
            by_method["prepare+write"] = Measurement("loader prepare + write", prepared.statements,
                                                     prepared.prepare_s + by_method["loader"].seconds, EngineRun(),
                                                     note="prepare_articles and the write")
        if "per-statement" in methods:
            sample = single_statement_batches(prepared, args.per_statement_sample)
            warm_sample = single_statement_batches(warm, max(1, args.warmup // 10))
            by_method["per-statement"] = measure(
                settings, "per-statement", len(sample), lambda g: write_per_statement(g, warm_sample),
                lambda g: write_per_statement(g, sample),
                expected_counts(prepared, [b.articles[0] for b in sample], declared=False),
                note=f"first {len(sample):,} statements only, one transaction each; rate over that sample", log=log)
        if "raw" in methods:
            by_method["raw"] = measure_raw(settings, prepared, warm, BOLT_MAX_MESSAGE_MB, log)
        rows = list(by_method.values())
        rate = {name: m.rate for name, m in by_method.items()}
        if "loader" in rate and "raw" in rate:
            ratios["loader / raw UNWIND (write)"] = _goal(rate["loader"] / rate["raw"], 0.7)
            ratios["loader prepare+write / raw UNWIND (info)"] = _goal(rate["prepare+write"] / rate["raw"], 0.7)
        if "loader" in rate and "per-statement" in rate:
            ratios["loader / per-statement (write)"] = _goal(rate["loader"] / rate["per-statement"], 20)
        if "raw" in rate and "per-statement" in rate:
            # The ceiling of the ratio above: no loader writing more than the raw UNWIND beats it.
            ratios["raw UNWIND / per-statement (info)"] = _goal(rate["raw"] / rate["per-statement"], 20)

    table = [m.as_dict() for m in rows]
    for row in table:
        if row["method"] == "loader prepare + write":
            row.update(counts={}, expected_counts={}, engine_start_s=None)
    prepare_row = {"method": "loader prepare", "statements": prepared.statements, "seconds": round(prepared.prepare_s, 3),
                   "statements_per_s": round(prepared.statements / prepared.prepare_s, 1),
                   "note": "prepare_articles: actor ids, statement/claim ids, offset checks (no engine)"}
    result = {
        "rows": [prepare_row, *table],
        "ratios": ratios,
        "profile": profile,
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "engine": f"{rows[0].engine.version} (arcadedb-embedded {metadata.version('arcadedb-embedded')})",
            "engine_heap": settings.ENGINE_HEAP,
            "statements": prepared.statements,
            "articles": len(prepared.articles),
            "batch_size": args.batch_size,
            "seed": args.seed,
            "warmup_statements": args.warmup,
            "bolt_max_message_mb": BOLT_MAX_MESSAGE_MB,
            "engine_start_s": [round(m.engine.start_s, 2) for m in rows if m.engine.pid],
        },
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_report(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
