"""Evaluation: score predicted statements against the dev gold (``gold``) and speaker/claim
offsets against PolNeAR attributions (``polnear``); ``report`` renders the scores as text."""

from claimgraph.evaluation.gold import GoldScores, GoldStatement, gold_to_statements, load_gold, score_gold
from claimgraph.evaluation.polnear import PolnearArticle, PolnearScores, read_polnear, score_polnear
from claimgraph.evaluation.report import Metrics, format_gold_report, format_polnear_report

__all__ = [
    "GoldScores",
    "GoldStatement",
    "Metrics",
    "PolnearArticle",
    "PolnearScores",
    "format_gold_report",
    "format_polnear_report",
    "gold_to_statements",
    "load_gold",
    "read_polnear",
    "score_gold",
    "score_polnear",
]
