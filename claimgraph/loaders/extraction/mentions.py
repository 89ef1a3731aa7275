"""Who a mention stands for, within one article: pronouns ("he said"), definite descriptions
("the ministry", "the statement said"), surnames ("Daly") and possessives ("her claims").

No coreference model installs offline here (engine-notes.md), so these are rules over what
the article has said so far: the speakers already found and the names of people and
organisations outside quotes. The newest fitting antecedent wins.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from claimgraph.graph.types import ActorKind
from claimgraph.loaders.actors import Lexicon, load_lexicon, name_key, visible
from claimgraph.loaders.extraction.lexicon import load_first_name_genders
from claimgraph.loaders.extraction.quotes import QuoteIndex
from claimgraph.loaders.extraction.rules import INDEFINITE_SPEAKERS, day_before_name, noun_phrase, some_of

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
GROUP_PRONOUNS = frozenset({"they", "them", "their"})
THING_PRONOUNS = frozenset({"it", "its"})
# "The statement said": a document speaks for whoever issued it.
DOCUMENT_NOUNS = frozenset({"statement", "communique", "communiqué", "release", "letter", "text", "note", "report",
                            "article", "study", "story", "survey", "document", "memo", "transcript", "bulletin",
                            "tweet"})
# Speakers that are things, which "he" and "she" never stand for ("the suicide note", "the website");
# the organisation nouns of the actor rules ("news", "times", "council") count too (gender()).
THING_NOUNS = DOCUMENT_NOUNS | frozenset({"website", "site", "page", "paper", "magazine", "outlet", "channel", "video",
                                          "account", "blog", "media", "station",
                                          # the last word of more media names ("The Boston Herald", "Fox TV")
                                          "journal", "herald", "tribune", "telegraph", "tv"})
DETERMINERS = re.compile(r"^(?:the|a|an|this|that|these|those)\s+", re.IGNORECASE)
POSSESSIVE = re.compile(r"\s*['’]s?$")
# Honorifics that come and go between mentions of one person ("Mohamed Alhakim", "Mr Alhakim").
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady"})
# "The man told the news agency": nouns that describe one person, so a definite one stands for
# the newest person named as a subject ("Igor Vorozhbitsyn ... The man said").
PERSON_NOUNS = frozenset({"man", "woman", "boy", "girl", "teenager", "mother", "father", "husband", "wife",
                          "son", "daughter", "victim", "patient", "student"})
# "The company said", "the league said": the organisation the article introduced with the noun
# ("Manhattan's Yorkville Endoscopy clinic"), else the newest named ("the NHL ... the league").
ORGANISATION_DESCRIPTIONS = frozenset({"company", "firm", "corporation", "carrier", "airline", "retailer", "maker",
                                       "manufacturer", "league", "agency", "organization", "organisation", "clinic",
                                       "hospital", "zoo", "charity", "bank"})
# "The paper said", "the website says": likewise, but only a medium: one introduced as such ("the
# Saudi daily Ajel ... The paper said") or whose name says what it is ("the Wall Street Journal").
MEDIA_DESCRIPTIONS = frozenset({"paper", "newspaper", "daily", "tabloid", "site", "website", "outlet", "magazine",
                                "publication", "broadcaster", "network", "channel", "station", "blog"})
# What a role belongs to ("a reporter for the Oregonian newspaper"), besides a place or a body by name.
EMPLOYER_NOUNS = ORGANISATION_DESCRIPTIONS | MEDIA_DESCRIPTIONS
# Descriptions that stand for each other: "the Saudi daily Ajel ... the paper said".
SAME_DESCRIPTIONS = (frozenset({"paper", "newspaper", "daily", "tabloid"}), frozenset({"site", "website", "blog"}),
                     frozenset({"company", "firm", "corporation"}), frozenset({"airline", "carrier"}))
# The last word of a medium's name: "The Boston Herald", "Fox News", "Canada.com".
MEDIA_NAME_ENDINGS = frozenset({"news", "newspaper", "times", "post", "journal", "herald", "tribune", "telegraph",
                                "tv", "mail", "daily", "gazette", "guardian", "independent", "observer", "express",
                                "mirror", "magazine", "media", "radio"})
ARTICLES = frozenset({"the", "a", "an"})
# Small words inside a name: "Mail on Sunday", "Bank of America".
NAME_JOINERS = frozenset({"on", "of", "and", "&"})
# What sets a name off from the role before it: "the president of Argentina, Cristina Kirchner".
APPOSITION_MARKS = frozenset({",", "—", "–"})
# What may follow a name that opens a speaker phrase: "Charlie Winter, programs officer at ...",
# "Walt Thompson from the University of Georgia and lead author of ...".
AFTER_OPENING_NAME = frozenset({",", "from", "of", "at", "with"})
# The date and clock time a screenshot or photo file is named by: no actor's name holds them.
FILE_STAMP = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[.:]\d{2}[.:]\d{2}\b")
# Words that tell a person's gender where they stand: pronouns, honorifics ("Mrs Clarke") and
# nouns ("the actress", "a 17-year-old girl"). "He said" does not stand for a woman.
MASCULINE_WORDS = frozenset({"he", "him", "his", "mr", "sir", "lord", "man", "boy", "father", "husband", "son",
                             "brother", "uncle", "grandfather", "king", "prince", "boyfriend", "businessman",
                             "spokesman", "chairman", "congressman"})
FEMININE_WORDS = frozenset({"she", "her", "hers", "mrs", "ms", "miss", "dame", "lady", "woman", "girl", "mother",
                            "wife", "daughter", "sister", "aunt", "grandmother", "queen", "princess", "girlfriend",
                            "actress", "businesswoman", "spokeswoman", "chairwoman", "congresswoman"})
# Where a name stands when it is what a pronoun most likely stands for: the subject.
SALIENT_DEPENDENCIES = frozenset({"nsubj", "nsubjpass"})
REPORTED_CLAUSE_DEPENDENCIES = frozenset({"ccomp"})
KIND_BY_ENTITY: dict[str, ActorKind] = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "country"}


@dataclass
class Antecedent:
    name: str
    kind: ActorKind | None
    end: int  # character offset where it was mentioned, for "newest first"
    # A subject, which pronouns prefer to names inside what was said ("Mr Alhakim's claims").
    salient: bool = True
    # "media", "local police": not what "he" or "she" stands for.
    plural: bool = False
    # A subject inside another's reported words is salient only within them ("She said Khoza had
    # tricked her": "she said" next is not Khoza; "said Aiden made a threat when he told" is).
    reported_in: tuple[int, int] | None = None

    def salient_at(self, offset: int) -> bool:
        return self.salient and (self.reported_in is None or self.reported_in[0] <= offset < self.reported_in[1])


def gender_of_word(word: str) -> str | None:
    """ "m" or "f" for a word that tells a person's gender, else None."""
    word = word.lower().rstrip(".")
    return "m" if word in MASCULINE_WORDS else "f" if word in FEMININE_WORDS else None


def words(name: str) -> list[str]:
    return re.findall(r"[\w’'-]+", name.lower())


def contains_words(longer: str, shorter: str) -> bool:
    """Whether the words of ``shorter`` appear in a row in ``longer``."""
    big, small = words(longer), words(shorter)
    return bool(small) and any(big[i : i + len(small)] == small for i in range(len(big) - len(small) + 1))


def same_actor_name(a: str, b: str) -> bool:
    return contains_words(a, b) or contains_words(b, a)


def display_name(span: Span) -> str:
    """A mention as a name: without a leading determiner or possessive 's, or invisible characters."""
    return POSSESSIVE.sub("", DETERMINERS.sub("", visible(span.text).strip()).strip())


def without_honorifics(name: str) -> list[str]:
    return [w for w in words(name) if w.rstrip(".") not in HONORIFICS]


def named_person(span: Span) -> str | None:
    """The person a speaker phrase is built around, without what follows the name: "Bill Daly of
    the NHL", "Gwen Korovin, who was not authorized ..." and "Jasmine Tridevil (not her birth
    name)" are the names, also where the parse or the recogniser gets the phrase wrong
    (``_opening_person``; "Howard Bloom of SportsBusinessNews.com" taken for one name); and
    without words before it that hold no role ("KGI Securities Ming-Chi Kuo") or that it is set
    off from by a comma. Roles stay for the actor rules, which make them links ("Lt. Col. James
    Sahady of the Massachusetts National Guard" is "Lt. Col. James Sahady")."""
    head = span.root
    lexicon = load_lexicon()
    person = next((e for e in span.ents if e.label_ == "PERSON" and e.start <= head.i < e.end), None)
    if person is None:
        person = _opening_person(span, lexicon)
        if person is None:
            return None
    # "Howard Bloom of SportsBusinessNews.com": the recogniser can run a name on into its employer.
    person = next((person[: t.i - person.start] for t in person[1:] if t.lower_ in AFTER_OPENING_NAME), person)
    before = span.doc[span.start : person.start]
    # "KGI Securities Ming-Chi Kuo": words before the name that hold no role are no part of it;
    # nor is a role the name stands in apposition to ("the president of Argentina, Cristina Kirchner").
    in_apposition = len(before) > 0 and before[-1].text in APPOSITION_MARKS
    start = span.start if not in_apposition and any(t.lower_ in lexicon.roles or t.lower_ in lexicon.role_starts
                                                    for t in before) else person.start
    if start == span.start and person.end >= span.end:
        return None
    return without_occupation(display_name(span.doc[start : person.end]))


def _opening_person(span: Span, lexicon: Lexicon) -> Span | None:
    """A person's name that opens a speaker phrase, after role words only, and is followed by
    an apposition or a prepositional phrase: the name, where the parse took something after it
    for the phrase's head ("think tank" read as a verb in "Charlie Winter, programs officer at
    counter-extremism think tank the Quilliam Foundation")."""
    person = next((e for e in span.ents if e.label_ == "PERSON"), None)
    if person is None or person.end >= span.end or span.doc[person.end].lower_ not in AFTER_OPENING_NAME:
        return None

    def opens_a_name(word: str) -> bool:
        return (word in HONORIFICS or word in ARTICLES or word in lexicon.roles or word in lexicon.role_starts
                or word in lexicon.descriptors)

    if not all(opens_a_name(t.lower_) for t in span.doc[span.start : person.start] if t.is_alpha):
        return None  # "a statement released by ... Jacqueline Pryor": the name does not open it
    return person


def _name_after_employer(role: Token) -> list[Token]:
    """A person's name that the parse hangs on the place or body a role belongs to, not on the
    role: "the president of Argentina, Cristina Kirchner", "a reporter for the Oregonian
    newspaper, Tyson Alger". Not after a person ("the mother of the slain journalist, James
    Foley": the name is the journalist's)."""
    employers = [pobj for prep in role.children if prep.dep_ == "prep" for pobj in prep.children if pobj.dep_ == "pobj"
                 and (pobj.ent_type_ in ("GPE", "ORG", "NORP") or pobj.lemma_.lower() in EMPLOYER_NOUNS)]
    return [c for employer in employers for c in employer.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]


def without_occupation(name: str) -> str:
    """A name without the descriptors before it that the actor rules drop ("Fisherman Igor
    Vorozhbitsyn" is "Igor Vorozhbitsyn"), so that the name completes surnames the same way; an
    ambassador or a minister keeps the title, which the rules turn into a role."""
    words = name.split()
    descriptors = load_lexicon().descriptors
    while len(words) > 2 and words[0].lower() in descriptors:
        words = words[1:]
    return " ".join(words)


# A person's name proper is two or three words ("Derek Nash", "Abdul Rahman Al-Fahd"): more is a
# name with an employer or a role before it ("Tesla CEO Elon Musk").
MAX_NAME_WORDS = 3


def proper_names(doc: Doc) -> list[str]:
    """Runs of two or three capitalised proper nouns ("Derek Nash", "Ming-Chi Kuo"), without the
    titles before them ("Mr Nash" is no full name)."""
    names, run = [], []
    for token in [*doc, None]:
        hyphen = token is not None and token.text == "-" and run and not run[-1].whitespace_
        if token is not None and (token.pos_ == "PROPN" and token.is_title or hyphen):
            run.append(token)
            continue
        if not run:
            continue
        words = "".join(t.text_with_ws for t in run).split()
        named = without_titles(" ".join(words))
        if 2 <= len(named) <= MAX_NAME_WORDS:
            names.append(" ".join(words[len(words) - len(named):]))
        run = []
    return names


def opens_name(first: str, name: str) -> bool:
    """Whether a word (lower case, as ``without_titles`` gives it) is the first name of a name
    proper (``MAX_NAME_WORDS``): "igor" of "Fisherman Igor Vorozhbitsyn", but "tesla" of no
    one in "Tesla CEO Elon Musk"."""
    return 1 < len(named := without_titles(name)) <= MAX_NAME_WORDS and named[0] == first


def full_name(name: str, names: list[str], *, surnames: bool = True) -> str:
    """The one name of ``names`` that ``name``, a single first name or surname (only a first
    name unless ``surnames``), is part of ("Igor" or "Vorozhbitsyn" in "Fisherman Igor
    Vorozhbitsyn"); else ``name``. A first name opens a name proper (``MAX_NAME_WORDS``): "Tesla"
    is no first name in "Tesla CEO Elon Musk"."""
    named = without_titles(name)
    if len(named) != 1 or not name[:1].isupper():
        return name
    found = {n for n in names if opens_name(named[0], n)
             or surnames and len(whole := without_titles(n)) > 1 and named[0] == whole[-1]}
    return found.pop() if len(found) == 1 else name


def without_titles(name: str) -> list[str]:
    """The words of a name without honorifics, and the roles and descriptors before it (the actor
    rules' lexicon): "Ambassador Alhakim" is "alhakim", "Fisherman Igor Vorozhbitsyn" "igor
    vorozhbitsyn"."""
    named = without_honorifics(name)
    lexicon = load_lexicon()
    while len(named) > 1 and (named[0] in lexicon.roles or named[0] in lexicon.descriptors or named[0] in PERSON_NOUNS):
        named = named[1:]
    return named


# Entity labels no speaker has: "19th century", "a.m, August 27", "300x180", "two weeks".
NOT_ACTOR_ENTITIES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"})


def is_media_name(name: str) -> bool:
    """ "The Wall Street Journal", "Canada.com", "CNN": a name that says it is a news medium."""
    named = words(name)
    lexicon = load_lexicon()
    known = lexicon.gazetteer_names.get(name_key(name))
    return bool(named) and (named[-1] in MEDIA_NAME_ENDINGS or name.lower().endswith(".com")
                            or known is not None and lexicon.gazetteer[known].kind == "media")


def could_be_actor(span: Span) -> bool:
    """Whether a speaker span can name an actor at all: it holds a noun, a name or a pronoun,
    and is no date, time, number or size (a parse can make any of those a subject)."""
    if not any(any(c.isalpha() for c in t.text) for t in span):
        return False  # letters, not only letters: "RadarOnline.com" speaks
    if FILE_STAMP.search(span.text):
        return False  # an image's caption: "Screen Shot 2015-01-30 at 9.40.33"
    if span.root.ent_type_ in NOT_ACTOR_ENTITIES and ((group := some_of(span.root)) is None
                                                      or group.ent_type_ in NOT_ACTOR_ENTITIES):
        return False  # "two weeks", not "one of the sources"
    return any(t.pos_ in ("NOUN", "PROPN", "PRON") and t.ent_type_ not in NOT_ACTOR_ENTITIES for t in span)


def is_description(span: Span) -> bool:
    """Whether a mention only describes its actor ("a source", "officials", "the man", "hospital
    spokesman"): no proper name, no named person, body or place, and no capitalised word but
    the sentence's first ("an Isis fighter" names a group even when the tagger calls it a noun)."""
    return not any(t.pos_ == "PROPN" or t.ent_type_ in KIND_BY_ENTITY or (t.is_title and t.i != t.sent.start)
                   for t in span)


def document_author(document: Token) -> Span | None:
    """Who a report, study or statement is by, when its phrase names them: a possessive or a
    named compound ("CNN's report", "a Reuters report") or a by/of/from phrase holding a name
    ("a report by the Wall Street Journal", "the report of the information center of ...")."""
    for child in document.children:
        if child.dep_ in ("poss", "compound") and child.pos_ == "PROPN" and child.ent_type_ not in ("DATE", "TIME"):
            return noun_phrase(child)
        if child.dep_ == "prep" and child.lower_ in ("by", "of", "from"):
            for pobj in child.children:
                if pobj.dep_ == "pobj" and any(t.pos_ == "PROPN" for t in pobj.subtree):
                    return noun_phrase(pobj)
    return None


def person_gender_votes(doc: Doc, quotes: QuoteIndex) -> dict[str, Counter[str]]:
    """What the article says of each named person's gender, as votes by name: an honorific or a
    gendered noun in the name's phrase ("Mrs Clarke", "actress Raven-Symoné") counts three; a
    pronoun that is the subject of what the person says counts two ("Dickinson said she was
    drugged"). Other pronouns near a name often stand for someone the article only describes
    ("Khoza had tricked her because she was not aware"). Quotes are left out: their pronouns
    are the quoted speaker's."""
    votes: dict[str, Counter[str]] = {}
    for person in doc.ents:
        if person.label_ != "PERSON" or quotes.at(person.start_char) is not None:
            continue
        counted = votes.setdefault(person.text, Counter())
        phrase = noun_phrase(person.root)
        around = [doc[person.start - 1]] if person.start > 0 else []
        # Not "his" or "her": "his lover Zhang Hung" says nothing of Zhang Hung.
        told = {g for t in [*around, *phrase]
                if not person.start <= t.i < person.end and t.pos_ != "PRON" and (g := gender_of_word(t.lower_))}
        if len(told) == 1:
            counted[told.pop()] += 3
        if person.root.dep_ != "nsubj":
            continue
        verb = person.root.head
        for clause in verb.children:
            if clause.dep_ != "ccomp":
                continue
            subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and subject.pos_ == "PRON" and (gender := gender_of_word(subject.lower_)):
                counted[gender] += 2
    return {name: counted for name, counted in votes.items() if counted}


def introduced_as(doc: Doc, noun: str, offset: int) -> list[Antecedent]:
    """Names before ``offset`` that stand with a noun saying what they are, in text order:
    "Yorkville Endoscopy clinic", "the Saudi daily Ajel", "Path, the company"."""
    nouns = next((same for same in SAME_DESCRIPTIONS if noun in same), {noun})
    found = []
    for token in doc:
        if token.idx >= offset:
            break
        if token.lemma_.lower() not in nouns:
            continue
        if token.dep_ in ("compound", "appos", "amod") and token.head.pos_ == "PROPN":
            name = _proper_run(doc, token.head.i)  # "the Saudi daily Ajel", "Ajel, a Saudi daily"
        elif any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.children):
            name = _proper_run(doc, token.i - 1)  # "Yorkville Endoscopy clinic"
        else:
            continue
        if name is not None:
            found.append(Antecedent(display_name(name), "organization", token.idx))
    return found


def _proper_run(doc: Doc, end: int) -> Span | None:
    """The name that ends at token ``end``: proper nouns and numbers, with the small words inside
    names ("Mail on Sunday", "24 Emirati")."""
    def in_name(token: Token) -> bool:
        return token.pos_ in ("PROPN", "NUM")

    start = end
    while start > 0 and (in_name(doc[start - 1])
                         or doc[start - 1].lower_ in NAME_JOINERS and start > 1 and in_name(doc[start - 2])):
        start -= 1
    while start < end and day_before_name(doc[start]):
        start += 1
    return doc[start:end + 1] if in_name(doc[end]) else None


def _is_subject(token: Token) -> bool:
    """A subject, or a name set beside one ("His mother, Shirley Sotloff, pleaded ...")."""
    return token.dep_ in SALIENT_DEPENDENCIES or token.dep_ == "appos" and token.head.dep_ in SALIENT_DEPENDENCIES


def _reported_clause(token: Token) -> tuple[int, int] | None:
    """The characters of the outermost reported clause a token stands in, if any."""
    clause = None
    node = token
    while node.head.i != node.i:
        if node.dep_ in REPORTED_CLAUSE_DEPENDENCIES:
            clause = node
        node = node.head
    return (clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge)) if clause is not None else None


class MentionResolver:
    """Resolves mentions in text order; ``add_speaker`` records each speaker once resolved."""

    def __init__(self, doc: Doc, quotes: QuoteIndex) -> None:
        self.doc = doc
        self.speakers: list[Antecedent] = []
        self.entities = self._entity_antecedents(doc, quotes)
        # Full names anywhere in the text, for a surname the entity recogniser did not pair.
        self.text_names = proper_names(doc)
        self.gender_votes = person_gender_votes(doc, quotes)

    def gender(self, antecedent: Antecedent) -> str | None:
        """An antecedent's gender: a gendered word in its own name ("the man", "a 17-year-old
        girl"), else what the article tells of the person of that name (``person_gender_votes``)
        with the usual gender of the first name; None when nothing tells or the two disagree;
        "thing" for a document or medium that spoke ("the suicide note")."""
        named = words(antecedent.name)
        # The head of "information center of the Islamic Supreme Council of Iraq" is "center".
        head = named[named.index("of") - 1] if "of" in named[1:] else named[-1] if named else ""
        if antecedent.kind is None and head and (head in THING_NOUNS or head in load_lexicon().org_nouns):
            return "thing"  # "the suicide note", "the information center of the council"
        own = {g for w in named if w not in PERSON_PRONOUNS and (g := gender_of_word(w))}  # not "her" in "her son"
        if len(own) == 1:
            return own.pop()
        votes: Counter[str] = Counter()
        for voted, counted in self.gender_votes.items():
            if same_actor_name(voted, antecedent.name):
                votes.update(counted)
        name = without_titles(antecedent.name)
        if antecedent.kind == "person" and len(name) > 1 and (usual := load_first_name_genders().get(name[0])):
            votes[usual] += 1  # "Bill Cosby", "Shirley Sotloff": what the article says weighs more
        if not votes or votes["m"] == votes["f"]:
            return None
        return "m" if votes["m"] > votes["f"] else "f"

    @staticmethod
    def _entity_antecedents(doc: Doc, quotes: QuoteIndex) -> list[Antecedent]:
        """Names of people, organisations and places outside quotes, each as the whole noun
        phrase it heads ("the Ministry of foreign affairs of Azerbaijan", not "the Ministry of
        foreign affairs" and "Azerbaijan"); a name inside a longer one is left out."""
        phrases: list[tuple[Span, str]] = []
        for ent in doc.ents:
            if ent.label_ not in KIND_BY_ENTITY or quotes.at(ent.start_char) is not None:
                continue
            phrase = noun_phrase(ent.root)
            if len(phrase) > 10 or any(t.pos_ in ("VERB", "AUX") for t in phrase):
                phrase = ent
            elif ent.label_ == "PERSON" and any(t.text in APPOSITION_MARKS for t in doc[phrase.start : ent.start]):
                # A name in apposition is the person ("the president of Argentina, Cristina
                # Kirchner"); a role run into it stays ("fisherman Igor Vorozhbitsyn").
                phrase = doc[ent.start : phrase.end]
            phrases.append((phrase, ent.label_))
        for token in doc[:-1]:
            # "Mr Earnest urged caution": a person, though the small model tags no entity there.
            after = doc[token.i + 1]
            if token.lower_.rstrip(".") in HONORIFICS and after.pos_ == "PROPN" and not after.ent_type_ \
                    and quotes.at(token.idx) is None:
                end = after.i + 1
                while end < len(doc) and doc[end].pos_ == "PROPN" and not doc[end].ent_type_:
                    end += 1
                phrases.append((doc[token.i:end], "PERSON"))
        found = [
            Antecedent(display_name(phrase), KIND_BY_ENTITY[label], phrase.end_char,
                       salient=_is_subject(phrase.root), reported_in=_reported_clause(phrase.root))
            for phrase, label in phrases
            if not any(other.start <= phrase.start and phrase.end <= other.end and len(other) > len(phrase)
                       for other, _ in phrases)
        ]
        # "Vorozhbitsyn suffered cuts" after "Igor Vorozhbitsyn": a pronoun that stands for the
        # surname stands for the person the article names in full.
        for antecedent in found:
            if antecedent.kind == "person":
                antecedent.name = without_occupation(antecedent.name)
        full_names = [a.name for a in found if a.kind == "person" and len(without_titles(a.name)) > 1]
        for antecedent in found:
            if antecedent.kind == "person":
                antecedent.name = full_name(antecedent.name, full_names)
        return found

    def _organisation_before(self, offset: int, noun: str) -> list[Antecedent]:
        """The organisations "the company" or "the paper" may stand for, newest last: one the article
        introduced with that noun ("Manhattan's Yorkville Endoscopy clinic", "the Saudi daily Ajel"),
        else the newest of its kind that spoke or was a subject."""
        if noun not in ORGANISATION_DESCRIPTIONS and noun not in MEDIA_DESCRIPTIONS:
            return []
        if introduced := introduced_as(self.doc, noun, offset):
            return introduced
        named = [a for a in self._before(offset, salient=True) if not a.plural and set(words(a.name)) - ARTICLES]
        if noun in ORGANISATION_DESCRIPTIONS:
            # Not a person's surname or a country the recogniser took for a firm ("Morin" after
            # "Dave Morin", "Greece and Cyprus said").
            people = [a.name for a in self.entities if a.kind == "person"]
            countries = load_lexicon().country_names
            return [a for a in named if a.kind == "organization" and full_name(a.name, people) == a.name
                    and name_key(a.name) not in countries]
        return [a for a in named if a.kind not in ("person", "country") and is_media_name(a.name)]

    def add_speaker(self, name: str, kind: ActorKind | None, end: int, plural: bool = False) -> None:
        self.speakers.append(Antecedent(name, kind, end, plural=plural))

    def _before(self, offset: int, *, people: bool | None = None, source: str = "both",
                salient: bool = False, other_than: str | None = None) -> list[Antecedent]:
        pool = []
        if source in ("both", "speakers"):
            pool += [a for a in self.speakers if a.end <= offset]
        if source in ("both", "entities"):
            pool += [a for a in self.entities if a.end <= offset and (a.salient_at(offset) or not salient)]
        if people is True:
            # "the fighter", "an official" are people too; "media" and "police" are not one person.
            pool = [a for a in pool if a.kind == "person" or (a.kind is None and not a.plural)]
        elif people is False:
            pool = [a for a in pool if a.kind != "person"]
        if other_than is not None:
            pool = [a for a in pool if not same_actor_name(a.name, other_than)]
        # At the same place a speaker (resolved already) beats the raw name.
        return sorted(pool, key=lambda a: (a.end, a in self.speakers))

    def resolve(self, span: Span, *, other_than: str | None = None) -> tuple[str, ActorKind | None]:
        """The name a mention stands for and a hint of its kind; a first name or surname
        ("Igor", "Ambassador Alhakim", "Shirley") is the one person the article names in full.

        Args:
            other_than: a name a pronoun cannot stand for: "him" in "he accused him" is not
                whoever "he" is."""
        name, kind = self._resolve(span, other_than)
        if kind in ("person", None) and span.root.pos_ in ("PROPN", "PRON", "NOUN"):
            # Names the recogniser saw as people complete first names and surnames; other runs of
            # proper nouns, first names only ("Trump" and "Ivanka Trump" are seldom one person).
            completed = full_name(name, [a.name for a in self.entities if a.kind == "person"])
            if completed == name:
                completed = full_name(name, self.text_names, surnames=False)
            if completed != name:
                return completed, "person"
        return name, kind

    def _resolve(self, span: Span, other_than: str | None = None) -> tuple[str, ActorKind | None]:
        if len(span) > 1 and span[-1].dep_ == "case":
            span = span[:-1]  # "Mr Alhakim’s" is "Mr Alhakim"
        head = span.root
        lower = head.lower_
        kind = KIND_BY_ENTITY.get(head.ent_type_)
        if head.pos_ == "PRON":
            if lower in INDEFINITE_SPEAKERS:
                return span.text, None  # "some", "others": unnamed people, no one named before
            if lower in PERSON_PRONOUNS:
                gender = gender_of_word(lower)
                # A subject first, then a speaker, then anyone named, whose gender does not tell otherwise.
                pools = (self._before(span.start_char, people=True, salient=True, other_than=other_than),
                         self._before(span.start_char, people=True, source="speakers", other_than=other_than),
                         self._before(span.start_char, people=True, other_than=other_than))
                found = next((fits for pool in pools if (fits := [a for a in pool if self.gender(a) in (None, gender)])), [])
            elif lower in THING_PRONOUNS:
                # "it" is one body or thing, not "officials" or "a number of intriguing arguments".
                found = [a for a in self._before(span.start_char, people=False, source="speakers", other_than=other_than)
                         if not a.plural]
            elif lower in GROUP_PRONOUNS:
                # "they" is a body or several people, not one person named before.
                found = [a for a in self._before(span.start_char, source="speakers", other_than=other_than)
                         if a.kind != "person" or a.plural]
            else:
                found = self._before(span.start_char, source="speakers", other_than=other_than)
            if found:
                return found[-1].name, found[-1].kind
            return span.text, "person" if lower in PERSON_PRONOUNS else None
        determiners = [t.lower_ for t in span if t.dep_ == "det"]
        if head.pos_ == "NOUN" and head.lemma_.lower() in DOCUMENT_NOUNS and (author := document_author(head)) is not None:
            # "a CNN report", "Monday's report of the information center of ...": who wrote it
            # speaks; a person by name ("a tweet from SportsBusinessNews' Howard Bloom").
            if (person := named_person(author)) is not None:
                return person, "person"
            return display_name(author), KIND_BY_ENTITY.get(author.root.ent_type_)
        common = head.pos_ == "NOUN" and not any(t.pos_ == "PROPN" for t in span)
        if common and lower in DOCUMENT_NOUNS and determiners[:1] in (["the"], ["this"], ["that"]):
            # An issuer named earlier in the same sentence ("From the Ministry ... in a statement,
            # “...,” the statement said"), else whoever spoke last.
            sentence_start = head.sent.start_char
            issuers = [a for a in self._before(span.start_char, people=False, source="entities") if a.end >= sentence_start]
            found = issuers or self._before(span.start_char, source="speakers")
            if found:
                return found[-1].name, found[-1].kind
        elif common and determiners[:1] == ["the"] and len(span) <= 3:
            # "the ministry", "the airline's spokesman": the newest name that contains the noun.
            found = [a for a in self._before(span.start_char) if contains_words(a.name, head.lemma_) or contains_words(a.name, lower)]
            if not found and head.lemma_.lower() in PERSON_NOUNS and head.tag_ == "NN":
                # Names in the text always have a kind, so "people" keeps persons only.
                found = self._before(span.start_char, people=True, source="entities", salient=True)
            if not found and len(span) == 2 and head.tag_ == "NN":
                found = self._organisation_before(span.start_char, head.lemma_.lower())
            if found:
                return found[-1].name, found[-1].kind
        elif (head.pos_ == "PROPN" or head.ent_type_ == "PERSON" or head.is_title) and len(span) <= 2:
            # A surname: "Daly" after "Bill Daly"; else the one full name the article gives later
            # (a lead that says "Tridevil claims" before "Jasmine Tridevil" is introduced).
            surname = without_titles(display_name(span))

            def full_names(pool: list[Antecedent]) -> list[Antecedent]:
                return [a for a in pool if a.kind in ("person", None) and surname
                        and len(without_honorifics(a.name)) > len(surname) and words(a.name)[-len(surname):] == surname]

            def given_names(pool: list[Antecedent]) -> list[Antecedent]:
                # "Igor, 42, thought ..." after "Fisherman Igor Vorozhbitsyn": one full name only.
                found = [a for a in pool if a.kind in ("person", None) and len(surname) == 1
                         and (span[0].ent_type_ == "PERSON" or span[0].pos_ == "PROPN") and opens_name(surname[0], a.name)]
                return found if len({a.name for a in found}) == 1 else []

            found = full_names(self._before(span.start_char))
            if not found:
                later = full_names([a for a in self.entities if a.end > span.end_char])
                found = later[:1] if len({a.name for a in later}) == 1 else []
            found = found or given_names(self.speakers + self.entities)
            if found:
                return found[-1].name, "person"
        appositions = [c for c in head.children if c.dep_ == "appos" and (c.pos_ == "PROPN" or c.ent_type_ == "PERSON")]
        if head.pos_ == "NOUN" and (appositions := appositions or _name_after_employer(head)):
            # "Cosby's attorney, Marty Singer, ...": the name, not the role.
            return display_name(noun_phrase(appositions[0])), "person" if appositions[0].ent_type_ == "PERSON" else kind
        if (person := named_person(span)) is not None:
            return person, "person"
        return display_name(span), kind
