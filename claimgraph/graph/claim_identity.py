"""Claim identity across articles: when two claims worded differently are one claim.

A claim's id comes from its normalised words and the actors it is about (``claim_id``), so the
same words always meet on one Claim node. This module joins claims whose words differ:

- **Local claims** ("it", "the matter", "these claims", "the deal") say nothing on their own.
  They never meet another article's claim: their id is scoped to their statement, and they are
  not indexed.
- **The index** is kept in the graph: each indexed claim has ``terms`` (stemmed content words),
  the terms of the other wordings joined to it (``variants``), and a ``HAS_TERM`` edge to one
  ``ClaimTerm`` node per term, which counts the claims holding it (``claims``): a word's
  weight is known without a corpus pass, and loading stays incremental (a new claim is matched
  against what is there). A claim is looked up by its rarest terms only, so what a load reads
  per claim is bounded however common its other words.
- **The scorer**: a weighted cosine over two term sets, each term weighing
  ``1 / ln(2 + claims holding it)`` (rare words count more), against each wording of a
  candidate. A new claim joins the best one when the score reaches ``join_threshold``, they
  share at least ``min_shared_terms`` terms, their ABOUT actors do not disagree (both named,
  none in common), and neither do their numbers (both given, none in common). The statement
  edge keeps its own wording and says why it was joined (``joined_score``, ``joined_terms``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from claimgraph.graph.types import ABOUT_RELATIONS, normalize_claim_text, stable_id

# Nouns that name a kind of speech, not what was said: "the reports", "these allegations".
# They do not count as content words, so "the allegations" is a local claim.
CLAIM_NOUNS = frozenset("""
accusation accusations allegation allegations assertion assertions charge charges claim claims
comment comments denial denials matter matters news report reports rumor rumors rumour rumours
speculation statement statements story stories suggestion suggestions thing things
""".split())
# Id prefixes: a claim whose id comes from its words, and one local to its statement. Only
# worded claims are indexed and joined: a claim id the input gives (GDELT's, one per article
# and event code) is the input's decision.
WORDED_CLAIM_PREFIX = "cl"
LOCAL_CLAIM_PREFIX = "cl-local"
MIN_CONTENT_WORDS = 3
# A join through a variant wording must still reach this share of the threshold against the
# claim's own words, so that a claim does not drift from wording to wording.
OWN_WORDS_SHARE = 0.5
# Candidates read from the graph per claim to join: those sharing the most weight of its
# LOOKUP_TERMS rarest terms.
CANDIDATES_PER_CLAIM = 10
LOOKUP_TERMS = 2
_NEGATION = re.compile(r"\b(?:not|no|never|none|nobody|nothing|neither|nor|cannot|unable)\b|n['’]t\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


@dataclass(frozen=True)
class IdentitySettings:
    """When two differently worded claims are one (see the module docstring).

    Attributes:
        join_threshold: the least score at which a new claim joins an existing one.
        min_shared_terms: the least number of terms two joined claims share.
        max_term_claims: a term held by more claims than this finds no candidates (its weight
            still counts in the score): "said" or "government" would bring thousands. A claim
            is looked up by its two rarest terms below this, a search by its six rarest below
            twenty times this.
        search_threshold: the least score of a claim that ``search_claims`` returns.
    """

    join_threshold: float = 0.5
    min_shared_terms: int = 3
    max_term_claims: int = 100
    search_threshold: float = 0.3


@cache
def _stop_words() -> frozenset[str]:
    # scikit-learn's English stop list (Glasgow IR group); imported on first use, not at start.
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | CLAIM_NOUNS


@cache
def _stemmer() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def content_words(text: str) -> list[str]:
    """The words of a claim that carry its content: no stop words, no speech nouns."""
    stop = _stop_words()
    words = (w.casefold().replace("’", "'") for w in _WORD.findall(text))
    return [w for w in words if w not in stop and (len(w) > 1 or w.isdigit())]


def is_negated(text: str | None) -> bool:
    """Whether a claim's words hold a negation ("the cut wasn't clean", "no such biopsy was
    performed", "unable to receive visitors"). A statement that asserts negated words does not contradict a denial of the
    same words: it says what the denial says (read/contradictions.cypher)."""
    return bool(_NEGATION.search(text or ""))


def claim_terms(text: str) -> list[str]:
    """The index terms of a claim: its content words stemmed, once each, sorted."""
    return list(_terms(text))


@lru_cache(maxsize=65536)
def _terms(text: str) -> tuple[str, ...]:
    # A load asks for the same claim's terms several times (to match, to index, as a variant).
    return tuple(sorted({_stem(w.removesuffix("'s")) for w in content_words(text)}))


@lru_cache(maxsize=262144)
def _stem(word: str) -> str:
    # Stemming is the costliest step of a load's identity work, and news reuses its words.
    return _stemmer().stemWord(word)


def is_local_claim(text: str | None) -> bool:
    """Whether a claim is too short to be matched outside its statement ("it", "the deal",
    "these claims"): fewer than ``MIN_CONTENT_WORDS`` content words. Not a setting: it decides
    claim ids, which must not change with the service's configuration."""
    return len(content_words(text or "")) < MIN_CONTENT_WORDS


def about_ids(relation: str, target_ids: Iterable[str | None]) -> list[str]:
    """The actors a statement's claim is about: the targets of an ACCUSES or REPORTS."""
    return [t for t in target_ids if t] if relation in ABOUT_RELATIONS else []


def claim_id(text: str | None, about: Iterable[str], article_id: str, statement_id: str) -> str:
    """A claim's id. Claims are the same when their words are the same (``normalize_claim_text``)
    and they are about the same actors; the store may then join claims worded differently. A
    claim too short to stand alone ("it", "the deal", "these claims") belongs to its statement
    only: its id is scoped to it."""
    if is_local_claim(text):
        return stable_id(LOCAL_CLAIM_PREFIX, article_id, statement_id)
    return stable_id(WORDED_CLAIM_PREFIX, normalize_claim_text(text or ""), *sorted(set(about)))


def is_worded(claim_id: str) -> bool:
    """Whether a claim's id came from its words (``claim_id``): such claims are indexed and
    may be joined; local claims and ids the input gave are not."""
    return claim_id.startswith(WORDED_CLAIM_PREFIX + "-") and not claim_id.startswith(LOCAL_CLAIM_PREFIX + "-")


def term_weight(claims_holding: int) -> float:
    """A term's weight from how many claims hold it: rare terms weigh more."""
    return 1.0 / math.log(2.0 + claims_holding)


@dataclass(frozen=True)
class Similarity:
    score: float
    shared: tuple[str, ...]


def similarity(terms_a: Iterable[str], terms_b: Iterable[str], claims_holding: Mapping[str, int]) -> Similarity:
    """Weighted cosine of two term sets; ``claims_holding`` gives each term's count (0 if absent)."""
    a, b = set(terms_a), set(terms_b)
    if not a or not b:
        return Similarity(0.0, ())
    weight = {t: term_weight(claims_holding.get(t, 0)) for t in a | b}
    shared = a & b
    score = sum(weight[t] for t in shared) / math.sqrt(sum(weight[t] for t in a) * sum(weight[t] for t in b))
    return Similarity(round(score, 4), tuple(sorted(shared, key=lambda t: (-weight[t], t))))


def about_agrees(about_a: Sequence[str], about_b: Sequence[str]) -> bool:
    """Two claims may be one unless both name whom they are about and share no one."""
    return not about_a or not about_b or bool(set(about_a) & set(about_b))


def numbers_agree(terms_a: Iterable[str], terms_b: Iterable[str]) -> bool:
    """Two claims may be one unless both give numbers and share none: "checkpoint 17" is not
    "checkpoint 18", but "300 mercenaries" is "about 300 fighters"."""
    numbers_a = {t for t in terms_a if t[:1].isdigit()}
    numbers_b = {t for t in terms_b if t[:1].isdigit()}
    return not numbers_a or not numbers_b or bool(numbers_a & numbers_b)


@dataclass
class IndexedClaim:
    """A claim as the index knows it: the terms of its own words, and those of the other
    wordings joined to it (``variants``), each matched on its own."""

    id: str
    terms: list[str]
    about: list[str] = field(default_factory=list)
    variants: list[list[str]] = field(default_factory=list)

    @property
    def wordings(self) -> list[list[str]]:
        return [self.terms, *self.variants]


@dataclass(frozen=True)
class Join:
    """Why a claim was joined to another: the claim it joined, the score, the shared terms."""

    claim_id: str
    score: float
    shared_terms: tuple[str, ...]


def best_match(claim: IndexedClaim, candidates: Iterable[IndexedClaim], claims_holding: Mapping[str, int],
               settings: IdentitySettings, threshold: float) -> Join | None:
    """The candidate ``claim`` is most similar to (in any of its wordings), if it reaches
    ``threshold`` with at least ``min_shared_terms`` shared terms and agreeing ABOUT actors and
    numbers; ties go to the smaller id."""
    best: Join | None = None
    own_terms, least_shared = set(claim.terms), min(settings.min_shared_terms, len(claim.terms))
    for candidate in candidates:
        if candidate.id == claim.id or not about_agrees(claim.about, candidate.about):
            continue
        if candidate.variants and similarity(claim.terms, candidate.terms, claims_holding).score < threshold * OWN_WORDS_SHARE:
            continue  # too far from the claim's own words, however near one of its variants
        for wording in candidate.wordings:
            # Cheaper than the score, and most candidates fail them: a word or two in common, or
            # other numbers.
            if len(own_terms.intersection(wording)) < least_shared or not numbers_agree(claim.terms, wording):
                continue
            found = similarity(claim.terms, wording, claims_holding)
            if found.score < threshold:
                continue
            if best is None or (found.score, best.claim_id) > (best.score, candidate.id):
                best = Join(candidate.id, found.score, found.shared)
    return best


# Runs a named query with parameters and returns its rows: a write transaction's ``tx.run``
# while loading, the read executor for a search.
RunQuery = Callable[..., list[dict[str, Any]]]


def _min_shared(terms: Sequence[str], settings: IdentitySettings) -> int:
    return max(1, min(settings.min_shared_terms, len(terms)))


def lookup_terms_of(claim: IndexedClaim, holding: Mapping[str, int], cap: int, count: int) -> list[str]:
    """The terms a claim is looked up by: its ``count`` rarest held by at most ``cap`` claims,
    so that what a lookup reads is bounded however common the claim's other words."""
    return sorted((t for t in claim.terms if 0 < holding.get(t, 0) <= cap), key=lambda t: (holding[t], t))[:count]


def graph_candidates(run: RunQuery, claims: Sequence[IndexedClaim], settings: IdentitySettings,
                     per_claim: int = CANDIDATES_PER_CLAIM, lookup_terms: int = LOOKUP_TERMS,
                     max_term_claims: int | None = None) -> tuple[dict[str, int], dict[str, list[IndexedClaim]]]:
    """How many indexed claims hold each term of ``claims``, and each claim's candidates from
    the index (keyed by claim id): the ``per_claim`` claims sharing the most weight of its
    lookup terms (``lookup_terms_of``).

    Two reads: the claims holding each lookup term (one list per distinct term, whatever the
    number of claims that share it), then the terms, variants and ABOUT actors of the
    candidates kept; the ranking is done here, not by the engine's grouping."""
    all_terms = sorted({t for c in claims for t in c.terms})
    if not all_terms:
        return {}, {}
    holding = {row["term"]: row["claims"] for row in run("read/claim_term_counts", terms=all_terms)}
    cap = max_term_claims or settings.max_term_claims
    lookups = {c.id: lookup_terms_of(c, holding, cap, lookup_terms) for c in claims}
    wanted = sorted({t for terms in lookups.values() for t in terms})
    if not wanted:
        return holding, {}
    postings = {row["term"]: row["claim_ids"] for row in run("read/claims_by_term", terms=wanted)}
    ranked: dict[str, list[str]] = {}
    for claim_id, terms in lookups.items():
        weights: dict[str, float] = {}
        for term in terms:
            for candidate in postings.get(term, ()):
                weights[candidate] = weights.get(candidate, 0.0) + term_weight(holding[term])
        ranked[claim_id] = sorted(weights, key=lambda c: (-weights[c], c))[:per_claim]
    indexed = {row["claim_id"]: IndexedClaim(row["claim_id"], list(row["terms"] or []), list(row["about"] or []),
                                             [v.split() for v in row["variants"] or []])
               for row in run("read/claim_index_entries", claim_ids=sorted({c for ids in ranked.values() for c in ids}))}
    return holding, {claim_id: [indexed[c] for c in candidates if c in indexed] for claim_id, candidates in ranked.items()}


def join_new_claims(run: RunQuery, claims: Sequence[IndexedClaim], settings: IdentitySettings) -> dict[str, Join | None]:
    """For claims about to be created, in order: the claim each joins (an indexed one, or one
    earlier in ``claims`` that joined none), or None when it stands as a new claim."""
    holding, found = graph_candidates(run, claims, settings)
    holding = dict(holding)
    # Claims this load has made or added a wording to, by the terms they hold now.
    touched: dict[str, IndexedClaim] = {}
    by_term: dict[str, dict[str, None]] = {}
    joins: dict[str, Join | None] = {}

    def index(claim: IndexedClaim, terms: list[str]) -> None:
        touched[claim.id] = claim
        for term in terms:
            if claim.id not in by_term.setdefault(term, {}):
                by_term[term][claim.id] = None
                holding[term] = holding.get(term, 0) + 1

    for claim in claims:
        candidates = {c.id: c for c in found.get(claim.id, ())}
        # A claim this load touched is compared as it is now, with the wordings it gained; it is
        # found by the same lookup terms as in the index.
        lookup = lookup_terms_of(claim, {t: len(by_term.get(t, ())) for t in claim.terms}, settings.max_term_claims,
                                 LOOKUP_TERMS)
        candidates.update({i: touched[i] for t in lookup for i in by_term.get(t, ())})
        candidates.update({i: touched[i] for i in candidates if i in touched})
        join = best_match(claim, candidates.values(), holding, settings, settings.join_threshold)
        joins[claim.id] = join
        if join is None:
            index(claim, claim.terms)
        else:
            target = candidates[join.claim_id]
            if claim.terms not in target.wordings:
                target.variants.append(claim.terms)
            index(target, [t for t in claim.terms if t not in target.terms])
    return joins


@dataclass(frozen=True)
class ClaimMatch:
    """A claim found by ``search_index``: how well it matches, and on which terms."""

    claim_id: str
    score: float
    shared_terms: tuple[str, ...]


def search_index(run: RunQuery, text: str, settings: IdentitySettings, limit: int) -> list[ClaimMatch]:
    """The indexed claims most similar to ``text`` (any sentence), best first, at least
    ``search_threshold``; ties go by claim id."""
    query_claim = IndexedClaim("", claim_terms(text))
    if not query_claim.terms:
        return []
    # A search ranks more candidates than a join needs: a headline shares few words with quotes.
    holding, found = graph_candidates(run, [query_claim], settings, per_claim=max(CANDIDATES_PER_CLAIM, 5 * limit),
                                      lookup_terms=3 * LOOKUP_TERMS, max_term_claims=20 * settings.max_term_claims)
    matches = []
    for candidate in found.get("", []):
        scored = max((similarity(query_claim.terms, wording, holding) for wording in candidate.wordings),
                     key=lambda found: found.score)
        if scored.score >= settings.search_threshold and len(scored.shared) >= _min_shared(query_claim.terms, settings):
            matches.append(ClaimMatch(candidate.id, scored.score, scored.shared))
    matches.sort(key=lambda m: (-m.score, m.claim_id))
    return matches[:limit]
