"""The ``claimgraph`` command: the embedded engine, loading files, and serving the API.

On a terminal, long work shows a progress bar and ends with a summary table; in a script
(``--quiet``, or output not to a terminal) it stays quiet, logs JSON lines on stderr, and
``--json`` prints the summary as one JSON object on stdout. Exit codes: 0 all done, 1 some
input was refused (each problem is named on stderr), 3 the graph database failed.
"""

from __future__ import annotations

import json
import logging
import signal
import sys
import time
from collections.abc import Callable
from contextlib import nullcontext
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.logging import RichHandler
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from claimgraph.graph.engine import EmbeddedEngine, EngineStatus, Graph, engine_from_settings, open_graph
from claimgraph.graph.errors import ClaimgraphError
from claimgraph.graph.settings import Settings
from claimgraph.graph.types import Article, Statement
from claimgraph.graph import reads
from claimgraph.graph.reindex import reindex_claims
from claimgraph.graph.keeping import SummariesKept, keep_after_write, note_write
from claimgraph.graph.store import LoadReport, WriteChanges, apply_schema, write_actors, write_articles
from claimgraph.loaders.actors import ActorResolver
from claimgraph.loaders.articles import TextFormat, read_articles
from claimgraph.loaders.inputs import InputFormat, read_paths
from claimgraph.loaders.parsed import InputProblem, ParsedInput
from claimgraph.loaders.prepare import prepare_articles, prepare_each

# No locals in tracebacks: they would print passwords and whole inputs.
app = typer.Typer(help="Who said what about whom in the news, as a graph with evidence, over HTTP.",
                  no_args_is_help=True, pretty_exceptions_show_locals=False)
engine_app = typer.Typer(help="Start, stop and inspect the embedded ArcadeDB engine.", no_args_is_help=True)
app.add_typer(engine_app, name="engine")

log = logging.getLogger("claimgraph")
stderr = Console(stderr=True)
EXIT_INPUT_PROBLEMS = 1
EXIT_GRAPH_FAILED = 3


class _JsonLines(logging.Formatter):
    """One JSON object a log record, for scripts and log collectors."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"), "level": record.levelname.lower(),
                 "logger": record.name, "message": record.getMessage()}
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def _setup_logging(quiet: bool) -> bool:
    """Rich output on a terminal, JSON lines otherwise; returns whether it is a terminal."""
    interactive = stderr.is_terminal and not quiet
    handler: logging.Handler
    if interactive:
        handler = RichHandler(console=stderr, show_path=False, show_time=False, markup=False)
        handler.setFormatter(logging.Formatter("%(message)s"))  # the level is shown in its column already
    else:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_JsonLines())
    logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)
    logging.getLogger("neo4j").setLevel(logging.ERROR)  # its retry notices are ours to report
    if quiet:
        log.setLevel(logging.WARNING)
    return interactive


def _settings() -> Settings:
    try:
        return Settings()
    except ValidationError as e:
        for error in e.errors(include_url=False):
            stderr.print(f"setting {'.'.join(str(p) for p in error['loc']) or ''}: {error['msg']}", markup=False)
        raise typer.Exit(EXIT_GRAPH_FAILED) from None


def _fail(error: ClaimgraphError) -> typer.Exit:
    log.error(str(error))
    return typer.Exit(EXIT_GRAPH_FAILED)


# -- engine ------------------------------------------------------------------------------


def _print_status(status: dict[str, Any], as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(status))
        return
    for note in status.get("notes", []):
        stderr.print(note, markup=False)
    if status["state"] == "running":
        typer.echo(f"running: pid {status['pid']}, {status['uri']}, data {status['data_dir']}")
    else:
        typer.echo(f"stopped (data {status['data_dir']})")


JsonOption = Annotated[bool, typer.Option("--json", help="Print the result as one JSON object.")]


def _engine_command(action: Callable[[EmbeddedEngine], EngineStatus], as_json: bool) -> None:
    _setup_logging(quiet=as_json)
    engine = engine_from_settings(_settings())
    try:
        status = action(engine).as_dict()
    except ClaimgraphError as e:
        raise _fail(e) from e
    status["password_file"] = str(engine.password_file)
    _print_status(status, as_json)


@engine_app.command("start")
def engine_start(as_json: JsonOption = False) -> None:
    """Start the embedded engine (or attach to the one running on the data folder) and leave it running."""
    _engine_command(EmbeddedEngine.start, as_json)


@engine_app.command("stop")
def engine_stop(as_json: JsonOption = False) -> None:
    """Stop the embedded engine running on the data folder."""
    _engine_command(EmbeddedEngine.stop, as_json)


@engine_app.command("status")
def engine_status(as_json: JsonOption = False) -> None:
    """Say whether the embedded engine runs, with its pid, Bolt URI, data folder and password file."""
    _engine_command(EmbeddedEngine.status, as_json)


# -- load --------------------------------------------------------------------------------


def _load(graph: Graph, paths: list[Path], input_format: InputFormat, settings: Settings, interactive: bool) -> dict[str, Any]:
    """Read, check and write the files; returns the summary. Problems are logged as they are found."""
    started = time.perf_counter()
    status = stderr.status("reading input…") if interactive else nullcontext()
    with status:
        parsed = read_paths(paths, input_format)
    return _write(graph, parsed, settings, interactive, started)


def _log_problems(problems: list[InputProblem]) -> None:
    for problem in problems:
        log.error(str(problem), extra={"fields": {"location": problem.location, "field": problem.field,
                                                   "article_id": problem.article_id}})


def _resolver(settings: Settings, parsed: ParsedInput) -> ActorResolver:
    try:
        return ActorResolver(declared={actor.id: actor for _, actor in parsed.declared_actors},
                             alias_file=settings.ALIASES_FILE)
    except ValueError as e:  # the alias file names its own problem
        log.error(str(e))
        raise typer.Exit(EXIT_INPUT_PROBLEMS) from None


def _write(graph: Graph, parsed: ParsedInput, settings: Settings, interactive: bool, started: float) -> dict[str, Any]:
    """Check and write what was read, an article at a time; returns the summary."""
    resolver = _resolver(settings, parsed)
    # The problems of reading first; those of preparing (offsets, ids) as each article comes.
    _log_problems(parsed.problems)
    logged = len(parsed.problems)
    report = LoadReport()
    write_actors(graph, [actor for _, actor in parsed.declared_actors], report)
    total = parsed.statement_count()
    progress = Progress(SpinnerColumn(), TextColumn("writing statements"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=stderr, disable=not interactive)

    def written(_articles: int, statements: int) -> None:
        nonlocal logged
        progress.advance(task, statements)
        _log_problems(parsed.problems[logged:])
        logged = len(parsed.problems)

    with progress:
        task = progress.add_task("write", total=total)
        try:
            write_articles(graph, prepare_each(parsed, resolver), batch_size=settings.LOAD_BATCH_SIZE,
                           report=report, identity=settings.identity, on_progress=written)
        finally:
            parsed.close()
    _log_problems(parsed.problems[logged:])
    report.finish()
    for failure in report.failures:
        log.error(str(failure), extra={"fields": {"article_id": failure.article_id}})
    analytics_s, summaries_kept = _keep_analytics(graph, interactive, report.changes)
    seconds = time.perf_counter() - started
    refused_articles = len({p.article_id for p in parsed.problems if p.article_id})
    return {
        **report.as_dict(),
        "refused_articles": refused_articles,
        "refused_files": sorted(parsed.refused_files),
        "problems": len(parsed.problems),
        "skipped": dict(sorted(parsed.skipped.items())),
        "analytics_seconds": analytics_s,
        "actor_summaries_computed": summaries_kept.computed,
        "seconds": round(seconds, 2),
        "statements_per_second": round((report.statements_new + report.statements_existing) / seconds, 1) if seconds else None,
    }


def _keep_analytics(graph: Graph, interactive: bool, changes: WriteChanges | None) -> tuple[float, SummariesKept]:
    """Compute the analytics and the busiest actors' summaries of the written graph and keep
    them in it, for the API's first request (``graph/keeping.py``); returns the seconds it took
    and what it did of the summaries. ``changes``: what the write changed (None: unknown, every
    summary is looked at)."""
    started = time.perf_counter()
    note_write(changes)
    with stderr.status("computing analytics…") if interactive else nullcontext():
        kept = keep_after_write(graph)
    return round(time.perf_counter() - started, 2), kept


def _print_summary(summary: dict[str, Any]) -> None:
    table = Table(title="loaded", show_header=True)
    table.add_column("")
    table.add_column("new", justify="right")
    table.add_column("already there", justify="right")
    for key in ("articles", "statements", "actors", "claims"):
        table.add_row(key, str(summary[key]["new"]), str(summary[key]["existing"]))
    Console().print(table)
    for reason, count in summary["skipped"].items():
        typer.echo(f"skipped: {count} ({reason})")
    failed = summary["failed_articles"] + summary["refused_articles"]
    if failed or summary["refused_files"]:
        typer.echo(f"not loaded: {failed} article(s), {len(summary['refused_files'])} file(s); see the errors above")
    typer.echo(f"{summary['seconds']} s")


def _has_problems(summary: dict[str, Any]) -> bool:
    return bool(summary["problems"] or summary["failed_articles"])


@app.command()
def load(
    paths: Annotated[list[Path], typer.Argument(help="Statements JSONL files, GDELT event files, or folders of them.")],
    input_format: Annotated[InputFormat, typer.Option("--format", help="What the files hold; auto goes by file name.")] = InputFormat.auto,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary; errors only (as JSON lines).")] = False,
    as_json: JsonOption = False,
    keep_engine: Annotated[bool, typer.Option(help="Leave the embedded engine running if this command started it.")] = False,
) -> None:
    """Load statements (JSONL) and GDELT event files into the graph. Loading the same input twice changes nothing."""
    interactive = _setup_logging(quiet or as_json)
    settings = _settings()
    _write_and_report(settings, lambda graph: _load(graph, paths, input_format, settings, interactive),
                      keep_engine=keep_engine, as_json=as_json, quiet=quiet)


def _write_and_report(settings: Settings, write: Callable[[Graph], dict[str, Any]], *, keep_engine: bool,
                      as_json: bool, quiet: bool) -> None:
    """Open the graph, write, and report the summary; exit 1 when some input was refused."""
    try:
        with open_graph(settings, keep_engine=keep_engine, log=log.info) as graph:
            apply_schema(graph)
            summary = write(graph)
    except ClaimgraphError as e:
        raise _fail(e) from e
    if as_json:
        typer.echo(json.dumps(summary))
    elif not quiet:
        _print_summary(summary)
    if _has_problems(summary):
        raise typer.Exit(EXIT_INPUT_PROBLEMS)


@app.command()
def reindex(
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary; errors only (as JSON lines).")] = False,
    as_json: JsonOption = False,
    keep_engine: Annotated[bool, typer.Option(help="Leave the embedded engine running if this command started it.")] = False,
) -> None:
    """Re-run claim identity over the graph (after an upgrade, or new CLAIMGRAPH_CLAIM_* settings):
    short claims become local to their statement, claims worded alike are joined; no statement is lost."""
    interactive = _setup_logging(quiet or as_json)
    settings = _settings()
    progress = Progress(SpinnerColumn(), TextColumn("moving statements"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=stderr, disable=not interactive)
    started = time.perf_counter()
    try:
        with open_graph(settings, keep_engine=keep_engine, log=log.info) as graph, progress:
            apply_schema(graph)
            task = progress.add_task("move", total=None)
            report = reindex_claims(graph, settings.identity,
                                    on_progress=lambda done, total: progress.update(task, completed=done, total=total))
            progress.stop()
            analytics_s, summaries_kept = _keep_analytics(graph, interactive, None)
    except ClaimgraphError as e:
        raise _fail(e) from e
    summary = {**report.as_dict(), "analytics_seconds": analytics_s, "actor_summaries_computed": summaries_kept.computed,
               "seconds": round(time.perf_counter() - started, 2)}
    if as_json:
        typer.echo(json.dumps(summary))
    elif not quiet:
        for key, value in summary.items():
            typer.echo(f"{key.replace('_', ' ')}: {value}")


@app.command()
def search(
    text: Annotated[str, typer.Argument(help="Any sentence: the claim to look for.")],
    limit: Annotated[int, typer.Option(min=1, max=100, help="How many claims, at most.")] = 10,
    as_json: JsonOption = False,
    keep_engine: Annotated[bool, typer.Option(help="Leave the embedded engine running if this command started it.")] = False,
) -> None:
    """Who asserts and who denies a claim: the claims of the graph that match a sentence, best first."""
    _setup_logging(True)
    settings = _settings()
    try:
        with open_graph(settings, keep_engine=keep_engine, log=log.info) as graph:
            page = reads.search_claims(graph, q=text, identity=settings.identity, limit=limit,
                                       timeout_s=settings.QUERY_TIMEOUT_S)
    except ClaimgraphError as e:
        raise _fail(e) from e
    if as_json:
        typer.echo(json.dumps(page.rows, default=str))
        return
    if not page.rows:
        typer.echo("no claim matches")
    for row in page.rows:
        Console().print(f"[bold]{row['score']:.2f}[/bold] {row['claim_text']}  [dim]{row['claim_id']}[/dim]")
        for side, statements in (("asserts", row["assertions"]), ("denies", row["denials"])):
            for statement in statements:
                typer.echo(f"    {side:7} {statement['relation']:8} {statement['speaker_name']}  "
                           f"({statement['article_id']}): {statement['sentence'] or statement['claim_text']}")


# -- extract, ingest, eval --------------------------------------------------------------

TextPaths = Annotated[list[Path], typer.Argument(help="Article files (.txt, .json, .jsonl, .html, .csv) or folders of them.")]
TextFormatOption = Annotated[TextFormat, typer.Option("--text-format", help="What the files hold; auto goes by suffix.")]
TextColumn_ = Annotated[str, typer.Option("--text-column", help="CSV column holding the article text.")]
IdColumn = Annotated[str | None, typer.Option("--id-column", help="CSV column holding the article id [default: <file stem>-<row>].")]
TitleColumn = Annotated[str | None, typer.Option("--title-column", help="CSV column holding the title.")]
IdPrefix = Annotated[str, typer.Option("--id-prefix", help="Put before every article id (e.g. fnc1-).")]
Processes = Annotated[int, typer.Option("--processes", min=1, help="spaCy worker processes.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary; errors only (as JSON lines).")]


class StatementsFormat(str, Enum):
    jsonl = "jsonl"
    table = "table"


def _extract(paths: list[Path], settings: Settings, interactive: bool, *, text_format: TextFormat, text_column: str,
             id_column: str | None, title_column: str | None, id_prefix: str, processes: int,
             only_ids: set[str] | None = None) -> ParsedInput:
    """Read article files and extract their statements (nothing is written)."""
    from claimgraph.loaders.extraction import RuleExtractor
    from claimgraph.loaders.text import extract_articles

    read = read_articles(paths, text_format=text_format, text_column=text_column, id_column=id_column,
                         title_column=title_column, id_prefix=id_prefix, max_bytes=settings.MAX_ARTICLE_BYTES)
    inputs = [item for item in read.articles if only_ids is None or item.article.id in only_ids]
    status = stderr.status("loading the spaCy model…") if interactive else nullcontext()
    with status:
        try:
            extractor = RuleExtractor(settings.SPACY_MODEL)
        except ClaimgraphError as e:
            raise _fail(e) from e
    progress = Progress(SpinnerColumn(), TextColumn("extracting"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.fields[statements]} statements"), TimeElapsedColumn(),
                        console=stderr, disable=not interactive)
    with progress:
        task = progress.add_task("extract", total=len(inputs), statements=0)

        def advance(statements: int) -> None:
            progress.update(task, advance=1, statements=progress.tasks[0].fields["statements"] + statements)

        parsed = extract_articles(inputs, extractor, n_process=processes, on_article=advance)
    parsed.problems[:0] = read.problems
    parsed.refused_files |= read.refused_files
    return parsed


def _print_table(statements: list[Statement]) -> None:
    table = Table(show_header=True, show_lines=False)
    for column in ("article", "speaker", "relation", "targets", "cue", "claim"):
        table.add_column(column, overflow="fold")
    for s in statements:
        claim = s.claim.text or ""
        if s.claim.refers_to:
            claim += f" → {', '.join(s.claim.refers_to)}"
        table.add_row(s.article_id, s.speaker.name, s.relation, ", ".join(t.name for t in s.targets),
                      s.cue.text if s.cue else "", claim)
    Console().print(table)


def contract_record(statement: Statement) -> dict[str, Any]:
    """A statement in the contract shape (relations.md) for ``extract --format jsonl``."""
    return statement.model_dump(mode="json", exclude_none=True, exclude={"origin_id", "origin_code"})


@app.command()
def extract(
    paths: TextPaths,
    output_format: Annotated[StatementsFormat, typer.Option("--format", help="jsonl: one statement a line; table: for reading.")] = StatementsFormat.jsonl,
    text_format: TextFormatOption = TextFormat.auto,
    text_column: TextColumn_ = "text",
    id_column: IdColumn = None,
    title_column: TitleColumn = None,
    id_prefix: IdPrefix = "",
    processes: Processes = 1,
    quiet: QuietOption = False,
) -> None:
    """Print the statements found in article text, with canonical actors; writes nothing."""
    interactive = _setup_logging(quiet or output_format is StatementsFormat.jsonl and not sys.stdout.isatty())
    settings = _settings()
    parsed = _extract(paths, settings, interactive, text_format=text_format, text_column=text_column,
                      id_column=id_column, title_column=title_column, id_prefix=id_prefix, processes=processes)
    articles = prepare_articles(parsed, _resolver(settings, parsed))
    _log_problems(parsed.problems)
    statements = [s for article in articles for s in article.statements]
    if output_format is StatementsFormat.table:
        _print_table(statements)
    else:
        for statement in statements:
            typer.echo(json.dumps(contract_record(statement), ensure_ascii=False))
    if parsed.problems:
        raise typer.Exit(EXIT_INPUT_PROBLEMS)


@app.command()
def ingest(
    paths: TextPaths,
    text_format: TextFormatOption = TextFormat.auto,
    text_column: TextColumn_ = "text",
    id_column: IdColumn = None,
    title_column: TitleColumn = None,
    id_prefix: IdPrefix = "",
    processes: Processes = 1,
    quiet: QuietOption = False,
    as_json: JsonOption = False,
    keep_engine: Annotated[bool, typer.Option(help="Leave the embedded engine running if this command started it.")] = False,
) -> None:
    """Extract statements from article text and load them: ``extract`` then ``load``, in one go."""
    interactive = _setup_logging(quiet or as_json)
    settings = _settings()
    started = time.perf_counter()
    parsed = _extract(paths, settings, interactive, text_format=text_format, text_column=text_column,
                      id_column=id_column, title_column=title_column, id_prefix=id_prefix, processes=processes)
    _write_and_report(settings, lambda graph: _write(graph, parsed, settings, interactive, started),
                      keep_engine=keep_engine, as_json=as_json, quiet=quiet)


@app.command("eval")
def evaluate(
    gold: Annotated[Path | None, typer.Option("--gold", help="Gold statements (JSONL, ../shared/eval/dev format).")] = None,
    texts: Annotated[list[Path] | None, typer.Option("--texts", help="The gold's article texts (repeatable).")] = None,
    polnear: Annotated[Path | None, typer.Option("--polnear", help="A PolNeAR folder (text/, attributions/) to score span overlap on.")] = None,
    limit: Annotated[int | None, typer.Option(help="PolNeAR: score the first N articles only.")] = None,
    text_column: TextColumn_ = "text",
    id_column: IdColumn = None,
    id_prefix: IdPrefix = "",
    show_errors: Annotated[bool, typer.Option("--show-errors", help="List unmatched and half-matched statements.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Score the extractor against hand-annotated gold (P/R/F1 for attribution, full match, each
    relation, and denial links) or against PolNeAR's attributions (span overlap)."""
    from claimgraph.evaluation.gold import load_gold, score_gold
    from claimgraph.evaluation.polnear import read_polnear, score_polnear
    from claimgraph.evaluation.report import format_gold_report, format_polnear_report
    from claimgraph.loaders.articles import ArticleInput

    interactive = _setup_logging(as_json)
    settings = _settings()
    if (gold is None) == (polnear is None):
        raise typer.BadParameter("give --gold with --texts, or --polnear")
    results: dict[str, Any] = {}
    if gold is not None:
        if not texts:
            raise typer.BadParameter("--gold needs --texts: the files of the articles it annotates")
        try:
            gold_statements = load_gold(gold)
        except ValueError as e:
            log.error(str(e))
            raise typer.Exit(EXIT_INPUT_PROBLEMS) from None
        parsed = _extract(texts, settings, interactive, text_format=TextFormat.auto, text_column=text_column,
                          id_column=id_column, title_column=None, id_prefix=id_prefix, processes=1,
                          only_ids={g.article for g in gold_statements})
        missing = {g.article for g in gold_statements} - {a.article.id for a in parsed.articles}
        if missing:
            log.error(f"no text for gold article(s): {', '.join(sorted(missing))}")
            raise typer.Exit(EXIT_INPUT_PROBLEMS)
        predictions = [s for a in prepare_articles(parsed, _resolver(settings, parsed)) for s in a.statements]
        scores = score_gold(gold_statements, predictions)
        results["gold"] = scores.as_dict()
        if not as_json:
            typer.echo(format_gold_report(scores, show_errors=show_errors))
    if polnear is not None:
        articles = read_polnear(polnear, limit=limit)
        inputs = [ArticleInput(Article(id=a.id, text=a.text), origin=a.id) for a in articles]
        from claimgraph.loaders.extraction import RuleExtractor
        from claimgraph.loaders.text import extract_articles

        parsed = extract_articles(inputs, RuleExtractor(settings.SPACY_MODEL))
        predictions = [s for a in prepare_articles(parsed, _resolver(settings, parsed)) for s in a.statements]
        polnear_scores = score_polnear(articles, predictions)
        results["polnear"] = polnear_scores.as_dict()
        if not as_json:
            typer.echo(format_polnear_report(polnear_scores))
    if as_json:
        typer.echo(json.dumps(results))


@app.command()
def train(
    shared: Annotated[Path, typer.Option(help="The shared evaluation folder (train/, fnc1/, polnear/).")] = Path("../shared/eval"),
    out: Annotated[Path | None, typer.Option(help="Folder for the model files and card [default: the package's models/].")] = None,
    seed: Annotated[int, typer.Option(help="Seed of every random choice (folds, solvers).")] = 0,
    skip_tagger: Annotated[bool, typer.Option("--skip-tagger", help="Keep the attribution tagger in the folder; retrain the relation model only.")] = False,
    extra_gold: Annotated[list[Path] | None, typer.Option("--extra-gold", help="More gold statements on FNC-1 bodies outside train and dev, for the relation model (the shipped one: bench/data/fnc1-train-extra.gold.jsonl). Repeatable.")] = None,
    quiet: QuietOption = False,
) -> None:
    """Rebuild the shipped extraction models from ../shared/eval/train and PolNeAR train (never
    a dev split), plus any --extra-gold: the attribution tagger (8 to 14 minutes), then the relation
    model (~3 minutes), print the cross-validated figures, and write MODEL_CARD.md beside them."""
    from claimgraph.loaders.extraction import shipped
    from claimgraph.loaders.extraction.tagger import AttributionTagger
    from claimgraph.loaders.extraction.training import check_extra_gold, train_relation_model, train_tagger, write_model_card

    _setup_logging(quiet)
    settings = _settings()
    folder = out or shipped.MODELS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    needed = ["train/fnc1-train.gold.jsonl", "train/polnear-relations.jsonl", "fnc1/competition_test_bodies.csv",
              "polnear/train/text"]
    for name in needed:
        if not (shared / name).exists():
            log.error(f"{shared / name}: not found; give --shared, the folder that holds train/, fnc1/ and polnear/")
            raise typer.Exit(EXIT_INPUT_PROBLEMS)
    for path in extra_gold or []:
        if not path.is_file():
            log.error(f"{path}: not found (--extra-gold)")
            raise typer.Exit(EXIT_INPUT_PROBLEMS)
    try:
        check_extra_gold(shared, extra_gold or [])
    except ValueError as error:
        log.error(str(error))
        raise typer.Exit(EXIT_INPUT_PROBLEMS) from None
    tagger_path = folder / shipped.TAGGER_FILE
    if skip_tagger:
        previous = folder / shipped.RELATION_MODEL_FILE
        # The tagger's card is kept in the relation model's file, which is about to be rewritten.
        tagger_card = json.loads(previous.read_text(encoding="utf-8"))["card"].get("tagger", {}) if previous.is_file() else {}
    else:
        tagger_card = train_tagger(shared, tagger_path, seed=seed, spacy_model=settings.SPACY_MODEL, log=log.info)
    tagger_card = {"version": shipped.TAGGER_VERSION, **tagger_card}
    card = train_relation_model(shared, folder / shipped.RELATION_MODEL_FILE, tagger=AttributionTagger.load(tagger_path),
                                seed=seed, spacy_model=settings.SPACY_MODEL, tagger_card=tagger_card,
                                extra_gold=extra_gold or [], log=log.info)
    write_model_card(folder, card, tagger_card)
    typer.echo(json.dumps(card["figures"], indent=2))


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on [default: CLAIMGRAPH_HOST or 127.0.0.1].")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on [default: CLAIMGRAPH_PORT or 8000].")] = None,
    load_paths: Annotated[list[Path] | None, typer.Option("--load", help="Load these files first (repeatable).")] = None,
    ingest_paths: Annotated[list[Path] | None, typer.Option(
        "--ingest", help="Extract the statements of these article files and load them first (repeatable).")] = None,
    text_column: TextColumn_ = "text",
    id_column: IdColumn = None,
    id_prefix: IdPrefix = "",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Log warnings and errors only.")] = False,
) -> None:
    """Serve the HTTP API and the explorer (http://127.0.0.1:8000/). Starts the embedded engine when
    it is not running, and stops it on exit if it started it."""
    import uvicorn

    from claimgraph.api.main import create_app

    interactive = _setup_logging(quiet)
    settings = _settings()
    try:
        with open_graph(settings, log=log.info) as graph:
            apply_schema(graph)
            summaries = []
            if load_paths:
                summaries.append(_load(graph, load_paths, InputFormat.auto, settings, interactive))
            if ingest_paths:
                parsed = _extract(ingest_paths, settings, interactive, text_format=TextFormat.auto, text_column=text_column,
                                  id_column=id_column, title_column=None, id_prefix=id_prefix, processes=1)
                summaries.append(_write(graph, parsed, settings, interactive, time.perf_counter()))
            for summary in summaries:
                log.info("loaded", extra={"fields": summary})
                if interactive:
                    _print_summary(summary)
                if _has_problems(summary):
                    log.warning("some input was not loaded; serving what was")
            # uvicorn shuts down on SIGTERM and then raises it again; by default that kills this
            # process before open_graph stops the engine it started. Exiting instead lets it.
            signal.signal(signal.SIGTERM, _exit_on_sigterm)
            uvicorn.run(create_app(settings, graph), host=host or settings.HOST, port=port or settings.PORT,
                        log_config=None, log_level="warning" if quiet else "info")
    except ClaimgraphError as e:
        raise _fail(e) from e


if __name__ == "__main__":
    app()
