"""The learned attribution tagger: trained on a tiny hand-made fixture, saved, loaded, used."""

from __future__ import annotations

import pytest

from claimgraph.loaders.extraction.tagger import (
    CONTENT,
    CUE,
    FIRST_CUE_THRESHOLD,
    SOURCE,
    AnnotatedSpan,
    AttributionTagger,
    _first_pass,
    _link,
    _Run,
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
