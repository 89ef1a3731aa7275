"""Where the extractor's misses go, in one cut of the cross-validation on FNC-1 train and the
extra training bodies: for choosing what to work on next. It never reads the unseen test bodies.

Prints, per set:
- the gold statements left unmatched, by what the extraction has near them: no prediction
  overlapping the claim, the claim found under another speaker, or only part of it found;
- the same with the relation model dropping nothing (drop threshold 1.01): what the speech-act
  filter costs in recall;
- where the gold accusations go: found as ACCUSES; as a report the gold also accepts, with the
  model's ACCUSES probability under or over the accuse threshold (over it, no one to blame was
  found); as another relation; not found;
- where the gold denial links go (gold DENIES that name the statements they deny): linked as
  the scoring counts it; the denial found but pointing at no statement (mostly found as a
  report), or at others; the denial not found;
- the predicted accusations that no gold accusation matches in full (``wrong-accusation``),
  with the gold statement each matched otherwise, if any: for accusation precision.

Each fold's relation model learns from the other folds' articles of both sets and all of
PolNeAR's relations, as ``claimgraph train`` does (``loaders/extraction/training.py``).
``--show KIND`` lists the gold statements of one kind, with the prediction nearest each.

Run (needs ``../shared/eval``; about 2 minutes on 2 cores)::

    .venv/bin/python bench/misses.py
    .venv/bin/python bench/misses.py --show other-speaker
    .venv/bin/python bench/misses.py --show accepted-over --seed 1
    .venv/bin/python bench/misses.py --show no-link             # denials that point at nothing
    .venv/bin/python bench/misses.py --show wrong-accusation    # accusations the gold does not make
"""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import replace
from pathlib import Path

from claimgraph.evaluation.gold import GoldScores, GoldStatement, actor_matches, claim_overlap, score_gold
from claimgraph.graph.types import Statement
from claimgraph.loaders.extraction import RuleExtractor, training
from claimgraph.loaders.extraction.relation_model import NEVER

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "eval"
EXTRA_TRAINING_GOLD = REPO / "bench" / "data" / "fnc1-train-extra.gold.jsonl"
# A prediction whose claim shares this much of a gold claim's words stands for it.
SAME_CLAIM = 0.5
UNMATCHED_KINDS = ("nothing-near", "other-speaker", "part-of-claim")
ACCUSATION_KINDS = ("accused", "accepted-under", "accepted-over", "other-relation", "accusation-not-found")
LINK_KINDS = ("linked", "no-link", "wrong-link", "denial-not-found")
WRONG_ACCUSATION = "wrong-accusation"
KINDS = UNMATCHED_KINDS + ACCUSATION_KINDS + LINK_KINDS + (WRONG_ACCUSATION,)


def nearest(gold: GoldStatement, predictions: list[Statement]) -> tuple[float, Statement | None]:
    """The prediction of the gold statement's article whose claim shares most of its words."""
    scored = [(claim_overlap(gold.claim, p.claim.text) or 0.0, p) for p in predictions if p.article_id == gold.article]
    return max(scored, key=lambda pair: pair[0], default=(0.0, None))


def unmatched_kind(gold: GoldStatement, predictions: list[Statement]) -> str:
    overlap, prediction = nearest(gold, predictions)
    if prediction is None or overlap == 0.0:
        return "nothing-near"
    if overlap >= SAME_CLAIM and not actor_matches(prediction.speaker, gold.speaker):
        return "other-speaker"
    return "part-of-claim"


def accusation_kinds(gold: list[GoldStatement], scores: GoldScores, accuse_probability: dict[str, float],
                     accuse_threshold: float) -> dict[int, tuple[str, Statement | None]]:
    """Each gold accusation (by its index) with what became of it and the prediction it matched,
    from the gold's scores against the predictions."""
    matched = {id(pair.gold): pair for pair in scores.pairs}
    kinds: dict[int, tuple[str, Statement | None]] = {}
    for index, statement in enumerate(gold):
        if statement.relation[0] != "ACCUSES":
            continue
        pair = matched.get(id(statement))
        if pair is None:
            kinds[index] = ("accusation-not-found", None)
        elif pair.full and pair.prediction.relation == "ACCUSES":
            kinds[index] = ("accused", pair.prediction)
        elif pair.full and pair.prediction.relation == "REPORTS":
            over = accuse_probability.get(pair.prediction.statement_id or "", 0.0) >= accuse_threshold
            kinds[index] = ("accepted-over" if over else "accepted-under", pair.prediction)
        else:
            kinds[index] = ("other-relation", pair.prediction)
    return kinds


def denial_link_kinds(gold: list[GoldStatement], scores: GoldScores) -> dict[int, tuple[str, Statement | None]]:
    """Each gold denial that names the statements it denies (by its index), with what became
    of its link and the prediction it matched, from the gold's scores against the predictions."""
    matched = {id(pair.gold): pair.prediction for pair in scores.pairs}
    unlinked = set(scores.denial_links.unlinked)
    kinds: dict[int, tuple[str, Statement | None]] = {}
    for index, statement in enumerate(gold):
        if "DENIES" not in statement.relation or not statement.denies:
            continue
        prediction = matched.get(id(statement))
        if prediction is None:
            kinds[index] = ("denial-not-found", None)
        elif statement.id not in unlinked:
            kinds[index] = ("linked", prediction)
        else:
            kinds[index] = ("wrong-link" if prediction.claim.refers_to else "no-link", prediction)
    return kinds


def wrong_accusations(predictions: list[Statement], scores: GoldScores) -> list[tuple[Statement, GoldStatement | None]]:
    """The predicted accusations that no gold statement accepting ACCUSES matches in full, each
    with the gold statement it matched otherwise (another relation or target), if any."""
    right = {id(pair.prediction) for pair in scores.pairs if pair.full and "ACCUSES" in pair.gold.relation}
    matched = {id(pair.prediction): pair.gold for pair in scores.pairs}
    return [(p, matched.get(id(p))) for p in predictions if p.relation == "ACCUSES" and id(p) not in right]


def describe_prediction(prediction: Statement) -> str:
    targets = [t.name for t in prediction.targets]
    return f"{prediction.relation} {prediction.speaker.name!r} {targets}: {prediction.claim.text[:100]!r}"


def describe(statement: GoldStatement, prediction: Statement | None) -> str:
    line = f"  {statement.article} {statement.id} {statement.speaker[0]!r} {statement.cue!r}: {statement.claim[:100]!r}"
    if prediction is not None:
        line += f"\n      predicted {describe_prediction(prediction)}"
    return line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=0, help="fold seed (the cut)")
    parser.add_argument("--show", choices=KINDS, help="list the gold statements of this kind")
    args = parser.parse_args()

    extractor = RuleExtractor()
    setting = training.Setting(**extractor.relation_model.card["setting"])  # type: ignore[union-attr]
    found = training.remembering_tags(extractor.with_models(relation_model=None))
    fnc1, polnear, [extra] = training.training_corpora(found, SHARED, [EXTRA_TRAINING_GOLD])
    # As ``training.training_examples`` orders them, so the fits are the training command's.
    examples = [example for corpus in (fnc1, polnear, extra) for example in training.examples_of(found, corpus)]
    print(f"setting: {setting}; fold seed {args.seed}")
    for name, corpus in {"train": fnc1, "extra": extra}.items():
        shipped: list[Statement] = []
        keeping_all: list[Statement] = []
        accuse_probability: dict[str, float] = {}
        # The two settings differ in a threshold only: one fit per fold serves both.
        settings = [setting, replace(setting, drop_threshold=NEVER)]
        for applied, model, statements, features in training.held_out_extractions(examples, corpus, args.seed,
                                                                                   found, settings):
            if applied == setting:
                shipped.extend(statements)
                accuse_probability.update({sid: model.predict(f).probabilities.get("ACCUSES", 0.0)
                                           for sid, f in features.items()})
            else:
                keeping_all.extend(statements)
        shipped_scores = score_gold(corpus.gold, shipped)
        for label, predictions, scores in (("as shipped", shipped, shipped_scores),
                                           ("dropping nothing", keeping_all, score_gold(corpus.gold, keeping_all))):
            kinds = Counter(unmatched_kind(g, predictions) for g in scores.unmatched_gold)
            print(f"{name:6} {label:17} full F1 {scores.full.f1:.3f} (P {scores.full.precision:.3f} "
                  f"R {scores.full.recall:.3f}); unmatched {len(scores.unmatched_gold)} of {len(corpus.gold)}: "
                  + ", ".join(f"{kind} {kinds[kind]}" for kind in UNMATCHED_KINDS))
            if args.show in UNMATCHED_KINDS and label == "as shipped":
                for g in scores.unmatched_gold:
                    if unmatched_kind(g, predictions) == args.show:
                        print(describe(g, nearest(g, predictions)[1]))
        accusations = accusation_kinds(corpus.gold, shipped_scores, accuse_probability, setting.accuse_threshold)
        counted = Counter(kind for kind, _ in accusations.values())
        print(f"{name:6} gold accusations {len(accusations)}: " + ", ".join(f"{kind} {counted[kind]}" for kind in ACCUSATION_KINDS))
        links = denial_link_kinds(corpus.gold, shipped_scores)
        counted = Counter(kind for kind, _ in links.values())
        print(f"{name:6} gold denial links {len(links)}: " + ", ".join(f"{kind} {counted[kind]}" for kind in LINK_KINDS))
        wrong = wrong_accusations(shipped, shipped_scores)
        print(f"{name:6} predicted accusations {sum(p.relation == 'ACCUSES' for p in shipped)}: "
              f"matching no gold accusation {len(wrong)}")
        if args.show == WRONG_ACCUSATION:
            for prediction, gold in wrong:
                print(f"  {prediction.article_id} {describe_prediction(prediction)}")
                if gold is not None:
                    print(f"      gold {gold.id} {'/'.join(gold.relation)} {gold.speaker[0]!r}")
        # Apart, not merged by gold index: an accusation that also denies with links (2554-S10) is in both.
        for kinds in (accusations, links):
            for index, (kind, prediction) in kinds.items():
                if kind == args.show:
                    print(describe(corpus.gold[index], prediction))


if __name__ == "__main__":
    main()
