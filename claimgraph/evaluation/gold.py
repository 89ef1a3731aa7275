"""Score predicted statements against the hand-annotated dev gold (``eval/dev/*.gold.jsonl``).

The rules are those of ``eval/dev/README.md``:

- Names are compared after lower-casing, straightening quotes, dropping a possessive 's, a
  leading article and punctuation; two names match when equal or when one is contained in
  the other on word boundaries ("Turkey" matches "Turkey Defense Ministry", not "Turkeys").
  A predicted actor matches a gold name list when its ``name`` or its ``text`` matches any
  of the gold names.
- Claims match when their content words (3+ letters, stop words out) overlap by at least
  half of the gold claim's and 30% of the predicted claim's. A DENIES prediction also
  matches an anaphoric gold claim ("these claims", with ``denies``) when its claim matches
  the claim of a denied gold statement, or when its ``claim.refers_to`` names a prediction
  that matches (speaker and claim) a denied gold statement.
- Attribution match: speaker and claim. Full match: also the relation is one of the gold
  relations and the target matches.
- Pairs are one to one, full matches first; precision and recall are over statements.

Where the README is silent, this module decides (and the tests pin it down):

- Content words are a *set* (repeats count once); letters only, so "300" is not a word.
  Stop words are spaCy's English list, fixed by the installed spaCy version.
- A gold claim with no content words matches only a predicted claim with the same
  normalised text (otherwise any prediction would reach "half of nothing").
- Names that normalise to nothing (e.g. "The") never match.
- Targets: a prediction without targets matches when the gold has a ``null`` option; a
  prediction with targets matches when *any* of its targets matches *any* non-null option
  (extra predicted targets are not penalised).
- Matching: within each article, first the largest one-to-one set of full pairs, then the
  largest set of attribution pairs among what is left. Both use augmenting paths with gold
  in file order and each gold's candidates best first (claim overlap, then an exact speaker
  name, then prediction order), so the result is deterministic.
- A ``refers_to`` counts for the anaphoric claim rule when the referenced prediction would
  attribution-match a denied gold statement on its own, whether or not the one-to-one
  matching pairs them (this avoids a circular definition). Denial *links* use the final
  matching.
- Only predictions whose ``article_id`` has gold count; the others are reported as ignored.
- Per relation: recall by the gold's preferred (first) relation, precision by the
  predicted relation, both over full matches.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS as _SPACY_STOP_WORDS

from claimgraph.evaluation.report import Metrics, f1_score, maximum_matching, ratio
from claimgraph.graph.types import RELATIONS, ActorRef, Claim, Statement, normalize_claim_text

# A frozen copy so that nothing (spaCy's own Defaults included) can change scores at run time.
STOP_WORDS: frozenset[str] = frozenset(_SPACY_STOP_WORDS)

_ARTICLES = frozenset({"the", "a", "an"})
_QUOTES = str.maketrans(
    {
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'", "´": "'",
        "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
    }
)
_POSSESSIVE = re.compile(r"'s\b")
_FIELDS = ("article", "id", "speaker", "relation", "target", "cue", "claim", "denies")


# --- gold records -------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldStatement:
    """One gold statement, as a line of a ``.gold.jsonl`` file.

    Attributes:
        article: Article id.
        id: Statement id, unique within the article.
        speaker: Acceptable speaker names, most specific first.
        relation: Acceptable relations, preferred first.
        target: Acceptable target options: ``None`` (no target) or the names of one actor.
        cue: The cue words as written.
        claim: The claim, verbatim.
        denies: For an anaphoric DENIES claim, the ids of the statements it denies.
        origin: ``file:line`` it was read from, for messages.
    """

    article: str
    id: str
    speaker: tuple[str, ...]
    relation: tuple[str, ...]
    target: tuple[tuple[str, ...] | None, ...]
    cue: str
    claim: str
    denies: tuple[str, ...] = ()
    origin: str = ""


def _fail(location: str, field_name: str, message: str) -> ValueError:
    return ValueError(f"{location}: {field_name}: {message}")


def _string(record: dict[str, Any], name: str, location: str, *, allow_empty: bool = False) -> str:
    value = record.get(name)
    if not isinstance(value, str) or (not allow_empty and not value.strip()):
        raise _fail(location, name, f"expected a non-empty string, got {value!r}")
    return value


def _names(value: Any, location: str, name: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(location, name, f"expected a non-empty list of non-empty strings, got {value!r}")
    return tuple(value)


def _parse_line(record: Any, location: str) -> GoldStatement:
    if not isinstance(record, dict):
        raise _fail(location, "(line)", "expected a JSON object")
    unknown = sorted(set(record) - set(_FIELDS))
    if unknown:
        # Like the statement records, unknown fields are errors: a typo ("denise") must not
        # silently drop a rule.
        raise _fail(location, unknown[0], "unknown field")
    relations = _names(record.get("relation"), location, "relation")
    bad = [r for r in relations if r not in RELATIONS]
    if bad:
        raise _fail(location, "relation", f"{bad[0]!r} is not one of {', '.join(RELATIONS)}")
    targets = record.get("target")
    if not isinstance(targets, list) or not targets:
        raise _fail(location, "target", f"expected a non-empty list of options (null or a list of names), got {targets!r}")
    options = tuple(None if option is None else _names(option, location, f"target[{i}]") for i, option in enumerate(targets))
    denies = record.get("denies", [])
    if not isinstance(denies, list) or not all(isinstance(d, str) and d for d in denies):
        raise _fail(location, "denies", f"expected a list of statement ids, got {denies!r}")
    return GoldStatement(
        article=_string(record, "article", location),
        id=_string(record, "id", location),
        speaker=_names(record.get("speaker"), location, "speaker"),
        relation=relations,
        target=options,
        cue=_string(record, "cue", location, allow_empty=True),
        claim=_string(record, "claim", location),
        denies=tuple(denies),
        origin=location,
    )


def load_gold(path: Path) -> list[GoldStatement]:
    """Read a gold file, one statement a line (blank lines are skipped).

    Args:
        path: A ``.gold.jsonl`` file.

    Returns:
        The statements in file order.

    Raises:
        ValueError: On the first bad line, as ``file:line: field: message``: invalid JSON, a
            missing or mistyped field, an unknown relation, a repeated id, or a ``denies``
            id that is not in the same article.
    """
    gold: list[GoldStatement] = []
    seen: set[tuple[str, str]] = set()
    with path.open(encoding="utf-8") as handle:
        for line_no, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            location = f"{path}:{line_no}"
            try:
                record = json.loads(raw)
            except json.JSONDecodeError as e:
                raise _fail(location, "(line)", f"not valid JSON: {e.msg} (column {e.colno})") from None
            statement = _parse_line(record, location)
            key = (statement.article, statement.id)
            if key in seen:
                raise _fail(location, "id", f"{statement.id!r} appears twice in article {statement.article!r}")
            seen.add(key)
            gold.append(statement)
    for statement in gold:
        missing = [d for d in statement.denies if (statement.article, d) not in seen]
        if missing:
            raise _fail(statement.origin, "denies", f"{missing[0]!r} is not a statement of article {statement.article!r}")
    return gold


def gold_to_statements(gold: Iterable[GoldStatement], extractor: str = "gold") -> list[Statement]:
    """The gold as predictions: a perfect extractor's output, for checking the scorer.

    Each statement keeps the gold id as ``statement_id``, the first speaker name, the
    preferred relation and the claim text; a target is the first option (the first non-null
    one for ACCUSES, which needs a target); an anaphoric claim also ``refers_to`` the
    statements it denies. No offsets.

    Args:
        gold: Gold statements.
        extractor: The ``extractor`` recorded on each statement.

    Returns:
        One ``Statement`` per gold statement, in order.
    """
    statements = []
    for g in gold:
        relation = g.relation[0]
        option = g.target[0]
        if option is None and relation == "ACCUSES":
            option = next((o for o in g.target if o is not None), None)
        statements.append(
            Statement(
                article_id=g.article,
                statement_id=g.id,
                relation=relation,
                speaker=ActorRef(name=g.speaker[0]),
                targets=[] if option is None else [ActorRef(name=option[0])],
                claim=Claim(text=g.claim, refers_to=list(g.denies)),
                extractor=extractor,
            )
        )
    return statements


# --- comparing names and claims -----------------------------------------------------------


def _fold(text: str) -> str:
    """Unicode-normalised, quotes straightened, case-folded, possessive 's dropped."""
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return _POSSESSIVE.sub("", folded)


@lru_cache(maxsize=65536)
def normalize_name(name: str) -> str:
    """A name as compared: "The Kremlin's" -> "kremlin", "U.S. State Dept." -> "us state dept".

    Apostrophes and full stops are deleted (so "U.S." equals "US"); other punctuation
    separates words ("Al-Ajhar" -> "al ajhar"). Then one leading article goes.

    Args:
        name: A name as written.

    Returns:
        Space-separated words; empty when nothing is left.
    """
    words = re.sub(r"[\W_]+", " ", re.sub(r"['.]", "", _fold(name))).split()
    if words and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)


def names_match(a: str, b: str) -> bool:
    """Whether two names match: equal after normalising, or one inside the other on word
    boundaries ("Russia" ~ "Russia Foreign Ministry", but not "Russian")."""
    na, nb = normalize_name(a), normalize_name(b)
    if not na or not nb:
        return False
    return na == nb or f" {na} " in f" {nb} " or f" {nb} " in f" {na} "


def actor_matches(actor: ActorRef, names: Sequence[str]) -> bool:
    """Whether a predicted actor matches a gold name list: its canonical ``name`` or its
    words in the text (``text``) match any of the names."""
    forms = [actor.name] + ([actor.text] if actor.text else [])
    return any(names_match(form, name) for form in forms for name in names)


def _names_equal(actor: ActorRef, names: Sequence[str]) -> bool:
    forms = [actor.name] + ([actor.text] if actor.text else [])
    return any(normalize_name(form) == normalize_name(name) != "" for form in forms for name in names)


@lru_cache(maxsize=65536)
def content_words(text: str) -> frozenset[str]:
    """The content words of a claim: lower-cased runs of 3+ letters that are not stop words.

    Args:
        text: A claim as written.

    Returns:
        The set of words.
    """
    return frozenset(w for w in re.findall(r"[^\W\d_]+", _fold(text)) if len(w) >= 3 and w not in STOP_WORDS)


def claim_overlap(gold_claim: str, predicted_claim: str | None) -> float | None:
    """How well a predicted claim matches a gold claim.

    Args:
        gold_claim: The gold claim.
        predicted_claim: The predicted claim's text (``None`` when it only ``refers_to``).

    Returns:
        ``None`` when they do not match; else the Jaccard overlap of their content words
        (1.0 for the empty-gold case), used to prefer the closer of several candidates.
    """
    if not predicted_claim:
        return None
    gold_words, pred_words = content_words(gold_claim), content_words(predicted_claim)
    if not gold_words:
        # "Half of nothing" would match anything: fall back to the same words.
        return 1.0 if normalize_claim_text(gold_claim) == normalize_claim_text(predicted_claim) else None
    shared = len(gold_words & pred_words)
    if shared >= 0.5 * len(gold_words) and shared >= 0.3 * len(pred_words):
        return shared / len(gold_words | pred_words)
    return None


def targets_match(predicted: Sequence[ActorRef], options: Sequence[Sequence[str] | None]) -> bool:
    """Whether predicted targets fit the gold target options.

    No predicted target matches a ``None`` option; otherwise some predicted target must
    match some non-null option (extra predicted targets are allowed).
    """
    if not predicted:
        return any(option is None for option in options)
    return any(actor_matches(actor, option) for actor in predicted for option in options if option is not None)


# --- scores ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RelationScores:
    """Full-match scores for one relation: recall over gold whose preferred relation it is,
    precision over predictions of it.

    A gold accusation found as a report (it accepts REPORTS as its second relation) is a full
    match, but no ACCUSES edge in the graph: ``recall`` counts only those found as this
    relation, ``accepted_recall`` also those found as another relation the gold accepts."""

    relation: str
    tp_gold: int  # gold of this preferred relation, fully matched by a prediction of it
    n_gold: int
    tp_pred: int
    n_pred: int
    tp_gold_accepted: int  # fully matched by a prediction of any relation the gold accepts

    @property
    def precision(self) -> float:
        return ratio(self.tp_pred, self.n_pred)

    @property
    def recall(self) -> float:
        return ratio(self.tp_gold, self.n_gold)

    @property
    def accepted_recall(self) -> float:
        return ratio(self.tp_gold_accepted, self.n_gold)

    @property
    def f1(self) -> float:
        return f1_score(self.precision, self.recall)

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "accepted_recall": round(self.accepted_recall, 4),
            "f1": round(self.f1, 4),
            "tp_gold": self.tp_gold,
            "tp_gold_accepted": self.tp_gold_accepted,
            "n_gold": self.n_gold,
            "tp_pred": self.tp_pred,
            "n_pred": self.n_pred,
        }


@dataclass(frozen=True)
class DenialLinks:
    """Gold DENIES with ``denies`` whose matched prediction points (``claim.refers_to``) at a
    prediction matched to one of the denied statements."""

    linked: int
    total: int
    unlinked: tuple[str, ...] = ()

    @property
    def ratio(self) -> float:
        return self.linked / self.total if self.total else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"linked": self.linked, "total": self.total, "ratio": round(self.ratio, 4), "unlinked": list(self.unlinked)}


@dataclass(frozen=True)
class ArticleScores:
    """Attribution and full scores of one gold article."""

    attribution: Metrics
    full: Metrics

    def as_dict(self) -> dict[str, Any]:
        return {"attribution": self.attribution.as_dict(), "full": self.full.as_dict()}


@dataclass(frozen=True)
class MatchedPair:
    """A gold statement and the prediction paired with it; ``full`` when relation and target
    match too."""

    gold: GoldStatement
    prediction: Statement
    full: bool


@dataclass
class GoldScores:
    """Everything ``score_gold`` measured, with the errors for debugging."""

    attribution: Metrics
    full: Metrics
    per_relation: dict[str, RelationScores]
    denial_links: DenialLinks
    per_article: dict[str, ArticleScores]
    pairs: list[MatchedPair] = field(default_factory=list)
    unmatched_gold: list[GoldStatement] = field(default_factory=list)
    unmatched_predictions: list[Statement] = field(default_factory=list)
    # Predictions in articles that have no gold: not scored.
    ignored_predictions: int = 0

    @property
    def attribution_only(self) -> list[MatchedPair]:
        """Pairs whose speaker and claim match but relation or target do not."""
        return [pair for pair in self.pairs if not pair.full]

    def as_dict(self) -> dict[str, Any]:
        """The scores as plain JSON-ready data, errors included."""
        return {
            "attribution": self.attribution.as_dict(),
            "full": self.full.as_dict(),
            "per_relation": {name: scores.as_dict() for name, scores in self.per_relation.items()},
            "denial_links": self.denial_links.as_dict(),
            "per_article": {name: scores.as_dict() for name, scores in self.per_article.items()},
            "ignored_predictions": self.ignored_predictions,
            "errors": {
                "unmatched_gold": [describe_gold(g) for g in self.unmatched_gold],
                "unmatched_predictions": [describe_prediction(p) for p in self.unmatched_predictions],
                "attribution_only": [
                    {"gold": describe_gold(pair.gold), "prediction": describe_prediction(pair.prediction)}
                    for pair in self.attribution_only
                ],
            },
        }


def describe_gold(g: GoldStatement) -> dict[str, Any]:
    """A gold statement in short, for error listings."""
    return {
        "article": g.article,
        "id": g.id,
        "speaker": g.speaker[0],
        "relation": "|".join(g.relation),
        "target": [None if o is None else o[0] for o in g.target],
        "claim": g.claim,
    }


def describe_prediction(p: Statement) -> dict[str, Any]:
    """A prediction in short, for error listings."""
    return {
        "article": p.article_id,
        "statement_id": p.statement_id,
        "speaker": p.speaker.text or p.speaker.name,
        "relation": p.relation,
        "targets": [t.text or t.name for t in p.targets],
        "claim": p.claim.text,
        "refers_to": list(p.claim.refers_to),
    }


# --- matching -------------------------------------------------------------------------------


@dataclass
class _Candidates:
    """Which predictions each gold statement of one article may pair with, best first."""

    attribution: dict[int, list[int]]
    full: dict[int, list[int]]


def _candidates(gold: Sequence[GoldStatement], gold_ix: list[int], preds: Sequence[Statement], pred_ix: list[int]) -> _Candidates:
    index_of_id = {gold[g].id: g for g in gold_ix}
    by_statement_id: dict[str, list[int]] = defaultdict(list)
    for p in pred_ix:
        if preds[p].statement_id is not None:
            by_statement_id[preds[p].statement_id].append(p)

    speaker_ok = {(g, p): actor_matches(preds[p].speaker, gold[g].speaker) for g in gold_ix for p in pred_ix}
    direct = {(g, p): claim_overlap(gold[g].claim, preds[p].claim.text) for g in gold_ix for p in pred_ix}

    def matches_on_its_own(g: int, p: int) -> bool:
        return speaker_ok[g, p] and direct[g, p] is not None

    attribution: dict[int, list[int]] = {}
    full: dict[int, list[int]] = {}
    for g in gold_ix:
        statement = gold[g]
        denied = [index_of_id[d] for d in statement.denies if d in index_of_id]
        scored: list[tuple[float, bool, int]] = []
        for p in pred_ix:
            if not speaker_ok[g, p]:
                continue
            pred = preds[p]
            score = direct[g, p]
            if score is None and denied and pred.relation == "DENIES":
                # The anaphoric rule: "these claims" stands for the claims it denies.
                via_text = [direct[d, p] for d in denied if direct[d, p] is not None]
                via_link = any(
                    matches_on_its_own(d, q) for sid in pred.claim.refers_to for q in by_statement_id.get(sid, ()) for d in denied
                )
                score = 1.0 if via_link else (max(via_text) if via_text else None)
            if score is not None:
                scored.append((score, _names_equal(pred.speaker, statement.speaker), p))
        scored.sort(key=lambda item: (-item[0], not item[1], item[2]))
        attribution[g] = [p for _, _, p in scored]
        full[g] = [
            p
            for p in attribution[g]
            if preds[p].relation in statement.relation and targets_match(preds[p].targets, statement.target)
        ]
    return _Candidates(attribution, full)


def score_gold(gold: list[GoldStatement], predictions: Sequence[Statement]) -> GoldScores:
    """Score predictions against gold by the rules of ``eval/dev/README.md`` (module docstring).

    Args:
        gold: Gold statements, e.g. from ``load_gold`` (several files may be concatenated).
        predictions: Predicted statements; those of articles without gold are ignored.

    Returns:
        The scores, matched pairs and errors.
    """
    gold_by_article: dict[str, list[int]] = defaultdict(list)
    for g, statement in enumerate(gold):
        gold_by_article[statement.article].append(g)
    pred_by_article: dict[str, list[int]] = defaultdict(list)
    ignored = 0
    for p, pred in enumerate(predictions):
        if pred.article_id in gold_by_article:
            pred_by_article[pred.article_id].append(p)
        else:
            ignored += 1

    full_pairs: dict[int, int] = {}
    attribution_pairs: dict[int, int] = {}  # full pairs included
    per_article: dict[str, ArticleScores] = {}
    for article_id, gold_ix in gold_by_article.items():
        pred_ix = pred_by_article.get(article_id, [])
        candidates = _candidates(gold, gold_ix, predictions, pred_ix)
        full = maximum_matching(gold_ix, lambda g: candidates.full[g])
        rest = [g for g in gold_ix if g not in full]
        partial = maximum_matching(rest, lambda g: candidates.attribution[g], taken_gold=full)
        full_pairs.update(full)
        attribution_pairs.update(full)
        attribution_pairs.update(partial)
        per_article[article_id] = ArticleScores(
            attribution=Metrics(len(full) + len(partial), len(pred_ix), len(gold_ix)),
            full=Metrics(len(full), len(pred_ix), len(gold_ix)),
        )

    n_pred = sum(len(ix) for ix in pred_by_article.values())
    fully_matched_preds = set(full_pairs.values())
    per_relation = {
        relation: RelationScores(
            relation=relation,
            tp_gold=sum(1 for g, p in full_pairs.items() if gold[g].relation[0] == relation == predictions[p].relation),
            tp_gold_accepted=sum(1 for g in full_pairs if gold[g].relation[0] == relation),
            n_gold=sum(1 for s in gold if s.relation[0] == relation),
            tp_pred=sum(1 for p in fully_matched_preds if predictions[p].relation == relation),
            n_pred=sum(1 for ix in pred_by_article.values() for p in ix if predictions[p].relation == relation),
        )
        for relation in RELATIONS
    }

    matched_pred_ix = set(attribution_pairs.values())
    return GoldScores(
        attribution=Metrics(len(attribution_pairs), n_pred, len(gold)),
        full=Metrics(len(full_pairs), n_pred, len(gold)),
        per_relation=per_relation,
        denial_links=_denial_links(gold, predictions, attribution_pairs),
        per_article=per_article,
        pairs=[MatchedPair(gold[g], predictions[p], g in full_pairs) for g, p in sorted(attribution_pairs.items())],
        unmatched_gold=[s for g, s in enumerate(gold) if g not in attribution_pairs],
        unmatched_predictions=[
            predictions[p] for ix in pred_by_article.values() for p in ix if p not in matched_pred_ix
        ],
        ignored_predictions=ignored,
    )


def _denial_links(gold: Sequence[GoldStatement], predictions: Sequence[Statement], pairs: dict[int, int]) -> DenialLinks:
    """Count gold DENIES with ``denies`` whose prediction ``refers_to`` a prediction that the
    final matching (attribution or full) pairs with one of the denied statements."""
    gold_id_of_pred = {p: (gold[g].article, gold[g].id) for g, p in pairs.items()}
    preds_by_id: dict[tuple[str, str], list[int]] = defaultdict(list)
    for p, pred in enumerate(predictions):
        if pred.statement_id is not None:
            preds_by_id[pred.article_id, pred.statement_id].append(p)

    linked, total, unlinked = 0, 0, []
    for g, statement in enumerate(gold):
        if "DENIES" not in statement.relation or not statement.denies:
            continue
        total += 1
        denied = {(statement.article, d) for d in statement.denies}
        p = pairs.get(g)
        referenced = (
            []
            if p is None
            else [q for sid in predictions[p].claim.refers_to for q in preds_by_id.get((statement.article, sid), ())]
        )
        if any(gold_id_of_pred.get(q) in denied for q in referenced):
            linked += 1
        else:
            unlinked.append(statement.id)
    return DenialLinks(linked, total, tuple(unlinked))
