"""A learned attribution tagger: who said what, as a tag sequence, with a CRF.

The rules in ``rules.py`` find a statement when the parse has a cue verb with a subject and
a clausal complement. News attributions are more varied than that ("according to", quotes
running over several sentences, the source one sentence away, attitudes such as "wants"),
and the rules miss most of the span edges PolNeAR annotates. This module learns them instead,
after Pareti (2013) and Citron:

1. A linear-chain CRF (python-crfsuite, CPU only, no deep-learning framework) tags each
   token of a paragraph with BIO tags for SOURCE, CUE and CONTENT. PolNeAR is univocal (a
   token has at most one role in at most one attribution), so one tag per token is enough.
   A paragraph (text between line breaks), not a sentence, is one sequence: contents often
   span sentences and sources are often in the sentence before or after.
2. A linker groups the tagged spans into attributions: every CUE span is one attribution;
   each CONTENT span goes to the cue it depends on in the parse, else the nearest cue in its
   paragraph; each cue takes the SOURCE span it governs, else the nearest one. Where the
   CRF tagged a cue but missed a side, the parse supplies it.
3. A logistic regression (``linear.py``) judges each linked attribution (its cue, where its
   source and content came from, their kinds and distances) and drops the unlikely ones. It
   learns from attributions linked by CRFs that did not see the article (``train``).

Features are the usual ones (words, lemmas, tags, dependencies, entities, shape, a ±2
window) plus what makes attribution visible: whether a token is inside quotation marks,
whether its lemma is a speech or attitude word of our lexicon, and the path from the token up
to the nearest cue-like ancestor (``nsubj`` under "said" is a source, ``ccomp`` a content).

Usage::

    examples = polnear_examples(articles, docs)
    tagger = AttributionTagger.train(examples)
    tagger.save("/tmp/attribution.crfsuite")
    tagger = AttributionTagger.load("/tmp/attribution.crfsuite")
    for found in tagger.tag(nlp(text)):
        print(found.source, found.cue, found.content, found.confidence)
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import pycrfsuite

from claimgraph.graph.types import ActorRef, Claim, Cue, Statement
from claimgraph.loaders.extraction.lexicon import load_lexicon
from claimgraph.loaders.extraction.linear import Features, LinearModel

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from claimgraph.evaluation.polnear import PolnearArticle

SOURCE, CUE, CONTENT = "SOURCE", "CUE", "CONTENT"
ROLES = (SOURCE, CUE, CONTENT)
OUTSIDE = "O"
# Roles of the spans the linker takes from the parse where the CRF tagged none, besides the
# dependency names (``nsubj``, ``ccomp``, ...): the clause a cue hangs off, the sentence after
# a cue's colon.
CLAUSE, AFTER_COLON = "clause", "after_colon"

# Quotation marks: straight ones toggle, curly ones open or close. spaCy keeps `` and ''
# from Penn-style text as tokens of their own.
_OPENING_QUOTES = {"“", "``", "‘‘", "«"}
_CLOSING_QUOTES = {"”", "''", "’’", "»"}
_STRAIGHT_QUOTES = {'"'}

# Training settings: L1 (c1) prunes features and minfreq drops rare ones, to keep the model
# small enough to ship in the package; crfsuite models are binary and mostly the feature table,
# so their size follows the features kept. Measured with bench/tagger.py (PolNeAR train without
# the 42 relation-training articles, 798 articles; dev overlap / exact F1; all three files):
#   c1 2.5, minfreq 3:  4.33 MB, 0.750 / 0.500
#   c1 4,   minfreq 5:  2.64 MB, 0.751 / 0.509
#   c1 8,   minfreq 8:  1.28 MB, 0.752 / 0.503   <- chosen
#   c1 16,  minfreq 10: 0.73 MB, 0.738 / 0.497
# (c1 1, minfreq 2, on all 840 articles: 9.3 MB, 0.749 / 0.493.)
DEFAULT_PARAMS: dict[str, Any] = {
    "c1": 8.0,
    "c2": 0.01,
    "max_iterations": 120,
    "feature.possible_transitions": True,
    "feature.minfreq": 8,
}

# Settings of the first CRF (and its fold models) where they differ from DEFAULT_PARAMS.
# A sparser first CRF (c1 16, minfreq 10, second as chosen) saves 0.15 MB but costs 0.012
# dev overlap F1 (1.13 MB, 0.740 / 0.496): the second CRF needs the first's cues.
DEFAULT_FIRST_PARAMS: dict[str, Any] = {}

# Tokens between a cue and a content it does not govern, beyond which they are not linked.
MAX_CONTENT_GAP = 40


class AnnotatedSpan(NamedTuple):
    """One role span of a training attribution: characters ``[start, end)`` of the doc text.

    A discontinuous annotation is given as several spans with the same ``attribution``.
    """

    role: str  # SOURCE, CUE or CONTENT
    start: int
    end: int
    attribution: int  # spans of one attribution share this number


# A training example: a parsed text and its attribution spans.
Example = tuple["Doc", Sequence[AnnotatedSpan]]


@dataclass(frozen=True)
class TaggedAttribution:
    """One attribution found in a doc. Offsets index ``doc.text``, end exclusive.

    Attributes:
        source: Who is speaking; ``None`` when no source was tagged near the cue.
        cue: The words marking the attribution ("said", "according to").
        content: What is attributed, from its first to its last tagged character (a
            content interrupted by "he said" is reported as its extent); ``None`` when no
            content was tagged for the cue.
        confidence: How likely the attribution is right: the link model's probability for
            one with a source and a content, else the CRF's mean marginal probability of the
            cue's tags.
        sentence: Index (in ``doc.sents``) of the sentence holding the cue.
    """

    source: tuple[int, int] | None
    cue: tuple[int, int]
    content: tuple[int, int] | None
    confidence: float
    sentence: int


def scorable_statements(article_id: str, text: str, found: list[TaggedAttribution]) -> list[Statement]:
    """The attributions that have both a source and a content, as statements with the spans
    ``score_polnear`` reads (relation and names are placeholders): scoring the tagger alone."""
    result = []
    for attribution in found:
        if attribution.source is None or attribution.content is None:
            continue
        (s0, s1), (c0, c1), (q0, q1) = attribution.source, attribution.content, attribution.cue
        result.append(Statement(
            article_id=article_id, relation="REPORTS", extractor="crf-tagger",
            speaker=ActorRef(name=text[s0:s1].strip() or "?", text=text[s0:s1], start=s0, end=s1),
            claim=Claim(text=text[c0:c1], start=c0, end=c1),
            cue=Cue(text=text[q0:q1], start=q0, end=q1),
            confidence=min(1.0, max(0.0, attribution.confidence)),
        ))
    return result



# ---------------------------------------------------------------------------------------
# Sequences and features


def paragraphs(doc: Doc) -> list[Span]:
    """The doc's paragraphs: runs of tokens between line breaks, without the blank tokens."""
    found: list[Span] = []
    start: int | None = None
    for token in doc:
        if token.is_space and "\n" in token.text:
            if start is not None:
                found.append(doc[start : token.i])
            start = None
            continue
        if start is None:
            start = token.i
        if "\n" in token.whitespace_:
            found.append(doc[start : token.i + 1])
            start = None
    if start is not None:
        found.append(doc[start:])
    return found


def _quote_states(paragraph: Span) -> list[str]:
    """For each token, ``open``/``close``/``straight`` for a quotation mark, ``in`` inside
    quotes, ``out`` outside. A paragraph starts outside: a quote running into the next
    paragraph opens again there."""
    states = []
    inside = False
    for token in paragraph:
        text = token.text
        if text in _OPENING_QUOTES:
            inside = True
            states.append("open")
        elif text in _CLOSING_QUOTES:
            inside = False
            states.append("close")
        elif text in _STRAIGHT_QUOTES:
            inside = not inside
            states.append("open" if inside else "close")
        else:
            states.append("in" if inside else "out")
    return states


class _Lexicon(NamedTuple):
    cue_words: frozenset[str]  # speech and attitude verbs and nouns, by lemma
    source_nouns: frozenset[str]


def _load_feature_lexicon(learned_cues: Iterable[str] = ()) -> _Lexicon:
    """Our speech-word lexicon plus the cue lemmas learned from the training data."""
    lexicon = load_lexicon()
    cue_words = set(lexicon.cue_verbs) | set(lexicon.claim_nouns)
    # Multi-word cues ("point out") count by their head word.
    cue_words |= {word.split()[0] for word in cue_words}
    # "according to" is the commonest cue that is not a verb.
    cue_words |= {"accord", "according"}
    cue_words |= set(learned_cues)
    return _Lexicon(frozenset(cue_words), lexicon.source_nouns)


def learn_cue_lemmas(examples: Sequence[Example], min_count: int = 3, min_share: float = 0.15) -> list[str]:
    """Lemmas that head a gold cue often enough: PolNeAR's cues go well beyond speech verbs
    (attitudes such as "worry", "plan", "want"), and the path features need to know them."""
    as_cue: dict[str, int] = {}
    seen: dict[str, int] = {}
    for doc, spans in examples:
        cue_tokens: set[int] = set()
        for span in spans:
            if span.role == CUE:
                words = doc.char_span(span.start, span.end, alignment_mode="expand")
                if words is not None and len(words):
                    cue_tokens.add(words.root.i)
        for token in doc:
            lemma = token.lemma_.lower()
            seen[lemma] = seen.get(lemma, 0) + 1
            if token.i in cue_tokens:
                as_cue[lemma] = as_cue.get(lemma, 0) + 1
    return sorted(lemma for lemma, count in as_cue.items()
                  if count >= min_count and count / seen[lemma] >= min_share)


class TokenTable(NamedTuple):
    """A doc's token attributes as plain lists by token index, read once per doc: the features
    look at each token, its head and its ancestors many times, and every ``doc[i]`` or
    ``token.head`` makes a new Token object (most of the tagger's time before, bench/README.md)."""

    lower: list[str]
    lemma: list[str]  # lower-cased
    pos: list[str]
    tag: list[str]
    dep: list[str]
    shape: list[str]  # the first four characters of the word shape
    entity: list[str]  # IOB and type
    head: list[int]
    children: list[list[int]]
    is_title: list[bool]
    is_punct: list[bool]
    is_quote: list[bool]
    sentence: list[tuple[int, int]]  # start and end of the token's sentence


def token_table(doc: Doc) -> TokenTable:
    """The doc's ``TokenTable``, read in one pass over its tokens and sentences."""
    tokens = list(doc)
    children: list[list[int]] = [[] for _ in tokens]
    head = [t.head.i for t in tokens]
    for i, h in enumerate(head):
        if h != i:
            children[h].append(i)
    sentence: list[tuple[int, int]] = [(0, 0)] * len(tokens)
    for sent in doc.sents:
        sentence[sent.start : sent.end] = [(sent.start, sent.end)] * (sent.end - sent.start)
    return TokenTable(
        lower=[t.lower_ for t in tokens], lemma=[t.lemma_.lower() for t in tokens], pos=[t.pos_ for t in tokens],
        tag=[t.tag_ for t in tokens], dep=[t.dep_ for t in tokens], shape=[t.shape_[:4] for t in tokens],
        entity=[f"{t.ent_iob_}-{t.ent_type_}" for t in tokens], head=head, children=children,
        is_title=[t.is_title for t in tokens], is_punct=[t.is_punct for t in tokens],
        is_quote=[t.is_quote for t in tokens], sentence=sentence)


def _nearest_ancestor(i: int, table: TokenTable, is_cue: Callable[[int], bool]) -> tuple[int | None, str, int]:
    """The nearest ancestor of token ``i`` (or the token itself, up to 12 steps) that
    ``is_cue``, the dependency of the step just below it on the path from the token ("self"
    for the token), and the path length; ``(None, "none", -1)`` when there is none."""
    child = None
    node = i
    for depth in range(12):
        if is_cue(node):
            return node, (table.dep[child] if child is not None else "self"), depth
        if table.head[node] == node:
            break
        child, node = node, table.head[node]
    return None, "none", -1


_TELLING_DEPS = frozenset({"ccomp", "xcomp", "nsubj", "nsubjpass", "dobj", "prep", "advcl", "parataxis", "agent"})
_CUE_POS = ("VERB", "NOUN", "ADJ")


def _token_features(i: int, table: TokenTable, quote: str, lexicon: _Lexicon) -> list[str]:
    lemma = table.lemma[i]
    head = table.head[i]
    head_lemma = table.lemma[head]
    features = [
        "bias",
        f"w={table.lower[i]}",
        f"lemma={lemma}",
        f"pos={table.pos[i]}",
        f"tag={table.tag[i]}",
        f"dep={table.dep[i]}",
        f"shape={table.shape[i]}",
        f"suffix={table.lower[i][-3:]}",
        f"quote={quote}",
        f"ent={table.entity[i]}",
        f"head.lemma={head_lemma}",
        f"head.pos={table.pos[head]}",
        f"head.dep={table.dep[head]}",
        f"dep+head={table.dep[i]}|{head_lemma}",
        f"head.cue={head_lemma in lexicon.cue_words}",
    ]
    # What hangs below a word tells a speech act: a clausal complement and a subject.
    below = {table.dep[child] for child in table.children[i]}
    child_deps = sorted(below & _TELLING_DEPS)
    if child_deps:
        features.append(f"children={'+'.join(child_deps)}")
        features.append(f"lemma+children={lemma}|{'+'.join(child_deps)}")
    features.append(f"-1:lemma+lemma={table.lemma[i - 1] if i > 0 else '^'}|{lemma}")
    if table.is_title[i]:
        features.append("title")
    if table.is_punct[i]:
        features.append("punct")
    if lemma in lexicon.cue_words:
        features.append("cue_word")
        features.append(f"cue_word.pos={table.pos[i]}")
        if below & {"ccomp", "xcomp"}:
            features.append("cue_word.has_comp")
        if below & {"nsubj", "nsubjpass"}:
            features.append("cue_word.has_subj")
    if lemma in lexicon.source_nouns:
        features.append("source_noun")
    # The nearest ancestor whose lemma is a cue word.
    ancestor, step, depth = _nearest_ancestor(
        i, table, lambda node: table.lemma[node] in lexicon.cue_words and table.pos[node] in _CUE_POS)
    features.append(f"cue_anc.step={step}")
    if ancestor is not None:
        features.append(f"cue_anc.step+lemma={step}|{table.lemma[ancestor]}")
        features.append(f"cue_anc.depth={min(depth, 4)}")
        features.append(f"cue_anc.side={'before' if i < ancestor else 'after' if i > ancestor else 'at'}")
    # The clause the token is in: the dependency of its nearest verb ancestor.
    node = i
    while table.pos[node] not in ("VERB", "AUX") and table.head[node] != node:
        node = table.head[node]
    features.append(f"clause.dep={table.dep[node]}")
    features.append(f"clause.lemma={table.lemma[node]}")
    sentence_start, sentence_end = table.sentence[i]
    features.append(f"sent.pos={min(i - sentence_start, 3)}")
    features.append(f"sent.from_end={min(sentence_end - 1 - i, 3)}")
    return features


def _window_features(position: int, start: int, end: int, table: TokenTable) -> list[str]:
    features = []
    for offset in (-2, -1, 1, 2):
        j = position + offset
        if 0 <= j < end - start:
            features.append(f"{offset}:w={table.lower[start + j]}")
            features.append(f"{offset}:pos={table.pos[start + j]}")
        else:
            features.append(f"{offset}:edge")
    return features


_QUOTE_MARKS = _OPENING_QUOTES | _CLOSING_QUOTES | _STRAIGHT_QUOTES


def sequence_features(paragraph: Span, lexicon: _Lexicon, table: TokenTable) -> list[list[str]]:
    """The CRF's features for each token of a paragraph; ``table`` is its doc's ``token_table``,
    read once for all the doc's paragraphs."""
    quotes = _quote_states(paragraph)
    start, end = paragraph.start, paragraph.end
    result = []
    # Sentence facts are shared by their tokens: compute them once.
    sentence_facts: dict[int, list[str]] = {}
    for position in range(end - start):
        i = start + position
        sentence_start, sentence_end = table.sentence[i]
        if sentence_start not in sentence_facts:
            facts = []
            if any(table.lemma[j] in lexicon.cue_words for j in range(sentence_start, sentence_end)):
                facts.append("sent.has_cue_word")
            if any(table.lower[j] in _QUOTE_MARKS for j in range(sentence_start, sentence_end)):
                facts.append("sent.has_quote")
            facts.append(f"sent.first_in_para={sentence_start <= start}")
            sentence_facts[sentence_start] = facts
        features = _token_features(i, table, quotes[position], lexicon)
        features.append(f"para.pos={min(position, 3)}")
        # Transcripts: "PENCE: Well, look, ..." names the speaker before a colon.
        if position <= 3 and i + 1 < end and table.lower[i + 1] == ":":
            features.append(f"before_colon.shape={table.shape[i][:2]}")
        if table.lower[i] == ":" and position <= 4:
            features.append("early_colon")
        features += _window_features(position, start, end, table)
        features += sentence_facts[sentence_start]
        result.append(features)
    return result


# ---------------------------------------------------------------------------------------
# Training labels


def bio_labels(paragraph: Span, spans: Sequence[AnnotatedSpan]) -> list[str]:
    """BIO tags of a paragraph's tokens: a token takes the role of the span it overlaps.

    Where annotations overlap (a nested attribution, rare in PolNeAR), the shorter span
    wins: it is the more specific one.
    """
    labels = [OUTSIDE] * len(paragraph)
    owner: list[tuple[int, int] | None] = [None] * len(paragraph)  # (length, span index)
    first, last = paragraph.start_char, paragraph.end_char
    for index, span in enumerate(spans):
        if span.end <= first or span.start >= last:
            continue
        for position, token in enumerate(paragraph):
            if token.is_space or not (token.idx < span.end and token.idx + len(token) > span.start):
                continue
            claim = (span.end - span.start, index)
            if owner[position] is None or claim < owner[position]:
                owner[position] = claim
    previous = None
    for position, claim in enumerate(owner):
        if claim is None:
            previous = None
            continue
        role = spans[claim[1]].role
        labels[position] = f"{'I' if claim[1] == previous else 'B'}-{role}"
        previous = claim[1]
    return labels


def training_articles(articles: Iterable[PolnearArticle], exclude_ids: Iterable[str]) -> list[PolnearArticle]:
    """The articles whose id is not in ``exclude_ids``, in their order.

    For articles the tagger must not see in training: another model is trained on what the
    extractor finds in them, which is only realistic if the tagger has not memorised them.
    """
    excluded = set(exclude_ids)
    return [article for article in articles if article.id not in excluded]


def polnear_examples(articles: Sequence[PolnearArticle], docs: Sequence[Doc]) -> list[Example]:
    """Training examples from ``read_polnear`` articles and their parsed docs (same order).

    Every attribution is used, those without a Source too: their cue and content are real
    and the tagger should find them. Each fragment of a discontinuous span is one span.
    """
    examples: list[Example] = []
    for article, doc in zip(articles, docs, strict=True):
        if doc.text != article.text:
            raise ValueError(f"{article.id}: the parsed doc's text is not the article's")
        spans: list[AnnotatedSpan] = []
        for number, attribution in enumerate(article.attributions):
            parts = [(SOURCE, attribution.source)] if attribution.source is not None else []
            parts += [(CUE, cue) for cue in attribution.cues]
            parts += [(CONTENT, content) for content in attribution.contents]
            for role, brat in parts:
                spans.extend(AnnotatedSpan(role, start, end, number) for start, end in brat.fragments)
        examples.append((doc, spans))
    return examples


# ---------------------------------------------------------------------------------------
# Linking tagged spans into attributions


@dataclass
class _Run:
    role: str
    start: int  # token index in the doc
    end: int  # exclusive
    confidence: float


# A linked attribution: its cue, its source (None when neither CRF nor parse gave one) and
# its content spans (empty when none).
Linked = tuple[_Run, "_Run | None", list[_Run]]


def _runs(paragraph: Span, tags: Sequence[str], marginals: Sequence[float]) -> list[_Run]:
    runs: list[_Run] = []
    current: _Run | None = None
    scores: list[float] = []
    for position, tag in enumerate(tags):
        i = paragraph.start + position
        prefix, _, role = tag.partition("-")
        if current is not None and (prefix != "I" or role != current.role):
            current.confidence = sum(scores) / len(scores)
            runs.append(current)
            current = None
        if prefix in ("B", "I"):
            if current is None:
                current, scores = _Run(role, i, i + 1, 0.0), []
            current.end = i + 1
            scores.append(marginals[position])
    if current is not None:
        current.confidence = sum(scores) / len(scores)
        runs.append(current)
    return runs


def _governs(doc: Doc, run: _Run, cue: _Run) -> bool:
    """Whether the run's root depends on the cue in the parse (or the cue on the run, as
    in "according to" or a source noun heading the cue)."""
    cue_tokens = set(range(cue.start, cue.end))
    root = _span_root(doc, run)
    for ancestor in [root, *root.ancestors]:
        if ancestor.i in cue_tokens:
            return True
    cue_root = _span_root(doc, cue)
    return any(a.i in range(run.start, run.end) for a in cue_root.ancestors)


def _span_root(doc: Doc, run: _Run) -> Token:
    return doc[run.start : run.end].root


def _distance(a: _Run, b: _Run) -> int:
    if a.end <= b.start:
        return b.start - a.end
    if b.end <= a.start:
        return a.start - b.end
    return 0


def _link(doc: Doc, paragraph_runs: list[list[_Run]]) -> list[Linked]:
    """Group runs into (cue, source, contents), per paragraph.

    Each content goes to one cue (univocal annotation): one that governs it in the parse,
    else the nearest in its sentence, else the nearest in the paragraph. A content in a
    paragraph without a cue (a quote running over paragraphs) goes to the nearest cue in the
    paragraph before or after. Each cue takes a source it governs, else the nearest source
    in its sentence, else in the paragraph. Sources may be shared ("he said ... and added").
    A cue the CRF left without a source or content falls back on the parse (its subject or
    "by"/"to" object; its clausal complement, or the clause it hangs off or that "according
    to" modifies). Measured on PolNeAR dev, the fallbacks and the nesting rule add ~0.01
    overlap F1; the "according to" clause another 0.015 on held-out PolNeAR train articles.
    """
    linked: list[Linked] = []
    used = {i for runs in paragraph_runs for run in runs for i in range(run.start, run.end)}
    outer_contents: list[tuple[_Run, _Run]] = []  # (cue, content taken from the parse)
    cue_contents: dict[int, list[_Run]] = {}
    all_cues: list[tuple[int, _Run]] = []  # (paragraph index, cue)
    for number, runs in enumerate(paragraph_runs):
        all_cues.extend((number, run) for run in runs if run.role == CUE)

    def best(candidates: list[_Run], target: _Run) -> _Run | None:
        if not candidates:
            return None
        def key(candidate: _Run) -> tuple[int, int, int]:
            same_sentence = doc[candidate.start].sent.start == doc[target.start].sent.start
            return (0 if _governs(doc, target, candidate) or _governs(doc, candidate, target) else 1,
                    0 if same_sentence else 1, _distance(candidate, target))
        return min(candidates, key=key)

    for number, runs in enumerate(paragraph_runs):
        cues = [run for run in runs if run.role == CUE]
        for content in (run for run in runs if run.role == CONTENT):
            near = cues
            if not near:
                # A quote running over paragraphs: its cue is in a neighbouring paragraph.
                for neighbour in (number + 1, number - 1):
                    near = [cue for n, cue in all_cues if n == neighbour]
                    if near:
                        break
            chosen = best(near, content)
            if chosen is not None and not _governs(doc, content, chosen) and _distance(chosen, content) > MAX_CONTENT_GAP:
                chosen = None  # a content whose cue the CRF missed: do not stretch another's
            if chosen is not None:
                cue_contents.setdefault(id(chosen), []).append(content)
    for number, runs in enumerate(paragraph_runs):
        sources = [run for run in runs if run.role == SOURCE]
        for cue in (run for run in runs if run.role == CUE):
            source = best(sources, cue)
            contents = cue_contents.get(id(cue), [])
            # Where the CRF tagged the cue but missed a side, the parse often has it.
            if source is None:
                source = _parse_dependent(doc, cue, _SOURCE_DEPS, used) or _inherited_subject(doc, cue)
            if not contents:
                # Tokens the CRF gave to a nested attribution ("X called for Y, sources
                # said") may be this cue's content: PolNeAR keeps the outer one.
                content = (_parse_dependent(doc, cue, _CONTENT_DEPS, set()) or _governing_clause(doc, cue)
                           or _sentence_after_colon(doc, cue))
                contents = [content] if content is not None else []
                if content is not None:
                    outer_contents.append((cue, content))
            linked.append((cue, source, contents))
    # A cue inside a content taken back from the parse is a nested attribution: PolNeAR
    # annotates the outer one only. (A cue may sit inside its own content's extent, as in
    # "Now, according to X, Y".)
    return [item for item in linked
            if not any(outer.start <= item[0].start and item[0].end <= outer.end
                       for outer_cue, outer in outer_contents if outer_cue is not item[0])]


# Not nsubjpass: in "X is supported by Y" the source is the agent Y. A direct object is
# the content of cues such as "backed", "endorsed", "repeated" (PolNeAR annotates them).
_SOURCE_DEPS = ("nsubj", "pobj", "poss")
_CONTENT_DEPS = ("ccomp", "xcomp", "dobj")
# The links a cue without a subject of its own climbs to find the clause whose subject
# speaks: "X said ..., saying ...", "X, citing ...", "who have committed the offense of
# supporting Trump".
_SUBJECT_CLIMB = frozenset({"advcl", "xcomp", "conj", "pcomp", "prep", "pobj", "dobj", "acl"})


def _trimmed_run(doc: Doc, role: str, start: int, end: int) -> _Run | None:
    """Tokens ``[start, end)`` without trailing punctuation, or None when nothing is left."""
    while end > start and doc[end - 1].is_punct:
        end -= 1
    return _Run(role, start, end, 0.0) if end > start else None


def _inherited_subject(doc: Doc, cue: _Run) -> _Run | None:
    """For a cue without a subject of its own: the subject of the nearest clause above it
    ("Will, citing ...", "X said ..., saying ..."), unless that subject holds the cue."""
    node = doc[cue.start : cue.end].root
    while node.dep_ in _SUBJECT_CLIMB and node.head.i != node.i:
        node = node.head
        subject = next((child for child in node.children if child.dep_ == "nsubj"), None)
        if subject is not None:
            subtree = list(subject.subtree)
            start, end = subtree[0].i, subtree[-1].i + 1
            if start <= cue.start < end:
                return None
            return _trimmed_run(doc, "nsubj", start, end)
    return None


def _sentence_after_colon(doc: Doc, cue: _Run) -> _Run | None:
    """For a cue followed by a colon ("Fox News reports:", "he wrote:"): the sentence after it."""
    after = cue.end
    while after < len(doc) and (doc[after].is_space or doc[after].is_quote):
        after += 1
    if after >= len(doc) or doc[after].text != ":":
        return None
    after += 1
    while after < len(doc) and doc[after].is_space:
        after += 1
    if after >= len(doc):
        return None
    end = doc[after].sent.end
    while end > after and (doc[end - 1].is_space or (doc[end - 1].is_punct and not doc[end - 1].is_quote)):
        end -= 1
    return _Run(AFTER_COLON, after, end, 0.0) if end > after else None


def _governing_clause(doc: Doc, cue: _Run) -> _Run | None:
    """For a cue hanging off the clause it reports: that clause, without the cue's own words.

    Two shapes: "Y, sources said" (parsed with "said" as a parataxis or ccomp of Y's verb:
    the clause up to the cue) and "according to X, Y" or "Y, according to X" ("according"
    a prep of Y's verb: the clause on either side of the cue's phrase).
    """
    root = doc[cue.start : cue.end].root
    head = root.head
    if root.dep_ == "prep" and head.pos_ in ("VERB", "AUX"):
        own = {t.i for t in root.subtree}
        rest = [t for t in head.subtree if t.i not in own and not t.is_space and not (t.is_punct and not t.is_quote)]
        if not rest:
            return None
        return _Run(CLAUSE, rest[0].i, rest[-1].i + 1, 0.0)
    if root.dep_ not in ("parataxis", "ccomp") or head.i > root.i:
        return None
    first = min(t.i for t in head.subtree)
    own_start = min(t.i for t in root.subtree)
    end = own_start
    while end > first and (doc[end - 1].is_punct and not doc[end - 1].is_quote):
        end -= 1
    if end <= first:
        return None
    return _Run(CLAUSE, first, end, 0.0)


def _parse_dependent(doc: Doc, cue: _Run, deps: Sequence[str], used: set[int]) -> _Run | None:
    """The subtree of the cue's first dependent with one of ``deps`` (via "to" for
    "according to", "by" for a passive), unless it overlaps tokens already tagged with a role."""
    root = doc[cue.start : cue.end].root
    children = list(root.children)
    children += [grandchild for child in children if child.dep_ in ("prep", "agent") for grandchild in child.children]
    for dep in deps:
        for child in children:
            if child.dep_ != dep or cue.start <= child.i < cue.end:
                continue
            subtree = list(child.subtree)
            start, end = subtree[0].i, subtree[-1].i + 1
            if any(cue.start <= i < cue.end for i in range(start, end)) or any(i in used for i in range(start, end)):
                continue
            run = _trimmed_run(doc, dep, start, end)
            if run is not None:
                return run
    return None


# ---------------------------------------------------------------------------------------
# Which linked attributions to keep

# A link model keeps an attribution at least this likely. Chosen on the 120 held-out PolNeAR
# train articles of bench/tagger.py --holdout 120 (overlap F1): 0.777 without a link model;
# with one, 0.784 at 0.1, 0.787 at 0.2, 0.786 at 0.3 and 0.4, 0.783 at 0.5. The middle of the
# plateau, since the curve is flat to a statement or two. LINK_MODEL_C was chosen by 5-fold
# cross-validation within those articles (0.1 to 1 within 0.003).
LINK_THRESHOLD = 0.3
LINK_MODEL_C = 0.3
KEPT, DROPPED = "attribution", "none"


def link_features(doc: Doc, cue: _Run, source: _Run, contents: list[_Run]) -> Features:
    """What tells a linked attribution from a wrong one: the cue (its word, kind, the CRF's
    confidence), where its source and content came from (the CRF or the parse), their kinds,
    and how they sit around the cue."""
    cue_root, source_root = doc[cue.start : cue.end].root, doc[source.start : source.end].root
    start, end = min(c.start for c in contents), max(c.end for c in contents)
    lemma = cue_root.lemma_.lower()
    return {
        "bias": 1.0,
        f"cue.lemma={lemma}": 1.0,
        f"cue.lemma+pos={lemma}|{cue_root.pos_}": 1.0,
        f"cue.pos={cue_root.pos_}": 1.0,
        f"cue.dep={cue_root.dep_}": 1.0,
        f"cue.length={min(cue.end - cue.start, 4)}": 1.0,
        "cue.confidence": cue.confidence,
        f"source.origin={source.role}": 1.0,
        f"content.origin={contents[0].role if len(contents) == 1 else CONTENT}": 1.0,
        f"source.pos={source_root.pos_}": 1.0,
        f"source.tag={source_root.tag_}": 1.0,
        f"source.dep={source_root.dep_}": 1.0,
        f"source.entity={source_root.ent_type_}": 1.0,
        f"source.after_cue={source.start > cue.start}": 1.0,
        f"source.same_sentence={doc[source.start].sent.start == cue_root.sent.start}": 1.0,
        f"content.length={min((end - start) // 5, 6)}": 1.0,
        f"content.quoted={doc[start].is_quote}": 1.0,
        f"content.before_cue={start < cue.start}": 1.0,
        f"contents={min(len(contents), 3)}": 1.0,
        f"governs={_governs(doc, source, cue)}|{_governs(doc, contents[0], cue)}": 1.0,
    }


def _link_label(doc: Doc, source: _Run, contents: list[_Run], spans: Sequence[AnnotatedSpan]) -> str:
    """KEPT when the source and the content's extent overlap those of one annotated attribution."""
    source_chars, content_chars = _chars(doc, [source]), _chars(doc, contents)
    sides: dict[int, set[str]] = {}
    for span in spans:
        chars = source_chars if span.role == SOURCE else content_chars if span.role == CONTENT else None
        if chars is not None and span.start < chars[1] and chars[0] < span.end:
            sides.setdefault(span.attribution, set()).add(span.role)
    return KEPT if any(len(roles) == 2 for roles in sides.values()) else DROPPED


# ---------------------------------------------------------------------------------------
# The tagger


def stacked_features(paragraph: Span, first_tags: Sequence[str], table: TokenTable) -> list[list[str]]:
    """Features from a first CRF's tags, for the second: where the first put the cues.

    A token's role depends on its relation to the cue ("ccomp under the cue" is content,
    "nsubj of the cue" is source), which the first CRF cannot see while it is still deciding
    where the cues are. Given its cues, the second CRF can. ``table`` is the doc's ``token_table``.
    """
    roles = [tag.partition("-")[2] or OUTSIDE for tag in first_tags]
    start = paragraph.start
    cue_tokens = {start + position for position, role in enumerate(roles) if role == CUE}
    result = []
    for position in range(len(paragraph)):
        i = start + position
        features = [f"s1={first_tags[position]}"]
        for offset in (-2, -1, 1, 2):
            j = position + offset
            features.append(f"s1{offset:+d}={roles[j] if 0 <= j < len(roles) else '^'}")
        # The path up to the nearest ancestor tagged as cue.
        ancestor, step, _ = _nearest_ancestor(i, table, cue_tokens.__contains__)
        features.append(f"s1.cue_anc.step={step}")
        if ancestor is not None and step != "self":
            features.append(f"s1.cue_anc.step+side={step}|{'before' if i < ancestor else 'after'}")
        # A word the cue hangs from ("according to" under a source noun, "said" under "who").
        if any(child in cue_tokens for child in table.children[i]) and roles[position] != CUE:
            features.append("s1.governs_cue")
        head_position = table.head[i] - start
        head_role = roles[head_position] if 0 <= head_position < len(roles) else "out"
        features.append(f"s1.head={head_role}")
        sentence_start, sentence_end = table.sentence[i]
        in_sentence = [c for c in cue_tokens if sentence_start <= c < sentence_end]
        if in_sentence:
            nearest = min(in_sentence, key=lambda c: abs(c - i))
            side = "before" if i < nearest else "after" if i > nearest else "at"
            features.append(f"s1.sent_cue={side}")
            features.append(f"s1.sent_cue+quote={side}|{table.is_quote[i]}")
        elif cue_tokens:
            nearest = min(cue_tokens, key=lambda c: abs(c - i))
            features.append(f"s1.para_cue={'before' if i < nearest else 'after'}")
        else:
            features.append("s1.no_cue")
        result.append(features)
    return result


def _crf_tags(tagger: pycrfsuite.Tagger, features: list[list[str]]) -> list[str]:
    tagger.set(features)
    return list(tagger.tag())


# The first CRF's Viterbi path misses cues to which it gives a fair probability. When tagging,
# its outside tokens at least this likely to be (part of) a cue are passed on to the second CRF
# as cues (``_first_pass``), which keeps or drops them and tags their source and content.
# Training keeps the fold models' plain Viterbi tags: a second CRF trained on the recovered
# cues learns to distrust them. Held-out PolNeAR train articles (bench/tagger.py --holdout
# 120; overlap F1): 0.762 without, 0.766 to 0.767 at 0.2 to 0.5; trained on them, 0.759.
FIRST_CUE_THRESHOLD = 0.3


def _first_pass(tagger: pycrfsuite.Tagger, features: list[list[str]]) -> list[str]:
    """The first CRF's tags, with outside tokens at least ``FIRST_CUE_THRESHOLD`` likely to
    be (part of) a cue retagged as cue."""
    tags = _crf_tags(tagger, features)
    cue_labels = [label for label in tagger.labels() if label.endswith(f"-{CUE}")]
    for position, tag in enumerate(tags):
        if tag == OUTSIDE and sum(tagger.marginal(label, position) for label in cue_labels) >= FIRST_CUE_THRESHOLD:
            continues = position > 0 and tags[position - 1].endswith(f"-{CUE}")
            tags[position] = f"{'I' if continues else 'B'}-{CUE}"
    return tags


def _paragraph_tags(first: pycrfsuite.Tagger, second: pycrfsuite.Tagger, paragraph: Span,
                    features: list[list[str]], table: TokenTable) -> tuple[list[str], list[float]]:
    """The second CRF's tags of a paragraph, given the first's, with each tag's marginal."""
    first_tags = _first_pass(first, features)
    second.set([f + s for f, s in zip(features, stacked_features(paragraph, first_tags, table))])
    tags = second.tag()
    return tags, [second.marginal(tag, position) for position, tag in enumerate(tags)]


def _train_crf(sequences: Iterable[tuple[list[list[str]], list[str]]], path: str, params: dict[str, Any],
               verbose: bool) -> None:
    trainer = pycrfsuite.Trainer(verbose=verbose)
    for features, labels in sequences:
        trainer.append(features, labels)
    trainer.set_params(params)
    trainer.train(path)


class AttributionTagger:
    """Two stacked CRFs with their linker. ``load`` once, then ``tag`` many docs.

    The first CRF tags from the token features alone; the second also sees the first's
    tags (``stacked_features``). For training, the first CRF's tags on the training data come
    from models trained on the other folds, so that the second learns how far to trust them
    on unseen text, not on text the first has memorised.
    """

    def __init__(self, model_path: Path, learned_cues: Sequence[str], link_model: LinearModel | None = None,
                 link_threshold: float = LINK_THRESHOLD, feature_words: _Lexicon | None = None) -> None:
        """
        Args:
            feature_words: the cue and source words the features look up, as the model was
                trained with them (``load`` reads them back); None takes today's lexicon files.
        """
        self._model_path = Path(model_path)
        # None keeps every linked attribution; else those at least ``link_threshold`` likely.
        self.link_model = link_model
        self.link_threshold = link_threshold
        # How many held-out links of each kind the link model learned from (after ``train``).
        self.link_counts: dict[str, int] = {}
        self._first = pycrfsuite.Tagger()
        self._first.open(str(self.first_path(self._model_path)))
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(self._model_path))
        self.learned_cues = sorted(learned_cues)
        self._lexicon = feature_words or _load_feature_lexicon(self.learned_cues)
        self.labels: list[str] = list(self._tagger.labels())

    @classmethod
    def train(cls, examples: Iterable[Example], *, seed: int = 0, model_path: str | Path | None = None,
              folds: int = 2, verbose: bool = False, first_params: dict[str, Any] | None = None,
              **params: Any) -> AttributionTagger:
        """Train on ``(doc, spans)`` examples; one CRF sequence per paragraph.

        Args:
            examples: Parsed docs with their attribution spans (see ``polnear_examples``).
            seed: Kept for the interface: L-BFGS training is deterministic, the folds are
                taken by example position, and sequences are added in the examples' order.
            model_path: Where the models are written; a temporary file by default (``save``
                copies them).
            folds: Folds for the first CRF's tags on the training data.
            verbose: Print crfsuite's progress.
            first_params: crfsuite parameters for the first CRF (and its fold models) only,
                over ``DEFAULT_FIRST_PARAMS`` and ``params``.
            **params: crfsuite training parameters for both CRFs, over ``DEFAULT_PARAMS``
                (c1, c2, max_iterations, ...). The defaults prune hard for 16,000 paragraphs:
                a handful of examples needs a smaller c1 and feature.minfreq.
        """
        del seed  # L-BFGS has no randomness
        examples = list(examples)
        second_settings = {**DEFAULT_PARAMS, **params}
        first_settings = {**second_settings, **DEFAULT_FIRST_PARAMS, **(first_params or {})}
        learned_cues = learn_cue_lemmas(examples)
        lexicon = _load_feature_lexicon(learned_cues)
        # (example number, paragraph, features, gold labels), computed once.
        tables = [token_table(doc) for doc, _ in examples]
        sequences = [(number, paragraph, sequence_features(paragraph, lexicon, tables[number]), bio_labels(paragraph, spans))
                     for number, (doc, spans) in enumerate(examples) for paragraph in paragraphs(doc)]
        if model_path is None:
            handle, name = tempfile.mkstemp(suffix=".crfsuite", prefix="attribution-")
            os.close(handle)
            model_path = name
        model_path = Path(model_path)

        first_tags: list[list[str]] = [[] for _ in sequences]
        with tempfile.TemporaryDirectory(prefix="attribution-folds-") as folder:
            fold_paths = [str(Path(folder) / f"fold{fold}.crfsuite") for fold in range(folds)]
            for fold, fold_path in enumerate(fold_paths):
                _train_crf(((f, y) for n, _, f, y in sequences if n % folds != fold), fold_path, first_settings, verbose)
                held_out = pycrfsuite.Tagger()
                held_out.open(fold_path)
                for index, (n, _, features, _) in enumerate(sequences):
                    if n % folds == fold:
                        first_tags[index] = _crf_tags(held_out, features)
                held_out.close()

            def stacked(indices: Iterable[int]) -> Iterator[tuple[list[list[str]], list[str]]]:
                for index in indices:
                    number, paragraph, features, labels = sequences[index]
                    yield [f + s for f, s in zip(features, stacked_features(paragraph, first_tags[index], tables[number]))], labels

            # The link model learns from attributions that CRFs which did not see the article
            # tagged and linked: on their own training text the CRFs are right too often.
            link_examples: list[tuple[Features, str]] = []
            for fold, fold_path in enumerate(fold_paths):
                second_path = f"{fold_path}.second"
                _train_crf(stacked(i for i, (n, *_) in enumerate(sequences) if n % folds != fold), second_path,
                           second_settings, verbose)
                link_examples += _held_out_links(
                    [(doc, spans) for number, (doc, spans) in enumerate(examples) if number % folds == fold],
                    fold_path, second_path, lexicon)
        _train_crf(((f, y) for _, _, f, y in sequences), str(cls.first_path(model_path)),
                   first_settings, verbose)
        _train_crf(stacked(range(len(sequences))), str(model_path), second_settings, verbose)
        labels_seen = {label for _, label in link_examples}
        # A fixture too small to have both kinds of link keeps every attribution.
        link_model = (LinearModel.trained(link_examples, c=LINK_MODEL_C, seed=0)
                      if labels_seen == {KEPT, DROPPED} else None)
        tagger = cls(model_path, learned_cues, link_model)
        tagger.link_counts = {label: sum(1 for _, y in link_examples if y == label) for label in sorted(labels_seen)}
        return tagger

    @property
    def feature_words(self) -> _Lexicon:
        """The cue and source words the features look up."""
        return self._lexicon

    @staticmethod
    def first_path(path: str | Path) -> Path:
        """Where the first CRF is kept beside the model file."""
        return Path(f"{path}.first")

    @staticmethod
    def cues_path(path: str | Path) -> Path:
        """Where the words the features look up are kept beside the model file."""
        return Path(f"{path}.cues.json")

    @staticmethod
    def links_path(path: str | Path) -> Path:
        """Where the link model is kept beside the model file."""
        return Path(f"{path}.links.json")

    @classmethod
    def files(cls, path: str | Path) -> list[Path]:
        """Every file a saved tagger is made of."""
        return [Path(path), cls.first_path(path), cls.cues_path(path), cls.links_path(path)]

    def save(self, path: str | Path) -> None:
        """Write the second CRF to ``path``, the first to ``<path>.first`` (crfsuite model
        files), the words its features look up to ``<path>.cues.json`` and the link model to
        ``<path>.links.json``.

        The words are kept with the model because the lexicon files are there to be extended:
        a cue added for the rules must not change what a trained tagger sees (adding "play
        down" and "hit out" made the shipped tagger read "played" and "hit" as cues) until it
        is trained again."""
        if Path(path).resolve() != self._model_path.resolve():
            shutil.copyfile(self._model_path, path)
            shutil.copyfile(self.first_path(self._model_path), self.first_path(path))
        words = {"learned_cues": self.learned_cues, "cue_words": sorted(self._lexicon.cue_words),
                 "source_nouns": sorted(self._lexicon.source_nouns)}
        self.cues_path(path).write_text(json.dumps(words, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
        links = None if self.link_model is None else {"threshold": self.link_threshold, **self.link_model.payload()}
        self.links_path(path).write_text(json.dumps(links, separators=(",", ":")) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> AttributionTagger:
        """A tagger from the files ``save`` wrote."""
        for needed in cls.files(path):
            if not needed.is_file():
                raise FileNotFoundError(f"{needed}: no such file (rebuild it with claimgraph train)")
        words = json.loads(cls.cues_path(path).read_text(encoding="utf-8"))
        feature_words = _Lexicon(frozenset(words["cue_words"]), frozenset(words["source_nouns"]))
        links = json.loads(cls.links_path(path).read_text(encoding="utf-8"))  # null: keep every attribution
        link_model = LinearModel.from_payload(links) if links is not None else None
        threshold = links["threshold"] if links is not None else LINK_THRESHOLD
        return cls(Path(path), words["learned_cues"], link_model, threshold, feature_words=feature_words)

    def tag(self, doc: Doc) -> list[TaggedAttribution]:
        """The attributions in a parsed doc, in text order of their cues."""
        sentence_index = {sentence.start: number for number, sentence in enumerate(doc.sents)}
        found = []
        for cue, source, contents in _linked(doc, self._first, self._tagger, self._lexicon):
            confidence = cue.confidence
            if source is not None and contents and self.link_model is not None:
                confidence = self.link_model.predict(link_features(doc, cue, source, contents)).probabilities[KEPT]
                if confidence < self.link_threshold:
                    continue
            found.append(TaggedAttribution(
                source=_chars(doc, [source]) if source else None,
                cue=_chars(doc, [cue]),
                content=_chars(doc, contents) if contents else None,
                confidence=round(confidence, 4),
                sentence=sentence_index[doc[cue.start].sent.start],
            ))
        return sorted(found, key=lambda a: a.cue)


def _linked(doc: Doc, first: pycrfsuite.Tagger, second: pycrfsuite.Tagger, lexicon: _Lexicon) -> list[Linked]:
    """The doc's attributions as the CRFs tag them and the linker groups them."""
    table = token_table(doc)
    paragraph_runs = [_runs(paragraph, *_paragraph_tags(first, second, paragraph,
                                                        sequence_features(paragraph, lexicon, table), table))
                      for paragraph in paragraphs(doc)]
    return _link(doc, paragraph_runs)


def _held_out_links(examples: Sequence[Example], first_path: str, second_path: str,
                    lexicon: _Lexicon) -> list[tuple[Features, str]]:
    """Link model examples: the complete attributions fold CRFs find in articles they did not
    see, labelled by the annotation."""
    first, second = pycrfsuite.Tagger(), pycrfsuite.Tagger()
    first.open(first_path)
    second.open(second_path)
    found = [(link_features(doc, cue, source, contents), _link_label(doc, source, contents, spans))
             for doc, spans in examples
             for cue, source, contents in _linked(doc, first, second, lexicon)
             if source is not None and contents]
    first.close()
    second.close()
    return found


def _chars(doc: Doc, runs: Sequence[_Run]) -> tuple[int, int]:
    """The characters from the first run's start to the last run's end: a content interrupted
    by "he said" is reported as its extent."""
    return doc[min(run.start for run in runs)].idx, _end_char(doc, max(run.end for run in runs))


def _end_char(doc: Doc, token_end: int) -> int:
    last = doc[token_end - 1]
    return last.idx + len(last.text)
