"""How well the extractor does on annotated news: every figure of the extraction issue in one run.

- Development gold (hand-annotated, ``../shared/eval/dev``): the seed article and the six
  FNC-1 bodies, scored by the rules of the gold set's README (``claimgraph eval`` prints the
  same figures, with ``--show-errors`` for what went wrong).
- News outside every shared set (``bench/data/fnc1-unseen.gold.jsonl``): 131 FNC-1 bodies in
  neither train nor dev, annotated by this project by the same conventions, never used to
  train or choose anything: the figure that counts. Shipped extractor and rules alone.
- FNC-1 train (48 bodies the rules were never tuned on), cross-validated by article: the
  shipped relation model's setting, retrained on four fifths of the articles, decides the
  fifth; the mean over three ways of cutting the folds (``loaders/extraction/training.py``).
- PolNeAR span overlap on its dev split, twice: the attribution tagger alone (PolNeAR's own
  task: attitudes and intentions such as "wants" and "plans" count) and the statements that
  enter the graph (speech acts only, relations.md), with the recall split by whether the gold
  cue holds a word of our cue lexicons. PolNeAR train is no longer "unseen": the tagger learns
  from it.
- ACCUSES recall counts the gold accusations found as ACCUSES edges; in brackets, also those
  found as a report where the gold accepts REPORTS as its second relation (a full match, but
  no accusation in the graph).
- All 904 FNC-1 bodies extracted as ``claimgraph ingest`` would: each relation's share of
  the statements, the 50 most frequent speakers and the 30 most often accused.
- Claim identity: over all pairs of predictions matched to dev gold statements, whether
  claimgraph puts the two on one Claim node (same ``claim_id``, or one's ``refers_to`` names
  the other) when the gold does (same claim text, or one ``denies`` the other).

Run::

    .venv/bin/python bench/quality.py                  # about 5 minutes on 2 cores
    .venv/bin/python bench/quality.py --skip-fnc1-all  # about 3 minutes (the 904 bodies take 2)
    .venv/bin/python bench/quality.py --json
"""

from __future__ import annotations

import argparse
import itertools
from collections import Counter
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
from claimgraph.loaders.extraction import training
from claimgraph.loaders.extraction.lexicon import load_lexicon
from claimgraph.loaders.extraction.tagger import scorable_statements
from claimgraph.loaders.prepare import prepare_articles
from claimgraph.loaders.text import extract_articles

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "eval"
# FNC-1 bodies outside every shared set, annotated by this project (bench/data/README.md): a
# test set, and more training data for the relation model.
UNSEEN_GOLD = REPO / "bench" / "data" / "fnc1-unseen.gold.jsonl"
EXTRA_TRAINING_GOLD = REPO / "bench" / "data" / "fnc1-train-extra.gold.jsonl"


def predictions(extractor: RuleExtractor, inputs: list[ArticleInput]) -> list[Statement]:
    """Statements as ``claimgraph extract`` gives them: extracted, then actors resolved."""
    parsed = extract_articles(inputs, extractor)
    return [s for article in prepare_articles(parsed, ActorResolver()) for s in article.statements]


def fnc1_inputs(gold: list[GoldStatement]) -> list[ArticleInput]:
    """The FNC-1 bodies a gold file annotates."""
    read = read_articles([SHARED / "fnc1" / "competition_test_bodies.csv"], text_column="articleBody",
                         id_column="Body ID", id_prefix="fnc1-")
    wanted = {g.article for g in gold}
    return [a for a in read.articles if a.article.id in wanted]


def dev_inputs() -> list[ArticleInput]:
    seed = SHARED / "dev" / "seed-nk-mercenaries.txt"
    return read_articles([seed]).articles + fnc1_inputs(load_gold(SHARED / "dev" / "fnc1-dev.gold.jsonl"))


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


def _cue_kind(attribution: Any, cue_words: set[str]) -> str:
    words = {w.lower().strip(".,:;") for cue in attribution.cues for w in cue.text.split()}
    lemmas = words | {w[:-1] for w in words if w.endswith("s")} | {w[:-2] for w in words if w.endswith("ed")} \
        | {w[:-1] for w in words if w.endswith("ed")} | {w[:-3] for w in words if w.endswith("ing")}
    return "speech_cue" if lemmas & cue_words else "other_cue"


def tagged_statements(extractor: RuleExtractor, articles: list[Any]) -> list[Statement]:
    """The attribution tagger's finds alone, as statements with the spans ``score_polnear`` reads."""
    docs = extractor.nlp.pipe((a.text for a in articles), batch_size=8)
    return [s for article, doc in zip(articles, docs)
            for s in scorable_statements(article.id, doc.text, extractor.tagger.tag(doc))]  # type: ignore[union-attr]


def polnear_figures(extractor: RuleExtractor, folder: Path, tagger_only: bool) -> dict[str, Any]:
    articles = read_polnear(folder)
    if tagger_only:
        found = tagged_statements(extractor, articles)
    else:
        found = predictions(extractor, [ArticleInput(Article(id=a.id, text=a.text), origin=a.id) for a in articles])
    scores = score_polnear(articles, found)
    lexicon = load_lexicon()
    cue_words = set(lexicon.cue_verbs) | set(lexicon.claim_nouns) | {"according"}
    missed = set(scores.unmatched_gold)
    split = {"speech_cue": [0, 0], "other_cue": [0, 0]}
    for article in articles:
        for attribution in article.scored:
            kind = _cue_kind(attribution, cue_words)
            split[kind][1] += 1
            split[kind][0] += (article.id, attribution.id) not in missed
    return {"articles": scores.n_articles, "overlap_precision": scores.overlap.precision,
            "overlap_recall": scores.overlap.recall, "overlap_f1": scores.overlap.f1,
            "exact_precision": scores.exact.precision, "exact_recall": scores.exact.recall, "exact_f1": scores.exact.f1,
            "recall_by_cue": {k: {"found": v[0], "gold": v[1], "recall": v[0] / max(1, v[1])} for k, v in split.items()}}


def train_cross_validated(extractor: RuleExtractor) -> dict[str, Any]:
    """FNC-1 train figures of the shipped relation model's setting, by article folds."""
    assert extractor.relation_model is not None
    found = extractor.with_models(relation_model=None)
    # The extra bodies are in every fold's training when the shipped model was trained on them.
    extra = [EXTRA_TRAINING_GOLD] if EXTRA_TRAINING_GOLD.name in extractor.relation_model.card["data"] else []
    fnc1, examples = training.training_examples(found, SHARED, extra)
    setting = training.Setting(**extractor.relation_model.card["setting"])
    return training.cross_validate(examples, fnc1, extractor.relation_model.card["seed"], found, [setting])[setting]


def all_fnc1_bodies(extractor: RuleExtractor) -> dict[str, Any]:
    """What ``claimgraph ingest`` of all 904 FNC-1 bodies puts in the graph."""
    read = read_articles([SHARED / "fnc1" / "competition_test_bodies.csv"], text_column="articleBody",
                         id_column="Body ID", id_prefix="fnc1-")
    found = predictions(extractor, read.articles)
    relations = Counter(s.relation for s in found)
    names = {s.speaker.actor_id: s.speaker.name for s in found}
    accused = [t for s in found if s.relation == "ACCUSES" for t in s.targets]
    names.update((t.actor_id, t.name) for t in accused)
    return {"articles": len(read.articles), "statements": len(found),
            "relation_share": {r: round(n / max(1, len(found)), 3) for r, n in relations.most_common()},
            # Counted by actor, as the graph holds them: "a source" is someone else in each article.
            "top_speakers": [(names[actor_id], n) for actor_id, n in Counter(s.speaker.actor_id for s in found).most_common(50)],
            "unnamed_speakers": sum(1 for s in found if "/unnamed/" in (s.speaker.actor_id or "")),
            # Who is accused, the product's first question, counted by actor as well.
            "top_accused": [(names[actor_id], n) for actor_id, n in Counter(t.actor_id for t in accused).most_common(30)]}


def _gold_scores(name: str, r: dict[str, Any]) -> str:
    """One line of ``training.summarise`` figures on a gold set."""
    return (f"{name:27} attribution F1 {r['attribution_f1']:.3f}  full P {r['full_precision']:.3f} "
            f"R {r['full_recall']:.3f} F1 {r['full_f1']:.3f}  ACCUSES P {r['accuses_precision']:.3f} "
            f"R {r['accuses_recall']:.3f} ({r['accuses_accepted_recall']:.3f} as any accepted relation)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-fnc1-all", action="store_true", help="leave out the 904-body extraction (4 minutes)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"needs the shared evaluation folder at {SHARED}", file=sys.stderr)
        return 2
    extractor = RuleExtractor()
    rules_alone = extractor.with_models(relation_model=None, tagger=None)
    seed_gold = load_gold(SHARED / "dev" / "seed-nk-mercenaries.gold.jsonl")
    fnc_gold = load_gold(SHARED / "dev" / "fnc1-dev.gold.jsonl")
    unseen_gold = load_gold(UNSEEN_GOLD)
    unseen_inputs = fnc1_inputs(unseen_gold)
    predicted = predictions(extractor, dev_inputs())
    predicted_by_rules = predictions(rules_alone, dev_inputs())
    results: dict[str, Any] = {
        "extractor": extractor.name,
        "seed": training.summarise(seed_gold, predicted),
        "fnc1_dev": training.summarise(fnc_gold, predicted),
        "fnc1_dev_rules_alone": training.summarise(fnc_gold, predicted_by_rules),
        "fnc1_unseen": training.summarise(unseen_gold, predictions(extractor, unseen_inputs)),
        "fnc1_unseen_rules_alone": training.summarise(unseen_gold, predictions(rules_alone, unseen_inputs)),
        "fnc1_train_cross_validated": train_cross_validated(extractor),
        "claim_identity": claim_identity(seed_gold + fnc_gold, predicted),
        "polnear_dev_tagger": polnear_figures(extractor, SHARED / "polnear" / "dev", tagger_only=True),
        "polnear_dev_statements": polnear_figures(extractor, SHARED / "polnear" / "dev", tagger_only=False),
    }
    if not args.skip_fnc1_all:
        results["fnc1_all_bodies"] = all_fnc1_bodies(extractor)
    if args.json:
        print(json.dumps(results))
        return 0
    print(f"extractor: {results['extractor']}")
    for name in ("seed", "fnc1_dev", "fnc1_dev_rules_alone", "fnc1_unseen", "fnc1_unseen_rules_alone"):
        r = results[name]
        print(f"{_gold_scores(name, r)}  denial links {r['denial_links'][0]}/{r['denial_links'][1]}")
    r = results["fnc1_train_cross_validated"]
    print(f"{_gold_scores('fnc1_train, 5-fold CV, 3 cuts', r)}  mean F1 (A, D, R) {r['mean_relation_f1']:.3f}")
    c = results["claim_identity"]
    print(f"{'claim identity':27} {c['pairs']} pairs: same in gold {c['same_in_gold']}, in the graph "
          f"{c['same_in_graph']}, both {c['agree']}: precision {c['precision']:.2f} recall {c['recall']:.2f}")
    for name in ("polnear_dev_tagger", "polnear_dev_statements"):
        r = results[name]
        split = r["recall_by_cue"]
        print(f"{name:27} {r['articles']} articles: overlap P {r['overlap_precision']:.3f} R {r['overlap_recall']:.3f} "
              f"F1 {r['overlap_f1']:.3f}; exact P {r['exact_precision']:.3f} R {r['exact_recall']:.3f} "
              f"F1 {r['exact_f1']:.3f}; recall on speech cues {split['speech_cue']['recall']:.3f} "
              f"({split['speech_cue']['gold']}), on other cues {split['other_cue']['recall']:.3f} ({split['other_cue']['gold']})")
    if "fnc1_all_bodies" in results:
        r = results["fnc1_all_bodies"]
        shares = ", ".join(f"{k} {v:.1%}" for k, v in r["relation_share"].items())
        print(f"{'fnc1, all bodies':27} {r['articles']} articles, {r['statements']} statements: {shares}")
        print("  top 50 speakers (actors): " + ", ".join(f"{name} ({n})" for name, n in r["top_speakers"]))
        print(f"  statements by unnamed speakers, each local to its article (\"a source\", \"the man\"): {r['unnamed_speakers']}")
        print("  top 30 accused: " + ", ".join(f"{name} ({n})" for name, n in r["top_accused"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
