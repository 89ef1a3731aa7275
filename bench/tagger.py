"""Train the attribution tagger (claimgraph/loaders/extraction/tagger.py) on PolNeAR train
and score it on PolNeAR dev (or on held-out train articles).

Prints dev overlap and exact P/R/F1 (``score_polnear``: a prediction matches when its
speaker span overlaps, or equals, the gold Source and its claim span a gold Content), the
cue-level P/R/F1 (a predicted cue overlapping a gold cue, one to one), training time, model
size, and tagging speed in sentences per second beside a bare spaCy parse of the same text.

Parsed docs are cached with DocBin under ``--cache`` (``/tmp/polnear-docs``): parsing all of
PolNeAR train takes a few minutes on one core.

The train articles listed in ``--exclude-relations-articles`` (field ``article`` of each
JSON line; by default the 42 articles of ``eval/train/polnear-relations.jsonl``) are left out
of training: another model is trained on what the extractor finds in them.

Run::

    .venv/bin/python bench/tagger.py                       # ~8 minutes (training ~7 on one core)
    .venv/bin/python bench/tagger.py --train-limit 100     # quick iteration
    .venv/bin/python bench/tagger.py --model /tmp/attribution.crfsuite   # score a saved model
    .venv/bin/python bench/tagger.py --c1 4 --minfreq 5 --first-c1 6    # other settings
    .venv/bin/python bench/tagger.py --holdout 100 --out /tmp/holdout.crfsuite   # choose settings
    .venv/bin/python bench/tagger.py --holdout 100 --model /tmp/holdout.crfsuite  # rescore it

``--holdout N`` leaves the last N train articles (after the exclusion above) out of
training and scores on them instead of dev: settings and decoding are chosen on that, so
that the dev figure stays an honest estimate. ``--model`` with ``--holdout`` expects a model
trained with the same ``--holdout`` (and ``--train-limit``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from spacy.tokens import DocBin

from claimgraph.evaluation.polnear import PolnearArticle, read_polnear, score_polnear
from claimgraph.evaluation.report import Metrics, maximum_matching
from claimgraph.loaders.extraction.nlp import load_pipeline
from claimgraph.loaders.extraction.training import relations_article_ids
from claimgraph.loaders.extraction.tagger import (
    AttributionTagger,
    TaggedAttribution,
    polnear_examples,
    scorable_statements,
    training_articles,
)

REPO = Path(__file__).resolve().parent.parent
POLNEAR = REPO.parent / "shared" / "eval" / "polnear"
RELATIONS_ARTICLES = REPO.parent / "shared" / "eval" / "train" / "polnear-relations.jsonl"


def parsed_docs(split: str, articles: list[PolnearArticle], cache: Path, nlp: Any) -> list[Any]:
    """The articles parsed by the project pipeline, cached per split with DocBin.

    The cache holds ``<split>.spacy`` and ``<split>.ids.json`` (the article id of each doc);
    articles missing from it, or whose text changed, are parsed and the cache rewritten.
    """
    docs_path, ids_path = cache / f"{split}.spacy", cache / f"{split}.ids.json"
    cached: dict[str, Any] = {}
    if docs_path.is_file() and ids_path.is_file():
        ids = json.loads(ids_path.read_text())
        cached = dict(zip(ids, DocBin().from_bytes(docs_path.read_bytes()).get_docs(nlp.vocab), strict=True))
    missing = [a for a in articles if a.id not in cached or cached[a.id].text != a.text]
    if missing:
        for article, doc in zip(missing, nlp.pipe((a.text for a in missing), batch_size=32), strict=True):
            cached[article.id] = doc
        cache.mkdir(parents=True, exist_ok=True)
        docs_path.write_bytes(DocBin(docs=list(cached.values())).to_bytes())
        ids_path.write_text(json.dumps(list(cached)))
    return [cached[a.id] for a in articles]


def cue_scores(articles: list[PolnearArticle], found: dict[str, list[TaggedAttribution]]) -> Metrics:
    """Cue-level counts: a predicted cue overlapping a gold cue (all gold, sourced or not)."""
    tp = n_pred = n_gold = 0
    for article in articles:
        gold = [cue for a in article.attributions for cue in a.cues]
        predicted = [a.cue for a in found.get(article.id, [])]
        n_gold += len(gold)
        n_pred += len(predicted)
        tp += len(maximum_matching(list(range(len(gold))),
                                   lambda g: [p for p, (s, e) in enumerate(predicted) if gold[g].overlaps(s, e)]))
    return Metrics(tp, n_pred, n_gold)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--polnear", type=Path, default=POLNEAR)
    parser.add_argument("--out", type=Path, default=Path("/tmp/attribution.crfsuite"))
    parser.add_argument("--model", type=Path, help="Score this saved model instead of training.")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/polnear-docs"))
    parser.add_argument("--exclude-relations-articles", type=Path, default=RELATIONS_ARTICLES, metavar="PATH",
                        help="Leave out of training the articles named in this JSON-lines file "
                             "(field 'article'); 'none' to train on every article.")
    parser.add_argument("--train-limit", type=int, default=None)
    parser.add_argument("--holdout", type=int, default=0, metavar="N",
                        help="Score on the last N train articles, left out of training, instead of dev.")
    parser.add_argument("--c1", type=float, default=None)
    parser.add_argument("--c2", type=float, default=None)
    parser.add_argument("--iterations", type=int, default=None)
    parser.add_argument("--minfreq", type=float, default=None, help="crfsuite feature.minfreq (both CRFs).")
    parser.add_argument("--first-c1", type=float, default=None, help="c1 of the first CRF only.")
    parser.add_argument("--first-minfreq", type=float, default=None, help="feature.minfreq of the first CRF only.")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    nlp = load_pipeline()
    report: dict[str, Any] = {}
    started = time.perf_counter()
    read = read_polnear(args.polnear / "train", limit=args.train_limit)
    excluded_ids: set[str] = set()
    if str(args.exclude_relations_articles).lower() != "none":
        excluded_ids = relations_article_ids(args.exclude_relations_articles)
    train = training_articles(read, excluded_ids)
    if args.holdout:
        train, scored = train[: -args.holdout], train[-args.holdout :]
        scored_docs = parsed_docs("train", scored, args.cache, nlp)
    else:
        scored = read_polnear(args.polnear / "dev")
        scored_docs = parsed_docs("dev", scored, args.cache, nlp)
    split = "holdout" if args.holdout else "dev"
    report["scored_on"] = f"{len(scored)} {'held-out train' if args.holdout else 'dev'} articles"

    if args.model:
        tagger = AttributionTagger.load(args.model)
        model_path = args.model
    else:
        report["excluded_train_articles"] = (f"{len(read) - len(train) - args.holdout} of the {len(read)} train "
                                             f"articles read ({len(excluded_ids)} listed in "
                                             f"{args.exclude_relations_articles})" if excluded_ids else "none")
        print(f"excluded {report['excluded_train_articles']}", file=sys.stderr)
        train_docs = parsed_docs("train", train, args.cache, nlp)
        print(f"parsed/loaded {len(train)} train and {len(scored)} {split} articles in "
              f"{time.perf_counter() - started:.0f} s", file=sys.stderr)
        params = {k: v for k, v in (("c1", args.c1), ("c2", args.c2), ("max_iterations", args.iterations),
                                    ("feature.minfreq", args.minfreq)) if v is not None}
        first_params = {k: v for k, v in (("c1", args.first_c1), ("feature.minfreq", args.first_minfreq))
                        if v is not None}
        started = time.perf_counter()
        tagger = AttributionTagger.train(polnear_examples(train, train_docs), model_path=args.out,
                                         first_params=first_params, **params)
        report["training_seconds"] = round(time.perf_counter() - started, 1)
        report["train_articles"] = len(train)
        report["params"] = params
        report["first_params"] = first_params
        tagger.save(args.out)
        model_path = args.out

    started = time.perf_counter()
    tagger = AttributionTagger.load(model_path)
    report["load_seconds"] = round(time.perf_counter() - started, 3)
    report["model_bytes"] = sum(p.stat().st_size for p in AttributionTagger.files(model_path))
    report["model_file_bytes"] = {p.name: p.stat().st_size for p in AttributionTagger.files(model_path)}
    report["learned_cue_lemmas"] = len(tagger.learned_cues)
    report["model"] = str(model_path)
    report["labels"] = tagger.labels

    started = time.perf_counter()
    found = {article.id: tagger.tag(doc) for article, doc in zip(scored, scored_docs, strict=True)}
    tag_seconds = time.perf_counter() - started
    sentences = sum(len(list(doc.sents)) for doc in scored_docs)
    started = time.perf_counter()
    for _ in nlp.pipe((a.text for a in scored), batch_size=32):
        pass
    parse_seconds = time.perf_counter() - started
    report["speed"] = {
        f"{split}_sentences": sentences,
        "tagger_sentences_per_s": round(sentences / tag_seconds, 1),
        "spacy_parse_sentences_per_s": round(sentences / parse_seconds, 1),
        "parse_plus_tag_sentences_per_s": round(sentences / (parse_seconds + tag_seconds), 1),
    }

    predicted = [s for article in scored for s in scorable_statements(article.id, article.text, found[article.id])]
    scores = score_polnear(scored, predicted)
    report[split] = {"overlap": scores.overlap.as_dict(), "exact": scores.exact.as_dict(),
                     "cue_overlap": cue_scores(scored, found).as_dict(), "n_articles": scores.n_articles,
                     "excluded_no_source": scores.excluded_no_source}

    if args.json:
        print(json.dumps(report, indent=2))
    else:
        scores_report = report[split]
        for name in ("overlap", "exact", "cue_overlap"):
            m = scores_report[name]
            print(f"{split} {name:12} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}")
        for key in ("scored_on", "excluded_train_articles", "training_seconds", "train_articles", "params", "first_params",
                    "model", "model_bytes", "model_file_bytes", "learned_cue_lemmas", "labels", "load_seconds",
                    "speed"):
            if key in report:
                print(f"{key}: {report[key]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
