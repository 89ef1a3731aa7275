"""The relation model cross-validated over several fold seeds, on FNC-1 train and the extra
training bodies: for choosing between two versions of the rules.

One cross-validation run (one way of cutting the articles into five folds) moves by about
±0.003 full F1 when a rule change adds or removes a handful of training examples, because the
model is refitted on them; that is the size of most rule changes. The mean over several fold
seeds is steadier. Each fold's model learns from the other folds' articles of both sets and
all of PolNeAR's relations, as ``claimgraph train`` does (``loaders/extraction/training.py``),
and the accuse, report and drop thresholds are applied as given.

Prints, per set: the rules alone (no tagger, no relation model), then full F1 for each seed
and their mean, that mean plus the mean relation F1 (``training.selection_score``, what
``claimgraph train`` ranks settings by), with the gold accusations found as ACCUSES and the
ACCUSES predicted (means over the seeds). ``claimgraph train`` chooses its setting by the same
mean over three cuts (``training.cross_validate``); this prints each cut, on the extra bodies
too.

Run (needs ``../shared/eval``; about 1.5 minutes on 2 cores)::

    .venv/bin/python bench/relation_cv.py                       # the shipped model's setting
    .venv/bin/python bench/relation_cv.py --drop 0.5 --seeds 0,1,2
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from claimgraph.evaluation.gold import score_gold
from claimgraph.loaders.extraction import RuleExtractor, training

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "eval"
EXTRA_TRAINING_GOLD = REPO / "bench" / "data" / "fnc1-train-extra.gold.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", default="0,1,2", help="fold seeds, comma-separated")
    parser.add_argument("--c", type=float, help="inverse regularisation strength (default: the shipped model's)")
    parser.add_argument("--drop", type=float, help="drop threshold (default: the shipped model's)")
    parser.add_argument("--accuse", type=float, help="accuse threshold (default: the shipped model's)")
    parser.add_argument("--report", type=float, help="report threshold (default: the shipped model's)")
    args = parser.parse_args()
    seeds = [int(seed) for seed in args.seeds.split(",")]

    extractor = RuleExtractor()
    setting = training.Setting(**extractor.relation_model.card["setting"])  # type: ignore[union-attr]
    if args.c is not None:
        setting = replace(setting, c=args.c)
    if args.drop is not None:
        setting = replace(setting, drop_threshold=args.drop)
    if args.accuse is not None:
        setting = replace(setting, accuse_threshold=args.accuse)
    if args.report is not None:
        setting = replace(setting, report_threshold=args.report)
    found = extractor.with_models(relation_model=None)
    rules = extractor.with_models(relation_model=None, tagger=None)
    fnc1, polnear, [extra] = training.training_corpora(found, SHARED, [EXTRA_TRAINING_GOLD])
    remembered = training.remembering_tags(found)  # tags each article once for all cuts
    sets = {"train": fnc1, "extra": extra}
    # As ``training.training_examples`` orders them, so the fits are the training command's.
    examples = [example for corpus in (fnc1, polnear, extra) for example in training.examples_of(found, corpus)]
    print(f"setting: {setting}")
    for name, corpus in sets.items():
        alone, _ = training.extract(rules, corpus)
        print(f"{name:6} rules alone: full F1 {score_gold(corpus.gold, alone).full.f1:.3f}")
        cuts = [training.cross_validate_once(examples, corpus, seed, remembered, [setting])[setting] for seed in seeds]
        mean = training.mean_figures(cuts)
        gold_accusations = sum(1 for g in corpus.gold if g.relation[0] == "ACCUSES")
        by_cut = " ".join(f"{cut['full_f1']:.3f}" for cut in cuts)
        print(f"{name:6} cross-validated: full F1 {by_cut}, "
              f"mean {sum(cut['full_f1'] for cut in cuts) / len(cuts):.4f}, "
              f"with mean relation F1 {training.selection_score(mean):.4f}; "
              f"ACCUSES found {mean['accuses_recall'] * gold_accusations:.1f} of {gold_accusations}, "
              f"predicted {mean['relations'].get('ACCUSES', 0):.1f}", flush=True)


if __name__ == "__main__":
    main()
