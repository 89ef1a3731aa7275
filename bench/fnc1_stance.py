"""FNC-1 stance through the claim search: each headline searched as a claim over the graph of
the 904 FNC-1 test bodies, scored with the competition's own relative score.

What it measures. FNC-1 (Fake News Challenge stage 1, 2017; /work/shared/eval/fnc1, see
SOURCE.md there) pairs a headline with an article body and labels the body agree / disagree /
discuss / unrelated towards the headline. Here the bodies become a claimgraph graph (the
statements ``claimgraph extract`` finds in them, loaded by the loader into a fresh embedded
ArcadeDB, so claims worded alike across bodies are joined at load as in production), and each
distinct headline is put to ``reads.search_claims`` like a user's sentence. The pair
(headline H, body B) is then judged only from what the search returned for H: the statements
of article ``fnc1-B`` on the claims found, their relation and the claim's score. The body text
is never read, except by the extractor that built the graph. So the figures measure the whole
chain (extraction: does B yield a statement about what H says; claim identity's index and
scorer: does H find it; relations: is it a denial), not a stance classifier: a body whose
stance lives in unattributed narration ("The video is a hoax.") has no statement and is
"unrelated" here, whatever it says.

The rule, fixed in form before looking at the data, with its parameters tuned on the even
Body IDs only:

1. B's matches are B's statements on the claims the search returned for H with a score of at
   least ``search_threshold`` (and, as the search requires, at least ``min_shared_terms``
   shared terms). None: **unrelated**.
2. The best-matching claim is the first of those in the search's order (highest score, ties by
   claim id). ``disagree`` = ``best``: B DENIES it: **disagree**; ``any``: B denies any matched
   claim; ``off``: never.
3. Otherwise, if B asserts the best claim with SUPPORTS (the project's label mapping in
   SOURCE.md: agree = SUPPORTS), or with ACCUSES when ``accuses`` = ``agree``, or the claim's
   score is at least ``agree_score`` (``inf``: never by score): **agree**.
4. Otherwise **discuss** (REPORTS, the mapping's "covers the claim without taking a side").

The grid (``--min-shared`` x thresholds 0.00-0.80 by 0.05 x disagree x accuses x agree_score)
is scored on the even Body IDs; the best relative score wins (on a tie, the setting met first
in the grid's order, which lists the simpler choices first). That setting is applied unchanged
to the odd Body IDs, which are the reported figures; both are printed. The split is by body,
fixed in advance; headlines recur across both halves (FNC-1 pairs each headline with bodies
of both parities), but nothing headline-specific is tuned, only the rule's few parameters.
The graph holds all 904 bodies while tuning (the index's term weights count every claim); that
is no label, and it is how the search runs in production.

One search per distinct headline and ``min_shared_terms`` value, at ``search_threshold`` 0 and
``limit`` ``--limit`` (1000); each threshold of the grid is then applied to the scores it
returned. That is exactly what a search at that threshold returns, because the search keeps
the candidates scoring at least the threshold, in score order (the index hands the scorer
five times ``limit`` candidates, those sharing the most weight of terms); the figures say how
many searches reached the limit.

FNC-1 scoring (the competition's scorer.py): per pair +0.25 when gold and prediction are both
related (agree/disagree/discuss) or both unrelated, and +0.75 more when gold is related and the
prediction is the gold stance. Relative score = score / the best possible (0.25 per unrelated
pair, 1.0 per related pair). For comparison on the whole test set: the competition's baseline
(hand-made features + gradient boosting, trained on FNC-1's training set) 0.752 relative, the
winners about 0.82; predicting "unrelated" everywhere scores 0.25 x unrelated / max (printed).
Those systems were trained on FNC-1; this one is not, beyond the grid's few parameters.

Run::

    .venv/bin/python bench/fnc1_stance.py --statements /tmp/fnc1-904.jsonl   # ~1 minute
    .venv/bin/python bench/fnc1_stance.py                  # extracts the 904 bodies first (~1 min more)
    .venv/bin/python bench/fnc1_stance.py --statements FILE --json > fnc1.json
    .venv/bin/python bench/fnc1_stance.py --statements FILE --min-shared 3   # a smaller grid

``--statements`` is a JSONL from ``claimgraph extract``; its ``statement_id`` and
``claim.claim_id`` fields are dropped before loading (the loader computes them again; claim
identity across articles happens at load). The engine runs in a temporary folder, stopped and
removed at the end. Figures: the load (engine start, prepare, write) and the searches are
timed; coverage says how many related pairs have no matched statement of their body at all
(lost whatever the rule), and why (the body gave no statement / none matched).
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from claimgraph.graph import claim_identity, reads
from claimgraph.graph.engine import DATABASE, EmbeddedEngine, Graph
from claimgraph.graph.executor import run_query
from claimgraph.graph.settings import Settings
from claimgraph.graph.store import LoadReport, apply_schema, write_actors, write_articles
from claimgraph.loaders.actors import ActorResolver
from claimgraph.loaders.inputs import read_paths
from claimgraph.loaders.prepare import prepare_articles

FNC1 = Path("/work/shared/eval/fnc1")
BODIES_CSV = FNC1 / "competition_test_bodies.csv"
STANCES_CSV = FNC1 / "competition_test_stances.csv"
ARTICLE_PREFIX = "fnc1-"
STANCES = ("agree", "disagree", "discuss", "unrelated")
RELATED = frozenset(STANCES[:3])
# Whole competition test set, relative score (FNC-1 results, 2017).
ANCHORS = {"competition baseline": 0.752, "winners (about)": 0.82}

THRESHOLDS = [round(0.05 * i, 2) for i in range(17)]  # 0.00 .. 0.80
DISAGREE_MODES = ("off", "best", "any")
ACCUSES_MODES = ("discuss", "agree")
AGREE_SCORES = (math.inf, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4)


def log_to(stream: Any) -> Callable[[str], None]:
    def log(message: str) -> None:
        print(message, file=stream, flush=True)
    return log


# -- data ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    headline: str
    body_id: str
    gold: str

    @property
    def article_id(self) -> str:
        return ARTICLE_PREFIX + self.body_id

    @property
    def split(self) -> str:
        return "even" if int(self.body_id) % 2 == 0 else "odd"


def read_pairs(path: Path = STANCES_CSV) -> list[Pair]:
    with path.open(encoding="utf-8", newline="") as f:
        return [Pair(row["Headline"], row["Body ID"].strip(), row["Stance"].strip()) for row in csv.DictReader(f)]


def read_body_ids(path: Path = BODIES_CSV) -> list[str]:
    with path.open(encoding="utf-8", newline="") as f:
        return [row["Body ID"].strip() for row in csv.DictReader(f)]


def extract_statements(out: Path, processes: int, log: Callable[[str], None]) -> float:
    """Run ``claimgraph extract`` on the 904 bodies into ``out``; returns its seconds."""
    command = [str(Path(sys.executable).parent / "claimgraph"), "extract", str(BODIES_CSV),
               "--text-column", "articleBody", "--id-column", "Body ID", "--id-prefix", ARTICLE_PREFIX,
               "--processes", str(processes), "-q"]
    log(f"extracting: {' '.join(command)} > {out}")
    started = time.perf_counter()
    with out.open("w", encoding="utf-8") as f:
        subprocess.run(command, stdout=f, check=True)
    return time.perf_counter() - started


def strip_ids(source: Path, out: Path) -> int:
    """Copy the statements without ``statement_id`` and ``claim.claim_id``; returns the lines."""
    lines = 0
    with source.open(encoding="utf-8") as f, out.open("w", encoding="utf-8") as g:
        for line in f:
            if not line.strip():
                continue
            row = json.loads(line)
            row.pop("statement_id", None)
            if isinstance(row.get("claim"), dict):
                row["claim"].pop("claim_id", None)
            g.write(json.dumps(row, ensure_ascii=False) + "\n")
            lines += 1
    return lines


# -- the graph -----------------------------------------------------------------------------


@dataclass
class Load:
    statements_in_file: int = 0
    articles: int = 0
    statements: int = 0
    problems: int = 0
    engine_start_s: float = 0.0
    read_prepare_s: float = 0.0
    write_s: float = 0.0
    report: dict[str, Any] = dataclasses.field(default_factory=dict)
    counts: dict[str, int] = dataclasses.field(default_factory=dict)
    indexed_claims: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {**dataclasses.asdict(self), "engine_start_s": round(self.engine_start_s, 2),
                "read_prepare_s": round(self.read_prepare_s, 2), "write_s": round(self.write_s, 2),
                "load_s": round(self.read_prepare_s + self.write_s, 2)}


def load_statements(graph: Graph, path: Path, settings: Settings, load: Load) -> list[str]:
    """What ``claimgraph load`` does (cli._write): read, prepare, write actors and articles."""
    started = time.perf_counter()
    parsed = read_paths([path])
    resolver = ActorResolver(declared={actor.id: actor for _, actor in parsed.declared_actors},
                             alias_file=settings.ALIASES_FILE)
    articles = prepare_articles(parsed, resolver)
    load.read_prepare_s = time.perf_counter() - started
    load.problems = len(parsed.problems)
    load.articles = len(articles)
    load.statements = sum(len(a.statements) for a in articles)
    started = time.perf_counter()
    report = LoadReport()
    write_actors(graph, [actor for _, actor in parsed.declared_actors], report)
    write_articles(graph, articles, batch_size=settings.LOAD_BATCH_SIZE, report=report, identity=settings.identity)
    report.finish()
    load.write_s = time.perf_counter() - started
    load.report = report.as_dict()
    return [a.article.id for a in articles if a.statements]


# -- searching -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """A claim the search returned for a headline, as one body's statements on it."""

    score: float
    rank: int
    claim_id: str
    relations: frozenset[str]


@dataclass
class Searches:
    seconds: float = 0.0
    latencies: list[float] = dataclasses.field(default_factory=list)
    capped: int = 0
    capped_by_k: dict[int, int] = dataclasses.field(default_factory=dict)
    empty: int = 0
    no_terms: int = 0
    # (headline, min_shared) -> article_id -> matches in search order
    found: dict[tuple[str, int], dict[str, list[Match]]] = dataclasses.field(default_factory=dict)


def search_headlines(graph: Graph, headlines: list[str], min_shared: list[int], identity: claim_identity.IdentitySettings,
                     limit: int, log: Callable[[str], None]) -> Searches:
    result = Searches()
    started = time.perf_counter()
    for k in min_shared:
        settings = dataclasses.replace(identity, search_threshold=0.0, min_shared_terms=k)
        for index, headline in enumerate(headlines):
            began = time.perf_counter()
            page = reads.search_claims(graph, q=headline, identity=settings, limit=limit, timeout_s=None)
            result.latencies.append(time.perf_counter() - began)
            if not claim_identity.claim_terms(headline):
                result.no_terms += 1
            result.empty += not page.rows
            capped = len(page.rows) >= limit
            result.capped += capped
            result.capped_by_k[k] = result.capped_by_k.get(k, 0) + capped
            by_article: dict[str, dict[str, Any]] = {}
            for rank, row in enumerate(page.rows):
                for statement in [*row["assertions"], *row["denials"]]:
                    article = statement.get("article_id")
                    if not article:
                        continue
                    slot = by_article.setdefault(article, {}).setdefault(
                        row["claim_id"], {"score": row["score"], "rank": rank, "relations": set()})
                    slot["relations"].add(statement["relation"])
            result.found[(headline, k)] = {
                article: sorted((Match(v["score"], v["rank"], claim, frozenset(v["relations"])) for claim, v in claims.items()),
                                key=lambda m: m.rank)
                for article, claims in by_article.items()}
            if (index + 1) % 200 == 0:
                log(f"  min_shared_terms={k}: {index + 1}/{len(headlines)} headlines searched")
    result.seconds = time.perf_counter() - started
    return result


# -- the rule and the score ----------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    min_shared_terms: int
    search_threshold: float
    disagree: str = "off"
    accuses: str = "discuss"
    agree_score: float = math.inf

    def describe(self) -> str:
        agree = "never by score" if math.isinf(self.agree_score) else f">= {self.agree_score:g}"
        return (f"min_shared_terms={self.min_shared_terms}, search_threshold={self.search_threshold:.2f}, "
                f"disagree={self.disagree}, accuses={self.accuses}, agree_score {agree}")

    def as_dict(self) -> dict[str, Any]:
        return {**dataclasses.asdict(self), "agree_score": None if math.isinf(self.agree_score) else self.agree_score}

    def predict(self, matches: list[Match] | None) -> str:
        kept = [m for m in matches or () if m.score >= self.search_threshold]
        if not kept:
            return "unrelated"
        best = kept[0]
        if (self.disagree == "best" and "DENIES" in best.relations) or \
                (self.disagree == "any" and any("DENIES" in m.relations for m in kept)):
            return "disagree"
        asserted = best.relations - {"DENIES"}
        if "SUPPORTS" in asserted or (self.accuses == "agree" and "ACCUSES" in asserted) \
                or (asserted and best.score >= self.agree_score):
            return "agree"
        return "discuss"


def fnc_score(gold: list[str], predicted: list[str]) -> dict[str, Any]:
    score = best = 0.0
    confusion = {g: {p: 0 for p in STANCES} for g in STANCES}
    related_right = 0
    for g, p in zip(gold, predicted, strict=True):
        confusion[g][p] += 1
        same_side = (g in RELATED) == (p in RELATED)
        related_right += same_side
        best += 1.0 if g in RELATED else 0.25
        score += (0.25 if same_side else 0.0) + (0.75 if g in RELATED and p == g else 0.0)
    related_gold = sum(g in RELATED for g in gold)
    related_predicted = sum(p in RELATED for p in predicted)
    related_hit = sum(g in RELATED and p in RELATED for g, p in zip(gold, predicted))
    related_exact = sum(g in RELATED and p == g for g, p in zip(gold, predicted))
    all_unrelated = 0.25 * (len(gold) - related_gold)
    return {
        "pairs": len(gold), "score": round(score, 2), "max_score": round(best, 2),
        "relative": round(score / best, 4) if best else None,
        "all_unrelated_relative": round(all_unrelated / best, 4) if best else None,
        "relatedness_accuracy": round(related_right / len(gold), 4) if gold else None,
        "related_precision": round(related_hit / related_predicted, 4) if related_predicted else None,
        "related_recall": round(related_hit / related_gold, 4) if related_gold else None,
        "stance_accuracy_on_found_related": round(related_exact / related_hit, 4) if related_hit else None,
        "confusion": confusion,
    }


def grid(min_shared: list[int]) -> Iterator[Rule]:
    for k in min_shared:
        for t in THRESHOLDS:
            for disagree in DISAGREE_MODES:
                for accuses in ACCUSES_MODES:
                    for agree_score in AGREE_SCORES:
                        yield Rule(k, t, disagree, accuses, agree_score)


def matches_for(searches: Searches, pair: Pair, k: int) -> list[Match] | None:
    return searches.found[(pair.headline, k)].get(pair.article_id)


def evaluate(rule: Rule, pairs: list[Pair], searches: Searches) -> dict[str, Any]:
    return fnc_score([p.gold for p in pairs], [rule.predict(matches_for(searches, p, rule.min_shared_terms)) for p in pairs])


def relative_fast(rule: Rule, pairs_with: list[tuple[str, list[Match]]], base_score: float, max_score: float) -> float:
    """The relative score when only ``pairs_with`` (gold, matches) can be predicted related; the
    others are unrelated, worth ``base_score`` together."""
    score = base_score
    for gold, matches in pairs_with:
        p = rule.predict(matches)
        if (gold in RELATED) == (p in RELATED):
            score += 0.25
        if gold in RELATED and p == gold:
            score += 0.75
    return score / max_score


def tune(pairs: list[Pair], searches: Searches, min_shared: list[int]) -> tuple[Rule, list[tuple[float, Rule]]]:
    max_score = sum(1.0 if p.gold in RELATED else 0.25 for p in pairs)
    prepared = {}
    for k in min_shared:
        with_matches = [(p.gold, m) for p in pairs if (m := matches_for(searches, p, k))]
        unmatched_unrelated = sum(p.gold == "unrelated" and not matches_for(searches, p, k) for p in pairs)
        prepared[k] = (with_matches, 0.25 * unmatched_unrelated)
    scored: list[tuple[float, Rule]] = []
    best: tuple[float, Rule] | None = None
    for rule in grid(min_shared):
        with_matches, base = prepared[rule.min_shared_terms]
        relative = relative_fast(rule, with_matches, base, max_score)
        scored.append((relative, rule))
        if best is None or relative > best[0] + 1e-12:
            best = (relative, rule)
    assert best is not None
    scored.sort(key=lambda x: -x[0])
    return best[1], scored


def coverage(pairs: list[Pair], searches: Searches, k: int, rule: Rule, bodies_with_statements: set[str]) -> dict[str, Any]:
    """Related pairs that no setting of the rule can find: their body gave no statement, or none
    of its statements is on a claim the search returned (at threshold 0 and at the rule's)."""
    related = [p for p in pairs if p.gold in RELATED]
    no_statements = sum(p.article_id not in bodies_with_statements for p in related)
    no_match_any = sum(not matches_for(searches, p, k) for p in related)
    no_match_rule = sum(rule.predict(matches_for(searches, p, k)) == "unrelated" for p in related)
    unrelated = [p for p in pairs if p.gold == "unrelated"]
    return {
        "related_pairs": len(related),
        "body_without_statements": no_statements,
        "no_match_at_threshold_0": no_match_any,
        "no_match_with_statements_at_threshold_0": no_match_any - no_statements,
        "not_found_by_rule": no_match_rule,
        "unrelated_pairs": len(unrelated),
        "unrelated_with_match_at_threshold_0": sum(bool(matches_for(searches, p, k)) for p in unrelated),
    }


def relations_by_gold(pairs: list[Pair], searches: Searches, rule: Rule) -> dict[str, dict[str, int]]:
    """For the pairs the rule finds related, by gold stance: how many there are, and how many
    have a denial by the body on the best claim, on any matched claim, and SUPPORTS / ACCUSES /
    REPORTS by the body on the best claim."""
    table: dict[str, dict[str, int]] = {}
    for p in pairs:
        kept = [m for m in matches_for(searches, p, rule.min_shared_terms) or () if m.score >= rule.search_threshold]
        if not kept:
            continue
        row = table.setdefault(p.gold, Counter())
        row["found"] += 1
        row["DENIES best"] += "DENIES" in kept[0].relations
        row["DENIES any"] += any("DENIES" in m.relations for m in kept)
        for relation in ("SUPPORTS", "ACCUSES", "REPORTS"):
            row[f"{relation} best"] += relation in kept[0].relations
    return {g: dict(table[g]) for g in STANCES if g in table}


def best_by_choice(scored: list[tuple[float, Rule]]) -> dict[str, dict[str, float]]:
    """For each parameter and value: the best relative score of the settings with that value."""
    best: dict[str, dict[str, float]] = {}
    for relative, rule in scored:
        for name, value in dataclasses.asdict(rule).items():
            key = "inf" if value == math.inf else f"{value:g}" if isinstance(value, float) else str(value)
            slot = best.setdefault(name, {})
            slot[key] = max(slot.get(key, 0.0), round(relative, 4))
    return best


# -- output --------------------------------------------------------------------------------


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def print_confusion(confusion: dict[str, dict[str, int]], indent: str = "  ") -> None:
    corner = "gold \\ predicted"
    print(f"{indent}{corner:<18}" + "".join(f"{s:>11}" for s in STANCES) + f"{'total':>9}")
    for g in STANCES:
        row = confusion[g]
        print(f"{indent}{g:<18}" + "".join(f"{row[p]:>11,}" for p in STANCES) + f"{sum(row.values()):>9,}")


def print_report(result: dict[str, Any]) -> None:
    data, load, search = result["data"], result["load"], result["searches"]
    print()
    print("FNC-1 stance from the claim search (bench/fnc1_stance.py)")
    print(f"data: {data['pairs']:,} pairs, {data['headlines']:,} distinct headlines, {data['bodies']:,} bodies; "
          f"tune = even Body ID ({data['even_pairs']:,} pairs, {data['even_bodies']} bodies), "
          f"report = odd Body ID ({data['odd_pairs']:,} pairs, {data['odd_bodies']} bodies)")
    extract = f"extracted now in {result['extract_s']:.0f} s" if result.get("extract_s") is not None else "given"
    print(f"statements: {result['statements_file']} ({extract}): {load['statements_in_file']:,} lines; "
          f"loaded {load['statements']:,} statements in {load['articles']} articles "
          f"({data['bodies'] - load['articles']} of {data['bodies']} bodies gave none), {load['problems']} input problems")
    counts = load["counts"]
    print(f"graph: {counts.get('claims', 0):,} claims ({load['indexed_claims']:,} indexed for search, the rest local to "
          f"their statement), {counts.get('actors', 0):,} actors, {counts.get('statement_edges', 0):,} statement edges; "
          f"load identity: {result['load_identity']}")
    print(f"load: {load['load_s']:.1f} s (read + prepare {load['read_prepare_s']:.1f} s, write {load['write_s']:.1f} s); "
          f"engine start {load['engine_start_s']:.1f} s")
    print(f"searches: {search['searches']:,} ({data['headlines']} headlines x min_shared_terms {search['min_shared']}) "
          f"in {search['seconds']:.1f} s: p50 {search['p50_ms']:.0f} ms, p99 {search['p99_ms']:.0f} ms per search; "
          f"{search['capped']:,} reached the limit of {search['limit']} (by min_shared_terms: {search['capped_by_k']}), {search['empty']:,} found nothing "
          f"({search['no_terms']} had no content word)")
    tuning = result["tuning"]
    print(f"grid: {tuning['settings']:,} settings scored on even Body IDs in {tuning['seconds']:.1f} s")
    print(f"chosen on even: {tuning['chosen_text']}")
    print("  best even relative score with each value of each parameter (the others free):")
    for name, values in tuning["best_by_choice"].items():
        print(f"    {name:<17}" + ", ".join(f"{value} {score:.4f}" for value, score in values.items()))
    print("  top settings on even (relative score):")
    for row in tuning["top"]:
        print(f"    {row['relative']:.4f}  {row['text']}")
    print()
    for split, title in (("even", "even Body ID, TUNING (not the reported figure)"),
                         ("odd", "odd Body ID, REPORTED (held out, setting chosen on even)")):
        s = result["splits"][split]
        print(f"{title}:")
        print(f"  FNC-1 relative score {s['relative']:.4f}  ({s['score']:,.2f} of {s['max_score']:,.2f}); "
              f"all-unrelated floor {s['all_unrelated_relative']:.4f}")
        print(f"  related/unrelated accuracy {_pct(s['relatedness_accuracy'])}; related: precision "
              f"{_pct(s['related_precision'])}, recall {_pct(s['related_recall'])}; exact stance on related pairs found "
              f"{_pct(s['stance_accuracy_on_found_related'])}")
        print_confusion(s["confusion"])
        if s.get("service_settings_relative") is not None:
            print(f"  with the service's search settings instead ({result['tuning']['service_settings']}): "
                  f"relative {s['service_settings_relative']:.4f}")
        c = s["coverage"]
        print(f"  coverage of the {c['related_pairs']:,} related pairs: {c['body_without_statements']:,} have a body with no "
              f"statement; {c['no_match_with_statements_at_threshold_0']:,} more have statements but none on a claim the "
              f"search returns even at threshold 0 ({c['no_match_at_threshold_0']:,} lost whatever the rule); "
              f"{c['not_found_by_rule']:,} predicted unrelated by the chosen rule")
        print(f"  {c['unrelated_with_match_at_threshold_0']:,} of {c['unrelated_pairs']:,} unrelated pairs have a body "
              f"statement among the headline's results at threshold 0")
        print("  the body's relations on matched claims, pairs found related by the rule, by gold stance:")
        columns = ("found", "DENIES best", "DENIES any", "SUPPORTS best", "ACCUSES best", "REPORTS best")
        print("    " + f"{'gold':<11}" + "".join(f"{c:>15}" for c in columns))
        for gold, row in s["relations"].items():
            print("    " + f"{gold:<11}" + "".join(f"{row.get(c, 0):>15,}" for c in columns))
        print()
    print("for comparison (whole competition test set, systems trained on FNC-1's training set):")
    for name, value in ANCHORS.items():
        print(f"  {name:<22}{value:.3f} relative")
    print(f"  {'this, odd half':<22}{result['splits']['odd']['relative']:.3f} relative")
    print()
    for key, value in result["machine"].items():
        print(f"{key}: {value}")


# -- main ----------------------------------------------------------------------------------


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--statements", type=Path, metavar="PATH",
                        help="statements JSONL from 'claimgraph extract' of the 904 bodies (default: extract them now)")
    parser.add_argument("--processes", type=int, default=2, help="extractor processes when extracting (default 2)")
    parser.add_argument("--min-shared", default="1,2,3", help="min_shared_terms values of the grid (default 1,2,3)")
    parser.add_argument("--limit", type=int, default=1000, help="claims per search (default 1000)")
    parser.add_argument("--heap", default="2g", help="Java heap of the engine (default 2g)")
    parser.add_argument("--top", type=int, default=8, help="grid settings to list (default 8)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    args = parser.parse_args(argv)
    log = log_to(sys.stderr if args.json else sys.stdout)
    min_shared = sorted({int(k) for k in args.min_shared.split(",") if k.strip()})
    if not min_shared or min(min_shared) < 1:
        parser.error("--min-shared: positive integers, comma separated")
    settings = Settings()

    pairs = read_pairs()
    body_ids = read_body_ids()
    headlines = sorted({p.headline for p in pairs})
    by_split = {s: [p for p in pairs if p.split == s] for s in ("even", "odd")}
    result: dict[str, Any] = {
        "data": {"pairs": len(pairs), "headlines": len(headlines), "bodies": len(body_ids),
                 **{f"{s}_pairs": len(v) for s, v in by_split.items()},
                 **{f"{s}_bodies": len({p.body_id for p in v}) for s, v in by_split.items()},
                 **{f"{s}_gold": dict(Counter(p.gold for p in v)) for s, v in by_split.items()}},
    }

    work = Path(tempfile.mkdtemp(prefix="claimgraph-bench-fnc1-"))
    try:
        source = args.statements
        if source is None:
            source = work / "fnc1_statements.jsonl"
            result["extract_s"] = round(extract_statements(source, args.processes, log), 1)
        result["statements_file"] = str(source)
        stripped = work / "statements.jsonl"
        load = Load(statements_in_file=strip_ids(source, stripped))

        engine = EmbeddedEngine(work / "engine", heap=args.heap,
                                start_timeout_s=max(settings.ENGINE_START_TIMEOUT_S, 300.0),
                                command_timeout_s=settings.ENGINE_COMMAND_TIMEOUT_S)
        started = time.perf_counter()
        status = engine.start()
        load.engine_start_s = time.perf_counter() - started
        try:
            driver = engine.driver(status)
            try:
                graph = Graph(driver, DATABASE, f"embedded ArcadeDB at {status.uri} (data {engine.data_dir})")
                log(f"engine: pid {status.pid}, started in {load.engine_start_s:.1f} s, data {engine.data_dir}")
                apply_schema(graph)
                loaded_ids = set(load_statements(graph, stripped, settings, load))
                load.counts = reads.graph_counts(graph)
                load.indexed_claims = run_query(
                    graph, "MATCH (c:Claim) WHERE size(coalesce(c.terms, [])) > 0 RETURN count(c) AS n",
                    label="indexed claims").rows[0]["n"]
                log(f"loaded {load.statements:,} statements of {load.articles} articles in "
                    f"{load.read_prepare_s + load.write_s:.1f} s; graph {load.counts}")
                log(f"searching {len(headlines)} headlines x min_shared_terms {min_shared}")
                searches = search_headlines(graph, headlines, min_shared, settings.identity, args.limit, log)
                result["machine"] = {
                    "cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
                    "engine": "; ".join(f"{c['name']} {'/'.join(c['versions'])}" for c in reads.engine_components(graph))
                              + f" (arcadedb-embedded {metadata.version('arcadedb-embedded')})",
                    "neo4j_driver": metadata.version("neo4j"), "engine_heap": args.heap,
                }
            finally:
                driver.close()
        finally:
            if status.started:
                engine.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    result["load"] = load.as_dict()
    identity = settings.identity
    result["load_identity"] = (f"join_threshold={identity.join_threshold}, min_shared_terms={identity.min_shared_terms}, "
                               f"max_term_claims={identity.max_term_claims}")
    result["searches"] = {
        "searches": len(searches.latencies), "min_shared": min_shared, "limit": args.limit,
        "seconds": round(searches.seconds, 1), "p50_ms": round(1000 * _percentile(searches.latencies, 50), 1),
        "p99_ms": round(1000 * _percentile(searches.latencies, 99), 1),
        "capped": searches.capped,
        "capped_by_k": searches.capped_by_k, "empty": searches.empty,
        "no_terms": searches.no_terms,
    }

    started = time.perf_counter()
    chosen, scored = tune(by_split["even"], searches, min_shared)
    result["tuning"] = {
        "settings": len(scored), "seconds": round(time.perf_counter() - started, 1),
        "chosen": chosen.as_dict(), "chosen_text": chosen.describe(), "best_by_choice": best_by_choice(scored),
        "top": [{"relative": round(r, 4), "rule": rule.as_dict(), "text": rule.describe()} for r, rule in scored[:args.top]],
    }
    # The search as the service runs it (its search_threshold and min_shared_terms), same rule.
    service = dataclasses.replace(chosen, min_shared_terms=identity.min_shared_terms,
                                  search_threshold=identity.search_threshold) \
        if identity.min_shared_terms in min_shared else None
    result["tuning"]["service_settings"] = service.describe() if service else None
    result["splits"] = {}
    for split, split_pairs in by_split.items():
        figures = evaluate(chosen, split_pairs, searches)
        figures["coverage"] = coverage(split_pairs, searches, chosen.min_shared_terms, chosen, loaded_ids)
        figures["relations"] = relations_by_gold(split_pairs, searches, chosen)
        if service is not None:
            figures["service_settings_relative"] = evaluate(service, split_pairs, searches)["relative"]
        result["splits"][split] = figures
    result["reported"] = "odd"
    result["anchors"] = ANCHORS

    if args.json:
        print(json.dumps(result, indent=2, default=str))
    else:
        print_report(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
