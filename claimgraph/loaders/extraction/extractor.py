"""Extractors turn article text into statements in the contract shape (relations.md).

``Extractor`` is the interface the loaders and the CLI use, so another extractor (an LLM
behind an OpenAI-compatible endpoint, say) can be added without touching them: it takes
articles with text and yields each with its statements, speakers and targets named as the
text names them (``ActorRef.name``; canonical actor ids are settled later by
``loaders/actors.py``), offsets slicing the article text exactly, and deterministic ids.

``RuleExtractor`` is the one shipped: spaCy's parse and the rules of this package, joined by
two learned models from ``loaders/models/`` (``shipped.py``): the attribution tagger adds the
speech acts the rules miss, and the relation model drops what is no statement and decides the
relation of the tagger's finds.
"""

from __future__ import annotations

import copy
import dataclasses
import itertools
import multiprocessing
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from claimgraph.graph.types import ActorRef, Article, Claim, Cue, Relation, Sentence, Statement, slugify, stable_id
from claimgraph.loaders.actors import ActorResolver, state_of
from claimgraph.loaders.extraction.anaphora import (
    AnaphorLinker,
    anaphor_within,
    counterfactual,
    disputes_claim_of_another,
    speakers_own,
)
from claimgraph.loaders.extraction import shipped
from claimgraph.loaders.extraction.lexicon import Lexicon, load_lexicon
from claimgraph.loaders.extraction.mentions import (
    MentionResolver,
    could_be_actor,
    display_name,
    is_description,
    same_actor_name,
)
from claimgraph.loaders.extraction.nlp import doc_text, load_pipeline, model_label
from claimgraph.loaders.extraction.quotes import QuoteIndex, find_quotes
from claimgraph.loaders.extraction.rules import (
    CITING_RULE,
    QUOTE_CONTINUATION_RULE,
    RELATIVE_PRONOUNS,
    Attribution,
    AttributionFinder,
    is_headline,
    noun_phrase,
    relative_antecedent,
    some_of,
)
from claimgraph.loaders.extraction.relation_model import (
    Features,
    RelationContext,
    RelationModel,
    content_lemmas,
    relation_features,
)
from claimgraph.loaders.extraction.stance import ACTOR_ENTITIES, accused_actor, decide
from claimgraph.loaders.extraction.tagger import AttributionTagger, TaggedAttribution
from claimgraph.loaders.prepare import statement_id_for

RULES_VERSION = "rules-1"
# The rule name of attributions that only the tagger found.
LEARNED_RULE = "learned"
PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "them", "his", "hers", "its", "their"})


class Extractor(Protocol):
    """Anything that finds statements in article text."""

    name: str

    def extract(self, articles: Iterable[Article], *, n_process: int = 1) -> Iterator[tuple[Article, list[Statement]]]:
        """Each article (with ``text``) and the statements found in it, in input order."""
        ...


def unnamed_actor_id(article_id: str, name: str) -> str:
    """The id of an actor an article only describes ("a source"): scoped to that article."""
    actor_id = f"{article_id}/unnamed/{slugify(name) or 'speaker'}"
    return actor_id if len(actor_id) <= 300 else stable_id("unnamed", article_id, name)


def _span(span: Span) -> dict[str, object]:
    return {"text": span.text, "start": span.start_char, "end": span.end_char}


class _ArticleExtraction:
    """The statements of one parsed article, built in text order so that pronouns and
    anaphoric claims can look back at what came before."""

    def __init__(self, doc: Doc, article: Article, lexicon: Lexicon, extractor_name: str,
                 relation_model: RelationModel | None = None, tagger: AttributionTagger | None = None) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.tagger = tagger
        self.article = article
        self.lexicon = lexicon
        self.extractor_name = extractor_name
        self.relation_model = relation_model
        # The relation features of each statement built, by statement id (training reads them).
        self.features: dict[str, Features] = {}
        # Statements the relation model takes for no statement (dropped at the end of run).
        self.unsaid: set[str] = set()
        # What was said so far: the lead sentence, then each statement's claim.
        self.said_before: set[str] = set(content_lemmas(next(doc.sents))) if len(doc) else set()
        self.quotes = QuoteIndex(find_quotes(self.text))
        self.mentions = MentionResolver(doc, self.quotes)
        self.anaphora = AnaphorLinker(self.text, self.lexicon, speaker_state)
        self.sentence_index = {sent.start: index for index, sent in enumerate(doc.sents)}
        self.statements: list[Statement] = []
        # Every speech act the rules found, set by run(); speakers sharing a cue look each other up.
        self.found: list[Attribution] = []
        self._group_links: dict[int, list[str]] = {}
        # The tagger's attributions (set by run), None without a tagger.
        self.tagged: list[TaggedAttribution] | None = None

    def _actor(self, span: Span, *, other_than: str | None = None) -> ActorRef:
        name, kind = self.mentions.resolve(span, other_than=other_than)
        if is_description(span) and name == display_name(span):
            # "a source", "officials", "the man" that stand for no name in the article are someone
            # of this article only: across articles the same words are different people.
            return ActorRef(name=name, kind=kind, actor_id=unnamed_actor_id(self.article.id, name), **_span(span))
        return ActorRef(name=name, kind=kind, **_span(span))

    def _targets(self, spans: list[Span], speaker: ActorRef) -> list[ActorRef]:
        """The actors the mentions stand for, not the speaker, and not a pronoun that stands
        for no one the article names before it ("accused him" with no "him" to be found)."""
        targets = [(span, self._actor(span, other_than=speaker.name)) for span in spans]
        return [actor for span, actor in targets
                if not same_actor_name(actor.name, speaker.name)
                and not (span.root.pos_ == "PRON" and actor.name == span.text)]

    def _claim(self, attribution: Attribution, speaker: ActorRef) -> Claim | None:
        if attribution.anaphor is None:
            start, end = attribution.content  # type: ignore[misc]
            return Claim(text=self.text[start:end], start=start, end=end)
        refers_to = self._group_links.get(attribution.group)
        if refers_to is None:
            deniers = [speaker.name] + [self.mentions.resolve(a.speaker)[0] for a in self._group(attribution)]
            owner = self._owner(attribution.claim_owner, deniers)
            refers_to = self.anaphora.link(attribution.anaphor, self.sentence_index[attribution.sentence.start],
                                           deniers, owner, self.statements)
            self._group_links[attribution.group] = refers_to
        if not refers_to:
            # "Ukraine rejected Russia's claims" with nothing of Russia's before it in the article
            # (the annotation conventions, 5: some denials have nothing to link to) is still a
            # denial of Russia; its few words make its claim the statement's own (claim_identity).
            return Claim(**_span(attribution.anaphor))
        return Claim(refers_to=refers_to, **_span(attribution.anaphor))

    def _owner(self, author: Span | None, deniers: list[str]) -> str | None:
        """Whose claims "her claims", "Mr Alhakim's claims" are: a name is resolved like any
        mention; a possessive pronoun stands for the newest speaker of a claim other than
        the deniers ("Marty Singer called her claims a lie" after Janice Dickinson's)."""
        if author is None:
            return None
        if author.root.pos_ != "PRON":
            return self.mentions.resolve(author)[0]
        plural = author.root.lower_ in ("their", "they", "them")
        labels = ACTOR_ENTITIES if plural else {"PERSON"} if author.root.lower_ in ("his", "her") else ACTOR_ENTITIES - {"PERSON"}
        for mention in reversed([e for e in author.sent.ents if e.end <= author.start and e.label_ in labels]):
            # "the US had the intelligence and their claims ... are untrue": the actor the
            # sentence names just before the pronoun, when it is not the one speaking.
            name = self.mentions.resolve(mention)[0]
            if not any(same_actor_name(name, d) for d in deniers):
                return name
            break
        plural_speakers = {a.name for a in self.mentions.speakers if a.plural}
        for statement in reversed(self.statements):
            if statement.relation == "DENIES" or any(same_actor_name(statement.speaker.name, d) for d in deniers):
                continue
            if plural or (statement.speaker.kind in ("person", None) and statement.speaker.name not in plural_speakers):
                return statement.speaker.name
        return None

    def _group(self, attribution: Attribution) -> list[Attribution]:
        return [a for a in self.found if a.group == attribution.group and a is not attribution]

    def _denied_speakers(self, refers_to: list[str]) -> list[ActorRef]:
        """Whose claims a denial denies: the speakers of the statements it refers to."""
        targets: dict[str, ActorRef] = {}
        for statement in self.statements:
            if statement.statement_id in refers_to:
                targets.setdefault(statement.speaker.name, statement.speaker.model_copy())
        return list(targets.values())

    def _denied_within(self, attribution: Attribution, content: Span | None, speaker: ActorRef) -> list[str]:
        """The earlier claims a denial names inside its own words ("no information that
        supports those tweets"): the DENIES edge then points at them."""
        found = anaphor_within(content, self.lexicon, any_noun=attribution.cue_relation == "DENIES") \
            if content is not None else None
        if found is None:
            return []
        anaphor, author = found
        if author is not None and speakers_own(anaphor, author, attribution.speaker, speaker.kind, self.lexicon):
            return []  # the speaker's own findings are not what it denies
        owner = self._owner(author, [speaker.name])
        return self.anaphora.link(anaphor, self.sentence_index[attribution.sentence.start], [speaker.name], owner,
                                  self.statements)

    def _learned_relation(self, ranked: list[str], relation: Relation, targets: list[ActorRef],
                          attribution: Attribution, content: Span | None,
                          speaker: ActorRef) -> tuple[Relation, list[ActorRef]] | None:
        """The first of the model's relations (most likely first) whose targets the text gives,
        or None when the model says this is no statement.

        The rules' targets stay when the model agrees with their relation; otherwise they are
        found for the model's relation: an accusation needs an actor to blame, and gives way
        to the next relation when the text names none."""
        if not ranked:
            return None
        for label in ranked:
            if label == relation:
                return relation, targets
            if label == "ACCUSES":
                blamed = self._targets(accused_actor(attribution, content, self.lexicon), speaker)
                if blamed:
                    return "ACCUSES", blamed[:1]
                continue
            if label == "REPORTS":
                return "REPORTS", []
            owner = [attribution.claim_owner] if attribution.claim_owner is not None else []
            if label == "SUPPORTS" and attribution.cue_object is not None:
                owner = [attribution.cue_object]
            return label, [self._actor(span) for span in owner]  # type: ignore[return-value]
        return relation, targets

    def _tagged_at(self, attribution: Attribution) -> float | None:
        """How likely the tagger's attribution at this cue is right (0 when it found none), or None
        without a tagger."""
        if self.tagged is None:
            return None
        if attribution.rule == LEARNED_RULE:
            return attribution.confidence
        return max((t.confidence for t in self.tagged if spans_overlap(t.cue, attribution.cue)), default=0.0)

    def build(self, attribution: Attribution) -> Statement | None:
        if not could_be_actor(attribution.speaker):
            return None
        speaker = self._actor(attribution.speaker)
        if attribution.speaker.root.lower_ in PRONOUNS and speaker.name == attribution.speaker.text:
            return None  # a pronoun with no antecedent names nobody
        claim = self._claim(attribution, speaker)
        if claim is None:
            return None
        content = self.doc.char_span(*attribution.content, alignment_mode="expand") if attribution.content else None
        stance = decide(attribution, content, self.lexicon)
        targets = self._targets(stance.targets, speaker)
        relation = stance.relation
        if relation == "REPORTS" and content is not None and (
                disputes_claim_of_another(content, speaker.name, self.lexicon) or counterfactual(content, self.lexicon)):
            relation = "DENIES"
        if relation == "ACCUSES" and not targets:
            relation = "REPORTS"
        context = RelationContext(attribution, content, relation, len(targets), speaker.kind, len(self.statements),
                                  self.said_before, self._tagged_at(attribution))
        features = relation_features(context, self.lexicon)
        unsaid = False
        if self.relation_model is not None:
            # A claim that stands for earlier claims ("rejected these claims") is the rules' own
            # finding, linked by them to what it answers if anything in the article: the model
            # neither relabels nor drops it.
            ranked = [relation] if attribution.anaphor is not None else self.relation_model.decide(
                features, None if attribution.rule == LEARNED_RULE else relation)
            decided = self._learned_relation(ranked, relation, targets, attribution, content, speaker)
            if decided is None:
                unsaid = True  # built all the same: a later denial may answer it (see run)
            else:
                relation, targets = decided
        if relation == "DENIES" and not claim.refers_to:
            claim = claim.model_copy(update={"refers_to": self._denied_within(attribution, content, speaker)})
        if relation == "DENIES" and claim.refers_to and (not targets or any(t.text and t.text.lower() in PRONOUNS for t in targets)):
            targets = self._denied_speakers(claim.refers_to)  # "her claims": hers, by name
        start, end = attribution.cue
        sentence = attribution.sentence
        statement = Statement(
            article_id=self.article.id,
            relation=relation,
            speaker=speaker,
            targets=targets,
            claim=claim,
            cue=Cue(text=self.text[start:end], start=start, end=end),
            sentence=Sentence(text=sentence.text.rstrip(), start=sentence.start_char,
                              end=sentence.start_char + len(sentence.text.rstrip())),
            confidence=attribution.confidence,
            extractor=self.extractor_name,
            stated_at=self.article.published_at,
        )
        statement.statement_id = statement_id_for(statement)
        self.features[statement.statement_id] = features
        if unsaid:
            self.unsaid.add(statement.statement_id)
        return statement

    def run(self) -> list[Statement]:
        finder = AttributionFinder(self.doc, self.lexicon, self.quotes)
        self.found = finder.run()
        if self.tagger is not None:
            self.tagged = self.tagger.tag(self.doc)
            self.found = sorted(self.found + learned_attributions(finder, self.tagged, self.found),
                                key=lambda a: (a.cue[0], a.speaker.start_char))
        self.found = [dataclasses.replace(a, content=finder.without_dateline(a.content)) if a.content else a
                      for a in self.found]
        seen: set[str] = set()
        said_by: dict[tuple[str, int | None, int | None], int] = {}  # -> its index in self.statements
        for attribution in self.found:
            statement = self.build(attribution)
            if statement is None or statement.statement_id in seen:
                continue
            spoken = (statement.speaker.name, statement.claim.start, statement.claim.end)
            if spoken in said_by:
                # One claim span credited to one speaker by two cues ('X told reporters ...,
                # adding') is one speech act: the first cue keeps it, unless the model takes it for
                # no statement and not the second ('When asked ..., she said: "..."').
                earlier = said_by[spoken]
                if self.statements[earlier].statement_id in self.unsaid and statement.statement_id not in self.unsaid:
                    self.statements[earlier] = statement
                continue
            if attribution.rule == QUOTE_CONTINUATION_RULE and statement.relation != "ACCUSES":
                # '"A," X said. "B."' is one statement (the annotation conventions): B stands apart
                # only when it carries another relation. Measured on FNC-1 train and dev, only the
                # accusations among continuations pay; their denials are mostly any "not".
                continue
            seen.add(statement.statement_id)  # type: ignore[arg-type]
            said_by[spoken] = len(self.statements)
            if attribution.rule != CITING_RULE:
                # "the report" and "he" after "X reported, citing a source" stand for X, not the source.
                self.mentions.add_speaker(statement.speaker.name, statement.speaker.kind, attribution.speaker.end_char,
                                          plural=_plural(attribution.speaker.root))
            self.statements.append(statement)
            if statement.claim.start is not None and (claim := self.doc.char_span(
                    statement.claim.start, statement.claim.end, alignment_mode="expand")) is not None:
                self.said_before |= content_lemmas(claim)
        # What the model takes for no statement, and what only relays another's statement, goes,
        # unless a denial in the article answers it.
        answered = {denied for statement in self.statements for denied in statement.claim.refers_to}
        self.statements = [s for s in self.statements if s.statement_id not in self.unsaid or s.statement_id in answered]
        relayed = self._relayed()
        self.statements = [s for s in self.statements if s.statement_id not in relayed or s.statement_id in answered]
        return self.statements

    def _relayed(self) -> set[str]:
        """Statements that only relay another's speech act ("CNN reports that a staff member told
        investigators ..."): the annotation conventions (3) keep the inner speaker's alone."""
        by_cue = {s.cue.start: s for s in self.statements}
        relayed: set[str] = set()
        for statement in self.statements:
            if statement.claim.start is None:
                continue
            content = self.doc.char_span(statement.claim.start, statement.claim.end, alignment_mode="expand")
            inner = by_cue.get(content.root.idx) if content is not None else None
            if inner is not None and inner is not statement and not same_actor_name(inner.speaker.name, statement.speaker.name):
                relayed.add(statement.statement_id)  # type: ignore[arg-type]
        return relayed


def _plural(head: Token) -> bool:
    """Whether a speaker is many: "officials", "96 percent of the respondents" (not "one of them")."""
    group = some_of(head) if head.lower_ != "one" else None
    return (group or head).tag_ in ("NNS", "NNPS")


@cache
def _state_resolver() -> ActorResolver:
    # One for all articles: building one takes ~14 ms, and it keeps each name it resolved.
    return ActorResolver()


def speaker_state(name: str) -> str | None:
    """The country whose state a speaker is or serves, by name ("Kremlin spokesman Dmitry
    Peskov": country:rus; ``actors.state_of``), by the built-in actor rules (a user alias file
    is the loader's, not read here)."""
    return state_of(_state_resolver().resolve(ActorRef(name=name))[1])


def spans_overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    """Whether two character spans ``[start, end)`` share a character (None shares none)."""
    return a is not None and b is not None and max(a[0], b[0]) < min(a[1], b[1])


# Cues whose direct object is who is spoken to ("briefed the council on ...").
ADDRESSING_CUES = frozenset({"brief", "tell", "inform", "notify", "assure", "remind"})


def addressee(content: Span | None, cue: Span) -> bool:
    """Whether a tagged content is who was spoken to, not what was said: "speaking to the UN
    council about the state of affairs", "briefed the council on the situation"."""
    if content is None or not len(content):
        return False
    root = content.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in ("to", "with") and cue.start <= head.head.i < cue.end + 1:
        return True
    return root.dep_ == "dobj" and head.lemma_.lower() in ADDRESSING_CUES and cue.start <= head.i < cue.end


# What a tagged source's phrase can end or begin with that is no part of who speaks: the
# clause's own adverbials and prepositions, which the CRF runs on into ("More than three weeks
# later, U.S. President Barack Obama", "Mr Nash later", "al-Monitor news website in December"),
# and the next clause's relative pronoun and auxiliaries ("Mark Gurman that", "Dr Gwen Korovin -
# who was not").
CLAUSE_MODIFIER_DEPS = frozenset({"advmod", "advcl", "npadvmod", "prep", "mark", "aux", "auxpass", "neg", "cc"})


def source_phrase(source: Span) -> Span:
    """A tagged source without the clause modifiers and relative pronouns at its edges, and
    without a relative clause that closes it.

    A token belongs to a modifier when the outermost word of its phrase within the source hangs
    off the clause by one of those dependencies. A source that would be left empty is kept whole.
    """
    doc = source.doc

    def modifies_clause(token: Token) -> bool:
        top = token
        while source.start <= top.head.i < source.end and top.head.i != top.i:
            top = top.head
        return top.is_punct or top.dep_ in CLAUSE_MODIFIER_DEPS or top.lower_ in RELATIVE_PRONOUNS

    start, end = source.start, source.end
    while start < end and modifies_clause(doc[start]):
        start += 1
    while end > start and modifies_clause(doc[end - 1]):
        end -= 1
    if end == start:
        return source
    # A relative clause closing the phrase is an aside, as in the rules' speakers (noun_phrase):
    # "a journalist who was based in Kobane as recently as last week" is a journalist.
    last_word = max(t.i for t in doc[start:end] if not t.is_punct)  # doc[start] is a word
    closing = next((t for t in doc[start:end] if t.dep_ == "relcl" and start <= t.head.i < end
                    and t.left_edge.i > start and t.right_edge.i >= last_word), None)
    if closing is not None:
        end = closing.left_edge.i
    while end > start + 1 and doc[end - 1].is_punct:
        end -= 1
    return doc[start:end]


def learned_attributions(finder: AttributionFinder, tagged: list[TaggedAttribution],
                         found: list[Attribution]) -> list[Attribution]:
    """The tagger's attributions the rules did not find, as the rules' ``Attribution`` so that
    one path resolves speakers, decides relations and builds statements for both.

    A tagged attribution is the rules' already when its cue or its content overlaps one of
    theirs (the rules' spans are kept: they carry anaphora, claim owners and cue objects). One
    without a source or content, or in a headline, is no statement. A source loses a dateline
    and clause modifiers the CRF joined to it (``source_phrase``), as the rules' speakers do."""
    doc, lexicon = finder.doc, finder.lexicon
    learned: list[Attribution] = []
    group = max((a.group for a in found), default=0)
    for attribution in tagged:
        if attribution.source is None or attribution.content is None:
            continue
        if any(spans_overlap(attribution.cue, a.cue) or spans_overlap(attribution.content, a.content) for a in found):
            continue
        speaker = doc.char_span(*attribution.source, alignment_mode="expand")
        cue = doc.char_span(*attribution.cue, alignment_mode="expand")
        if speaker is None or cue is None or not len(speaker):
            continue
        if len(speaker) == 1 and (antecedent := relative_antecedent(speaker[0])) is not None:
            speaker = noun_phrase(antecedent)  # "Miss Manners, who says ...": Miss Manners speaks
        else:
            speaker = source_phrase(finder.after_dateline(speaker))
        sentence = cue[0].sent
        if is_headline(sentence) or addressee(doc.char_span(*attribution.content, alignment_mode="expand"), cue):
            continue
        lemmas = [t.lemma_.lower() for t in cue if not t.is_punct]
        relation = next((lexicon.cue_verbs.get(lemma) or lexicon.claim_nouns.get(lemma) for lemma in lemmas
                         if lemma in lexicon.cue_verbs or lemma in lexicon.claim_nouns), "REPORTS")
        group += 1
        learned.append(Attribution(sentence=sentence, speaker=speaker, cue=attribution.cue, cue_relation=relation,
                                   content=attribution.content, group=group, rule=LEARNED_RULE,
                                   confidence=round(attribution.confidence, 3)))
    return learned


class RuleExtractor:
    """Statements from spaCy's dependency parse, the rules of this package, the attribution
    tagger (``tagger.py``) and the relation model (``relation_model.py``).

    Example:
        >>> extractor = RuleExtractor()
        >>> article = Article(id="a1", text="Turkey denied the reports that it sent fighters.")
        >>> [(s.speaker.name, s.relation) for _, found in extractor.extract([article]) for s in found]
        [('Turkey', 'DENIES')]

    Args:
        model: the spaCy pipeline to load (default: see ``nlp.load_pipeline``).
        relation_model: the relation model; by default the one shipped in
            ``loaders/models/``; None decides by the rules alone and drops nothing.
        tagger: the attribution tagger; by default the shipped one; None finds speech acts by
            the rules alone.
    """

    def __init__(self, model: str | None = None, relation_model: RelationModel | None | str = "shipped",
                 tagger: AttributionTagger | None | str = "shipped") -> None:
        self.nlp = load_pipeline(model)
        # Read once: ``nlp.meta`` builds its dict anew on each access (2 ms, per article).
        self.model_label = model_label(self.nlp)
        self.lexicon = load_lexicon()
        self.relation_model: RelationModel | None = (
            shipped.relation_model() if relation_model == "shipped" else relation_model)  # type: ignore[assignment]
        self.tagger: AttributionTagger | None = shipped.attribution_tagger() if tagger == "shipped" else tagger  # type: ignore[assignment]

    @property
    def name(self) -> str:
        """What made a statement, for its ``extractor`` field: rules, tagger, relation model, spaCy model."""
        versions = [RULES_VERSION] + ([shipped.TAGGER_VERSION] if self.tagger else []) + (
            [self.relation_model.version] if self.relation_model else [])
        return f"{'+'.join(versions)}/{self.model_label}"

    def with_models(self, *, relation_model: RelationModel | None | str = "same",
                    tagger: AttributionTagger | None | str = "same") -> RuleExtractor:
        """The same extractor with other models ("same" keeps one; training compares them)."""
        other = copy.copy(self)
        if relation_model != "same":
            other.relation_model = relation_model  # type: ignore[assignment]
        if tagger != "same":
            other.tagger = tagger  # type: ignore[assignment]
        return other

    def run(self, doc: Doc, article: Article) -> _ArticleExtraction:
        """Extract one parsed article; the result holds the statements and their features."""
        extraction = _ArticleExtraction(doc, article, self.lexicon, self.name, self.relation_model, self.tagger)
        extraction.run()
        return extraction

    def statements(self, doc: Doc, article: Article) -> list[Statement]:
        """The statements of one parsed article."""
        return self.run(doc, article).statements

    def extract(self, articles: Iterable[Article], *, n_process: int = 1) -> Iterator[tuple[Article, list[Statement]]]:
        """Each article with its statements, in input order. With ``n_process`` > 1 each
        worker process parses and extracts whole articles (the parse, the rules and the
        models all run there), so the work spreads over the cores."""
        if n_process > 1:
            yield from self._extract_in_workers(articles, n_process)
            return
        pairs = ((article.text or "", article) for article in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=8):
            yield article, self.statements(doc, article)

    def _extract_in_workers(self, articles: Iterable[Article], n_process: int) -> Iterator[tuple[Article, list[Statement]]]:
        global _WORKER_EXTRACTOR
        # Forked workers share this extractor's loaded pipeline and models instead of loading
        # their own; only articles and statements travel between processes.
        _WORKER_EXTRACTOR = self
        to_workers, to_caller = itertools.tee(articles)
        with multiprocessing.get_context("fork").Pool(n_process) as pool:
            for article, statements in zip(to_caller, pool.imap(_statements_in_worker, to_workers, chunksize=4)):
                yield article, statements


_WORKER_EXTRACTOR: RuleExtractor | None = None


def _statements_in_worker(article: Article) -> list[Statement]:
    assert _WORKER_EXTRACTOR is not None, "set by RuleExtractor._extract_in_workers before the fork"
    return _WORKER_EXTRACTOR.statements(_WORKER_EXTRACTOR.nlp(article.text or ""), article)
