"""Direct quotes in an article: where each starts and ends, by character offset.

News text is messy: a quote may run over several sentences, lose its opening mark ("...
clashes, ” the statement said") or its closing one. Quotes are found per paragraph: an
opening mark without a close runs to the end of the paragraph, a closing mark without an
opening starts the quote at the paragraph's start (or just after the previous quote).
Single quotes are left alone: news uses them for names and scare quotes ('volunteer groups').
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_OPENING = "“„«"
_CLOSING = "”»"
_STRAIGHT = '"'
PAIRED_APOSTROPHES = "''"
# Quotes shorter than this are names or scare quotes ("false"), not speech.
MIN_QUOTE_WORDS = 4


@dataclass(frozen=True)
class Quote:
    """A quotation: ``start``/``end`` include the marks; ``inner_start``/``inner_end`` are the
    quoted words without marks or the blanks and commas that close them."""

    start: int
    end: int
    inner_start: int
    inner_end: int


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer(r"\n\s*", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if b > a]


def _inner(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim quotation marks, blanks and the trailing comma of a quote ("... clashes, ”")."""
    marks = _OPENING + _CLOSING + _STRAIGHT + "'"
    while start < end and (text[start].isspace() or text[start] in marks):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in marks + ",;:"):
        end -= 1
    return start, end


def _sentence_start(text: str, earliest: int, offset: int) -> int:
    """Where the sentence holding ``offset`` starts, not before ``earliest``: a quote that
    lost its opening mark starts there ("...,” the statement said. We are ...,” it said")."""
    ends = [m.end() for m in re.finditer(r"[.!?]\s+", text[earliest:offset])]
    return earliest + ends[-1] if ends else earliest


def find_quotes(text: str) -> list[Quote]:
    """Every quotation of at least ``MIN_QUOTE_WORDS`` words, in text order."""
    found: list[tuple[int, int]] = []
    for para_start, para_end in _paragraphs(text):
        opened: int | None = None
        free_from = para_start  # where an unopened quote would start
        for i in range(para_start, para_end):
            char = text[i]
            if text.startswith(PAIRED_APOSTROPHES, i) and text[i - 1 : i] != "'":
                char = _STRAIGHT  # two apostrophes stand for a double quote in some wire copy
            elif char == "'" and text[i - 1 : i] == "'":
                continue  # the second apostrophe of such a pair
            if char in _OPENING or (char == _STRAIGHT and opened is None):
                opened = i if opened is None or char == _STRAIGHT else opened
            elif char in _CLOSING or char == _STRAIGHT:
                start = opened if opened is not None else _sentence_start(text, free_from, i)
                end = i + len(PAIRED_APOSTROPHES) if text.startswith(PAIRED_APOSTROPHES, i) else i + 1
                found.append((start, end))
                opened, free_from = None, end
        if opened is not None:
            found.append((opened, para_end))
    quotes = []
    for start, end in found:
        inner_start, inner_end = _inner(text, start, end)
        if len(text[inner_start:inner_end].split()) >= MIN_QUOTE_WORDS:
            quotes.append(Quote(start, end, inner_start, inner_end))
    return quotes


class QuoteIndex:
    """Which quote, if any, holds a character offset."""

    def __init__(self, quotes: list[Quote]) -> None:
        self.quotes = quotes
        self._starts = [q.start for q in quotes]

    def at(self, offset: int) -> Quote | None:
        index = bisect.bisect_right(self._starts, offset) - 1
        if index >= 0 and offset < self.quotes[index].end:
            return self.quotes[index]
        return None
