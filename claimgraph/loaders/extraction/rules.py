"""Speech acts in a parsed article: who (speaker span), which words mark it (cue), and what
was said (claim span), found by rules over spaCy's dependency parse.

This step only finds spans. Names are resolved (``mentions.py``) and the relation and
targets settled (``stance.py``) afterwards, so that each step can be read and tested alone.

Patterns, each a function below:
- a cue verb with its subject, or its passive agent ("were denied by Turkey and Azerbaijan"),
  or the subject of the verb it is coordinated with or subordinate to ("also claimed ... and
  claimed ...", "Denying that ..., X said"), or the noun a relative clause hangs on ("X,
  which rejected the claims, ..."); every coordinated subject is its own speaker;
- what the cue says: a that-clause, the direct quote the speaker and cue frame (also across
  sentences), or an object noun phrase: "denied claims that ..." gives the clause, "rejected
  the claims" an anaphor that stands for earlier claims;
- "according to X", and a frame opened by "as" ("As the ministry said, ...", "... (as Reuters
  reported)");
- a claim noun with its author: "claims made by X that ...", "X's allegation that ...".
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from claimgraph.graph.types import Relation
from claimgraph.loaders.extraction.lexicon import Lexicon
from claimgraph.loaders.extraction.nlp import doc_text
from claimgraph.loaders.extraction.quotes import Quote, QuoteIndex

SUBJECTS = ("nsubj", "nsubjpass")
# "whose" too: it opens a relative clause, though never as its subject or object.
RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom", "whose"})
# Pronouns that can be a speaker outside quotes; "I", "we" and "you" there are the author's.
SPEAKER_PRONOUNS = frozenset({"he", "she", "they", "it"})
QUOTED_OBJECT_PRONOUNS = frozenset({"him", "her", "them"})
# "Some have criticized her": pronouns that stand for unnamed people, not for anyone named before.
INDEFINITE_SPEAKERS = frozenset({"some", "others", "many", "several", "few", "another"})
# Common nouns that head a subject but are never who spoke ("the fact that ... shows").
NOT_SPEAKERS = frozenset({"fact", "thing", "idea", "question", "problem", "situation", "reason", "way", "time",
                          "decision", "move", "step", "lot", "number", "part", "rest", "one"})
ANAPHORIC_DETERMINERS = frozenset({"these", "those", "this", "that", "the", "such", "his", "her", "their", "its"})
# Adjectives that point a claim noun back at what was said before ("denied previous media
# accounts of the biopsy", "rejected earlier reports").
BACK_POINTING_MODIFIERS = frozenset({"previous", "earlier", "prior", "recent", "initial", "original"})


def points_back(noun: Token) -> bool:
    """Whether a claim noun stands for claims made before: "these claims", "her claims",
    "earlier reports"."""
    return any(c.dep_ in ("det", "poss") and c.lower_ in ANAPHORIC_DETERMINERS
               or c.dep_ == "amod" and c.lower_ in BACK_POINTING_MODIFIERS for c in noun.children)
# Cues whose clause is an infinitive ("urged all countries to prevent ...").
INFINITIVE_CUES = frozenset({"urge", "ask", "call", "vow", "promise", "pledge", "threaten", "demand", "warn", "tell"})
# Cues that report by their object alone ("confirmed the probe", "denied the report").
OBJECT_CUES = frozenset({"report", "announce", "reveal", "confirm", "cite", "describe", "acknowledge", "admit"})
# Words that open a paragraph with a colon without naming a speaker ("Update: ...", "Photo: ...",
# and a section's heading: "Bottom Line: ...", "Summary: ...").
TURN_LABELS = frozenset({"update", "updated", "photo", "photos", "image", "video", "watch", "related", "read", "more",
                         "note", "editor", "editors", "correction", "credit", "source", "caption", "via", "also",
                         "see", "listen", "warning", "disclaimer", "breaking", "exclusive",
                         "bottom", "summary", "conclusion", "conclusions", "background", "takeaway", "verdict"})
# An interview transcript's turn: up to four capitalised words and a colon opening a line.
TRANSCRIPT_TURN = re.compile(r"[\"“]?([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})[ \t]*:[ \t]+(?=\S)")
# A quote's signature: a dash and a name closing the line ("...” ― Krystal Correa").
# An embedded social-media post as scraped pages print it: "<text> — Name (@handle) December
# 23, 2014" or "A photo posted by Name (@handle) on Nov 11, 2014".
POST_SIGNATURE = re.compile(r"(?:[―—–]|\bA (?:photo|video) posted by)[ \t\xa0]*(?P<name>[^\n―—–()@]{1,60}?)[ \t\xa0]*"
                            r"\(@\w{1,30}\)[ \t\xa0]*(?:on[ \t]+)?[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}")
# Links a post ends with: "pic.twitter.com/…", "http://t.co/…", "via @MailOnline".
POST_LINKS = re.compile(r"(?:\s*(?:pic\.twitter\.com/\S+|https?://\S+|via @\w+))+\s*$")
SIGNATURE = re.compile(r"[ \t\xa0]*[―—–][ \t\xa0]*([A-Z][^\n“”\"―—–]{1,60}?)[ \t\xa0.]*(?=\n|$)")
# Verbs that make a claim noun the speech act: "made accusations against", "leveled charges".
LIGHT_VERBS = frozenset({"make", "level", "levy", "file", "raise", "bring", "voice"})
# "voiced his displeasure with", "expressed outrage at": condemnation (the annotation
# conventions, 8) said by naming a feeling.
DISAPPROVAL_NOUNS = frozenset({"displeasure", "disapproval", "outrage", "anger", "disgust", "indignation",
                               "condemnation", "fury"})
EXPRESSING_VERBS = frozenset({"express", "voice"})
DISAPPROVAL_PREPOSITIONS = ("with", "at", "over", "about", "against", "of", "toward", "towards")
# The rule that gives the quote right after a quoted sentence to the same speaker (_following_quotes).
QUOTE_CONTINUATION_RULE = "quote-follows"
QUOTED_SPEECH_RULE = "quoted-speech"
# What someone thinks rather than says: inside a quote, the speaker's own telling of it
# ("“These soldiers believed that ...,” Royce said" is Royce's statement).
ATTITUDE_VERBS = frozenset({"believe", "think", "feel", "know", "expect", "hope", "suspect", "fear", "assume",
                            "suppose", "guess", "understand", "wonder"})
CITING_RULE = "citing"
# "citing a source", "quoting a nurse": the reporter's words are also the source's.
CITING_CUES = frozenset({"cite", "quote"})
# What a speaker speaks about: "complained about", "spoke of", "commented on".
TOPIC_PREPOSITIONS = frozenset({"about", "of", "on", "over", "regarding"})
# Deeds whose owner is who suffered them: "Sotloff's murder", "Foley's beheading" (whereas
# "Russia's invasion" is Russia's doing).
SUFFERED_DEEDS = frozenset({"murder", "killing", "death", "beheading", "execution", "assassination", "kidnapping",
                            "abduction", "torture", "rape", "arrest", "detention", "imprisonment", "shooting",
                            "poisoning", "disappearance"})
# "termed the reports “false”", "calling her claims an “outrageous defamatory lie”": a denial
# when what the claim is called is a denial word, else no speech act.
CHARACTERISING_CUES = frozenset({"term", "call", "label", "brand", "describe"})
# Verbs that make their object do what their open clause says: "prompted Snopes.com to label it
# false", "forced the ministry to deny the report".
PROMPTING_VERBS = frozenset({"prompt", "force", "lead", "push", "spur", "compel", "cause", "pressure", "drive"})
# Pronouns that stand for what was said when a speaker calls them false ("called it false",
# "this is a hoax").
FALSE_PRONOUNS = frozenset({"this", "that", "it"})
# Datelines open an article: "Baku, Azerbaijan –", "WASHINGTON (Reuters) -". They name a place, not a speaker.
DATELINE = re.compile(r"^[ \t]*[A-Z][\w.'’ -]{0,40}(?:,[ \t]*[A-Z][\w.'’ -]{0,40}){0,2}[ \t]*(?:\([^)\n]{1,40}\)[ \t]*)?[–—-]{1,2}[ \t]+",
                      re.MULTILINE)
# A paragraph opening with a dash aside has the shape of a dateline too: "At least 15 women —
# including model Janice Dickinson — have come forward", "Sotloff — a journalist ... — was".
# Words in lower case longer than a place name's particles ("Rio de Janeiro", "Isle of Man")
# rule a dateline out; one in Title Case only is one when the parse calls it a place.
DATELINE_PARTICLE_LENGTH = 3
PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})


@dataclass
class Attribution:
    """One speech act as found in the parse: spans only, nothing resolved yet."""

    sentence: Span
    speaker: Span
    cue: tuple[int, int]
    cue_relation: Relation
    # The claim's characters, or None when the claim is an anaphor standing for earlier ones.
    content: tuple[int, int] | None
    anaphor: Span | None = None
    # Whose claim this one answers ("claims made by X", "X's claims").
    claim_owner: Span | None = None
    # The actor the cue itself names ("accused Turkey of ...", "backed Azerbaijan").
    cue_object: Span | None = None
    # Speakers sharing one cue ("denied by Turkey and Azerbaijan") share a group.
    group: int = 0
    rule: str = ""
    confidence: float = 0.8


def dateline_ends(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of datelines at the start of paragraphs: a place, in capitals ("BEIRUT
    —"), with its region ("Tampa, Fla. –"), its news agency ("Rabat (AFP) -") or as the parse
    names places ("Beirut —")."""
    places = {entity.start_char for entity in doc.ents if entity.label_ in PLACE_ENTITIES}
    found = []
    for match in DATELINE.finditer(doc_text(doc)):
        words = re.findall(r"[A-Za-z][\w.'’-]*", re.split(r"[–—(]|-{1,2}[ \t]", match.group())[0])
        if len(match.group().split()) > 7 or any(
                word[0].islower() and len(word) > DATELINE_PARTICLE_LENGTH for word in words):
            continue
        start = match.start() + len(match.group()) - len(match.group().lstrip())
        if "(" in match.group() or "," in match.group() or words[0].isupper() and len(words[0]) > 1 \
                or start in places:
            found.append((match.start(), match.end()))
    return found


# A line of its own with no full stop is a headline below this many words; longer, it is a
# paragraph that lost its stop ("..., the Times of India reports"), unless a label and a colon
# open it, as captions do, up to CAPTION_WORDS.
HEADLINE_WORDS = 15
CAPTION_WORDS = 25


def is_headline(sentence: Span) -> bool:
    """Headlines are not statements (relations.md): a short line of its own that does not end
    like a sentence, or a caption (a label and a colon opening such a line), or a line in Title
    Case ("Law & Order Star Accuses Bill Cosby of ...")."""
    text = sentence.text.strip()
    whole = doc_text(sentence.doc)
    line_start = whole.rfind("\n", 0, sentence.start_char) + 1
    line_end = whole.find("\n", sentence.start_char)
    line = whole[line_start : len(whole) if line_end < 0 else line_end].strip()
    length = len(text.split())
    # A short line, or a caption: "Prisoner: al-Baghdadi, shown before his rise to power, was held ..."
    if line == text and not re.search(r"(?:[.!?][\"”’')]*|:)$", text) and (
            length < HEADLINE_WORDS or length < CAPTION_WORDS and TRANSCRIPT_TURN.match(text)):
        return True
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if len(w) > 3]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) / len(words) > 0.8


def is_negation(token: Token) -> bool:
    """ "not", "never", "n't": the parse's negation, and "n’t" with a curly apostrophe, which the
    small model often attaches as punctuation ("The study also didn’t control for ...")."""
    return token.dep_ == "neg" or token.lower_ in ("n't", "n’t")


# Entity labels that name an actor: a person, an organisation, a country or a people.
ACTOR_ENTITIES = frozenset({"GPE", "ORG", "NORP", "PERSON"})

# Subjects that say no one and nothing: "nobody accused ...", "nothing in the story is true".
NO_ONE = frozenset({"nobody", "nothing", "none"})


def negated_subject(subject: Token) -> bool:
    """A subject that says none of it happened: "nobody", "nothing", "no official", "neither X nor Y"."""
    return subject.lower_ in NO_ONE or any(
        c.dep_ in ("det", "preconj") and c.lower_ in ("no", "neither") for c in subject.children)


def called_false(noun: Token, lexicon: Lexicon) -> bool:
    """ "their claims were not true", "its reports are baseless": the clause that the noun is
    the subject of denies it."""
    predicate = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass"):
        return False
    return any(is_negation(c) or c.dep_ in ("acomp", "attr") and c.lemma_.lower() in lexicon.denial_words
               for c in predicate.children) or predicate.lemma_.lower() in lexicon.denial_words


def heads_a_clause(token: Token) -> bool:
    """A word tagged as a noun that the parse uses as a verb, with a subject and a reported
    clause: "..., Fox 13 reports." (the small model often tags "reports" a plural noun)."""
    children = {c.dep_ for c in token.children}
    return token.pos_ == "NOUN" and "nsubj" in children and "ccomp" in children


def noun_phrase(token: Token) -> Span:
    """The phrase a noun heads, without what hangs on it as an aside: relative clauses,
    appositions, coordinated nouns and the commas around them."""
    drop = {"relcl", "appos", "conj", "cc", "punct", "acl", "advcl"}
    left, right = token.i, token.i
    for child in token.children:
        if child.dep_ in drop or (child.dep_ == "prep" and child.lower_ == "including"):
            continue
        if child.dep_ == "prep" and any(c.ent_type_ in ("DATE", "TIME") for c in child.children):
            continue  # "Saudi Arabian Airlines on Sunday dismissed ...": when, not who
        child_left, child_right = _edges_without_asides(child)
        left, right = min(left, child_left), max(right, child_right)
    doc = token.doc
    while left < token.i and (doc[left].is_punct or doc[left].is_space):
        left += 1
    while right > token.i and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    return doc[left : right + 1]


# Asides deeper in a phrase: "a head teacher at the school, who recalled her surprise ..." is
# "a head teacher at the school".
NESTED_ASIDES = frozenset({"relcl", "acl", "advcl", "appos"})


def _edges_without_asides(token: Token) -> tuple[int, int]:
    left, right = token.i, token.i
    for child in token.children:
        if child.dep_ not in NESTED_ASIDES:
            child_left, child_right = _edges_without_asides(child)
            left, right = min(left, child_left), max(right, child_right)
    return left, right


def _without_as(phrase: Span) -> Span:
    """A claim noun's phrase without what a denial calls it: "Russia's claims" of "Russia's
    claims as propaganda"."""
    called = next((c for c in phrase.root.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > phrase.root.i), None)
    return phrase.doc[phrase.start : called.i] if called is not None else phrase


def coordinated(token: Token) -> list[Token]:
    """The token and every noun coordinated with it: "Turkey and Azerbaijan" -> both."""
    found = [token]
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN", "PRON"):
            found.extend(coordinated(child))
        elif child.dep_ == "prep" and child.lower_ == "including":
            # "More than a dozen women, including Janice Dickinson, accuse ...": she speaks too, and
            # so does each outlet of "including UPI.com, the Daily News and BuzzFeed".
            for named in (c for c in child.children if c.dep_ == "pobj" and c.pos_ == "PROPN"):
                found.extend(coordinated(named))
    return found


def day_before_name(token: Token) -> bool:
    """Whether a token is a day the parse ran into the name after it ("On Friday Yorkville
    Endoscopy announced"); "Mail on Sunday" and "The Sunday Times" keep theirs."""
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return token.ent_type_ in ("DATE", "TIME") and token.pos_ == "PROPN" and following is not None \
        and following.pos_ == "PROPN" and following.ent_type_ not in ("DATE", "TIME")


# Cue verbs that tell that someone spoke, asked or wished, not what they said: "As the mayor
# spoke, the crowd cheered" tells when; "As the mayor noted, ..." tells who says so.
NOT_AS_FRAMES = frozenset({"address", "answer", "ask", "chant", "comment", "complain", "demand", "discuss", "fear",
                           "hope", "joke", "pledge", "promise", "question", "reply", "respond", "speak", "talk",
                           "testify", "threaten", "urge", "vow"})


def sets_off_as(verb: Token) -> bool:
    """Whether a verb heads a clause opened by "as" ("as Reuters reported")."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)


def _trimmed(doc: Doc, left: int, right: int) -> tuple[int, int] | None:
    """Character range of tokens left..right without a leading "that" or edge punctuation."""
    while left <= right and (doc[left].is_punct or doc[left].is_space or
                             (doc[left].dep_ == "mark" and doc[left].lower_ in ("that", "whether"))):
        left += 1
    while right >= left and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    if right < left:
        return None
    if _opens_a_quote(doc[left:right + 1].text):
        # 'the plan was “a disaster”', 'was “a disaster.”': a quote opened in the claim closes in it
        closing = next((i for i in (right + 1, right + 2) if i < len(doc) and doc[i].text in ("”", '"')), None)
        if closing is not None and all(doc[i].is_punct for i in range(right + 1, closing)):
            right = closing
    return doc[left].idx, doc[right].idx + len(doc[right])


def _opens_a_quote(text: str) -> bool:
    """Whether a text opens a quotation mark it does not close."""
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


def _trimmed_chars(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and (text[start].isspace() or text[start] in "\"“”"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "\"“”,;:"):
        end -= 1
    return (start, end) if end > start else None


def some_of(token: Token) -> Token | None:
    """The noun a number counts in "one of the sources", "96 percent of the respondents"."""
    return next((p for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                 for p in c.children if p.dep_ == "pobj" and p.pos_ in ("NOUN", "PROPN")), None)


def relative_antecedent(token: Token) -> Token | None:
    """The noun a relative pronoun stands for: "Manners" in "Miss Manners, who says ..."."""
    return token.head.head if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl" else None


def clause_range(token: Token) -> tuple[int, int] | None:
    """The characters of the clause a token heads."""
    return _trimmed(token.doc, token.left_edge.i, token.right_edge.i)


def that_clauses(clause: Token, cue_verbs: Collection[str] = ()) -> list[tuple[int, int] | None]:
    """The claims of a reported clause: "said that X, and that Y" says two things (the
    annotation conventions, 1), "said that X and Y" one. A participle cue that ends the clause
    ("..., adding, “...”") says its own claim, and is no part of this one."""
    doc = clause.doc
    parts = [c for c in clause.children
             if c.dep_ == "conj" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
    added = next((c for c in clause.children if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i > clause.i
                  and c.lemma_.lower() in cue_verbs and c.lemma_.lower() not in CITING_CUES
                  and c.right_edge.i == clause.right_edge.i), None)
    if not parts and added is None:
        return [clause_range(clause)]
    first_end = (parts[0] if parts else added).left_edge.i - 1  # type: ignore[union-attr]
    while first_end > clause.left_edge.i and (doc[first_end].dep_ == "cc" or doc[first_end].is_punct):
        first_end -= 1  # the "and" and the comma before the second "that"
    return [_trimmed(doc, clause.left_edge.i, first_end), *(clause_range(part) for part in parts)]


def that_clause(noun: Token) -> Token | None:
    """The clause telling what a claim noun claims: "claims that Turkey ...", also through
    "made by X" ("claims made by local media that the carrier ...")."""
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp", "appos", "relcl") and child.pos_ in ("VERB", "AUX"):
            if any(c.dep_ == "mark" and c.lower_ in ("that", "whether") for c in child.children):
                return child
            if child.lemma_ == "make":
                for grandchild in child.children:
                    if grandchild.dep_ in ("ccomp", "acl") and any(c.dep_ == "mark" for c in grandchild.children):
                        return grandchild
    return None


def claim_author(noun: Token) -> Token | None:
    """Who made a claim, as the claim noun says: "X's claims", "claims by X", "claims made by X"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
        if child.dep_ == "acl" and child.lemma_ == "make":
            for agent in child.children:
                if agent.dep_ == "agent":
                    objects = [c for c in agent.children if c.dep_ == "pobj"]
                    if objects:
                        return objects[0]
    return None


class AttributionFinder:
    """Finds the speech acts of one parsed article.

    Args:
        doc: the parsed article.
        lexicon: cue words.
        quotes: the article's direct quotes.
    """

    def __init__(self, doc: Doc, lexicon: Lexicon, quotes: QuoteIndex) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.lexicon = lexicon
        self.quotes = quotes
        self.datelines = dateline_ends(doc)
        self.found: list[Attribution] = []
        self._groups = 0

    # -- what may be a speaker -------------------------------------------------------------

    def in_quote(self, token: Token) -> Quote | None:
        return self.quotes.at(token.idx)

    def in_dateline(self, token: Token) -> bool:
        return any(start <= token.idx < end for start, end in self.datelines)

    def after_dateline(self, phrase: Span) -> Span:
        """A speaker's phrase without the dateline the parse joined to it ("Tampa, Fla. – Police"),
        or the day it joined to a name ("On Friday Yorkville Endoscopy announced")."""
        doc, start = self.doc, phrase.start
        while start < phrase.end - 1 and (self.in_dateline(doc[start]) or day_before_name(doc[start])):
            start += 1
        return doc[start : phrase.end]

    def without_dateline(self, content: tuple[int, int]) -> tuple[int, int]:
        """A claim's characters without the dateline that opens it ("TEHRAN (FNA)- Iraq's army
        has shot down two British planes ..., a senior lawmaker disclosed")."""
        start, end = content
        return next(((dateline_end, end) for dateline_start, dateline_end in self.datelines
                     if dateline_start <= start < dateline_end < end), content)

    def can_speak(self, token: Token) -> bool:
        if self.in_dateline(token) or self.in_quote(token) and not self._quoted_speaker(token):
            return False
        if token.pos_ == "PRON":
            # "quoted him as saying": the one quoted is the object
            return token.lower_ in SPEAKER_PRONOUNS or token.lower_ in INDEFINITE_SPEAKERS or (
                token.lower_ in QUOTED_OBJECT_PRONOUNS and token.dep_ == "dobj" and token.head.lemma_.lower() == "quote")
        if token.pos_ == "NUM":
            return (group := some_of(token)) is not None and self.can_speak(group)
        if token.pos_ == "PROPN":
            return True
        return token.pos_ == "NOUN" and token.lemma_.lower() not in NOT_SPEAKERS

    def subject_of(self, verb: Token, depth: int = 0) -> Token | None:
        """The speaker a verb has, or inherits from the verb it is coordinated with or
        subordinate to, or from the noun its relative clause describes."""
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and not self.in_dateline(c)]
        if self._claim_parsed_as_subject(subjects) is not None:
            return subjects[1]  # "a charge the ministry rejected", parsed with two subjects
        for child in subjects:
            if child.tag_ == "VBG" and (named := next((c for c in child.children if c.dep_ == "appos"), None)) is not None:
                # "Speaking of the photograph, a journalist ... said": the parse makes the
                # participle the subject and the one speaking its apposition.
                child = named
            return relative_antecedent(child) or child
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in PROMPTING_VERBS and (controller := next(
                (c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)) is not None:
            # "prompted Snopes.com to label it false", "forced the ministry to deny": the one
            # prompted speaks, not whatever prompted it.
            return controller
        if depth < 3 and verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
            reported = verb.head
            if verb.tag_ == "VBG" and verb.dep_ != "conj" and reported.dep_ == "ccomp" \
                    and reported.head.lemma_.lower() in self.lexicon.cue_verbs:
                # "He said the administration would work to confirm it, adding, ...": the parse hangs
                # the participle in the reported clause, but the one adding is who said it.
                return self.subject_of(reported.head, depth + 1)
            return self.subject_of(reported, depth + 1)
        if depth < 3 and verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ" and verb.head.head.pos_ in ("VERB", "AUX"):
            return self.subject_of(verb.head.head, depth + 1)  # "was quick to deny"
        if depth < 3 and verb.dep_ == "acl" and verb.tag_ == "VBG":
            # "took aim ... in a statement to TheWrap calling her claims a lie": the clause's subject.
            clause = next((t for t in verb.ancestors if t.pos_ in ("VERB", "AUX")), None)
            if clause is not None:
                return self.subject_of(clause, depth + 1)
        # "quoted Daly as saying": the one quoted speaks.
        if verb.dep_ == "pcomp" and verb.head.lower_ == "as" and verb.head.head.lemma_ == "quote":
            quoting = verb.head.head
            for child in quoting.children:
                if child.dep_ in ("dobj", "nsubjpass"):
                    return child
        return None

    # -- what was said -------------------------------------------------------------------

    def framed_quote(self, sentence: Span, frame_start: int, frame_end: int) -> Quote | None:
        """The quote a speaker-and-cue frame introduces or closes: "“...,” he said" or
        "he said: “...”"."""
        text = self.text
        for quote in self.quotes.quotes:
            # Between a quote and the frame after it only a few words may stand ("“...,” TVA
            # Sports quoted Daly as saying"), never the end of a sentence or another quote.
            # The quote may close the sentence before ("... votes?” Trump said": the parser ends a
            # sentence at the quoted question mark).
            if quote.end <= frame_start and quote.end >= sentence.start_char - 2 and \
                    len(text[quote.end:frame_start]) <= 40 and re.fullmatch(r"[^.!?“”\"\n]*", text[quote.end:frame_start]):
                return quote
            if quote.start >= frame_end and quote.start < sentence.end_char and \
                    len(text[frame_end:quote.start]) <= 80 and re.fullmatch(r"[^“”\"\n]*", text[frame_end:quote.start]):
                return quote
        return None

    def _quoted_within(self, quote: Quote, clause: Token) -> bool:
        """Whether a quote is a fragment of the reported clause, which begins outside it: the
        claim is that clause with the quote in it (the annotation conventions, 1: the core
        clause, verbatim)."""
        words = clause_range(clause)
        quoted_end = len(self.text[:quote.inner_end].rstrip(".,;:!? "))  # the parse leaves a closing "." outside
        subject = next((c for c in clause.children if c.dep_ in (*SUBJECTS, "expl")), None)
        return (words is not None and words[0] < quote.start and quoted_end <= words[1]
                # its subject before the quote ('said her son “didn’t mean anything by it”'), not
                # a lead-in ('Meanwhile, “...”', 'more than that: “...”', 'which he said "..."')
                and subject is not None and subject.idx < quote.start and subject.lower_ not in RELATIVE_PRONOUNS
                and ":" not in self.text[words[0]:quote.start])

    def _claim_object(self, verb: Token, obj: Token) -> tuple[tuple[int, int] | None, Span | None, Token | None]:
        """What an object says: a claim noun with a that-clause gives the clause; a claim noun
        with a determiner ("these claims") is an anaphor. Returns (content, anaphor, author)."""
        lemma = obj.lemma_.lower()
        if lemma in self.lexicon.claim_nouns:
            author = claim_author(obj)
            clause = that_clause(obj)
            if clause is not None:
                return clause_range(clause), None, author
            if author is not None or points_back(obj):
                return None, _without_as(noun_phrase(obj)), author
        return clause_range(obj), None, None

    def _claim_called_false(self, clause: Token) -> Token | None:
        """What a reported clause calls false when its subject is a claim noun with its own
        that-clause ("rumors that they had used rubber bullets were totally false"): that clause."""
        for subject in clause.children:
            if subject.dep_ in ("nsubj", "nsubjpass") and subject.lemma_.lower() in self.lexicon.claim_nouns \
                    and called_false(subject, self.lexicon):
                return that_clause(subject)
        return None

    def _is_frame(self, clause: Token) -> bool:
        """Whether a clause is only another speaker's frame: a cue verb with a subject and
        nothing it says."""
        return (clause.lemma_.lower() in self.lexicon.cue_verbs
                and any(c.dep_ == "nsubj" for c in clause.children)
                and not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in clause.children))

    def _topic(self, verb: Token) -> tuple[int, int] | None:
        """ "complained about his mic", "spoke of the plight of citizens": speech about a topic;
        the topic is what is reported."""
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in TOPIC_PREPOSITIONS:
                topic = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
                if topic is not None and topic.ent_type_ not in ("DATE", "TIME"):  # "spoke on Monday"
                    return clause_range(topic)
        return None

    def _as_frame(self, verb: Token) -> tuple[int, int] | None:
        """ "As the ministry said on Monday, the troops shelled the plant", "there were attacks
        (as Reuters reported)", "As previously reported by the Inquisitr, ...": a clause set off
        by "as" attributes the clause it hangs on, which is the claim, the frame left out."""
        if any(c.dep_ in ("ccomp", "xcomp") for c in verb.children):
            return None  # "as she said she would": a manner, no source
        head = verb.head
        frame_left, frame_right = verb.left_edge.i, verb.right_edge.i
        words = [t.i for t in head.subtree if not (t.is_punct or t.is_space)]
        if frame_left <= words[0]:
            return _trimmed(self.doc, frame_right + 1, head.right_edge.i)
        if frame_right >= words[-1]:
            return _trimmed(self.doc, head.left_edge.i, frame_left - 1)
        return None  # "The troops, as the ministry said, shelled ...": a frame set off by commas (_parenthetical)

    def _next_paragraph(self, sentence: Span, verb: Token) -> tuple[int, int] | None:
        """ "Limbaugh added:" closing its paragraph: what he said is the next paragraph, set off
        as a block without quotation marks."""
        text = self.text
        rest = text[verb.idx + len(verb):sentence.end_char]
        if not re.fullmatch(r"\s*:\s*", rest) or "\n" not in text[sentence.end_char - 1:sentence.end_char + 2] + rest:
            return None
        start = sentence.end_char
        while start < len(text) and text[start].isspace():
            start += 1
        end = text.find("\n", start)
        return _trimmed_chars(text, start, len(text) if end < 0 else end)

    def _parenthetical(self, sentence: Span, frame_start: int, frame_end: int) -> tuple[int, int] | None:
        """ "Lenox was a juggernaut, Mr. Clarke said, until ...", "The museum, Mr. Obama said,
        would make ...": a frame set off by commas reports the sentence around it. The claim is
        the clause before the frame when it has a verb of its own, else the clause after it
        ("As the Independent noted, Tawil is ...", "Rather, he said, the plan ..."), else the
        whole sentence."""
        text = self.text
        before = text[sentence.start_char:frame_start].rstrip()
        after = text[frame_end:sentence.end_char].lstrip()
        if not (before.endswith(",") or after.startswith(",")):
            return None
        head = self.doc.char_span(sentence.start_char, frame_start, alignment_mode="contract")
        if head is not None and any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in head) and len(head) > 3:
            return _trimmed_chars(text, sentence.start_char, frame_start - 1 if before.endswith(",") else frame_start)
        if after.startswith(","):
            tail_start = sentence.end_char - len(after) + 1
            tail = self.doc.char_span(tail_start, sentence.end_char, alignment_mode="contract")
            # A clause of its own, its verb's subject in it: not "The museum, Mr. Obama said,
            # would make ...".
            if tail is not None and len(tail) > 3 and any(
                    c.dep_ in ("nsubj", "nsubjpass") and tail.start <= c.i < tail.end
                    for root in tail if not tail.start <= root.head.i < tail.end or root.head.i == root.i
                    for c in root.children):
                return _trimmed_chars(text, tail_start, sentence.end_char)
        whole = _trimmed_chars(text, sentence.start_char, sentence.end_char)
        return whole if whole is not None and whole[1] - whole[0] > frame_end - frame_start + 10 else None

    def _inverted_subject(self, verb: Token) -> Token | None:
        """ "“...,” explained Gul, who ...": a name right after a cue that closes a quote, when
        the parser hung it elsewhere."""
        after = verb.i + 1
        if after >= len(self.doc) or self.doc[after].pos_ != "PROPN" or verb.i == 0:
            return None
        if not any(self.doc[verb.i - k].text in "”\"" for k in (1, 2) if verb.i - k >= 0):
            return None
        end = after
        while end + 1 < len(self.doc) and self.doc[end + 1].pos_ == "PROPN":
            end += 1
        return self.doc[end]

    def _reports_by_object(self, lemma: str, relation: Relation, obj: Token) -> bool:
        """Whether a cue's object is what was said: any object of a denial or an accusation;
        for support only a claim ("confirmed the report") or an actor ("backed Azerbaijan"),
        not "could support a second team"; for reporting cues a claim or a few verbs' objects."""
        claim_object = obj.lemma_.lower() in self.lexicon.claim_nouns
        if relation in ("DENIES", "ACCUSES"):
            return True
        if relation == "SUPPORTS":
            return claim_object or obj.ent_type_ in ACTOR_ENTITIES
        return claim_object or lemma in OBJECT_CUES

    def _renamed_claim(self, verb: Token) -> Token | None:
        """The claim noun a cue's clause hangs on as its object: "a claim (that) Moscow denied",
        "an allegation the Kremlin rejected"; also where the small model makes the noun a
        second subject ("a charge Ukraine's ministry rejected")."""
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        said = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")
                or c.dep_ == "dobj" and c.lower_ not in RELATIVE_PRONOUNS]
        if said or not subjects:
            return None
        if (claim := self._claim_parsed_as_subject(subjects)) is not None:
            return claim
        head = verb.head
        if verb.dep_ in ("relcl", "acl") and head.pos_ == "NOUN" and head.lemma_.lower() in self.lexicon.claim_nouns \
                and subjects[0].lower_ not in RELATIVE_PRONOUNS:
            return head
        return None

    def _claim_parsed_as_subject(self, subjects: list[Token]) -> Token | None:
        """The claim noun the small model makes a verb's first subject beside its real one:
        "a charge Ukraine's ministry rejected"."""
        if len(subjects) >= 2 and subjects[0].lemma_.lower() in self.lexicon.claim_nouns and not self.in_quote(subjects[0]):
            return subjects[0]
        return None

    def _before_renaming(self, content: tuple[int, int] | None) -> tuple[int, int] | None:
        """A claim without the apposition that renames it for another speaker: "Russian troops
        shelled the plant" of "..., a claim that Moscow denied" (that is Moscow's statement)."""
        span = self.doc.char_span(*content, alignment_mode="expand") if content is not None else None
        if span is None:
            return content
        for token in span:
            if token.dep_ == "appos" and token.i > span.start and any(
                    self._renamed_claim(c) is not None for c in token.children if c.dep_ in ("relcl", "acl")):
                return _trimmed(self.doc, span.start, token.left_edge.i - 1) or content
        return content

    @staticmethod
    def _attacked(verb: Token) -> Token | None:
        """Whom an accusing cue goes at when it takes no object: "lashed out at Moscow",
        "lashed out against the opposition"."""
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in ("at", "against") and prep.i > verb.i:
                return next((c for c in prep.children if c.dep_ == "pobj"), None)
        return None

    def _act(self, noun: Token) -> bool:
        """Whether an accusing cue's object is a deed rather than who did it: a blame noun
        ("the invasion", "Russia's aggression"), a deed done to someone ("Sotloff's murder") or
        an action noun with its own of- or by-phrase ("the shelling of the plant", "the killing
        of civilians by the army")."""
        if noun.pos_ != "NOUN" or noun.ent_type_:
            return False
        lemma = noun.lemma_.lower()
        if lemma in self.lexicon.deed_nouns or lemma in SUFFERED_DEEDS:
            return True
        return noun.lower_.endswith("ing") and any(
            c.dep_ in ("prep", "agent") and c.lower_ in ("of", "by") for c in noun.children)

    def is_source(self, token: Token) -> bool:
        """Whether a noun after "according to" names a source of information."""
        return (token.pos_ == "PROPN" or token.ent_type_ in ACTOR_ENTITIES
                or token.lemma_.lower() in self.lexicon.source_nouns
                or any(c.dep_ == "poss" for c in token.children)
                or (group := some_of(token)) is not None and self.is_source(group))

    # -- the patterns --------------------------------------------------------------------

    def cue_verb(self, verb: Token, sentence: Span) -> None:
        lemma = verb.lemma_.lower()
        particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
        if particle:
            # A particle makes another verb: "showed up" is not "showed", "turned out" not "turned".
            relation = self.lexicon.cue_verbs.get(f"{lemma} {particle}")
        else:
            relation = self.lexicon.cue_verbs.get(lemma) or ("DENIES" if lemma in CHARACTERISING_CUES else None)
        if relation is None or (lemma == "quote" and any(c.lower_ == "as" for c in verb.children)):
            return
        if particle and relation == "DENIES" and not any(
                c.dep_ == "dobj" and c.lemma_.lower() in self.lexicon.claim_nouns for c in verb.children):
            return  # "shut down this allegation" denies; "shutting down the music service" is an act
        if any(is_negation(c) or c.dep_ in ("nsubj", "nsubjpass") and negated_subject(c) for c in verb.children):
            # "did not confirm", "could not say", "neither Cohen nor the doctor have been accused",
            # "nobody accused": no speech act was made
            return
        if verb.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return  # "funds to maintain the group": a purpose, not a speech act
        if self._cited_source(verb) is not None:
            return  # "reported, citing a city official": the official is who speaks (_cited_sources)
        as_frame = sets_off_as(verb)  # "As the ministry said, ...", "as reported by X"
        as_reported_by = as_frame and verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children)
        if verb.tag_ in ("VBN", "VBD") and verb.dep_ == "advcl" and not as_reported_by and not any(
                c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children):
            # "When asked about her son, she said": a past form with no subject of its own is a
            # passive (the small model tags it either way); she was asked, and said nothing by it.
            return
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("decline", "refuse"):
            return  # "declined to respond": no speech act was made (train/README.md, 6)
        if lemma in CHARACTERISING_CUES and verb.dep_ == "acl" and verb.head.dep_ == "ROOT":
            # "The senator called Jones a liar": the small model reads "a senator named Jones";
            # a second complement tells that the sentence's head noun did the calling.
            complements = [c for c in verb.children if c.dep_ in ("oprd", "dobj")]
            if len(complements) >= 2 and verb.head.pos_ in ("NOUN", "PROPN") and self.can_speak(verb.head):
                self._characterised(verb, verb.head, complements[0], sentence)
            return
        passive = as_reported_by or any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        speaker: Token | None = None
        if passive:
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            speaker = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        else:
            speaker = self.subject_of(verb) or self._inverted_subject(verb)
        if speaker is None or not self.can_speak(speaker):
            return
        if (renamed := self._renamed_claim(verb)) is not None:
            # "..., a charge the ministry rejected as propaganda": the claim noun stands for what
            # was just said, and the clause hanging on it is the speech act.
            self._add(sentence, speaker, (verb.idx, verb.idx + len(verb)), relation, None, noun_phrase(renamed),
                      claim_author(renamed), None, "renamed-claim", confidence=0.75)
            return
        children = {c.dep_: c for c in verb.children}
        # "called for", "called on", not "called Jang a traitor for all ages": the preposition
        # comes before any object.
        first_object = min((c.i for c in verb.children if c.dep_ in ("dobj", "dative", "oprd")), default=len(self.doc))
        call_for = lemma == "call" and next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("for", "on")
                                             and verb.i < c.i < first_object), None)
        if lemma in CHARACTERISING_CUES and not call_for:
            # The first object is who or what is called something: "called Han a traitor" (the
            # small model makes both objects dobj), "called him a traitor" (him a dative).
            called = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
            self._characterised(verb, speaker, called, sentence)
            return
        if call_for:
            # "called for an investigation", "called on the council to investigate".
            # "for" takes what is called for; "on" the one called on, so the claim is the infinitive.
            inner = children.get("xcomp") or next((t for t in call_for.subtree if t.dep_ in ("xcomp", "acl") and t.tag_ == "VB"), None)
            if inner is None and call_for.lower_ == "for":
                inner = next((c for c in call_for.children if c.dep_ == "pobj"), None)
            content = clause_range(inner) if inner is not None else None
            if content is not None:
                self._add(sentence, speaker, (verb.idx, max(verb.idx + len(verb), call_for.idx + len(call_for))), "REPORTS", content, None, None,
                          None, "call-for", confidence=0.75)
            return
        content: tuple[int, int] | None = None
        anaphor: Span | None = None
        owner: Token | None = None
        cue_object: Token | None = None
        rule = "verb"
        speaker_phrase = noun_phrase(speaker)
        frame_start = min(speaker_phrase.start_char, verb.idx)
        frame_end = max(speaker_phrase.end_char, verb.idx + len(verb))
        clause = children.get("ccomp")
        quoted_before = [c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i and self.in_quote(c)]
        if quoted_before and clause is not None and clause.i > verb.i and self.in_quote(clause):
            clause = quoted_before[0]  # '“A,” X said, “B.”': one quote around its cue, whose claim is A
        if clause is not None and self._is_frame(clause):
            clause = None  # "told journalists ..., the Associated Press reports": that is a frame, not a claim
        if clause is None and (lemma in INFINITIVE_CUES or relation == "DENIES"):
            clause = children.get("xcomp")  # "urged all countries to ...", "denied having made ..."
        quote = self.framed_quote(sentence, frame_start, frame_end)
        if quote is not None and self._cited(quote):
            quote = None  # 'Citing "a source close to the investigation," CNN reports that ...'
        if quote is not None and quote.end <= frame_start and clause is not None and speaker.i < verb.i < clause.i \
                and not self.in_quote(clause):
            # '“...” The zoo confirmed that it was looking for another owl': the cue says its own
            # clause; the quote before it is someone's earlier words. ('“...,” explained Gul, who
            # estimates she is 50' keeps the quote: the clause is the speaker's aside.)
            quote = None
        if clause is not None and self.in_quote(clause):
            quote = self.in_quote(clause)
        if quote is not None and verb.dep_ == "relcl" and not verb.left_edge.idx <= quote.start < verb.right_edge.idx:
            # '"...," said a head teacher at the school, who recalled her surprise': a relative
            # clause tells of the speaker; the quote outside it is the main cue's ("authorities
            # who decried it as "a departure ..."" keep theirs).
            quote = None
        if quote is not None and clause is not None and self._quoted_within(quote, clause):
            quote = None  # 'said her breast felt like the others, “the only difference is the nipple”'
        if quote is not None and (clause is None or self.in_quote(clause) or not passive):
            content, rule = (quote.inner_start, quote.inner_end), "quote"
        elif clause is not None and (denied := self._claim_called_false(clause)) is not None:
            # "said reports that its troops shelled the plant were not true" denies what they say.
            content, relation, rule = clause_range(denied), "DENIES", "called-false"
        elif clause is not None:
            content, rule = clause_range(clause), "clause"
        else:
            obj = children.get("nsubjpass") if passive else children.get("dobj")
            if obj is None and relation == "ACCUSES" and not passive:
                obj = self._attacked(verb)  # "lashed out at Moscow"
            if relation == "ACCUSES" and obj is not None and self._act(obj):
                # "condemned the shelling of the plant by Ukrainian forces": the act is the claim,
                # and whoever did it the accused (stance._accused).
                content, cue_object, rule = clause_range(obj), obj, "accuse-act"
            elif relation == "ACCUSES" and obj is not None and obj.lemma_.lower() not in self.lexicon.claim_nouns:
                # "accused Turkey of supporting ...": the object is the accused, the of-phrase the claim.
                cue_object = obj
                # "lashed out at the western countries and their allies for supporting ...": the
                # parse may hang the phrase on the last of coordinated objects.
                for prep in (*verb.children, *obj.children, *(c for conj in obj.conjuncts for c in conj.children)):
                    if prep.dep_ == "prep" and prep.lower_ in ("of", "for", "over"):
                        inner = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
                        if inner:
                            # to the end of the clause: "of "crimes of genocide" in targeting ..."
                            content = _trimmed(self.doc, inner[0].left_edge.i, max(inner[0].right_edge.i, verb.right_edge.i))
                            break
                rule = "accuse-object"
            elif obj is not None and self._reports_by_object(lemma, relation, obj):
                content, anaphor, owner = self._claim_object(verb, obj)
                if relation == "SUPPORTS" and obj.pos_ == "PROPN":
                    cue_object = obj
                rule = "object"
            elif obj is None and as_frame and (
                    lemma in NOT_AS_FRAMES or verb.head.lemma_.lower() in self.lexicon.cue_verbs):
                # "As the mayor spoke, the crowd cheered" tells when; "As reported by Pando Daily, a
                # source claims ...": the source speaks (train/README.md, 3).
                return
            elif obj is None and as_frame and (framed := self._as_frame(verb)) is not None:
                content, rule = framed, "as-frame"
            elif relation == "ACCUSES" and obj is None:
                return
            elif obj is None and relation == "REPORTS":
                content, rule = self._next_paragraph(sentence, verb), "block-quote"
                if content is None:
                    content, rule = self._topic(verb), "topic"
                if content is None and verb.dep_ != "relcl":
                    # "Sotloff, a journalist who had written for Time": a relative clause
                    # describes someone; it is no frame around the sentence.
                    content, rule = self._parenthetical(sentence, frame_start, frame_end), "parenthetical"
        if content is None and anaphor is None:
            return
        if relation == "ACCUSES" and cue_object is None and (obj := children.get("dobj")) is not None \
                and obj.lemma_.lower() not in self.lexicon.claim_nouns:
            cue_object = obj  # "criticized Windows 8 as “very, very bad”": Windows 8 is blamed
        cue_end = verb.idx + len(verb)
        if particle:
            prt = next(c for c in verb.children if c.dep_ == "prt")
            cue_end = max(cue_end, prt.idx + len(prt))
        contents = that_clauses(clause, self.lexicon.cue_verbs) if rule == "clause" and clause is not None else [content]
        contents = [self._before_renaming(each) for each in contents]
        for each in contents:
            self._add(sentence, speaker, (verb.idx, cue_end), relation, each, anaphor, owner, cue_object, rule,
                      confidence=0.9 if rule in ("quote", "clause") else 0.75)

    def _characterised(self, verb: Token, speaker: Token, obj: Token | None, sentence: Span) -> None:
        """ "termed the reports “false”" is a denial of the reports; "called Oz a quack" an
        accusation of Oz when what he is called is blame; "called the move historic" reports."""
        if obj is None:
            return
        called = [t for t in verb.subtree if t.i > obj.right_edge.i and not t.is_punct]
        if not called:
            return
        cue = (verb.idx, verb.idx + len(verb))
        if obj.lower_ in FALSE_PRONOUNS and any(t.lemma_.lower() in self.lexicon.denial_words for t in called):
            # "called it false": what was said before.
            self._add(sentence, speaker, cue, "DENIES", None, self.doc[obj.i : obj.i + 1], None, None, "characterised",
                      confidence=0.75)
            return
        if obj.lemma_.lower() in self.lexicon.claim_nouns:
            if any(t.lemma_.lower() in self.lexicon.denial_words or t.lower_ in self.lexicon.denial_words for t in called):
                content, anaphor, owner = self._claim_object(verb, obj)
                self._add(sentence, speaker, cue, "DENIES", content, anaphor, owner, None, "characterised", confidence=0.75)
            return
        content = _trimmed(self.doc, obj.left_edge.i, called[-1].i)
        blame_words = self.lexicon.blame_nouns | self.lexicon.blame_adjectives | self.lexicon.denial_words
        blame = any(t.lemma_.lower() in blame_words for t in called)
        relation: Relation = "ACCUSES" if blame else "REPORTS"
        # Who is blamed is the one called a wrongdoer ("called Oz a quack") or an actor called
        # anything blameworthy; an act or thing called so ("called the protests illegal") names
        # no one.
        someone = obj.pos_ in ("PROPN", "PRON") or obj.ent_type_ in ACTOR_ENTITIES \
            or obj.lemma_.lower() in self.lexicon.people_nouns or any(t.lemma_.lower() in self.lexicon.doer_nouns for t in called)
        self._add(sentence, speaker, cue, relation, content, None, None, obj if blame and someone else None, "characterised",
                  confidence=0.7)

    def according_to(self, according: Token, sentence: Span) -> None:
        to = next((c for c in according.children if c.lower_ == "to"), None)
        speaker = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if speaker is None or not self.can_speak(speaker) or not self.is_source(speaker):
            return
        head = according.head if according.head.pos_ in ("VERB", "AUX") else sentence.root
        while head.dep_ == "conj" and head.head.pos_ in ("VERB", "AUX") and head.i < according.i:
            head = head.head  # "searched for it but turned up nothing, according to X": all of it
        left, right = head.left_edge.i, head.right_edge.i
        phrase_left, phrase_right = according.left_edge.i, according.right_edge.i
        if phrase_left <= left + 1:
            left = phrase_right + 1
        elif head.i < phrase_left:
            right = phrase_left - 1  # the claim before "according to X", and nothing after it
        else:
            left = phrase_right + 1
        # "According to an article on the group's blog:" and the paragraph after it.
        content = self._next_paragraph(sentence, to.right_edge) or _trimmed(self.doc, left, right)
        if content is None:
            return
        cue_end = to.idx + len(to)
        self._add(sentence, speaker, (according.idx, cue_end), "REPORTS", content, None, None, None,
                  "according-to", confidence=0.85)

    def claim_noun(self, noun: Token, sentence: Span) -> None:
        if noun.dep_ == "dobj" and noun.head.lemma_.lower() in LIGHT_VERBS:
            self._claim_made(noun, sentence)
            return
        if noun.dep_ == "nsubjpass" and noun.head.lemma_.lower() == "make":
            self._claim_made_by(noun, sentence)
            return
        author = claim_author(noun)
        clause = that_clause(noun)
        if author is None or clause is None or not self.can_speak(author) or not self.is_source(author):
            return
        content = clause_range(clause)
        if content is None:
            return
        cue_end = noun.idx + len(noun)
        for child in noun.children:  # "claims made by": the cue runs to "by"
            if child.dep_ == "acl" and child.lemma_ == "make":
                agent = next((c for c in child.children if c.dep_ == "agent"), None)
                cue_end = (agent.idx + len(agent)) if agent is not None else child.idx + len(child)
        self._add(sentence, author, (noun.idx, max(cue_end, noun.idx + len(noun))), self.lexicon.claim_nouns[noun.lemma_.lower()], content,
                  None, None, None, "claim-noun", confidence=0.7)

    def critical_of(self, adjective: Token, sentence: Span) -> None:
        """ "Persson has been critical of large corporations", "were sharply critical of
        Obama's plan": a condemnation (ACCUSES, the annotation conventions 8) of what the
        of-phrase names; "critical of" is no verb, so no cue verb finds it."""
        self._condemnation(sentence, adjective.head, adjective, ("of",), "critical-of")

    def voiced_disapproval(self, noun: Token, sentence: Span) -> None:
        """ "Abbas voiced his displeasure with the Islamist group's leadership", "expressed
        outrage at Russia's shelling of the plant": a condemnation (the annotation conventions
        8) of what the phrase after the noun names."""
        self._condemnation(sentence, noun.head, noun, DISAPPROVAL_PREPOSITIONS, "voiced-disapproval")

    def _condemnation(self, sentence: Span, verb: Token, word: Token, prepositions: Collection[str], rule: str) -> None:
        """An ACCUSES whose cue is a verb and the word it governs, up to the preposition before
        what is condemned: that is the claim, and the accused (an actor, or whoever did a
        deed: ``stance._accused``)."""
        if any(is_negation(c) for c in (*verb.children, *word.children)):
            return  # "was not critical of ...": no speech act
        speaker = self.subject_of(verb)
        prep = next((c for c in (*word.children, *verb.children) if c.dep_ == "prep" and c.lower_ in prepositions
                     and c.i > word.i), None)
        condemned = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if condemned is None or speaker is None or not self.can_speak(speaker) or self.in_quote(condemned):
            return
        cue = (min(verb.idx, word.idx), prep.idx + len(prep))
        self._add(sentence, speaker, cue, "ACCUSES", clause_range(condemned), None, None, condemned, rule, confidence=0.7)

    def _claim_made_by(self, noun: Token, sentence: Span) -> None:
        """ "The shocking claim was made by a staff member at the clinic": the claim noun stands
        for what the sentence before told (its claim noun's clause, "investigating claims a
        doctor took a selfie ...", else the whole sentence), and whoever made it said it."""
        agent = next((c for c in noun.head.children if c.dep_ == "agent"), None)
        if agent is None:
            return
        speaker = next((c for c in agent.children if c.dep_ == "pobj"), None)
        if speaker is None or not self.can_speak(speaker) or that_clause(noun) is not None \
                or not any(c.dep_ == "det" and c.lower_ in ("the", "this", "these", "those", "that") for c in noun.children):
            return
        if sentence.start == 0:
            return
        told = self.doc[sentence.start - 1].sent
        if is_headline(told):
            return
        content = next((said for t in told if t.pos_ == "NOUN" and t.lemma_.lower() in self.lexicon.claim_nouns
                        and (said := self._claimed_after(t, told)) is not None), None) \
            or _trimmed(self.doc, told.start, told.end - 1)
        if content is None:
            return
        cue = (noun.idx, agent.idx + len(agent))
        self._add(sentence, speaker, cue, self.lexicon.claim_nouns[noun.lemma_.lower()], content, None, None, None,
                  "claim-made-by", confidence=0.7)

    def _claimed_after(self, noun: Token, sentence: Span) -> tuple[int, int] | None:
        """What a claim noun claims when a clause follows it, with or without "that": "claims
        (that) a doctor took a selfie ..." (the small model often parses that clause as the
        sentence's second verb)."""
        if (clause := that_clause(noun)) is not None:
            return clause_range(clause)
        start = noun.i + 1 + (noun.i + 1 < sentence.end and self.doc[noun.i + 1].lower_ == "that")
        if start >= sentence.end:
            return None
        subject = self.doc[start]
        while subject.dep_ in ("det", "amod", "compound", "poss", "nummod") and subject.head.i > subject.i:
            subject = subject.head
        if subject.dep_ != "nsubj" or subject.head.i <= subject.i or subject.head.pos_ not in ("VERB", "AUX"):
            return None
        return _trimmed(self.doc, start, sentence.end - 1)

    def _claim_made(self, noun: Token, sentence: Span) -> None:
        """ "X, Y and Z have made accusations against Cosby": the noun is the cue and the claim,
        its against-phrase the accused."""
        verb = noun.head
        speaker = self.subject_of(verb)
        if speaker is None or not self.can_speak(speaker):
            return
        against = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("against", "of")), None)
        accused = next((c for c in against.children if c.dep_ == "pobj"), None) if against is not None else None
        cue = (min(verb.idx, noun.idx), max(verb.idx + len(verb), noun.idx + len(noun)))
        self._add(sentence, speaker, cue, self.lexicon.claim_nouns[noun.lemma_.lower()],
                  clause_range(noun), None, None, accused, "claim-made", confidence=0.7)

    def _add(self, sentence: Span, speaker: Token, cue: tuple[int, int], relation: Relation,
             content: tuple[int, int] | None, anaphor: Span | None, owner: Token | None,
             cue_object: Token | None, rule: str, confidence: float) -> None:
        self._groups += 1
        for each in coordinated(speaker):
            if not self.can_speak(each):
                continue
            self.found.append(Attribution(
                sentence=sentence, speaker=self.after_dateline(noun_phrase(each)), cue=cue, cue_relation=relation,
                content=content,
                anaphor=anaphor, claim_owner=noun_phrase(owner) if owner is not None else None,
                cue_object=noun_phrase(cue_object) if cue_object is not None else None,
                group=self._groups, rule=rule, confidence=confidence,
            ))

    def transcript_turn(self, sentence: Span) -> bool:
        """ "PENCE: Well, look, ...": an interview transcript's turn, a name and a colon opening
        a paragraph; the rest of the paragraph is what that person said."""
        match = TRANSCRIPT_TURN.match(self.text, sentence.start_char)
        if match is None or (sentence.start_char and self.text[sentence.start_char - 1] != "\n"):
            return False
        name = self.doc.char_span(match.start(1), match.end(1), alignment_mode="contract")
        end = self.text.find("\n", match.end())
        content = _trimmed_chars(self.text, match.end(), len(self.text) if end < 0 else end)
        if name is None or content is None or is_headline(sentence) or name[0].lower_ in TURN_LABELS:
            return False  # "Update: Re/Code reports that ...": a label, and the paragraph's own frames speak
        if name[0].pos_ == "ADP" and len(name) > 1:
            name = name[1:]  # "Per MarketWatch: “...”": MarketWatch's words
        colon = match.end(1) + self.text[match.end(1):match.end()].index(":")
        self.found.append(Attribution(sentence=sentence, speaker=name, cue=(colon, colon + 1), cue_relation="REPORTS",
                                      content=content, rule="transcript", confidence=0.7))
        return True

    def epigraphs(self) -> None:
        """ "“Trump scares me. ...” ― Krystal Correa": a quote signed with a dash and a name
        at the end of its line."""
        for quote in self.quotes.quotes:
            match = SIGNATURE.match(self.text, quote.end)
            if match is None:
                continue
            name = self.doc.char_span(match.start(1), match.end(1), alignment_mode="contract")
            if name is None or not any(t.pos_ == "PROPN" for t in name):
                continue
            dash = match.start() + len(match.group()) - len(match.group().lstrip(" \t\xa0"))
            self.found.append(Attribution(
                sentence=name.sent, speaker=name, cue=(dash, dash + 1), cue_relation="REPORTS",
                content=(quote.inner_start, quote.inner_end), rule="signed-quote", confidence=0.7))

    def embedded_posts(self) -> None:
        """A post embedded in the page: its text, signed with the poster's name and handle and a
        date, on its own line or after the text on the same line."""
        text = self.text
        for match in POST_SIGNATURE.finditer(text):
            name = self.doc.char_span(match.start("name"), match.end("name"), alignment_mode="contract")
            if name is None or not any(t.is_alpha for t in name):
                continue
            line_start = text.rfind("\n", 0, match.start()) + 1
            end = match.start()
            if not text[line_start:end].strip():
                end = len(text[:line_start].rstrip())  # the signature has a line of its own: the post is the one before
                line_start = text.rfind("\n", 0, end) + 1
            links = POST_LINKS.search(text, line_start, end)
            content = _trimmed_chars(text, line_start, links.start() if links else end)
            if content is None or len(text[content[0]:content[1]].split()) < 3:
                continue
            handle_end = text.index(")", match.end("name")) + 1
            self.found.append(Attribution(
                sentence=name.sent, speaker=name, cue=(name.start_char, handle_end), cue_relation="REPORTS",
                content=content, rule="post", confidence=0.7))

    def run(self) -> list[Attribution]:
        """Every speech act in the article, in text order."""
        for sentence in self.doc.sents:
            if is_headline(sentence) or self.transcript_turn(sentence):
                continue
            for token in sentence:
                if self.in_quote(token):
                    continue
                lemma = token.lemma_.lower()
                if (token.pos_ in ("VERB", "AUX") or heads_a_clause(token)) and (
                        lemma in self.lexicon.cue_verb_heads or lemma in CHARACTERISING_CUES):
                    self.cue_verb(token, sentence)
                elif token.lower_ == "according" and token.i + 1 < len(self.doc) and self.doc[token.i + 1].lower_ == "to":
                    self.according_to(token, sentence)
                elif token.pos_ == "NOUN" and lemma in self.lexicon.claim_nouns:
                    self.claim_noun(token, sentence)
                elif lemma == "critical" and token.dep_ == "acomp":
                    self.critical_of(token, sentence)
                elif lemma in DISAPPROVAL_NOUNS and token.dep_ == "dobj" and token.head.lemma_.lower() in EXPRESSING_VERBS:
                    self.voiced_disapproval(token, sentence)
        self._following_quotes()
        self._cited_sources()
        self._speech_in_quotes()
        self.epigraphs()
        self.embedded_posts()
        self.found.sort(key=lambda a: (a.cue[0], a.speaker.start_char))
        return self.found

    def _quoted_speaker(self, token: Token) -> bool:
        """ '"A source familiar with the matter" told Benzinga': a quote that is only the phrase
        naming who speaks, the subject of a cue outside it."""
        quote = self.in_quote(token)
        phrase = noun_phrase(token)
        return (quote is not None and token.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj")
                and not (quote.start <= token.head.idx < quote.end)
                and abs(phrase.start_char - quote.inner_start) <= 1 and abs(phrase.end_char - quote.inner_end) <= 1)

    def _cited(self, quote: Quote) -> bool:
        """Whether a quote names the source a reporter cites rather than saying anything."""
        words = self.doc.char_span(quote.inner_start, quote.inner_end, alignment_mode="expand")
        return words is not None and words.root.head.lemma_.lower() in CITING_CUES and words.root.dep_ == "dobj"

    def _cited_source(self, token: Token) -> Token | None:
        """The source a "citing" or "quoting" participle names ("citing a city official")."""
        if token.lemma_.lower() not in CITING_CUES or token.tag_ != "VBG":
            return None
        source = next((c for c in token.children if c.dep_ == "dobj"), None)
        return source if source is not None and self.is_source(source) else None

    def _cited_sources(self) -> None:
        """ "X reported, citing a source close to Y, that ...", "according to the Mail, quoting a
        nurse, ...": the cited source says the same as the reporter, and both are statements (the
        annotation conventions, 3)."""
        for attribution in list(self.found):
            if attribution.content is None:
                continue
            frame = {t.i for t in attribution.speaker} | {t.i for t in self.doc.char_span(
                *attribution.cue, alignment_mode="expand") or ()}
            for token in attribution.sentence:
                # A quoted source ('Citing "a source close to ..."') can speak: see _quoted_speaker.
                source = self._cited_source(token) if token.head.i in frame else None
                if source is None or not self.can_speak(source):
                    continue
                self.found.append(replace(attribution, speaker=noun_phrase(source), cue=(token.idx, token.idx + len(token)),
                                          claim_owner=None, cue_object=None, group=attribution.group,
                                          rule=CITING_RULE, confidence=0.75))

    def _speech_in_quotes(self) -> None:
        """'“... the doctor said he talked to me about cats ...”', '“She said, ‘Bart is not dead.’ I
        said, ‘That’s impossible.’”': speech a quote reports is a speech act too, and "I" or "we"
        in it is whoever speaks the quote."""
        quoted: dict[int, tuple[Quote, Attribution]] = {}  # by the quote's start: the quote, who speaks it
        for attribution in self.found:
            quote = self.quotes.at(attribution.content[0]) if attribution.content is not None else None
            if quote is not None and attribution.rule in ("quote", QUOTE_CONTINUATION_RULE, "transcript"):
                quoted.setdefault(quote.start, (quote, attribution))
        for quote, outer in quoted.values():
            words = self.doc.char_span(quote.inner_start, quote.inner_end, alignment_mode="expand")
            for verb in words if words is not None else ():
                relation = self.lexicon.cue_verbs.get(verb.lemma_.lower())
                subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
                if relation is None or verb.pos_ != "VERB" or subject is None or clause is None \
                        or verb.lemma_.lower() in ATTITUDE_VERBS \
                        or any(is_negation(c) or c.tag_ == "MD" for c in verb.children):
                    continue  # nor what was not or only might have been said ("should have said")
                if subject.lower_ in ("i", "we"):
                    if verb.sent.start_char <= quote.inner_start and verb.sent.end_char >= quote.inner_end:
                        continue  # '“I answered: we are trying ...”': the quote is that speech act already
                    speaker = outer.speaker
                elif subject.pos_ == "PROPN" or subject.pos_ == "NOUN" and subject.lemma_.lower() not in NOT_SPEAKERS:
                    speaker = noun_phrase(subject)
                else:
                    continue  # "she said" inside a quote stands for someone of the quote's own telling
                self.found.append(replace(outer, sentence=verb.sent, speaker=speaker, cue=(verb.idx, verb.idx + len(verb)),
                                          cue_relation=relation, content=clause_range(clause), anaphor=None,
                                          claim_owner=None, cue_object=None, rule=QUOTED_SPEECH_RULE, confidence=0.7))

    def _following_quotes(self) -> None:
        """'"A," X said at a rally. "B."': the quote right after a sentence that closed a quote
        with its frame is the same speaker's, unless some frame claims it."""
        used = {a.content for a in self.found}
        for attribution in list(self.found):
            if attribution.rule != "quote" or attribution.content is None:
                continue
            sentence_end = attribution.sentence.end_char
            for quote in self.quotes.quotes:
                if quote.start >= sentence_end and not self.text[sentence_end:quote.start].strip():
                    if (quote.inner_start, quote.inner_end) not in used and attribution.content[1] < attribution.cue[0]:
                        self.found.append(replace(attribution, content=(quote.inner_start, quote.inner_end),
                                                  rule=QUOTE_CONTINUATION_RULE, confidence=0.7))
                        used.add((quote.inner_start, quote.inner_end))
                    break
