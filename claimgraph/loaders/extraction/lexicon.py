"""The words the extraction rules look for, read from the data files in ``loaders/data/``.

Cue verbs and claim nouns carry the relation they give by themselves; blame and denial
words decide what a neutral cue ("said", "claimed") turns into (see ``stance.py``). Keeping
them as data lets a user read and extend them without touching the rules.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from claimgraph.graph.types import RELATIONS, Relation


def _data_lines(name: str) -> list[list[str]]:
    """The non-comment lines of a data file, split on tabs."""
    with resources.files("claimgraph.loaders").joinpath(f"data/{name}").open(encoding="utf-8") as lines:
        return [row for row in csv.reader((line for line in lines if line.strip() and not line.startswith("#")),
                                          delimiter="\t") if row]


def _relations(name: str) -> dict[str, Relation]:
    table: dict[str, Relation] = {}
    for lemma, relation, *_ in _data_lines(name):
        if relation not in RELATIONS:
            raise ValueError(f"data/{name}: {lemma}: unknown relation {relation!r}")
        table[lemma] = relation  # type: ignore[assignment]
    return table


@dataclass(frozen=True)
class Lexicon:
    """Every word list the rules use, by lemma (lower case)."""

    cue_verbs: dict[str, Relation]
    claim_nouns: dict[str, Relation]
    blame_verbs: frozenset[str]
    blame_nouns: frozenset[str]
    # The blame nouns that name a deed ("the invasion", "the attack"), and those that name a
    # doer ("the terrorists"); the rest name a thing used ("weapons").
    deed_nouns: frozenset[str]
    doer_nouns: frozenset[str]
    # Nouns that describe who someone is ("the doctor", "four masked men"), so that one can be
    # the doer of a deed when the text names nobody; the doer nouns among them.
    people_nouns: frozenset[str]
    blame_adjectives: frozenset[str]
    # How a deed was done that blames the doer: "illegally collected", "improperly moved".
    blame_adverbs: frozenset[str]
    denial_words: frozenset[str]
    source_nouns: frozenset[str]
    # First words of the cue verbs, so that "shut" is looked at for "shut down".
    cue_verb_heads: frozenset[str]


@cache
def load_lexicon() -> Lexicon:
    blame = _data_lines("blame_words.tsv")
    cue_verbs = _relations("cue_verbs.tsv")
    doer_nouns = frozenset(lemma for lemma, pos, *kind in blame if pos == "NOUN" and kind == ["doer"])
    return Lexicon(
        cue_verbs=cue_verbs,
        cue_verb_heads=frozenset(key.split()[0] for key in cue_verbs),
        claim_nouns=_relations("claim_nouns.tsv"),
        blame_verbs=frozenset(lemma for lemma, pos, *_ in blame if pos == "VERB"),
        blame_nouns=frozenset(lemma for lemma, pos, *_ in blame if pos == "NOUN"),
        deed_nouns=frozenset(lemma for lemma, pos, *kind in blame if pos == "NOUN" and kind == ["deed"]),
        doer_nouns=doer_nouns,
        people_nouns=frozenset(row[0] for row in _data_lines("people_nouns.txt")) | doer_nouns,
        blame_adjectives=frozenset(lemma for lemma, pos, *_ in blame if pos == "ADJ"),
        blame_adverbs=frozenset(lemma for lemma, pos, *_ in blame if pos == "ADV"),
        denial_words=frozenset(row[0] for row in _data_lines("denial_words.txt")),
        source_nouns=frozenset(row[0] for row in _data_lines("source_nouns.txt")),
    )


@cache
def load_first_name_genders() -> dict[str, str]:
    """First names (lower case) that usage gives one gender, "m" or "f" (``data/first_names.tsv``)."""
    genders: dict[str, str] = {}
    for row in _data_lines("first_names.tsv"):
        if len(row) != 2 or row[1] not in ("m", "f"):
            raise ValueError(f"data/first_names.tsv: {row[0]}: expected a name and m or f")
        genders[row[0]] = row[1]
    return genders
