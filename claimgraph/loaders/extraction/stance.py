"""Which relation a speech act is, and about whom, by the contract in relations.md.

The cue decides first: "denied" is DENIES, "accused" ACCUSES, "confirmed" SUPPORTS. A
neutral cue ("said", "claimed") is decided by what was said:
- an actor doing something blameworthy ("Armenia has brought terrorists", "Armenian
  mercenaries were brought", "Isis is harvesting organs") makes it ACCUSES that actor;
- a negated assertion ("there are no plans", "it is not in our plans", "the reports are
  false") makes it DENIES;
- anything else is REPORTS, with no target.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Span, Token

from claimgraph.graph.types import Relation
from claimgraph.loaders.actors import load_lexicon as load_actor_lexicon
from claimgraph.loaders.extraction.lexicon import Lexicon
from claimgraph.loaders.extraction.rules import (
    ACTOR_ENTITIES,
    NO_ONE,
    SUFFERED_DEEDS,
    Attribution,
    is_negation,
    negated_subject,
    noun_phrase,
    relative_antecedent,
)

# Entities that say whose a group is by its nation or place ("Russian troops", "Kyiv officials").
NATIONAL_ENTITIES = frozenset({"GPE", "NORP"})
# Whose a described doer is when it is the speaker's own ("my son"): no one to accuse.
_FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
# What introduces a clause that tells of no deed done: "if the owners paid".
_HYPOTHETICAL = frozenset({"if", "unless", "whether"})


@dataclass
class Stance:
    relation: Relation
    # Actor mentions the claim is about (ACCUSES), or whose claim is denied (DENIES).
    targets: list[Span] = field(default_factory=list)


# The object pronouns a cue accuses ("accused him of"); "me" and "us" are the speaker's own.
ACCUSED_PRONOUNS = frozenset({"him", "her", "them"})
# Names the parser gives to things, not actors: a song ("the singer's hit 'Baby'"), a phone, a law.
THING_ENTITIES = frozenset({"PRODUCT", "WORK_OF_ART", "LAW", "EVENT", "LANGUAGE"})
# Clitics the tokenizer splits off: never an actor's name.
CONTRACTIONS = frozenset({"'s", "'ve", "'ll", "'re", "'d", "'m", "n't"})


def _actor_span(token: Token) -> Span | None:
    """The mention of an actor a token is part of: its named entity, its noun phrase when it
    is a proper noun, or a well-known actor's one-word name the parser took for a common noun
    ("Isis has forced the merchants to pay")."""
    if token.lower_.replace("’", "'") in CONTRACTIONS:
        return None  # "they should’ve won": the small model can tag "’ve" a proper noun
    if token.ent_type_ in ACTOR_ENTITIES:
        for ent in token.doc.ents:
            if ent.start <= token.i < ent.end:
                return _without_trailing_function_words(ent)
    if token.pos_ == "PROPN" and token.ent_type_ not in THING_ENTITIES:
        return noun_phrase(token)
    if token.pos_ == "NOUN" and token.text in _one_word_actor_names():
        return token.doc[token.i : token.i + 1]
    return None


def _without_trailing_function_words(entity: Span) -> Span:
    """An entity without the preposition, quotation mark, conjunction or article the recogniser
    ran on into: "accused ISIS of 'crimes of genocide'" names "ISIS", not "ISIS of '"."""
    end = entity.end
    while end > entity.start + 1 and entity.doc[end - 1].pos_ in ("ADP", "PUNCT", "CCONJ", "DET"):
        end -= 1
    return entity.doc[entity.start : end]


@cache
def _one_word_actor_names() -> frozenset[str]:
    """The gazetteer's one-word names and aliases as news writes them ("Hamas", "ISIS"), and
    its acronyms of four letters or more as a word ("Isis", "Nato": the house style of several
    British papers). Case counts: "who" is no WHO. Three-letter acronyms stay as written."""
    names = {name for actor in load_actor_lexicon().gazetteer.values() for name in (actor.name, *actor.aliases)
             if " " not in name and name[:1].isupper()}
    return frozenset(names | {name.title() for name in names if name.isupper() and len(name) >= 4})


def _roots(span: Span) -> list[Token]:
    return [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head == t]


# Things that blame whoever hands them over or uses them ("sent weapons to the rebels"), and
# nobody else ("the Marines disabled their weapons").
SUPPLIED_THINGS = frozenset({"weapon"})
SUPPLYING_VERBS = frozenset({"send", "supply", "provide", "deliver", "smuggle", "ship", "transfer", "sell", "give",
                             "hand", "bring", "use", "deploy", "fire", "funnel", "seize", "steal", "loot"})


# Helping wrongdoers is blame (relations.md: "backing terrorists"): whoever supplies, funds or
# shelters them ("a US plane supplied the ISIL terrorist organization with arms", "the
# coalition's military aid to ISIL terrorists"). Done to them, a blameworthy act is fighting
# them ("killed the terrorists"); done for them, it is backing them.
BACKING_VERBS = frozenset({"supply", "provide", "arm", "fund", "finance", "support", "back", "aid", "help", "assist",
                           "equip", "train", "drop", "airdrop", "send", "deliver", "give", "sell", "throw", "smuggle",
                           "ship", "hand", "shelter", "harbor", "harbour", "sponsor"})
BACKING_NOUNS = frozenset({"aid", "support", "help", "assistance", "funding", "supply", "weapon", "arm", "backing"})
# Nouns of wrongdoers that do not name wrongdoers by themselves when they are helped: "weapons
# for Kurdish fighters" backs no one blameworthy.
_BACKABLE_DOERS = frozenset({"fighter"})


# Their subject has something done to it: "Rivers underwent an unauthorized biopsy" blames the
# one who did it, not her.
UNDERGOING_VERBS = frozenset({"undergo", "suffer", "receive", "endure", "sustain", "survive", "face"})

# Stopping or looking into a blameworthy act is not doing it: "startled the bear into halting
# its attack", "police foiled the plot", "the coalition is fighting terrorism".
PREVENTING_VERBS = frozenset({"halt", "stop", "prevent", "foil", "thwart", "avert", "repel", "repulse", "curb",
                              "combat", "fight", "investigate", "probe"})

# Verbs of being and having: their subject is in a state, not doing anything ("while Rivers was
# under anesthesia").
STATE_VERBS = frozenset({"be", "have"})


def _mentions_blame(token: Token, lexicon: Lexicon, verb: Token, depth: int = 2) -> bool:
    """Whether a phrase that ``verb`` governs names a blameworthy thing within a couple of steps
    ("brought terrorists and mercenaries", "sending jihadist groups"). A blame word that only
    modifies another noun names no blame: "carrying assault rifles", "an attack helicopter"."""
    lemma = token.lemma_.lower()
    if lemma in SUPPLIED_THINGS:
        return verb.lemma_.lower() in SUPPLYING_VERBS
    if lemma in lexicon.blame_nouns or lemma in lexicon.blame_adjectives:
        return True
    return depth > 0 and any(_mentions_blame(child, lexicon, verb, depth - 1) for child in token.children
                             if child.dep_ not in ("punct", "cc", "compound") and child.lemma_.lower() not in PREVENTING_VERBS)


def blamed_actor(content: Span, lexicon: Lexicon) -> Span | None:
    """The actor the content blames, if it blames one: one the content names, for the parse can
    hang a dateline before the claim on its verb as a second subject ("TEHRAN (FNA)- Iraq's army
    has shot down ...")."""
    return next((actor for actor in _blamed_actors(content, lexicon)
                 if content.start <= actor.start and actor.end <= content.end), None)


def _blamed_actors(content: Span, lexicon: Lexicon) -> Iterator[Span]:
    """Who the content's blameworthy clauses have doing it, in text order."""
    for token in content:
        if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() in UNDERGOING_VERBS \
                or _reported_within(token, content, lexicon):
            continue
        children = list(token.children)
        if _criticised(token):
            # "Comey should not have given a news conference": blame by hindsight.
            for child in children:
                if child.dep_ == "nsubj" and (actor := _actor_span(child)) is not None:
                    yield actor
        if not _blameworthy(token, lexicon):
            continue
        blame_verb = _blame_verb(token, lexicon)
        if blame_verb and (_to_oneself(token) or any(_wrongdoers(o, lexicon) for o in children if o.dep_ == "dobj")):
            continue  # "shot himself"; "killed the terrorists", "shot dead a member of an armed group that killed five"
        for child in children:
            if child.dep_ == "nsubj" and negated_subject(child):
                continue  # "No Marine handed a weapon to a Houthi": no one did it
            # Only a blame verb makes troops named by whose they are do their actor's deed.
            if child.dep_ == "nsubj" and (actor := _doer(child, lexicon) if blame_verb else _actor_span(child)) is not None:
                yield actor
            if child.dep_ == "agent":
                # The by-phrase of a blameworthy passive did it: "shelled by Russian troops",
                # "the massacre was committed by ISIS fighters".
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and (actor := _doer(pobj, lexicon)) is not None:
                        yield actor
            if child.dep_ == "nsubjpass" and not blame_verb and child.lemma_.lower() in lexicon.blame_nouns:
                # "Armenian mercenaries were brought ...": whose mercenaries. Not "Taliban
                # militants were killed": there the blame verb makes them the victims.
                if (actor := _owning_actor(child)) is not None:
                    yield actor
        if blame_verb and (actor := next(filter(None, (_doer(d, lexicon) for d in _gerund_doers(token))), None)) is not None:
            yield actor


def _gerund_doers(verb: Token) -> list[Token]:
    """Who does what a gerund after a preposition tells, when it has no subject of its own: the
    subject of the clause it hangs off ("Isis is known for crucifying ...", "Russia was accused
    of shelling ...", "they were arrested after robbing ...")."""
    if verb.dep_ != "pcomp" or verb.tag_ != "VBG" or any(c.dep_ in ("nsubj", "agent") for c in verb.children):
        return []
    return [c for c in verb.head.head.children if c.dep_ in ("nsubj", "nsubjpass")]


def _blame_verb(verb: Token, lexicon: Lexicon) -> bool:
    """A verb of wrongdoing ("killed", "stole"), or any act done in a blameworthy manner
    ("illegally collected", "improperly moved")."""
    return verb.lemma_.lower() in lexicon.blame_verbs or any(
        c.dep_ == "advmod" and c.lemma_.lower() in lexicon.blame_adverbs for c in verb.children)


def _names_wrongdoers(noun: Token, lexicon: Lexicon) -> bool:
    """Whether a noun phrase's own words call those it names wrongdoers ("the ISIL terrorist
    organization", "the terrorist militants"); not what a clause on it tells."""
    words = [noun] + [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod")]
    return any(w.lemma_.lower() in lexicon.doer_nouns and w.lemma_.lower() not in _BACKABLE_DOERS for w in words)


def _helped(head: Token) -> list[Token]:
    """Whom a verb or noun of helping helps: its object, or what follows "to" or "for"."""
    helped = [c for c in head.children if c.dep_ in ("dobj", "dative")]
    return helped + [p for c in head.children if c.dep_ in ("prep", "dative") and c.lower_ in ("to", "for")
                     for p in c.children if p.dep_ == "pobj"]


def _backs_wrongdoers(head: Token, lexicon: Lexicon) -> bool:
    """Whether a verb or noun tells of helping wrongdoers: "supplied the ISIL terrorist
    organization with arms", "dropped aids to the terrorist militants", "aid to ISIL terrorists"."""
    lemmas = BACKING_VERBS if head.pos_ == "VERB" else BACKING_NOUNS
    return head.lemma_.lower() in lemmas and any(_names_wrongdoers(h, lexicon) for h in _helped(head))


def _blameworthy(verb: Token, lexicon: Lexicon) -> bool:
    """Whether a clause tells of a blameworthy act: a blame verb, or a blameworthy thing among
    what it governs ("brought terrorists", "has access to the photos" is not)."""
    if verb.lemma_.lower() in PREVENTING_VERBS:
        return False
    objects = [c for c in verb.children if c.dep_ in ("dobj", "attr", "acomp", "nsubjpass", "conj", "prep")]
    return _blame_verb(verb, lexicon) or any(_mentions_blame(o, lexicon, verb) for o in objects)


def _reported_within(token: Token, content: Span, lexicon: Lexicon) -> bool:
    """Whether a token stands in what someone the content names says ("he acted on the advice
    of Sessions, who found that Comey improperly moved ..."): that blame is Sessions' own (the
    annotation conventions, 3), not the speaker's."""
    node = token
    while content.start <= node.head.i < content.end and node.head.i != node.i:
        if node.dep_ == "ccomp" and node.head.lemma_.lower() in lexicon.cue_verbs:
            return True
        node = node.head
    return False


def _doer(token: Token, lexicon: Lexicon) -> Span | None:
    """The actor a doer names: itself, or, for a common noun, the noun with its nationality
    ("Russian troops", "Syrian rebels": the actor resolver makes the first Russia's armed
    forces and keeps the second as described, not Syria), else whose it is ("Israel's army").
    A thing a country's name owns is that country's doing: "a US plane", "the U.S. airstrikes"."""
    named = _actor_span(token)
    if token.pos_ != "NOUN" or named is not None:
        return named
    modifiers = [m for m in token.children if m.dep_ in ("amod", "compound") and m.ent_type_ in NATIONAL_ENTITIES]
    if token.lemma_.lower() not in lexicon.people_nouns and any(m.ent_type_ == "GPE" for m in modifiers):
        return _owning_actor(token)
    if modifiers:
        return token.doc[min(m.left_edge.i for m in modifiers) : token.i + 1]
    return _owning_actor(token)


def _owning_actor(noun: Token) -> Span | None:
    """The actor a common noun's modifier names as whose it is: "Russian troops", "Israel's
    army"."""
    return next((_actor_span(m) for m in noun.children
                 if m.dep_ in ("amod", "compound", "poss") and m.ent_type_ in ACTOR_ENTITIES), None)


# "shot himself", "killed themselves": harm done to oneself blames no one.
REFLEXIVE_PRONOUNS = frozenset({"himself", "herself", "themselves", "itself", "myself", "ourselves", "yourself",
                                "yourselves", "oneself"})


def _to_oneself(verb: Token) -> bool:
    """Whether a verb's object is its own subject: "Helric Fredou shot himself"."""
    return any(c.dep_ == "dobj" and c.lower_ in REFLEXIVE_PRONOUNS for c in verb.children)


def _wrongdoers(victim: Token, lexicon: Lexicon) -> bool:
    """Whether those a blameworthy act is done to are themselves named as wrongdoers: "the
    terrorists", "a member of an armed group that killed five people". Doing it to them is
    fighting them, not blame."""
    return any(t.lemma_.lower() in lexicon.doer_nouns or t.pos_ == "VERB" and t.lemma_.lower() in lexicon.blame_verbs
               for t in victim.subtree)


def _criticised(verb: Token) -> bool:
    """ "should (not) have done": the modal perfect that blames its subject."""
    auxiliaries = [c.lower_ for c in verb.children if c.dep_ == "aux"]
    return verb.tag_ == "VBN" and "have" in auxiliaries and any(a in ("should", "shouldn't") for a in auxiliaries)


# Verbs whose clause carries what the speaker asserts ("I can assure you that is not ...").
_ASSERTING = frozenset({"assure", "insist", "stress", "maintain", "know"})
# Negated, these tell of the speaker's own mind or senses, and reject nobody's claim: "I
# couldn't believe my luck", "I can't remember much", "we don't know exactly how ...".
_EXPERIENCING = frozenset({"believe", "remember", "feel", "know", "understand", "imagine", "stand", "realize",
                           "realise", "expect", "care", "mind", "recall", "wait"})
# What a mind does, not a deed: its subject is no doer ("the soldiers believed ...", "Melissa
# wants to wait").
_MINDING = _EXPERIENCING | {"think", "want", "wish", "hope", "like", "love", "fear", "worry", "need", "plan", "intend"}
# Auxiliaries of what may yet be, not what was done: "Lenovo could make an offer", "Apple will
# sell 2.8 million watches". Not "should have": that blames by hindsight.
_FORETELLING = frozenset({"will", "would", "could", "may", "might", "can", "'ll", "’ll", "wo", "ca"})
# "We cannot confirm the video's authenticity", "it could not determine who was responsible"
# neither assert nor deny: REPORTS, by the annotation conventions (../shared/eval/train/README.md, 6).
_VERIFYING = frozenset({"confirm", "verify", "determine", "establish", "ascertain", "identify", "corroborate"})


def _imperative(verb: Token) -> bool:
    """ "Don't ever call me again": an order, not a denial."""
    return verb.tag_ == "VB" and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children) \
        and any(c.lower_ in ("do", "don't") for c in verb.children if c.dep_ == "aux")


def negated(content: Span, lexicon: Lexicon) -> bool:
    """Whether the content's main clause asserts a negation: "it is not in our plans",
    "there are no plans to ...", "I have no information that ...", "the reports are false"."""
    clauses = []
    # A quote that runs over sentences is one claim, whose core is its first clause (the
    # annotation conventions): "They ask for $1 million ... They will not ..." asserts.
    for root in _roots(content)[:1]:
        clauses.append(root)
        clauses.extend(c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))
        if root.lemma_.lower() in _ASSERTING:
            clauses.extend(c for c in root.children if c.dep_ == "ccomp")
    for clause in clauses:
        if _criticised(clause):
            return False  # "should not have done" blames rather than denies
        if clause.lemma_.lower() in _EXPERIENCING | _VERIFYING or _imperative(clause):
            continue
        # What cannot be verified is checked last: it walks the clause, and most clauses negate nothing.
        if _negates(clause, lexicon) and not _to_verify(clause):
            return True
    return False


def _negates(clause: Token, lexicon: Lexicon) -> bool:
    """Whether a clause says no: a negation, "no" before its subject or object, a denial word
    ("baseless"), or its subject called false."""
    for child in clause.children:
        if is_negation(child) or child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in NO_ONE:
            return True  # "is not true", "nothing in these reports is true"
        if child.dep_ in ("attr", "dobj", "nsubj", "acomp") and (
            any(d.dep_ == "det" and d.lower_ == "no" for d in child.children) and not _no_choice_but(child)
            or child.lemma_.lower() in lexicon.denial_words
        ):
            return True
        if child.dep_ == "attr" and calls_false(child, lexicon):
            return True
    return False


def _to_verify(clause: Token) -> bool:
    """Whether what a clause negates is being able to verify: "I'm not in a position to
    confirm", "we were not able to verify", "had no way to establish" (REPORTS, as "could
    not confirm" is)."""
    for token in clause.subtree:
        if token.lemma_.lower() in _VERIFYING and token.dep_ in ("xcomp", "acl", "relcl") \
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            # Through nouns, adjectives and prepositions only: not a verb's own clause
            # ("did not say whether it had tried to verify").
            node = token.head
            while node.i != clause.i and node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
                node = node.head
            if node.i == clause.i:
                return True
    return False


def predicate_words(predicate: Token) -> set[str]:
    """The lemmas that say what a predicate calls its subject: its own and its adjectives'
    ("a fake story": story, fake)."""
    return {predicate.lemma_.lower()} | {m.lemma_.lower() for m in predicate.children if m.dep_ == "amod"}


def calls_false(predicate: Token, lexicon: Lexicon) -> bool:
    """Whether a predicate calls its subject false ("is false", "is a fake story", "was a
    baseless rumour")."""
    return not predicate_words(predicate).isdisjoint(lexicon.denial_words)


def _no_choice_but(noun: Token) -> bool:
    """ "She had no other option but to pick up a weapon": an idiom that asserts."""
    after = noun.right_edge.i + 1
    return (noun.lemma_.lower() in ("choice", "option", "alternative") and after < len(noun.doc)
            and noun.doc[after].lower_ in ("but", "than"))


def _accused(attribution: Attribution, lexicon: Lexicon) -> Span | None:
    """The actor a cue's object names: "accused Turkey", "accused his predecessor, Barack
    Obama", "decried Comey's actions", "accused Russian troops", "accused her parents"; for a
    deed ("condemned the shelling of the plant by Ukrainian forces", "denounced Russia's
    invasion"), whoever did it."""
    if attribution.cue_object is None:
        return None
    root = attribution.cue_object.root
    # "Moscow, which U.S. intelligence agencies have accused of ...": Moscow.
    root = relative_antecedent(root) or root
    if attribution.rule == "accuse-act" or root.lemma_.lower() in SUFFERED_DEEDS:
        return _doer_of(root, lexicon)
    candidates = [root] + [c for c in root.children if c.dep_ in ("appos", "poss")]
    named = next((span for c in candidates if (span := _actor_span(c)) is not None), None)
    if named is None and root.lower_ in ACCUSED_PRONOUNS:
        # "accused him of treason", "called her a liar": whom the pronoun stands for (the
        # extractor resolves it, and drops it when the article names no one before it).
        return root.doc[root.i : root.i + 1]
    if named is not None or root.pos_ != "NOUN":
        return named
    if attribution.rule == "accuse-object" and any(c.dep_ == "det" for c in root.children) \
            or root.lemma_.lower() in lexicon.people_nouns:
        # "accuse the 77-year-old TV legend of ...", "accused her devout Christian parents of
        # ...", "critical of large corporations": accused, if not by name, as described;
        # without the of-phrase. Whom "accuse" takes is someone; what is condemned may be a
        # thing ("voiced disapproval of such a move").
        modifiers = [c.left_edge.i for c in root.children if c.dep_ in ("det", "amod", "compound", "poss", "nummod")]
        return root.doc[min(modifiers + [root.i]) : root.i + 1]
    if not any(c.dep_ == "poss" for c in root.children):
        # "accused Ukrainian forces of ...": those forces, as for a deed's doer. Not "his
        # remarks": their owner's, and no one.
        return _doer(root, lexicon)
    return None


def _doer_of(deed: Token, lexicon: Lexicon) -> Span | None:
    """Who did a deed a noun names: its by-phrase ("by Ukrainian forces"), the subject of a
    relative clause on it ("the brutality that ISIS has shown"), its owner ("Russia's
    invasion") or a named modifier ("the Russian attack"); a doer that is a common
    noun counts when a name says whose it is ("by Ukrainian forces"; not "by gunmen")."""
    doers = [p for c in deed.children if c.dep_ in ("agent", "prep") and c.lower_ == "by"
             for p in c.children if p.dep_ == "pobj"]
    # "the attacks carried out by Ukrainian forces", "lies made up by the media"
    doers += [p for c in deed.children if c.dep_ == "acl" and c.lemma_.lower() not in UNDERGOING_VERBS
              for a in c.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
    # "the brutality that ISIS has shown", "the attacks Russia carried out"; not "the attack
    # Ukraine suffered".
    doers += [s for c in deed.children if c.dep_ == "relcl" and c.lemma_.lower() not in UNDERGOING_VERBS
              for s in c.children if s.dep_ == "nsubj"]
    owners = ("amod", "compound") if deed.lemma_.lower() in SUFFERED_DEEDS else ("poss", "amod", "compound")
    doers += [c for c in deed.children if c.dep_ in owners]
    return next((actor for doer in doers if (actor := _doer(doer, lexicon)) is not None), None)


def decide(attribution: Attribution, content: Span | None, lexicon: Lexicon) -> Stance:
    """The relation and targets of one speech act (anaphoric DENIES get their targets later,
    from the statements they deny).

    Args:
        content: the tokens of the claim (None for an anaphoric claim).
    """
    owner = [attribution.claim_owner] if attribution.claim_owner is not None else []
    relation = attribution.cue_relation
    if relation == "DENIES":
        return Stance("DENIES", owner)
    if relation == "SUPPORTS":
        return Stance("SUPPORTS", [attribution.cue_object] if attribution.cue_object is not None else owner)
    if relation == "ACCUSES":
        target = _accused(attribution, lexicon)
        if target is None and content is not None:
            target = blamed_actor(content, lexicon)
        return Stance("ACCUSES", [target]) if target is not None else Stance("REPORTS")
    if content is None:
        return Stance(relation, owner)
    blamed = blamed_actor(content, lexicon)
    if blamed is not None and any(_criticised(t) for t in content if t.pos_ in ("VERB", "AUX")):
        return Stance("ACCUSES", [blamed])
    if negated(content, lexicon):
        return Stance("DENIES")
    if blamed is not None:
        return Stance("ACCUSES", [blamed])
    return Stance("REPORTS")


def accused_actor(attribution: Attribution, content: Span | None, lexicon: Lexicon) -> list[Span]:
    """Who an accusation blames when the rules did not call it one (the relation model did):
    the actor the cue names ("condemned Russia"), the actor doing something blameworthy in
    the content, else the doers its clauses name. Most likely first, each once."""
    found: list[Span] = []
    if (named := _accused(attribution, lexicon)) is not None:
        found.append(named)
    if content is not None:
        if (blamed := blamed_actor(content, lexicon)) is not None:
            found.append(blamed)
        found.extend(_doers(content, lexicon))
    return list({(span.start, span.end): span for span in found}.values())


def _doers(content: Span, lexicon: Lexicon) -> list[Span]:
    """The actors the content's clauses have doing something, most likely blamed first: the
    doers of a blameworthy act before the others ("when terrorists have murdered our citizens,
    the United States held them accountable" blames the terrorists), helping wrongdoers among
    those acts ("a US plane supplied the terrorists", "the coalition's aid to the terrorists");
    then those the text names
    before those it only describes ("the doctor"), wherever each stands; then the main
    clauses' before the others. Their subjects and by-phrases count.
    Not just any actor it names: not a place ("in Storey County"), not whom something was done
    to ("robbing Muslims' money", "Rivers underwent a biopsy"), not a person's owner ("Joan
    Rivers' doctor took a selfie"), not who is only in a state in a side clause ("while Rivers
    was under anesthesia") or only thinks or wants something, not who fights those the claim
    names as wrongdoers ("she has killed 100 ISIS fighters"), not in what only might be ("if
    the owners paid", "Lenovo could make an offer"), not nobody ("no Apple Store")."""
    main = _roots(content)
    for clause in main:  # the list grows as it is read: conjuncts of conjuncts are main clauses too
        main.extend(c for c in clause.children if c.dep_ == "conj" and content.start <= c.i < content.end)
    clauses = main + [t for t in content if t.pos_ in ("VERB", "AUX") and t not in main]
    # By rank: (blameworthy, named) first, then (blameworthy, described), (other, named), (other, described).
    ranked: list[list[Span]] = [[], [], [], []]
    for clause in clauses:
        lemma = clause.lemma_.lower()
        if lemma in UNDERGOING_VERBS or (lemma in STATE_VERBS and clause not in main) or lemma in _MINDING \
                or any(c.dep_ == "aux" and c.lower_ in _FORETELLING for c in clause.children):
            # Done to, not doing ("Rivers underwent a biopsy"); or only the setting ("the
            # doctor took a selfie while Rivers was under anesthesia"); or a mind, not a deed
            # ("the soldiers believed ..."); or what may yet be ("Lenovo could make an offer").
            # A main clause's state can be the blame itself ("the NSA has an agent inside every home").
            continue
        backing = _backs_wrongdoers(clause, lexicon)
        if _to_oneself(clause) or any(c.dep_ == "dobj" and not backing and _wrongdoers(c, lexicon)
                                      or c.dep_ == "mark" and c.lower_ in _HYPOTHETICAL for c in clause.children):
            continue  # harm to oneself or fighting wrongdoers is no blame; "if the owners paid" tells of no deed
        rank = 0 if backing or _blameworthy(clause, lexicon) else 2
        subjects = [[c] if c.dep_ == "nsubj" else [p for p in c.children if p.dep_ == "pobj"]
                    for c in clause.children if c.dep_ in ("nsubj", "agent")]
        if _blame_verb(clause, lexicon):
            subjects.append(_gerund_doers(clause))
        for doers in subjects:
            for doer in doers:
                if negated_subject(doer) or not content.start <= doer.i < content.end:
                    continue  # "no Apple Store", "nobody": no one did it; a dateline the parse made a subject
                owned_by_person = doer.pos_ == "NOUN" and any(c.dep_ == "poss" and c.ent_type_ == "PERSON"
                                                              for c in doer.children)
                # "Joan Rivers' doctor" did it, not Joan Rivers.
                if not owned_by_person and (actor := _doer(doer, lexicon)) is not None:
                    ranked[rank].append(actor)
                elif (actor := _described(doer, lexicon) or _described_owner(doer, lexicon)) is not None:
                    ranked[rank + 1].append(actor)
    # "the US-led coalition's military aid to ISIL terrorists": whose help it is.
    for noun in content:
        if noun.pos_ == "NOUN" and _backs_wrongdoers(noun, lexicon):
            if (actor := _doer_of(noun, lexicon)) is not None:
                ranked[0].append(actor)
            elif (actor := _described_owner(noun, lexicon)) is not None:
                ranked[1].append(actor)
    return [actor for actors in ranked for actor in actors]


def _described_owner(thing: Token, lexicon: Lexicon) -> Span | None:
    """Whose a thing is, as described: "the international coalition airplanes dropped ...",
    "the coalition's aid"."""
    return next((actor for c in thing.children if c.dep_ in ("compound", "poss")
                 if (actor := _described(c, lexicon)) is not None), None)


def _described(token: Token, lexicon: Lexicon) -> Span | None:
    """A doer the text only describes, as described ("the thieves", "four masked men", "the
    doctor"): the annotation conventions keep such an actor rather than none. Not the
    speaker's own ("my son")."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in lexicon.people_nouns:
        return None
    if any(c.dep_ == "poss" and c.lower_ in _FIRST_PERSON for c in token.children):
        return None
    return noun_phrase(token)
