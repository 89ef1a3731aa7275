"""How well the extractor does on annotated news: every figure of the extraction issue in one run.

- Development gold (hand-annotated, ``../shared/eval/dev``): the seed article and the six
  FNC-1 bodies, scored by the rules of the gold set's README (``claimgraph eval`` prints the
  same figures, with ``--show-errors`` for what went wrong).
- PolNeAR span overlap on its dev split (used while developing) and on the first
  ``--train-limit`` articles of its train split (never looked at while developing: the
  figure for news the rules have not seen), with the recall split by whether the gold cue
  holds a word of our cue lexicons: PolNeAR also annotates attitudes and intentions
  ("wants", "plans", "opposes") and headlines, which the contract (relations.md) leaves out.
- Claim identity: over all pairs of predictions matched to dev gold statements, whether
  claimgraph puts the two on one Claim node (same ``claim_id``, or one's ``refers_to`` names
  the other) when the gold does (same claim text, or one ``denies`` the other).

Run::

    .venv/bin/python bench/quality.py                  # about 1 minute on 2 cores
    .venv/bin/python bench/quality.py --json
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path
from typing import Any

from claimgraph.evaluation.gold import GoldStatement, load_gold, score_gold
from claimgraph.evaluation.polnear import read_polnear, score_polnear
from claimgraph.graph.types import Article, Statement, normalize_claim_text
from claimgraph.loaders.actors import ActorResolver
from claimgraph.loaders.articles import ArticleInput, read_articles
from claimgraph.loaders.extraction import RuleExtractor
from claimgraph.loaders.extraction.lexicon import load_lexicon
from claimgraph.loaders.prepare import prepare_articles
from claimgraph.loaders.text import extract_articles

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "eval"


def predictions(extractor: RuleExtractor, inputs: list[ArticleInput]) -> list[Statement]:
    """Statements as ``claimgraph extract`` gives them: extracted, then actors resolved."""
    parsed = extract_articles(inputs, extractor)
    return [s for article in prepare_articles(parsed, ActorResolver()) for s in article.statements]


def dev_inputs() -> list[ArticleInput]:
    seed = SHARED / "dev" / "seed-nk-mercenaries.txt"
    read = read_articles([SHARED / "fnc1" / "competition_test_bodies.csv"], text_column="articleBody",
                         id_column="Body ID", id_prefix="fnc1-")
    wanted = {g.article for g in load_gold(SHARED / "dev" / "fnc1-dev.gold.jsonl")}
    return read_articles([seed]).articles + [a for a in read.articles if a.article.id in wanted]


def gold_figures(gold: list[GoldStatement], predicted: list[Statement]) -> dict[str, Any]:
    scores = score_gold(gold, predicted)
    return {"attribution_f1": scores.attribution.f1, "full_precision": scores.full.precision,
            "full_recall": scores.full.recall, "full_f1": scores.full.f1,
            "denial_links": [scores.denial_links.linked, scores.denial_links.total]}


def claim_identity(gold: list[GoldStatement], predicted: list[Statement]) -> dict[str, Any]:
    matched = [(pair.gold, pair.prediction) for pair in score_gold(gold, predicted).pairs]

    def same_in_gold(a: GoldStatement, b: GoldStatement) -> bool:
        return normalize_claim_text(a.claim) == normalize_claim_text(b.claim) or a.id in b.denies or b.id in a.denies

    def same_in_graph(a: Statement, b: Statement) -> bool:
        claims_a = set(a.claim.refers_to) or {a.claim.claim_id}
        claims_b = set(b.claim.refers_to) or {b.claim.claim_id}
        return bool(claims_a & claims_b) or a.statement_id in b.claim.refers_to or b.statement_id in a.claim.refers_to

    both = gold_only = graph_only = 0
    for (gold_a, pred_a), (gold_b, pred_b) in itertools.combinations(matched, 2):
        in_gold, in_graph = same_in_gold(gold_a, gold_b), same_in_graph(pred_a, pred_b)
        both += in_gold and in_graph
        gold_only += in_gold and not in_graph
        graph_only += in_graph and not in_gold
    return {"pairs": len(matched) * (len(matched) - 1) // 2, "same_in_gold": both + gold_only,
            "same_in_graph": both + graph_only, "agree": both,
            "precision": both / max(1, both + graph_only), "recall": both / max(1, both + gold_only)}


def polnear_figures(extractor: RuleExtractor, folder: Path, limit: int | None) -> dict[str, Any]:
    articles = read_polnear(folder, limit=limit)
    inputs = [ArticleInput(Article(id=a.id, text=a.text), origin=a.id) for a in articles]
    scores = score_polnear(articles, predictions(extractor, inputs))
    lexicon = load_lexicon()
    cue_words = set(lexicon.cue_verbs) | set(lexicon.claim_nouns) | {"according"}
    missed = set(scores.unmatched_gold)
    split = {"speech_cue": [0, 0], "other_cue": [0, 0]}
    for article in articles:
        for attribution in article.scored:
            words = {w.lower().strip(".,:;") for cue in attribution.cues for w in cue.text.split()}
            lemmas = words | {w[:-1] for w in words if w.endswith("s")} | {w[:-2] for w in words if w.endswith("ed")} \
                | {w[:-1] for w in words if w.endswith("ed")} | {w[:-3] for w in words if w.endswith("ing")}
            kind = "speech_cue" if lemmas & cue_words else "other_cue"
            split[kind][1] += 1
            split[kind][0] += (article.id, attribution.id) not in missed
    return {"articles": scores.n_articles, "overlap_precision": scores.overlap.precision,
            "overlap_recall": scores.overlap.recall, "overlap_f1": scores.overlap.f1, "exact_f1": scores.exact.f1,
            "recall_by_cue": {k: {"found": v[0], "gold": v[1], "recall": v[0] / max(1, v[1])} for k, v in split.items()}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train-limit", type=int, default=100, help="PolNeAR train articles to score (unseen news)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"needs the shared evaluation folder at {SHARED}", file=sys.stderr)
        return 2
    extractor = RuleExtractor()
    predicted = predictions(extractor, dev_inputs())
    seed_gold = load_gold(SHARED / "dev" / "seed-nk-mercenaries.gold.jsonl")
    fnc_gold = load_gold(SHARED / "dev" / "fnc1-dev.gold.jsonl")
    results = {
        "seed": gold_figures(seed_gold, predicted),
        "fnc1_dev": gold_figures(fnc_gold, predicted),
        "claim_identity": claim_identity(seed_gold + fnc_gold, predicted),
        "polnear_dev": polnear_figures(extractor, SHARED / "polnear" / "dev", None),
        "polnear_train_unseen": polnear_figures(extractor, SHARED / "polnear" / "train", args.train_limit),
    }
    if args.json:
        print(json.dumps(results))
        return 0
    for name in ("seed", "fnc1_dev"):
        r = results[name]
        print(f"{name:22} attribution F1 {r['attribution_f1']:.3f}  full P {r['full_precision']:.3f} "
              f"R {r['full_recall']:.3f} F1 {r['full_f1']:.3f}  denial links {r['denial_links'][0]}/{r['denial_links'][1]}")
    c = results["claim_identity"]
    print(f"{'claim identity':22} {c['pairs']} pairs: same in gold {c['same_in_gold']}, in the graph "
          f"{c['same_in_graph']}, both {c['agree']}: precision {c['precision']:.2f} recall {c['recall']:.2f}")
    for name in ("polnear_dev", "polnear_train_unseen"):
        r = results[name]
        split = r["recall_by_cue"]
        print(f"{name:22} {r['articles']} articles: overlap P {r['overlap_precision']:.3f} R {r['overlap_recall']:.3f} "
              f"F1 {r['overlap_f1']:.3f} (exact F1 {r['exact_f1']:.3f}); recall on speech cues "
              f"{split['speech_cue']['recall']:.3f} ({split['speech_cue']['gold']}), on other cues "
              f"{split['other_cue']['recall']:.3f} ({split['other_cue']['gold']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
