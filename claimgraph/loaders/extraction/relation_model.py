"""Which relation a found speech act is, learned from annotated news (relations.md).

The rules (``stance.py``) decide a relation from the cue and what was said; they were fitted
to a handful of articles and miss most accusations on news nobody tuned them on. This model
decides again, from the same signals taken as features rather than as rules: the cue's
lemma and negation, blame words and who does what in the content, denial words, whether the
content is an anaphor or a quote, the rules' own answer, whether anyone spoke before
("confirmed" after an earlier claimant), and the words of the speaker and of the content. It
also says when a span the rules found is not a statement at all (an attitude, a plan, a
narrated action): the label ``NOT_STATEMENT``.

It is a multinomial logistic regression (``linear.py``; ``training.py`` trains it), shipped
as JSON numbers.
"""

from __future__ import annotations

import json
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Span, Token

from claimgraph.loaders.extraction.lexicon import Lexicon
from claimgraph.loaders.extraction.linear import Features, LinearModel
from claimgraph.loaders.extraction.nlp import doc_text
from claimgraph.loaders.extraction.rules import Attribution, is_negation
from claimgraph.loaders.extraction.stance import ACTOR_ENTITIES, blamed_actor, negated

NOT_STATEMENT = "NOT_STATEMENT"
# A threshold no probability reaches: the model never overrules the rules that way.
NEVER = 1.01


@dataclass(frozen=True)
class RelationContext:
    """What the extractor knows about one speech act when it decides its relation."""

    attribution: Attribution
    # The claim's tokens; None for an anaphoric claim ("these claims").
    content: Span | None
    # The relation the rules decided, and whether they found a target for it.
    rules_relation: str
    rules_targets: int
    speaker_kind: str | None
    # Statements already found earlier in the article (for "confirmed" after a claimant).
    earlier_statements: int
    # Lemmas of what was said before in the article (the lead and earlier claims): a negated
    # claim that echoes them answers an earlier claim ("organ-selling would not raise funds").
    said_before: AbstractSet[str] = frozenset()
    # How likely the attribution tagger's attribution at the same cue is right: 0 when the tagger
    # found none there, None when no tagger ran.
    tagged: float | None = None


def _words(span: Span) -> list[Token]:
    return [t for t in span if not (t.is_punct or t.is_space)]


def _cue_head(cue: Span) -> Token:
    verbs = [t for t in cue if t.pos_ in ("VERB", "AUX") and t.dep_ != "aux"]
    return verbs[0] if verbs else cue.root


def relation_features(context: RelationContext, lexicon: Lexicon) -> Features:
    """Sparse features of one speech act: name -> value (mostly indicators)."""
    attribution = context.attribution
    doc = attribution.sentence.doc
    features: Features = {
        "bias": 1.0,
        f"rule={attribution.rule}": 1.0,
        f"cue_relation={attribution.cue_relation}": 1.0,
        f"rules_relation={context.rules_relation}": 1.0,
        f"speaker_kind={context.speaker_kind or 'none'}": 1.0,
    }
    if context.rules_targets:
        features["rules_target"] = 1.0
    if context.earlier_statements:
        features["earlier_statements"] = 1.0
    if context.tagged is not None:
        # The tagger learned from PolNeAR what an attribution looks like: where it finds none
        # at the rules' cue, the rules have often found no speech act.
        features["tagger_found" if context.tagged > 0 else "tagger_missed"] = 1.0
        features["tagger_confidence"] = context.tagged
    cue = doc.char_span(*attribution.cue, alignment_mode="expand")
    if cue is not None and len(cue):
        for token in _words(cue):
            features[f"cue_lemma={token.lemma_.lower()}"] = 1.0
        head = _cue_head(cue)
        features[f"cue_head={head.lemma_.lower()}"] = 1.0
        features[f"cue_tag={head.tag_}"] = 1.0
        children = list(head.children)
        if any(is_negation(c) for c in children):
            features["cue_negated"] = 1.0
            features[f"cue_negated_head={head.lemma_.lower()}"] = 1.0
        if any(c.dep_ == "aux" and c.tag_ == "MD" for c in children):
            features["cue_modal"] = 1.0
        if any(c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB" and c.i < head.i for c in children):
            features["cue_embedded"] = 1.0
        if head.lemma_.lower() in lexicon.cue_verbs:
            features[f"cue_lexicon={lexicon.cue_verbs[head.lemma_.lower()]}"] = 1.0
        elif head.lemma_.lower() in lexicon.claim_nouns:
            features[f"cue_lexicon={lexicon.claim_nouns[head.lemma_.lower()]}"] = 1.0
        else:
            features["cue_unknown"] = 1.0
    # Who speaks says much about whether it is a statement: "the study", "the video" and "the
    # host" are not "the spokesman" (bench/README.md, ninth pass).
    features[f"speaker_head={attribution.speaker.root.lemma_.lower()}"] = 1.0
    features.update(_bag("speaker_word", attribution.speaker))
    if attribution.cue_object is not None:
        features["cue_object"] = 1.0
        if attribution.cue_object.root.ent_type_ in ACTOR_ENTITIES:
            features["cue_object_actor"] = 1.0
    if attribution.claim_owner is not None:
        features["claim_owner"] = 1.0
    if context.content is None:
        features["claim_anaphoric"] = 1.0
        return features
    features.update(_content_features(context.content, lexicon))
    said = content_lemmas(context.content)
    if said and context.said_before:
        echo = len(said & context.said_before) / len(said)
        features["echo"] = echo
        if echo >= 0.3:
            features["echo_high"] = 1.0
            if "content_negated" in features or "negation" in features:
                features["negated_echo"] = 1.0
    return features


def content_lemmas(span: Span) -> frozenset[str]:
    """Lower-cased lemmas of the span's content words (for what echoes what)."""
    return frozenset(t.lemma_.lower() for t in span if t.is_alpha and not t.is_stop and len(t) >= 3)


def _content_features(content: Span, lexicon: Lexicon) -> Features:
    features: Features = {}
    words = _words(content)
    features[f"content_length={min(len(words) // 5, 6)}"] = 1.0
    text = doc_text(content.doc)
    before = text[max(0, content.start_char - 2) : content.start_char]
    if any(q in before for q in "\"“‘'"):
        features["content_quoted"] = 1.0
    if negated(content, lexicon):
        features["content_negated"] = 1.0
    if blamed_actor(content, lexicon) is not None:
        features["content_blames_actor"] = 1.0
    actors = 0
    for token in words:
        lemma = token.lemma_.lower()
        if lemma in lexicon.blame_verbs and token.pos_ == "VERB":
            features["blame_verb"] = features.get("blame_verb", 0.0) + 1.0
            features[f"blame={lemma}"] = 1.0
        elif lemma in lexicon.blame_nouns or lemma in lexicon.blame_adjectives:
            features["blame_noun"] = features.get("blame_noun", 0.0) + 1.0
            features[f"blame={lemma}"] = 1.0
        if lemma in lexicon.denial_words:
            features["denial_word"] = 1.0
            features[f"denial={lemma}"] = 1.0
        if is_negation(token):
            features["negation"] = 1.0
        if token.pos_ == "VERB":
            features[f"content_verb={lemma}"] = 1.0
        if token.ent_iob_ == "B" and token.ent_type_ in ACTOR_ENTITIES:
            actors += 1
            if token.head.pos_ == "VERB" and token.dep_ in ("nsubj", "nsubjpass", "poss", "compound"):
                features[f"actor_as={token.dep_}"] = 1.0
            verb = _clause_verb(token)
            if verb is not None:
                # What an actor does in the claim ("Azerbaijan torched ..."), learned beyond the blame list.
                features[f"actor_{'agent' if _is_agent(token, verb) else 'patient'}_verb={verb.lemma_.lower()}"] = 1.0
        if token.lower_ in ("i", "we", "our", "us", "my"):
            features["first_person"] = 1.0
    features["content_actors"] = min(actors, 3) / 3
    features.update(_bag("content_word", content))
    for blame in (t for t in words if t.lemma_.lower() in lexicon.blame_verbs and t.pos_ == "VERB"):
        subjects = [c for c in blame.children if c.dep_ in ("nsubj", "agent")]
        if any(s.ent_type_ in ACTOR_ENTITIES or s.pos_ in ("PROPN", "PRON") for s in subjects):
            features["actor_does_blame"] = 1.0
    return features


def _bag(prefix: str, span: Span) -> Features:
    """The span's content words as features, at half weight: a span has many, each says little."""
    return {f"{prefix}={t.lemma_.lower()}": 0.5 for t in span if t.is_alpha and not t.is_stop}


def _clause_verb(token: Token) -> Token | None:
    """The verb of the clause a mention is an argument of (through compounds and modifiers)."""
    while token.dep_ in ("compound", "amod", "poss", "nmod", "det") and token.head.i != token.i:
        token = token.head
    return token.head if token.head.pos_ == "VERB" and token.head.i != token.i else None


def _is_agent(token: Token, verb: Token) -> bool:
    # spaCy makes a new Token object on each access: compare positions, not identities.
    while token.head.i not in (verb.i, token.i):
        token = token.head
    return token.dep_ in ("nsubj", "agent", "csubj")


class RelationModel(LinearModel):
    """A trained linear model over ``relation_features``.

    The shipped one is ``shipped.relation_model()``.
    """

    def __init__(self, version: str, labels: list[str], vocabulary: dict[str, int],
                 weights: list[list[float]], biases: list[float], card: dict[str, Any] | None = None,
                 accuse_threshold: float = 0.5, drop_threshold: float = 0.5,
                 report_threshold: float = NEVER) -> None:
        super().__init__(labels, vocabulary, weights, biases)
        self.version = version
        self.card = card or {}
        # How likely ACCUSES must be to overrule the rules' REPORTS, REPORTS to overrule their
        # DENIES, and NOT_STATEMENT to drop a statement (all chosen by cross-validation).
        self.accuse_threshold = accuse_threshold
        self.report_threshold = report_threshold
        self.drop_threshold = drop_threshold

    def decide(self, features: Features, rules_relation: str | None) -> list[str]:
        """The relations to try, most likely first; empty when the speech act is no statement.

        Args:
            rules_relation: the relation the rules decided for a speech act they found; None
                for one only the tagger found, which the model decides alone.

        The model overrules the rules only from REPORTS to ACCUSES, when ACCUSES is at least
        ``accuse_threshold`` likely, and from DENIES to REPORTS, when REPORTS is at least
        ``report_threshold`` likely ("she did not get back on the plane" rejects nobody's
        claim). Let loose on every relation, it turned four fifths of the rules' denials into
        reports in cross-validation (it learned from 56 denials), emptying the contradictions,
        and cost the seed article two statements (bench/README.md).
        """
        probabilities = self.predict(features).probabilities
        if probabilities.get(NOT_STATEMENT, 0.0) >= self.drop_threshold:
            return []
        if rules_relation is None:
            return sorted((label for label in probabilities if label != NOT_STATEMENT),
                          key=probabilities.__getitem__, reverse=True)
        if rules_relation == "REPORTS" and probabilities.get("ACCUSES", 0.0) >= self.accuse_threshold:
            return ["ACCUSES", "REPORTS"]
        if rules_relation == "DENIES" and probabilities.get("REPORTS", 0.0) >= self.report_threshold:
            return ["REPORTS"]
        return [rules_relation]

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = {"version": self.version, "card": self.card,
                   "accuse_threshold": self.accuse_threshold, "drop_threshold": self.drop_threshold,
                   "report_threshold": self.report_threshold,
                   **self.payload()}
        path.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> RelationModel:
        payload = json.loads(path.read_text(encoding="utf-8"))
        return cls(payload["version"], payload["labels"], payload["vocabulary"], payload["weights"],
                   payload["biases"], payload.get("card"), payload["accuse_threshold"], payload["drop_threshold"],
                   payload.get("report_threshold", NEVER))

    @classmethod
    def fit(cls, examples: list[tuple[Features, str]], *, version: str, c: float = 1.0, seed: int = 0,
            sample_weights: list[float] | None = None) -> RelationModel:
        """Train on (features, label) pairs. Labels absent from the examples get no row."""
        model = LinearModel.trained(examples, c=c, seed=seed, sample_weights=sample_weights)
        return cls(version, model.labels, model.vocabulary, model.weights, model.biases)
