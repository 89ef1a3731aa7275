"""Score speaker and claim offsets against PolNeAR attributions (brat standoff).

A PolNeAR folder holds ``text/<article>.txt`` and ``attributions/<article>_<annotator>.ann``.
Each attribution relation is an ``E`` line linking a Source, one or more Cues and one or more
Contents (roles ``Content``, ``Content2``, ...), all ``T`` spans whose offsets index the text
as Python characters; a span may be discontinuous (``start end;start end``).

A prediction matches an attribution when its speaker span overlaps the Source and its claim
span overlaps a Content span (overlap P/R/F1), or, for exact P/R/F1, when the speaker span
equals the Source and the claim span equals a Content span. Pairs are one to one.

Choices where the corpus or README is silent:

- Several annotators: the first ``.ann`` file by sorted filename is used; the others are
  named on the article (``other_annotations``) but not read.
- Attributions without a Source (``Attribution-no-source``) are kept and flagged, but left
  out of the gold: a statement needs a speaker. Scores report how many were left out.
- Text files without any ``.ann`` file are not annotated and are skipped.
- "Equal" compares a prediction's (start, end) with the annotation's extent, from its
  smallest fragment start to its largest fragment end (fragments are not always in text
  order); nothing is trimmed.
- A prediction without speaker or claim offsets still counts in precision (it can never
  match); one in an article not read is ignored.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimgraph.evaluation.report import Metrics, maximum_matching
from claimgraph.graph.types import Span, Statement

_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
_T_ID = re.compile(r"^T\d+\t")
_E_ID = re.compile(r"^E\d+\t")
_ROLE = re.compile(r"^([A-Za-z-]+?)(\d*):(\S+)$")


@dataclass(frozen=True)
class BratSpan:
    """A text-bound annotation (``T`` line).

    Attributes:
        id: ``T<n>``.
        label: Source, Cue, Content, Attribution, ...
        fragments: ``(start, end)`` pairs as written, end exclusive; several when
            discontinuous, and not necessarily in text order.
        text: The annotated words (brat joins fragments with a space).
    """

    id: str
    label: str
    fragments: tuple[tuple[int, int], ...]
    text: str

    @property
    def start(self) -> int:
        # Fragments are not always in text order ("209 236;91 186" occurs): take the extent.
        return min(s for s, _ in self.fragments)

    @property
    def end(self) -> int:
        return max(e for _, e in self.fragments)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` shares at least one character with a fragment."""
        return any(max(s, start) < min(e, end) for s, e in self.fragments)

    def equals(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` is the span's extent (smallest start to largest end)."""
        return (start, end) == (self.start, self.end)


@dataclass(frozen=True)
class PolnearAttribution:
    """One attribution relation (``E`` line).

    Attributes:
        id: ``E<n>``.
        source: The Source span; ``None`` for an ``Attribution-no-source``.
        cues: Cue spans.
        contents: Content spans (``Content``, ``Content2``, ...).
    """

    id: str
    source: BratSpan | None
    cues: tuple[BratSpan, ...]
    contents: tuple[BratSpan, ...]

    @property
    def has_source(self) -> bool:
        return self.source is not None


@dataclass
class PolnearArticle:
    """An article with one annotator's attributions.

    Attributes:
        id: The text file's stem.
        text: The article text (offsets index it).
        annotation: The ``.ann`` file read.
        attributions: All its attributions, those without a Source included.
        other_annotations: Further ``.ann`` files for the article, not read.
    """

    id: str
    text: str
    annotation: Path
    attributions: list[PolnearAttribution]
    other_annotations: tuple[Path, ...] = ()

    @property
    def scored(self) -> list[PolnearAttribution]:
        """The attributions that count as gold: those with a Source."""
        return [a for a in self.attributions if a.has_source]


def _read_text(path: Path) -> str:
    # newline="" keeps "\r\n" as two characters: the offsets count them.
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def parse_ann(path: Path) -> list[PolnearAttribution]:
    """Read the attribution relations of one brat ``.ann`` file.

    ``T`` and ``E`` lines are read; other lines (notes, ``#`` comments, ``R``/``A`` lines)
    are ignored, as are ``E`` lines with no argument. A ``T`` line's text may run over
    several lines (brat copies the annotated words verbatim, line breaks included: PolNeAR
    train has such a line); those continuation lines carry no offsets and are skipped.

    Args:
        path: The ``.ann`` file.

    Returns:
        The attributions in file order.

    Raises:
        ValueError: A malformed ``T`` or ``E`` line, or an ``E`` naming an unknown span,
            as ``file:line: message``.
    """
    spans: dict[str, BratSpan] = {}
    events: list[tuple[str, str, list[tuple[str, str]]]] = []  # (id, location, [(role, T id)])
    with path.open(encoding="utf-8", newline="") as handle:
        for line_no, raw in enumerate(handle, start=1):
            line = raw.rstrip("\r\n")
            location = f"{path}:{line_no}"
            if _T_ID.match(line):
                match = _T_LINE.match(line)
                if not match:
                    raise ValueError(f"{location}: not a brat text-bound line 'T<n>\\t<Label> <start> <end>\\t<text>'")
                tid, label, ranges, text = match.groups()
                fragments = tuple((int(s), int(e)) for s, e in (r.split() for r in ranges.split(";")))
                if any(e < s for s, e in fragments):
                    raise ValueError(f"{location}: a fragment ends before it starts")
                spans[tid] = BratSpan(tid, label, fragments, text)
            elif _E_ID.match(line):
                eid, _, arguments = line.partition("\t")
                roles = []
                for token in arguments.split():
                    match = _ROLE.match(token)
                    if not match:
                        raise ValueError(f"{location}: {token!r} is not a 'Role:T<n>' argument")
                    roles.append((match.group(1), match.group(3)))
                events.append((eid, location, roles))

    attributions = []
    for eid, location, roles in events:
        if not roles:
            continue  # an empty relation left behind in the annotation tool
        by_role: dict[str, list[BratSpan]] = defaultdict(list)
        for role, tid in roles:
            if tid not in spans:
                raise ValueError(f"{location}: {role} names {tid}, which is not in the file")
            by_role[role].append(spans[tid])
        sources = by_role.get("Source", [])
        attributions.append(
            PolnearAttribution(
                id=eid,
                source=sources[0] if sources else None,
                cues=tuple(by_role.get("Cue", [])),
                contents=tuple(by_role.get("Content", [])),
            )
        )
    return attributions


def read_polnear(folder: Path, limit: int | None = None) -> list[PolnearArticle]:
    """Read a PolNeAR split: ``text/*.txt`` with ``attributions/<stem>_<annotator>.ann``.

    Args:
        folder: The split folder (e.g. ``eval/polnear/dev``).
        limit: Read at most this many annotated articles, in sorted order.

    Returns:
        Annotated articles sorted by id; each uses its first ``.ann`` by sorted filename.

    Raises:
        FileNotFoundError: ``text`` or ``attributions`` is missing.
        ValueError: An ``.ann`` file is malformed.
    """
    text_dir, ann_dir = folder / "text", folder / "attributions"
    for needed in (text_dir, ann_dir):
        if not needed.is_dir():
            raise FileNotFoundError(f"{needed}: no such folder (expected text/ and attributions/ in {folder})")
    annotations: dict[str, list[Path]] = defaultdict(list)
    for ann in sorted(ann_dir.glob("*.ann")):
        # The annotator id follows the last "_"; the stem itself may contain "_".
        annotations[ann.stem.rpartition("_")[0]].append(ann)

    articles = []
    for text_path in sorted(text_dir.glob("*.txt")):
        files = annotations.get(text_path.stem)
        if not files:
            continue
        if limit is not None and len(articles) >= limit:
            break
        articles.append(
            PolnearArticle(
                id=text_path.stem,
                text=_read_text(text_path),
                annotation=files[0],
                attributions=parse_ann(files[0]),
                other_annotations=tuple(files[1:]),
            )
        )
    return articles


@dataclass
class PolnearScores:
    """Overlap and exact scores of predicted speaker/claim spans against PolNeAR."""

    overlap: Metrics
    exact: Metrics
    n_articles: int
    # Attributions without a Source, left out of the gold.
    excluded_no_source: int
    # Predictions (counted in precision) lacking speaker or claim offsets.
    predictions_without_offsets: int
    # Predictions in articles that were not read: not scored.
    ignored_predictions: int
    # (article id, attribution id) of gold no prediction overlaps, for debugging.
    unmatched_gold: list[tuple[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The scores as plain JSON-ready data."""
        return {
            "overlap": self.overlap.as_dict(),
            "exact": self.exact.as_dict(),
            "n_articles": self.n_articles,
            "excluded_no_source": self.excluded_no_source,
            "predictions_without_offsets": self.predictions_without_offsets,
            "ignored_predictions": self.ignored_predictions,
            "unmatched_gold": [f"{article}/{attribution}" for article, attribution in self.unmatched_gold],
        }


def _offsets(span: Span | None) -> tuple[int, int] | None:
    if span is None or span.start is None or span.end is None:
        return None
    return span.start, span.end


def score_polnear(articles: Sequence[PolnearArticle], predictions: Sequence[Statement]) -> PolnearScores:
    """Score predictions' speaker and claim offsets against the articles' attributions.

    Args:
        articles: From ``read_polnear``.
        predictions: Predicted statements; ``article_id`` must be the text file's stem.

    Returns:
        Overlap and exact scores, one to one.
    """
    by_article: dict[str, list[Statement]] = defaultdict(list)
    known = {article.id for article in articles}
    ignored = 0
    for pred in predictions:
        if pred.article_id in known:
            by_article[pred.article_id].append(pred)
        else:
            ignored += 1

    overlap_tp = exact_tp = n_pred = n_gold = excluded = without_offsets = 0
    unmatched: list[tuple[str, str]] = []
    for article in articles:
        gold = article.scored
        excluded += len(article.attributions) - len(gold)
        preds = by_article.get(article.id, [])
        n_gold += len(gold)
        n_pred += len(preds)
        spans = [(_offsets(p.speaker), _offsets(p.claim)) for p in preds]
        without_offsets += sum(1 for speaker, claim in spans if speaker is None or claim is None)

        def candidates(g: int, exact: bool) -> list[int]:
            attribution = gold[g]
            assert attribution.source is not None
            found = []
            for p, (speaker, claim) in enumerate(spans):
                if speaker is None or claim is None:
                    continue
                if exact:
                    ok = attribution.source.equals(*speaker) and any(c.equals(*claim) for c in attribution.contents)
                else:
                    ok = attribution.source.overlaps(*speaker) and any(c.overlaps(*claim) for c in attribution.contents)
                if ok:
                    found.append(p)
            return found

        indices = list(range(len(gold)))
        overlap_pairs = maximum_matching(indices, lambda g: candidates(g, exact=False))
        overlap_tp += len(overlap_pairs)
        exact_tp += len(maximum_matching(indices, lambda g: candidates(g, exact=True)))
        unmatched.extend((article.id, gold[g].id) for g in indices if g not in overlap_pairs)

    return PolnearScores(
        overlap=Metrics(overlap_tp, n_pred, n_gold),
        exact=Metrics(exact_tp, n_pred, n_gold),
        n_articles=len(articles),
        excluded_no_source=excluded,
        predictions_without_offsets=without_offsets,
        ignored_predictions=ignored,
        unmatched_gold=unmatched,
    )
