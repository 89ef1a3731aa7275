"""Extractors turn article text into statements in the contract shape (relations.md).

``Extractor`` is the interface the loaders and the CLI use, so another extractor (an LLM
behind an OpenAI-compatible endpoint, say) can be added without touching them: it takes
articles with text and yields each with its statements, speakers and targets named as the
text names them (``ActorRef.name``; canonical actor ids are settled later by
``loaders/actors.py``), offsets slicing the article text exactly, and deterministic ids.

``RuleExtractor`` is the one shipped: spaCy's parse plus the rules in this package.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from spacy.tokens import Doc, Span

from claimgraph.graph.types import ActorRef, Article, Claim, Cue, Sentence, Statement
from claimgraph.loaders.extraction.anaphora import (
    AnaphorLinker,
    anaphor_within,
    counterfactual,
    disputes_claim_of_another,
)
from claimgraph.loaders.extraction.lexicon import Lexicon, load_lexicon
from claimgraph.loaders.extraction.mentions import MentionResolver, same_actor_name
from claimgraph.loaders.extraction.nlp import load_pipeline, model_label
from claimgraph.loaders.extraction.quotes import QuoteIndex, find_quotes
from claimgraph.loaders.extraction.rules import Attribution, AttributionFinder
from claimgraph.loaders.extraction.stance import decide
from claimgraph.loaders.prepare import statement_id_for

RULES_VERSION = "rules-1"
PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "them", "his", "hers", "its", "their"})


class Extractor(Protocol):
    """Anything that finds statements in article text."""

    name: str

    def extract(self, articles: Iterable[Article], *, n_process: int = 1) -> Iterator[tuple[Article, list[Statement]]]:
        """Each article (with ``text``) and the statements found in it, in input order."""
        ...


def _span(span: Span) -> dict[str, object]:
    return {"text": span.text, "start": span.start_char, "end": span.end_char}


class _ArticleExtraction:
    """The statements of one parsed article, built in text order so that pronouns and
    anaphoric claims can look back at what came before."""

    def __init__(self, doc: Doc, article: Article, lexicon: Lexicon, extractor_name: str) -> None:
        self.doc = doc
        self.article = article
        self.lexicon = lexicon
        self.extractor_name = extractor_name
        self.quotes = QuoteIndex(find_quotes(doc.text))
        self.mentions = MentionResolver(doc, self.quotes)
        self.anaphora = AnaphorLinker(doc.text)
        self.sentence_index = {sent.start: index for index, sent in enumerate(doc.sents)}
        self.statements: list[Statement] = []
        # Every speech act the rules found, set by run(); speakers sharing a cue look each other up.
        self.found: list[Attribution] = []
        self._group_links: dict[int, list[str]] = {}

    def _actor(self, span: Span) -> ActorRef:
        name, kind = self.mentions.resolve(span)
        return ActorRef(name=name, kind=kind, **_span(span))

    def _claim(self, attribution: Attribution, speaker: ActorRef) -> Claim | None:
        if attribution.anaphor is None:
            start, end = attribution.content  # type: ignore[misc]
            return Claim(text=self.doc.text[start:end], start=start, end=end)
        refers_to = self._group_links.get(attribution.group)
        if refers_to is None:
            deniers = [speaker.name] + [self.mentions.resolve(a.speaker)[0] for a in self._group(attribution)]
            owner = self._owner(attribution.claim_owner, deniers)
            refers_to = self.anaphora.link(attribution.anaphor, self.sentence_index[attribution.sentence.start],
                                           deniers, owner, self.statements)
            self._group_links[attribution.group] = refers_to
        if not refers_to:
            return None  # a claim called "these claims" that stands for nothing known is noise
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
                targets.setdefault(statement.speaker.name, statement.speaker.model_copy(update={"actor_id": None}))
        return list(targets.values())

    def _denied_within(self, attribution: Attribution, content: Span | None, speaker: ActorRef) -> list[str]:
        """The earlier claims a denial names inside its own words ("no information that
        supports those tweets"): the DENIES edge then points at them."""
        found = anaphor_within(content, self.lexicon) if content is not None else None
        if found is None:
            return []
        anaphor, author = found
        owner = self._owner(author, [speaker.name])
        return self.anaphora.link(anaphor, self.sentence_index[attribution.sentence.start], [speaker.name], owner,
                                  self.statements)

    def build(self, attribution: Attribution) -> Statement | None:
        speaker = self._actor(attribution.speaker)
        if attribution.speaker.root.pos_ == "PRON" and speaker.name == attribution.speaker.text:
            return None  # a pronoun with no antecedent names nobody
        claim = self._claim(attribution, speaker)
        if claim is None:
            return None
        content = self.doc.char_span(*attribution.content, alignment_mode="expand") if attribution.content else None
        stance = decide(attribution, content, self.lexicon)
        targets = [self._actor(span) for span in stance.targets]
        targets = [t for t in targets if not same_actor_name(t.name, speaker.name)]
        relation = stance.relation
        if relation == "REPORTS" and content is not None and (
                disputes_claim_of_another(content, speaker.name, self.lexicon) or counterfactual(content, self.lexicon)):
            relation = "DENIES"
        if relation == "ACCUSES" and not targets:
            relation = "REPORTS"
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
            cue=Cue(text=self.doc.text[start:end], start=start, end=end),
            sentence=Sentence(text=sentence.text.rstrip(), start=sentence.start_char,
                              end=sentence.start_char + len(sentence.text.rstrip())),
            confidence=attribution.confidence,
            extractor=self.extractor_name,
            stated_at=self.article.published_at,
        )
        statement.statement_id = statement_id_for(statement)
        return statement

    def run(self) -> list[Statement]:
        self.found = AttributionFinder(self.doc, self.lexicon, self.quotes).run()
        seen: set[str] = set()
        for attribution in self.found:
            statement = self.build(attribution)
            if statement is None or statement.statement_id in seen:
                continue
            seen.add(statement.statement_id)  # type: ignore[arg-type]
            self.mentions.add_speaker(statement.speaker.name, statement.speaker.kind, attribution.speaker.end_char,
                                      plural=attribution.speaker.root.tag_ in ("NNS", "NNPS"))
            self.statements.append(statement)
        return self.statements


class RuleExtractor:
    """Statements from spaCy's dependency parse and the rules of this package.

    Example:
        >>> extractor = RuleExtractor()
        >>> article = Article(id="a1", text="Turkey denied the reports that it sent fighters.")
        >>> [(s.speaker.name, s.relation) for _, found in extractor.extract([article]) for s in found]
        [('Turkey', 'DENIES')]

    Args:
        model: the spaCy pipeline to load (default: see ``nlp.load_pipeline``).
    """

    def __init__(self, model: str | None = None) -> None:
        self.nlp = load_pipeline(model)
        self.lexicon = load_lexicon()
        self.name = f"{RULES_VERSION}/{model_label(self.nlp)}"

    def statements(self, doc: Doc, article: Article) -> list[Statement]:
        """The statements of one parsed article."""
        return _ArticleExtraction(doc, article, self.lexicon, self.name).run()

    def extract(self, articles: Iterable[Article], *, n_process: int = 1) -> Iterator[tuple[Article, list[Statement]]]:
        pairs = ((article.text or "", article) for article in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, n_process=n_process, batch_size=8):
            yield article, self.statements(doc, article)
