"""Articles as text -> statements, ready for ``prepare_articles`` and the graph.

``extract_articles`` runs an extractor over articles read by ``articles.read_articles`` (or
posted to the API) and hands on a ``ParsedInput`` like the statements and GDELT readers do,
so extraction, loading and the API share one path to the graph. An article in which nothing
was said is still kept: it was read, and reloading it changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from claimgraph.loaders.articles import ArticleInput
from claimgraph.loaders.extraction import Extractor
from claimgraph.loaders.parsed import ParsedInput, RawArticle


def extract_articles(inputs: list[ArticleInput], extractor: Extractor, *, n_process: int = 1,
                     on_article: Callable[[int], None] | None = None) -> ParsedInput:
    """Statements of every article, each remembering where it came from.

    Args:
        inputs: articles with text; ids must be unique (the readers make sure of it).
        extractor: what finds the statements.
        n_process: spaCy worker processes.
        on_article: called with the number of statements after each article (progress bars).
    """
    origins = {item.article.id: item.origin for item in inputs}
    parsed = ParsedInput()
    for article, statements in extractor.extract([item.article for item in inputs], n_process=n_process):
        origin = origins[article.id]
        parsed.articles.append(RawArticle(
            article=article, origin=origin,
            statements=[(f"{origin}: statement {n}", statement) for n, statement in enumerate(statements, 1)],
        ))
        if on_article is not None:
            on_article(len(statements))
    return parsed
