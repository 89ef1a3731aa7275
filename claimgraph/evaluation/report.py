"""Pieces shared by the gold and PolNeAR scorers: precision/recall counts, one-to-one
matching, and a plain-text rendering of the scores for the command line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any


def ratio(part: int, whole: int) -> float:
    """A precision or a recall. Nothing predicted scores 0, not 1: an empty output should never
    look perfect."""
    return part / whole if whole else 0.0


def f1_score(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(frozen=True)
class Metrics:
    """Precision, recall and F1 from counts of matched pairs.

    Attributes:
        tp: Pairs matched one to one.
        n_pred: Predictions that took part (the precision denominator).
        n_gold: Gold items (the recall denominator).
    """

    tp: int
    n_pred: int
    n_gold: int

    @property
    def precision(self) -> float:
        return ratio(self.tp, self.n_pred)

    @property
    def recall(self) -> float:
        return ratio(self.tp, self.n_gold)

    @property
    def f1(self) -> float:
        return f1_score(self.precision, self.recall)

    def as_dict(self) -> dict[str, Any]:
        """The counts and the three ratios, rounded to 4 places for JSON output."""
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "n_pred": self.n_pred,
            "n_gold": self.n_gold,
        }


def maximum_matching(
    gold: Sequence[int],
    candidates: Callable[[int], Sequence[int]],
    taken_gold: Mapping[int, int] | None = None,
) -> dict[int, int]:
    """A one-to-one matching of as many gold items as possible (Kuhn's augmenting paths).

    The result is deterministic: gold items are tried in the order given and each one's
    candidates in the order ``candidates`` returns them (best first), so when several
    matchings have the same size the preferred pairs win. A greedy first-come matching
    would lose pairs: gold A taking the only prediction gold B could use while A had another.

    Args:
        gold: Indices of the gold items to match.
        candidates: For a gold index, the prediction indices it may pair with, best first.
        taken_gold: Pairs fixed beforehand (gold -> prediction); their predictions are not
            available. Used to match "full" pairs first, then "attribution" pairs.

    Returns:
        The new pairs, gold index -> prediction index.
    """
    blocked = set((taken_gold or {}).values())
    owner: dict[int, int] = {}  # prediction -> gold

    def augment(g: int, seen: set[int]) -> bool:
        for p in candidates(g):
            if p in blocked or p in seen:
                continue
            seen.add(p)
            if p not in owner or augment(owner[p], seen):
                owner[p] = g
                return True
        return False

    for g in gold:
        augment(g, set())
    return {g: p for p, g in owner.items()}


def _metrics_line(label: str, metrics: Metrics) -> str:
    return (
        f"{label:<14} P {metrics.precision:6.1%}  R {metrics.recall:6.1%}  F1 {metrics.f1:6.1%}"
        f"   ({metrics.tp} matched, {metrics.n_pred} predicted, {metrics.n_gold} gold)"
    )


def format_gold_report(scores: Any, show_errors: bool = False) -> str:
    """Render ``GoldScores`` as text for a terminal.

    Args:
        scores: A ``claimgraph.evaluation.gold.GoldScores``.
        show_errors: Also list unmatched gold, unmatched predictions and attribution-only
            pairs (matched speaker and claim, wrong relation or target).

    Returns:
        The report, lines joined with newlines.
    """
    lines = [_metrics_line("attribution", scores.attribution), _metrics_line("full", scores.full)]
    for relation, rel in scores.per_relation.items():
        if rel.n_gold or rel.n_pred:
            lines.append(
                f"  {relation:<12} P {rel.precision:6.1%}  R {rel.recall:6.1%}  F1 {rel.f1:6.1%}"
                f"   (gold {rel.tp_gold}/{rel.n_gold}, {rel.tp_gold_accepted} as any relation it accepts;"
                f" predicted {rel.tp_pred}/{rel.n_pred})"
            )
    links = scores.denial_links
    lines.append(f"denial links   {links.linked}/{links.total}" + (f" ({links.ratio:.1%})" if links.total else ""))
    if scores.ignored_predictions:
        lines.append(f"({scores.ignored_predictions} predictions in articles without gold were ignored)")
    for article_id, article in scores.per_article.items():
        lines.append(_metrics_line(f"  {article_id}", article.full) + f"  attribution F1 {article.attribution.f1:.1%}")
    if show_errors:
        errors = scores.as_dict()["errors"]
        lines.append(f"unmatched gold: {len(errors['unmatched_gold'])}")
        lines.extend(f"  {_statement_line(item)}" for item in errors["unmatched_gold"])
        lines.append(f"unmatched predictions: {len(errors['unmatched_predictions'])}")
        lines.extend(f"  {_statement_line(item)}" for item in errors["unmatched_predictions"])
        lines.append(f"attribution only (relation or target wrong): {len(errors['attribution_only'])}")
        for item in errors["attribution_only"]:
            lines.append(f"  gold {_statement_line(item['gold'])}")
            lines.append(f"    predicted {_statement_line(item['prediction'])}")
    return "\n".join(lines)


def _statement_line(item: Mapping[str, Any]) -> str:
    """One statement from ``describe_gold``/``describe_prediction`` on one line."""
    name = item.get("id") or item.get("statement_id") or "-"
    targets = item.get("target", item.get("targets"))
    about = f" about {targets}" if targets else ""
    claim = item.get("claim") or f"(refers to {item.get('refers_to')})"
    return f"{item['article']}/{name}: {item['speaker']} {item['relation']}{about}: {claim!r}"


def format_polnear_report(scores: Any) -> str:
    """Render ``PolnearScores`` as text for a terminal.

    Args:
        scores: A ``claimgraph.evaluation.polnear.PolnearScores``.

    Returns:
        The report, lines joined with newlines.
    """
    return "\n".join(
        [
            _metrics_line("overlap", scores.overlap),
            _metrics_line("exact", scores.exact),
            f"{scores.n_articles} articles; {scores.excluded_no_source} attributions without a Source "
            f"left out of the gold; {scores.predictions_without_offsets} predictions without offsets; "
            f"{scores.ignored_predictions} predictions in other articles ignored",
        ]
    )
