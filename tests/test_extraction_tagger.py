"""The learned attribution tagger: trained on a tiny hand-made fixture, saved, loaded, used."""

from __future__ import annotations

import dataclasses

import pytest

from claimgraph.loaders.extraction import tagger as tagger_module
from claimgraph.loaders.extraction.lexicon import load_lexicon
from claimgraph.loaders.extraction.linear import LinearModel
from claimgraph.loaders.extraction.tagger import (
    CONTENT,
    CUE,
    DROPPED,
    FIRST_CUE_THRESHOLD,
    KEPT,
    LINK_THRESHOLD,
    SOURCE,
    AnnotatedSpan,
    AttributionTagger,
    _first_pass,
    _link,
    _link_label,
    _nearest_ancestor,
    _Run,
    token_table,
)

# (text, source, cue, content): each span given by its words, found in the text.
FIXTURE = [
    ("Officials said the bridge was closed.", "Officials", "said", "the bridge was closed"),
    ("Police said the road was open.", "Police", "said", "the road was open"),
    ("The mayor said the park was safe.", "The mayor", "said", "the park was safe"),
    ("Witnesses said the station was empty.", "Witnesses", "said", "the station was empty"),
    ("The minister said the border was quiet.", "The minister", "said", "the border was quiet"),
    ("Doctors said the hospital was full.", "Doctors", "said", "the hospital was full"),
]


def _spans(text: str, source: str, cue: str, content: str) -> list[AnnotatedSpan]:
    spans = []
    for role, words in ((SOURCE, source), (CUE, cue), (CONTENT, content)):
        start = text.index(words)
        spans.append(AnnotatedSpan(role, start, start + len(words), 0))
    return spans


def test_tagger_learns_saves_loads_and_tags(tmp_path):
    nlp_module = pytest.importorskip("claimgraph.loaders.extraction.nlp")
    try:
        nlp = nlp_module.load_pipeline()
    except nlp_module.ModelUnavailableError:
        pytest.skip("no spaCy model installed")
    examples = [(nlp(text), _spans(text, *rest)) for text, *rest in FIXTURE]

    # The shipped settings prune for 16,000 paragraphs; six sentences need a light touch.
    trained = AttributionTagger.train(examples, model_path=tmp_path / "work.crfsuite", max_iterations=50,
                                      c1=0.1, **{"feature.minfreq": 1})
    path = tmp_path / "attribution.crfsuite"
    trained.save(path)
    tagger = AttributionTagger.load(path)

    text = "Officials said the bridge was closed."
    found = tagger.tag(nlp(text))

    assert len(found) == 1
    attribution = found[0]
    assert attribution.source == (0, len("Officials"))
    assert text[slice(*attribution.cue)] == "said"
    assert attribution.content is not None
    assert text[slice(*attribution.content)] == "the bridge was closed"
    assert 0.0 < attribution.confidence <= 1.0
    assert attribution.sentence == 0


def _constant_link_model(kept_probability: float) -> LinearModel:
    """A link model that gives every attribution the same probability of being right."""
    import math
    return LinearModel([DROPPED, KEPT], {"bias": 0}, [[0.0], [math.log(kept_probability / (1 - kept_probability))]],
                       [0.0, 0.0])


@pytest.fixture(scope="module")
def fixture_tagger(tmp_path_factory, nlp):
    examples = [(nlp(text), _spans(text, *rest)) for text, *rest in FIXTURE]
    folder = tmp_path_factory.mktemp("tagger")
    trained = AttributionTagger.train(examples, model_path=folder / "work.crfsuite", max_iterations=50,
                                      c1=0.1, **{"feature.minfreq": 1})
    trained.save(folder / "attribution.crfsuite")
    return folder / "attribution.crfsuite"


@pytest.mark.parametrize("kept_probability, found", [(LINK_THRESHOLD + 0.2, 1), (LINK_THRESHOLD - 0.2, 0)])
def test_the_link_model_keeps_likely_attributions_and_drops_the_rest(nlp, fixture_tagger, tmp_path,
                                                                     kept_probability, found):
    tagger = AttributionTagger.load(fixture_tagger)
    tagger.link_model = _constant_link_model(kept_probability)
    path = tmp_path / "linked.crfsuite"
    tagger.save(path)
    reloaded = AttributionTagger.load(path)

    attributions = reloaded.tag(nlp("Officials said the bridge was closed."))
    assert len(attributions) == found
    # What was kept carries the link model's probability as its confidence.
    assert all(a.confidence == pytest.approx(kept_probability, abs=1e-3) for a in attributions)


def test_a_saved_tagger_keeps_the_words_it_was_trained_with(fixture_tagger, monkeypatch):
    """Extending the lexicon files for the rules must not change what a trained tagger sees."""
    saved = AttributionTagger.load(fixture_tagger).feature_words
    lexicon = load_lexicon()
    assert "official" in saved.source_nouns
    # As if someone had emptied source_nouns.txt.
    monkeypatch.setattr(tagger_module, "load_lexicon", lambda: dataclasses.replace(lexicon, source_nouns=frozenset()))

    assert AttributionTagger.load(fixture_tagger).feature_words == saved
    # Built afresh, the same CRFs would read today's lexicon.
    assert AttributionTagger(fixture_tagger, []).feature_words.source_nouns == frozenset()


def test_a_link_is_right_when_source_and_content_meet_one_attribution(nlp):
    text = "Officials said the bridge was closed. Police said the road was open."
    doc = nlp(text)
    spans = _spans(text, "Officials", "said", "the bridge was closed")
    second = [AnnotatedSpan(role, start + 38, end + 38, 1) for role, start, end, _ in
              _spans(text[38:], "Police", "said", "the road was open")]
    officials, police = _run(doc, SOURCE, "Officials"), _run(doc, SOURCE, "Police")
    bridge = _run(doc, CONTENT, "the bridge was closed")

    assert _link_label(doc, officials, [bridge], spans + second) == KEPT
    # Each side matches an attribution, but not the same one.
    assert _link_label(doc, police, [bridge], spans + second) == DROPPED


def test_load_names_the_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file"):
        AttributionTagger.load(tmp_path / "missing.crfsuite")


class _StubCRF:
    """Stands in for a pycrfsuite.Tagger: fixed Viterbi tags and cue marginals."""

    def __init__(self, tags, cue_marginals):
        self._tags, self._cue = tags, cue_marginals

    def set(self, features):
        assert len(features) == len(self._tags)

    def tag(self):
        return list(self._tags)

    def labels(self):
        return ["O", "B-SOURCE", "B-CUE", "I-CUE", "B-CONTENT"]

    def marginal(self, label, position):
        return self._cue[position] if label == "B-CUE" else 0.0


def test_first_pass_puts_back_likely_cues_the_viterbi_path_missed():
    likely, unlikely = FIRST_CUE_THRESHOLD + 0.05, FIRST_CUE_THRESHOLD - 0.05
    stub = _StubCRF(["B-SOURCE", "O", "O", "O", "B-CONTENT"], [0.0, likely, likely, unlikely, likely])
    tags = _first_pass(stub, [[]] * 5)

    # Outside tokens likely enough become one cue; tagged tokens keep their tags.
    assert tags == ["B-SOURCE", "B-CUE", "I-CUE", "O", "B-CONTENT"]


@pytest.fixture(scope="module")
def nlp():
    nlp_module = pytest.importorskip("claimgraph.loaders.extraction.nlp")
    try:
        return nlp_module.load_pipeline()
    except nlp_module.ModelUnavailableError:
        pytest.skip("no spaCy model installed")


def _run(doc, role, words):
    start = doc.text.lower().index(words.lower())
    span = doc.char_span(start, start + len(words))
    return _Run(role, span.start, span.end, 0.9)


@pytest.mark.parametrize("text, content", [
    ("According to the report, the bridge was closed on Monday.", "the bridge was closed on Monday"),
    ("The bridge was closed on Monday, according to the report.", "The bridge was closed on Monday"),
    ("On Monday, according to the report, the bridge was closed.", "On Monday, according to the report, the bridge was closed"),
])
def test_according_to_takes_the_clause_it_modifies_as_content(nlp, text, content):
    doc = nlp(text)
    cue = _run(doc, CUE, "according to")
    source = _run(doc, SOURCE, "the report")
    # The CRF found the cue and its source but no content: the parse gives the content,
    # and the cue is kept although the content's extent runs over it.
    linked = _link(doc, [[cue, source]])

    assert len(linked) == 1
    found_cue, found_source, contents = linked[0]
    assert found_cue is cue and found_source is source
    assert doc[contents[0].start : contents[0].end].text == content


def _linked_text(doc, linked):
    """(source, content) texts of one linked cue, None for a missing side."""
    assert len(linked) == 1
    _, source, contents = linked[0]
    return (doc[source.start : source.end].text if source else None,
            doc[contents[0].start : contents[-1].end].text if contents else None)


@pytest.mark.parametrize("text, cue, source, content", [
    # A participle or infinitive without a subject of its own speaks for its clause's subject.
    ("The senator voted against the bill, saying it would raise taxes.", "saying", "The senator",
     "it would raise taxes"),
    ("The governor, citing the storm, closed the schools.", "citing", "The governor", "the storm"),
])
def test_a_cue_without_a_subject_takes_the_subject_of_its_clause(nlp, text, cue, source, content):
    doc = nlp(text)
    # The CRF found the cue alone: the parse gives both sides.
    assert _linked_text(doc, _link(doc, [[_run(doc, CUE, cue)]])) == (source, content)


def test_an_endorsing_cue_takes_its_object_as_content(nlp):
    doc = nlp("The union endorsed the mayor on Monday.")
    assert _linked_text(doc, _link(doc, [[_run(doc, CUE, "endorsed")]])) == ("The union", "the mayor")


def test_a_cue_before_a_colon_takes_the_sentence_after_it(nlp):
    # The quoted text stands as sentences of its own, out of the cue's parse.
    doc = nlp("The station reported:\n\nThe bridge will stay closed until May. Ferries run instead.")
    source, content = _linked_text(doc, _link(doc, [[_run(doc, CUE, "reported"), _run(doc, SOURCE, "The station")]]))
    assert (source, content) == ("The station", "The bridge will stay closed until May")


def test_the_token_table_reads_the_parse_as_spacy_does(nlp):
    # The tagger's features read heads, children and sentences from the table, once per doc.
    doc = nlp("The minister said on Monday that the talks had failed. Rebels denied it.\nA line apart.")
    table = token_table(doc)
    for token in doc:
        assert table.head[token.i] == token.head.i
        assert sorted(table.children[token.i]) == sorted(child.i for child in token.children)
        assert table.sentence[token.i] == (token.sent.start, token.sent.end)
        assert (table.lemma[token.i], table.dep[token.i]) == (token.lemma_.lower(), token.dep_)
    failed = next(t for t in doc if t.text == "failed")
    said = next(t for t in doc if t.text == "said")
    assert _nearest_ancestor(failed.i, table, lambda i: table.lemma[i] == "say") == (said.i, failed.dep_, 1)
    assert _nearest_ancestor(said.i, table, lambda i: table.lemma[i] == "say") == (said.i, "self", 0)
    assert _nearest_ancestor(failed.i, table, lambda i: table.lemma[i] == "deny") == (None, "none", -1)
