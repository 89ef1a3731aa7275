"""The trained models that ship inside the package (``loaders/models/``), loaded once.

``claimgraph train`` rebuilds them from ../shared/eval with fixed seeds and writes
``MODEL_CARD.md`` beside them. The extractor names their versions in every statement's
``extractor`` field, so a statement says which models made it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from claimgraph.graph.errors import ClaimgraphError
from claimgraph.loaders.extraction.relation_model import RelationModel
from claimgraph.loaders.extraction.tagger import AttributionTagger

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
RELATION_MODEL_FILE = "relations.json"
TAGGER_FILE = "attribution.crfsuite"
TAGGER_VERSION = "attribution-2"


class ModelMissingError(ClaimgraphError):
    """A shipped model file is not in the package (rebuild it with ``claimgraph train``)."""


def _require(path: Path) -> Path:
    if not path.is_file():
        raise ModelMissingError(f"{path}: the shipped model is missing; rebuild it with "
                                "'claimgraph train --shared ../shared/eval' or reinstall claimgraph")
    return path


@cache
def relation_model() -> RelationModel:
    """The shipped relation and speech-act model."""
    return RelationModel.load(_require(MODELS_DIR / RELATION_MODEL_FILE))


@cache
def attribution_tagger() -> AttributionTagger:
    """The shipped attribution tagger."""
    for path in AttributionTagger.files(MODELS_DIR / TAGGER_FILE):
        _require(path)
    return AttributionTagger.load(MODELS_DIR / TAGGER_FILE)
