"""Which earlier claims an anaphoric claim stands for: "These claims were denied by Turkey",
"Comey shut down this allegation", "Marty Singer called her claims a lie".

The DENIES edge of such a statement must point at the claims it denies (relations.md): that
link is what makes contradictions findable. Rules, in order:
1. an author named with the claim ("claims made by Mr Alhakim", "her claims") -> that
   speaker's earlier claims;
2. speakers denying with one cue ("denied by Turkey and Azerbaijan") or in the next sentence
   ("Azerbaijan's Defense Ministry, which rejected the claims") -> the same claims as the
   denial just before;
3. claims about the denier or its family (Turkey for "Turkey", Azerbaijan for "Azerbaijan's
   Defense Ministry") -> those; a singular anaphor ("this allegation") takes the newest;
4. else the claims of the newest paragraph that has any (one for a singular anaphor).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from claimgraph.graph.types import Statement
from claimgraph.loaders.extraction.lexicon import Lexicon
from claimgraph.loaders.extraction.rules import (
    ANAPHORIC_DETERMINERS,
    FALSE_PRONOUNS,
    called_false,
    claim_author,
    is_negation,
    noun_phrase,
    points_back,
)
from claimgraph.loaders.extraction.mentions import contains_words, same_actor_name, words
from claimgraph.loaders.extraction.stance import calls_false, predicate_words

# How far back (in sentences) a denial's claims carry over to the next anaphor.
CARRY_OVER_SENTENCES = 2


def _about(statement: Statement, denier: str) -> bool:
    return any(same_actor_name(t.name, denier) or contains_words(denier, t.name) for t in statement.targets)


def _paragraph_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset)


def anaphor_within(content: Span, lexicon: Lexicon, *, any_noun: bool = True) -> tuple[Span, Span | None] | None:
    """An anaphoric claim inside what a denier says ("I have no information that supports
    those tweets", "Mr Alhakim's claims should be treated cautiously"), with its author.

    Args:
        any_noun: whether a noun that is no claim noun may be the anaphor when a pointing
            determiner marks it ("denied that such arrangements are considered"); only when a
            denial cue says what is denied, not for "such a trade cannot be sustained"."""
    for token in content:
        if token.pos_ != "NOUN":
            continue
        determiners = {c.lower_ for c in token.children if c.dep_ in ("det", "poss", "amod")}
        if token.lemma_.lower() in PUBLICATION_NOUNS and determiners & ANAPHORIC_DETERMINERS:
            # "the Post article is not true", "this study doesn't give the whole picture": what
            # the publication said, when the denial is about it (its subject) or names its author.
            named = next((c for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
            author = claim_author(token) or named
            if author is not None or token.dep_ in ("nsubj", "nsubjpass"):
                return noun_phrase(token), noun_phrase(author) if author is not None else None
            continue
        if token.lemma_.lower() in lexicon.claim_nouns and not _a_thing(token):
            author = claim_author(token)
            if author is not None or determiners & ANAPHORIC_DETERMINERS or points_back(token):
                return noun_phrase(token), noun_phrase(author) if author is not None else None
        elif any_noun and determiners & POINTING_DETERMINERS:
            # "Denying that such arrangements are being considered": what was reported before.
            return noun_phrase(token), None
    pronoun = next((t for t in content if _pronoun_called_false(t, lexicon)), None)
    return (content.doc[pronoun.i : pronoun.i + 1], None) if pronoun is not None else None


def _pronoun_called_false(token: Token, lexicon: Lexicon) -> bool:
    """ "this is a fake story", "it was a hoax", "that is not true": a pronoun that a denial
    calls false stands for what was said before. Only outright falsity: "it is not open on
    Sundays" says nothing of a claim."""
    if token.lower_ not in FALSE_PRONOUNS or token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = token.head
    predicates = [c for c in verb.children if c.dep_ in ("attr", "acomp")] + ([verb] if token.dep_ == "nsubjpass" else [])
    negated = any(is_negation(c) for c in verb.children)
    return any(calls_false(predicate, lexicon) or negated and not predicate_words(predicate).isdisjoint(TRUE_WORDS)
               for predicate in predicates)


def _a_thing(noun: Token) -> bool:
    """ "her Twitter account", "had the account suspended": an account is a version of events
    only when someone's ("her account of the night", "the account given by the guard"), and
    never with a compound."""
    if noun.lemma_.lower() != "account":
        return False
    children = list(noun.children)
    someones = any(c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ in ("of", "by", "from") or c.dep_ == "acl"
                   for c in children)
    return any(c.dep_ == "compound" for c in children) or not someones


# What is published, and speaks in a statement ("a recent study said ..."): "this study" in a
# denial stands for what the study said.
PUBLICATION_NOUNS = frozenset({"article", "study", "video", "piece", "paper", "research", "survey", "post"})
# Determiners that point back at something said before, whatever the noun ("such arrangements").
POINTING_DETERMINERS = frozenset({"such", "these", "those"})
# The words whose negation calls a pronoun false ("that is not true").
TRUE_WORDS = frozenset({"true", "accurate", "correct", "real"})


def speakers_own(anaphor: Span, author: Span, speaker: Span, speaker_kind: str | None, lexicon: Lexicon) -> bool:
    """Whether a claim's author inside what a speaker says is the speaker itself: "The authors
    argue that their findings should quell doubts", "the agency admitted that its own findings
    were inferior". A possessive in the reported clause takes the speaker by default when it
    agrees with it, unless the clause calls the claim false ("the critics said their claims were
    not true": someone else's); "his" and "her" stay open ("Marty Singer called her claims a lie")."""
    word = author.root.lower_
    following = author.doc[author.end] if author.end < len(author.doc) else None
    if following is not None and following.lower_ == "own" or word in ("my", "our"):
        return True
    if called_false(anaphor.root, lexicon):
        return False
    if word == "their":
        return speaker.root.tag_ in ("NNS", "NNPS")
    if word == "its":
        return speaker_kind != "person"
    return False


def disputes_claim_of_another(content: Span, speaker: str, lexicon: Lexicon) -> bool:
    """ "Mr Alhakim's claims should be treated cautiously": the content's subject is another
    speaker's claim, which a speaker comments on to dispute it."""
    for token in content:
        if token.dep_ in ("nsubj", "nsubjpass") and token.lemma_.lower() in lexicon.claim_nouns:
            author = claim_author(token)
            if author is not None and not same_actor_name(author.text, speaker) and author.lower_ not in ("my", "our"):
                return True
    return False


@dataclass
class _Link:
    sentence_index: int
    refers_to: list[str]


class AnaphorLinker:
    """Links anaphoric claims to earlier statements, in text order, for one article."""

    def __init__(self, text: str, lexicon: Lexicon, state_of: Callable[[str], str | None]) -> None:
        """Args:
            state_of: the country whose state a speaker (by name) is or serves, if any
                (``actors.state_of``)."""
        self.text = text
        self.lexicon = lexicon
        self.state_of = state_of
        self._last: _Link | None = None

    def link(self, anaphor: Span, sentence_index: int, deniers: list[str], owner: str | None,
             earlier: list[Statement]) -> list[str]:
        """Statement ids the anaphor stands for; empty when nothing fits."""
        denier_states = {state for d in deniers if (state := self.state_of(d)) is not None}
        candidates = [s for s in earlier if s.relation != "DENIES" and not s.claim.refers_to
                      and not any(same_actor_name(s.speaker.name, d) for d in deniers)
                      # "Kremlin spokesman Dmitry Peskov denied the allegations" after Russia's
                      # defence ministry accused Ukraine: a state does not deny its own claims.
                      and self.state_of(s.speaker.name) not in denier_states
                      and not _reports_denial_by(s, deniers) and not _counter_version(s)]
        # "this allegation", and "this" alone ("This is a lie"): one claim, the newest.
        singular = anaphor.root.tag_ in ("NN", "NNP") or anaphor.root.lower_ in FALSE_PRONOUNS
        chosen: list[Statement]
        published = [s for s in candidates if anaphor.root.lemma_.lower() in words(s.speaker.name)]
        if owner is not None:
            chosen = [s for s in candidates if same_actor_name(s.speaker.name, owner)]
        elif published or anaphor.root.lemma_.lower() in PUBLICATION_NOUNS:
            # "this study" after "a recent study in the journal ... said"; no such publication
            # spoke: nothing else is what "the study" stands for.
            chosen = published
        elif self._last is not None and sentence_index - self._last.sentence_index <= CARRY_OVER_SENTENCES:
            return self._remember(sentence_index, self._last.refers_to)
        else:
            about = [s for s in candidates if any(_about(s, d) for d in deniers)]
            if about:
                chosen = about
            elif candidates:
                newest = _paragraph_of(self.text, candidates[-1].claim.start or 0)
                chosen = [s for s in candidates if _paragraph_of(self.text, s.claim.start or 0) == newest]
            else:
                chosen = []
        if singular and chosen and anaphor[0].lower_ in ("this", "that") and owner is None and not published:
            chosen = candidates  # "this allegation" is the newest one, whoever it is about
        chosen = self._accusations_if_accusing(anaphor, chosen)
        if singular:
            chosen = chosen[-1:]
        return self._remember(sentence_index, [s.statement_id for s in chosen if s.statement_id])

    def _accusations_if_accusing(self, anaphor: Span, statements: list[Statement]) -> list[Statement]:
        """ "denied the allegations", "rejected the accusation": the accusations among the
        statements, not a neutral report beside them ("the IAEA said it could not determine
        who was responsible"); all of them when none accuses."""
        if self.lexicon.claim_nouns.get(anaphor.root.lemma_.lower()) != "ACCUSES":
            return statements
        return [s for s in statements if s.relation == "ACCUSES"] or statements

    def _remember(self, sentence_index: int, refers_to: list[str]) -> list[str]:
        if refers_to:
            self._last = _Link(sentence_index, refers_to)
        return list(refers_to)


_DENIAL_VERB = re.compile(r"\b(?:den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|refut(?:es|ed|ing))\b",
                         re.IGNORECASE)


def _reports_denial_by(statement: Statement, deniers: list[str]) -> bool:
    """ "Bill Daly denied the report on Wednesday", relayed by an update: a report of the denial
    is not what the denial denies."""
    text = statement.claim.text or ""
    return bool(_DENIAL_VERB.search(text)) and any(contains_words(text, word) for d in deniers for word in d.split()[-1:])


_COUNTER_VERSION = re.compile(r"(?:However|But|Yet),?\s", re.IGNORECASE)


def _counter_version(statement: Statement) -> bool:
    """ "However, a senior official told CNN the Marines disabled their weapons": a counter-version
    answers the allegations before it (train/README.md, 8); a later denial does not deny it."""
    return bool(statement.sentence and _COUNTER_VERSION.match(statement.sentence.text))


def counterfactual(content: Span, lexicon: Lexicon) -> bool:
    """ "If these claims were true, this would be a general policy ...": a speaker who supposes
    earlier claims true only to draw an absurd consequence denies them."""
    for token in content:
        if token.lemma_.lower() != "true" or token.dep_ not in ("acomp", "attr"):
            continue
        clause = token.head
        if any(c.dep_ == "mark" and c.lower_ == "if" for c in clause.children) and any(
                c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in lexicon.claim_nouns for c in clause.children):
            return True
    return False
