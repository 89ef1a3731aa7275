"""The learned attribution tagger: trained on a tiny hand-made fixture, saved, loaded, used."""

from __future__ import annotations

import pytest

from claimgraph.loaders.extraction.tagger import CONTENT, CUE, SOURCE, AnnotatedSpan, AttributionTagger

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
