"""A logistic regression kept as plain numbers: what the shipped extraction models are made of.

scikit-learn trains it; the shipped files hold only the vocabulary, weights and biases as
JSON, so predicting is a dot product: no scikit-learn pickle to break between versions, and
small to ship. ``relation_model.py`` (which relation a speech act is) and ``tagger.py``
(whether a linked attribution is one) build on it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

Features = dict[str, float]


@dataclass(frozen=True)
class Prediction:
    label: str
    probability: float
    probabilities: dict[str, float]


class LinearModel:
    """Multinomial logistic regression over sparse named features."""

    def __init__(self, labels: list[str], vocabulary: dict[str, int], weights: list[list[float]],
                 biases: list[float]) -> None:
        self.labels = labels
        self.vocabulary = vocabulary
        self.weights = weights  # one row per label, one column per vocabulary entry
        self.biases = biases

    def predict(self, features: Features) -> Prediction:
        scores = list(self.biases)
        for name, value in features.items():
            column = self.vocabulary.get(name)
            if column is None:
                continue
            for row, weights in enumerate(self.weights):
                scores[row] += weights[column] * value
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        probabilities = {label: e / total for label, e in zip(self.labels, exps)}
        best = max(probabilities, key=probabilities.__getitem__)
        return Prediction(best, probabilities[best], probabilities)

    def payload(self) -> dict[str, Any]:
        """The model as JSON-ready data (weights rounded to 5 decimals)."""
        return {"labels": self.labels, "vocabulary": self.vocabulary,
                "weights": [[round(w, 5) for w in row] for row in self.weights],
                "biases": [round(b, 5) for b in self.biases]}

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> LinearModel:
        return cls(payload["labels"], payload["vocabulary"], payload["weights"], payload["biases"])

    @classmethod
    def trained(cls, examples: list[tuple[Features, str]], *, c: float = 1.0, seed: int = 0,
            sample_weights: list[float] | None = None) -> LinearModel:
        """Train on (features, label) pairs. Labels absent from the examples get no row."""
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression

        vectorizer = DictVectorizer()
        matrix = vectorizer.fit_transform([features for features, _ in examples])
        labels = [label for _, label in examples]
        classifier = LogisticRegression(C=c, max_iter=2000, random_state=seed)
        classifier.fit(matrix, labels, sample_weight=sample_weights)
        vocabulary = {name: int(index) for name, index in vectorizer.vocabulary_.items()}
        weights, biases = classifier.coef_.tolist(), classifier.intercept_.tolist()
        if len(classifier.classes_) == 2:
            # A two-class model has one row, for the second class; a zero row for the first
            # makes the softmax of ``predict`` the same sigmoid.
            weights, biases = [[0.0] * len(weights[0]), weights[0]], [0.0, biases[0]]
        return LinearModel([str(label) for label in classifier.classes_], vocabulary, weights, biases)
