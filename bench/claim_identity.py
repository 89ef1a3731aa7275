"""Claim identity across articles, measured on hand-judged pairs of FNC-1 statements.

The pairs (``bench/data/claim-identity-pairs.jsonl``) were built from the statements the
extractor finds in all 904 FNC-1 bodies (``claimgraph extract``), by ``--sample``: pairs of
statements from two different articles whose claims share at least two content words,
drawn with a fixed seed in equal numbers from five bands of similarity (the weighted cosine
of ``graph/claim_identity.py``, term weights from the whole set) plus pairs with the same
normalised words, so that both easy and hard pairs are there. Each pair was then judged by
hand: ``same`` is true when the two claims assert (or deny) one and the same thing, the way
relations.md means a claim: the same event or state of affairs, not just the same topic.

Scoring loads the statements into a fresh embedded engine, as ``claimgraph load`` does, and
asks whether the two statements of a pair point at one Claim node:

- ``before``: claims are one when their normalised words and ABOUT actors are (the identity
  before claim_identity.py), computed from the pair itself;
- ``after``: the graph's answer with the settings given (default: the shipped ones), and the
  same for a few other join thresholds.

Run::

    .venv/bin/python bench/claim_identity.py --statements /tmp/fnc1-904.jsonl
    .venv/bin/python bench/claim_identity.py --statements /tmp/fnc1-904.jsonl --thresholds 0.5,0.6,0.7
    # how the pairs were drawn (then judged by hand):
    .venv/bin/python bench/claim_identity.py --statements /tmp/fnc1-904.jsonl --sample 30 --out pairs.jsonl

where ``/tmp/fnc1-904.jsonl`` is ``claimgraph extract ../shared/eval/fnc1/competition_test_bodies.csv
--text-column articleBody --id-column "Body ID" --id-prefix fnc1- > /tmp/fnc1-904.jsonl``.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

from claimgraph.evaluation.report import Metrics
from claimgraph.graph.claim_identity import IdentitySettings, about_ids, claim_terms, is_local_claim, similarity
from claimgraph.graph.engine import DATABASE, EmbeddedEngine, Graph
from claimgraph.graph.store import apply_schema, write_articles
from claimgraph.graph.types import normalize_claim_text
from claimgraph.loaders.inputs import read_paths
from claimgraph.loaders.prepare import prepare_articles

PAIRS = Path(__file__).resolve().parent / "data" / "claim-identity-pairs.jsonl"
BANDS = ((0.2, 0.35), (0.35, 0.5), (0.5, 0.6), (0.6, 0.75), (0.75, 1.01))


def _statements(path: Path) -> list[dict[str, Any]]:
    """The extracted statements, without the claim ids the extraction settled (the load decides)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if "statement_id" in record:
            record["claim"].pop("claim_id", None)
            rows.append(record)
    return rows


def _summary(statement: dict[str, Any]) -> dict[str, Any]:
    about = sorted(about_ids(statement["relation"], (t["actor_id"] for t in statement["targets"])))
    return {"article_id": statement["article_id"], "statement_id": statement["statement_id"],
            "speaker": statement["speaker"]["name"], "relation": statement["relation"], "about": about,
            "claim": statement["claim"]["text"]}


def sample_pairs(statements: list[dict[str, Any]], per_band: int, seed: int = 0) -> list[dict[str, Any]]:
    """Cross-article pairs of worded claims sharing two or more terms, ``per_band`` per band of
    similarity and ``per_band`` with the same normalised words."""
    worded = [s for s in statements if not s["claim"].get("refers_to") and not is_local_claim(s["claim"]["text"])]
    terms = [claim_terms(s["claim"]["text"]) for s in worded]
    holding: dict[str, int] = defaultdict(int)
    by_term: dict[str, list[int]] = defaultdict(list)
    for index, claim in enumerate(terms):
        for term in claim:
            holding[term] += 1
            by_term[term].append(index)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for term, holders in by_term.items():
        if len(holders) <= 200:  # as the index: very common words find no candidates
            for a, b in combinations(holders, 2):
                shared[a, b] += 1
    bands: dict[str, list[tuple[int, int, float]]] = defaultdict(list)
    for (a, b), count in shared.items():
        if count < 2 or worded[a]["article_id"] == worded[b]["article_id"]:
            continue
        if normalize_claim_text(worded[a]["claim"]["text"]) == normalize_claim_text(worded[b]["claim"]["text"]):
            bands["same words"].append((a, b, 1.0))
            continue
        score = similarity(terms[a], terms[b], holding).score
        for low, high in BANDS:
            if low <= score < high:
                bands[f"{low:.2f}-{min(high, 1.0):.2f}"].append((a, b, score))
    rng = random.Random(seed)
    pairs = []
    for band in sorted(bands):
        for a, b, score in rng.sample(sorted(bands[band]), min(per_band, len(bands[band]))):
            pairs.append({"band": band, "score": round(score, 3), "a": _summary(worded[a]), "b": _summary(worded[b]),
                          "same": None})
    return pairs


def _claims_in_graph(statements: list[dict[str, Any]], identity: IdentitySettings) -> dict[tuple[str, str], str]:
    """Load the statements into a fresh embedded engine; the claim id of each (article, claim
    words): pairs name their statements so, which outlives changes of the extractor's ids."""
    folder = Path(tempfile.mkdtemp(prefix="claimgraph-identity-"))
    engine = EmbeddedEngine(folder)
    try:
        status = engine.start()
        graph = Graph(engine.driver(status), DATABASE, "bench")
        apply_schema(graph)
        source = folder / "statements.jsonl"
        source.write_text("".join(json.dumps(s) + "\n" for s in statements), encoding="utf-8")
        write_articles(graph, prepare_articles(read_paths([source])), identity=identity)
        records, _, _ = graph.driver.execute_query(
            "MATCH (c:Claim)<-[r:ACCUSES|DENIES|REPORTS|SUPPORTS]-(:Actor) WHERE r.refers_to IS NULL "
            "RETURN r.article_id AS article_id, r.claim_text AS claim_text, c.id AS claim_id", database_=graph.database)
        graph.driver.close()
        return {(r["article_id"], normalize_claim_text(r["claim_text"] or "")): r["claim_id"] for r in records}
    finally:
        engine.stop()
        shutil.rmtree(folder, ignore_errors=True)


def _key(side: dict[str, Any]) -> tuple[str, str]:
    return side["article_id"], normalize_claim_text(side["claim"])


def score(pairs: list[dict[str, Any]], same_claim: list[bool]) -> Metrics:
    """Pairs judged the same, pairs put on one claim, and both."""
    both = sum(1 for p, joined in zip(pairs, same_claim) if p["same"] and joined)
    return Metrics(both, sum(same_claim), sum(1 for p in pairs if p["same"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=Path, required=True, help="claimgraph extract output for the 904 bodies.")
    parser.add_argument("--pairs", type=Path, default=PAIRS)
    parser.add_argument("--thresholds", default="0.5,0.6,0.7", help="Join thresholds to compare.")
    parser.add_argument("--sample", type=int, default=0, metavar="N", help="Draw N pairs per band instead of scoring.")
    parser.add_argument("--out", type=Path, help="Where --sample writes the pairs.")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    statements = _statements(args.statements)
    if args.sample:
        pairs = sample_pairs(statements, args.sample)
        text = "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pairs)
        if args.out:
            args.out.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        return 0

    pairs = [json.loads(line) for line in args.pairs.read_text(encoding="utf-8").splitlines() if line.strip()]
    present = {(s["article_id"], normalize_claim_text(s["claim"]["text"] or "")) for s in statements}
    scored = [p for p in pairs if _key(p["a"]) in present and _key(p["b"]) in present]
    before = [_key(p["a"])[1] == _key(p["b"])[1] and p["a"]["about"] == p["b"]["about"] for p in scored]
    report: dict[str, Any] = {"pairs": len(pairs), "scored": len(scored), "judged_same": sum(1 for p in scored if p["same"]),
                              "before (same words and targets)": score(scored, before).as_dict()}
    for threshold in (float(t) for t in args.thresholds.split(",")):
        claims = _claims_in_graph(statements, IdentitySettings(join_threshold=threshold))
        after = [claims[_key(p["a"])] == claims[_key(p["b"])] for p in scored]
        report[f"after, join threshold {threshold}"] = score(scored, after).as_dict()
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"{report['pairs']} pairs, {report['scored']} with both claims among the statements, "
          f"{report['judged_same']} of those judged the same claim")
    for name, value in report.items():
        if isinstance(value, dict):
            print(f"{name:36} P {value['precision']:.3f}  R {value['recall']:.3f}  F1 {value['f1']:.3f}  "
                  f"(joined {value['n_pred']}, right {value['tp']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
