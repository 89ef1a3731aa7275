"""Scoring against the dev gold and PolNeAR: every rule of eval/dev/README.md, on hand-written
gold lines and predictions, plus the real seed gold scored against itself."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from claimgraph.evaluation import (
    format_gold_report,
    format_polnear_report,
    gold_to_statements,
    load_gold,
    read_polnear,
    score_gold,
    score_polnear,
)
from claimgraph.evaluation.gold import (
    GoldStatement,
    actor_matches,
    claim_overlap,
    names_match,
    normalize_name,
    targets_match,
)
from claimgraph.graph.types import ActorRef, Claim, Statement

POLNEAR_SAMPLE = Path(__file__).resolve().parent / "data" / "eval" / "polnear"
SEED_GOLD = Path("/work/shared/eval/dev/seed-nk-mercenaries.gold.jsonl")

ADMIN = ["Armenian-backed administration", "Nagorno-Karabakh administration"]
TURKEY = ["Turkey", "Türkiye"]
CLAIM = "Turkey sent mercenaries from Syria to Karabakh"


def gold_record(**fields: Any) -> dict[str, Any]:
    """A valid gold line: the administration accuses Turkey; fields override."""
    record: dict[str, Any] = {
        "article": "a1",
        "id": "G1",
        "speaker": ADMIN,
        "relation": ["ACCUSES"],
        "target": [TURKEY],
        "cue": "accused",
        "claim": CLAIM,
    }
    record.update(fields)
    return record


def write_gold(tmp_path: Path, *records: dict[str, Any] | str) -> Path:
    path = tmp_path / "test.gold.jsonl"
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def gold_of(tmp_path: Path, *records: dict[str, Any]) -> list[GoldStatement]:
    return load_gold(write_gold(tmp_path, *records))


def pred(
    speaker: str = "Armenian-backed administration",
    relation: str = "ACCUSES",
    targets: tuple[str, ...] = ("Turkey",),
    claim: str | None = CLAIM,
    *,
    article: str = "a1",
    sid: str | None = None,
    refers_to: tuple[str, ...] = (),
    speaker_text: str | None = None,
) -> Statement:
    return Statement(
        article_id=article,
        statement_id=sid,
        relation=relation,
        speaker=ActorRef(name=speaker, text=speaker_text),
        targets=[ActorRef(name=t) for t in targets],
        claim=Claim(text=claim, refers_to=list(refers_to)),
    )


# --- loading gold -----------------------------------------------------------------------------


def test_evaluation_load_gold_reads_every_field(tmp_path: Path) -> None:
    gold = gold_of(
        tmp_path,
        gold_record(),
        gold_record(id="G2", speaker=TURKEY, relation=["DENIES"], target=[None, ADMIN], claim="These claims", denies=["G1"]),
    )
    assert [g.id for g in gold] == ["G1", "G2"]
    assert gold[0].speaker == tuple(ADMIN) and gold[0].relation == ("ACCUSES",) and gold[0].denies == ()
    assert gold[1].target == (None, tuple(ADMIN)) and gold[1].denies == ("G1",)
    assert gold[1].origin.endswith("test.gold.jsonl:2")


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ('{"article": "a1", "id": ', "(line)"),
        (json.dumps(gold_record(speaker=[])), "speaker"),
        (json.dumps(gold_record(relation=["BLAMES"])), "relation"),
        (json.dumps(gold_record(target=[])), "target"),
        (json.dumps(gold_record(target=[None, "Turkey"])), "target[1]"),
        (json.dumps({k: v for k, v in gold_record().items() if k != "claim"}), "claim"),
        (json.dumps(gold_record(denise=["G0"])), "denise"),
        (json.dumps(gold_record(id="G0")), "id"),  # G0 twice
        (json.dumps(gold_record(id="G9", denies=["G7"])), "denies"),  # no G7 in a1
    ],
)
def test_evaluation_load_gold_names_file_line_and_field(tmp_path: Path, line: str, field: str) -> None:
    path = write_gold(tmp_path, gold_record(id="G0"), "", line)
    with pytest.raises(ValueError) as caught:
        load_gold(path)
    assert f"{path}:3: {field}:" in str(caught.value)


# --- names, claims, targets ------------------------------------------------------------------


def test_evaluation_name_normalisation() -> None:
    assert normalize_name("The Kremlin’s") == "kremlin"
    assert normalize_name("U.S. State Dept.") == "us state dept"
    assert normalize_name("“Al-Ajhar”") == "al ajhar"
    assert normalize_name("An Observatory") == "observatory"
    assert normalize_name("The") == ""


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Turkey", "turkey", True),
        ("Turkey", "Turkey's Defense Ministry", True),  # contained, possessive dropped
        ("Turkey", "Turkeys", False),  # not on a word boundary
        ("Russia", "Russian Foreign Ministry", False),
        ("the Syrian Observatory", "London-based Syrian Observatory for Human Rights", True),
        ("Azerbaijan’s Defense Ministry", "Azerbaijan's defense ministry", True),  # curly quote
        ("Al-Ajhar", "Abdullah Al Ajhar", True),  # punctuation
        ("The", "The Times", False),  # nothing left to compare
    ],
)
def test_evaluation_names_match_on_word_boundaries(a: str, b: str, expected: bool) -> None:
    assert names_match(a, b) is expected
    assert names_match(b, a) is expected


def test_evaluation_actor_matches_by_name_or_text() -> None:
    assert actor_matches(ActorRef(name="actor-123", text="Turkey's foreign ministry"), TURKEY)
    assert actor_matches(ActorRef(name="Türkiye", text="Ankara"), TURKEY)
    assert not actor_matches(ActorRef(name="Ankara", text="the Turkish capital"), TURKEY)


def test_evaluation_claim_overlap_thresholds_on_both_sides() -> None:
    gold = "Armenia’s army shelled Stepanakert"  # armenia, army, shelled, stepanakert
    assert claim_overlap(gold, "the army shelled villages") is not None  # 2/4 of gold: exactly half
    assert claim_overlap(gold, "the army was there") is None  # 1/4 of gold
    extras = "alpha bravo charlie delta echo foxtrot golf hotel india juliet".split()
    assert claim_overlap(gold, f"{gold} {' '.join(extras[:9])}") is not None  # 4/13 of predicted >= 30%
    assert claim_overlap(gold, f"{gold} {' '.join(extras)}") is None  # 4/14 of predicted < 30%
    # Stop words, short words and numbers are not content words.
    assert claim_overlap("Turkey sent fighters", "it is so, 300 of them") is None
    assert claim_overlap(gold, None) is None


def test_evaluation_claim_without_content_words_needs_same_text() -> None:
    assert claim_overlap("It is so.", "it is so") is not None
    assert claim_overlap("It is so.", "so it is") is None


@pytest.mark.parametrize(
    ("predicted", "options", "expected"),
    [
        ((), [None], True),
        ((), [["Armenia"]], False),
        (("Turkey",), [None], False),  # no predicted target matches a null option
        (("Turkey",), [None, TURKEY], True),
        (("Syria", "Turkey"), [TURKEY], True),  # any predicted target may match
        (("Syria",), [None, TURKEY], False),
    ],
)
def test_evaluation_target_options(predicted: tuple[str, ...], options: list[Any], expected: bool) -> None:
    assert targets_match([ActorRef(name=n) for n in predicted], options) is expected


# --- scoring ---------------------------------------------------------------------------------


def test_evaluation_attribution_versus_full_match(tmp_path: Path) -> None:
    gold = gold_of(
        tmp_path,
        gold_record(id="G1"),
        gold_record(id="G2", speaker=["Azerbaijan"], target=[["Armenia"]], claim="Armenia shelled Ganja overnight"),
        gold_record(id="G3", speaker=["Russia"], relation=["REPORTS"], target=[None], claim="fighting resumed near Shusha"),
    )
    scores = score_gold(
        gold,
        [
            pred(),  # full
            pred("Azerbaijan", "REPORTS", ("Armenia",), "Armenia shelled Ganja"),  # wrong relation
            pred("Russia’s Foreign Ministry", "REPORTS", ("Armenia",), "fighting resumed near Shusha"),  # target where none
            pred("Armenia", "DENIES", (), "nothing of the kind happened"),  # matches nothing
        ],
    )
    assert (scores.attribution.tp, scores.attribution.n_pred, scores.attribution.n_gold) == (3, 4, 3)
    assert (scores.full.tp, scores.full.precision, scores.full.recall) == (1, 0.25, 1 / 3)
    assert scores.full.f1 == pytest.approx(2 * 0.25 * (1 / 3) / (0.25 + 1 / 3))
    assert [p.gold.id for p in scores.attribution_only] == ["G2", "G3"]
    assert scores.unmatched_gold == []
    assert [p.speaker.name for p in scores.unmatched_predictions] == ["Armenia"]


def test_evaluation_pairs_are_one_to_one(tmp_path: Path) -> None:
    scores = score_gold(gold_of(tmp_path, gold_record()), [pred(), pred(speaker_text="the administration")])
    assert (scores.full.tp, scores.full.n_pred, scores.full.precision, scores.full.recall) == (1, 2, 0.5, 1.0)
    assert len(scores.unmatched_predictions) == 1


def test_evaluation_full_matches_are_paired_first(tmp_path: Path) -> None:
    # Both predictions attribution-match both gold statements, and each one's closest claim is
    # the gold whose relation it gets wrong: pairing by attribution first would give two
    # attribution-only pairs and no full match.
    gold = gold_of(
        tmp_path,
        gold_record(id="G1"),
        gold_record(id="G2", relation=["REPORTS"], target=[None], claim="mercenaries from Syria reached Karabakh"),
    )
    reports = pred(relation="REPORTS", targets=(), claim=CLAIM)
    accuses = pred(claim="mercenaries from Syria reached Karabakh")
    scores = score_gold(gold, [reports, accuses])
    assert scores.full.tp == 2
    assert {(p.gold.id, p.prediction.relation) for p in scores.pairs} == {("G1", "ACCUSES"), ("G2", "REPORTS")}


def test_evaluation_matching_finds_the_most_pairs(tmp_path: Path) -> None:
    # G1 may take either prediction and prefers the first (closer claim); G2 can only take
    # the first. A first-come matching would leave G2 alone.
    gold = gold_of(
        tmp_path,
        gold_record(id="G1", speaker=["Azerbaijan"]),
        gold_record(id="G2", speaker=["Azerbaijan"], claim="Turkey sent mercenaries"),
    )
    close = pred("Azerbaijan", claim=CLAIM)
    loose = pred("Azerbaijan", claim="mercenaries from Syria reached Karabakh")
    scores = score_gold(gold, [close, loose])
    assert scores.full.tp == 2
    assert {(p.gold.id, p.prediction.claim.text) for p in scores.pairs} == {("G1", loose.claim.text), ("G2", CLAIM)}


def _anaphoric_gold(tmp_path: Path) -> list[GoldStatement]:
    return gold_of(
        tmp_path,
        gold_record(id="G1"),
        gold_record(id="G2", speaker=["Syrian Observatory"], claim="300 fighters moved from Afrin to Karabakh"),
        gold_record(id="G3", speaker=TURKEY, relation=["DENIES"], target=[None, ADMIN], cue="denied", claim="These claims", denies=["G1"]),
    )


def test_evaluation_anaphoric_denies_matches_through_the_denied_claim(tmp_path: Path) -> None:
    gold = _anaphoric_gold(tmp_path)
    denial = pred("Turkey", "DENIES", (), "Turkey sent mercenaries from Syria to Karabakh")
    scores = score_gold(gold, [denial])
    assert [(p.gold.id, p.full) for p in scores.pairs] == [("G3", True)]
    # Only a DENIES prediction gets the anaphoric rule.
    assert score_gold(gold, [pred("Turkey", "REPORTS", (), CLAIM)]).attribution.tp == 0
    # The claim of a statement that G3 does not deny does not count.
    assert score_gold(gold, [pred("Turkey", "DENIES", (), "300 fighters moved from Afrin")]).attribution.tp == 0


def test_evaluation_anaphoric_denies_matches_through_refers_to(tmp_path: Path) -> None:
    gold = _anaphoric_gold(tmp_path)
    accusation = pred(sid="p1")
    denial = pred("Turkey", "DENIES", (), "the allegations", sid="p2", refers_to=("p1",))
    scores = score_gold(gold, [accusation, denial])
    assert scores.full.tp == 2 and scores.full.precision == 1.0
    assert (scores.denial_links.linked, scores.denial_links.total, scores.denial_links.ratio) == (1, 1, 1.0)
    # Without the link "the allegations" matches nothing; pointing at a prediction of the
    # wrong statement does not help either.
    unlinked = pred("Turkey", "DENIES", (), "the allegations", sid="p2")
    assert score_gold(gold, [accusation, unlinked]).full.tp == 1
    observatory = pred("Syrian Observatory", claim="300 fighters moved from Afrin to Karabakh", sid="p3")
    wrong = pred("Turkey", "DENIES", (), "the allegations", sid="p2", refers_to=("p3",))
    assert score_gold(gold, [observatory, wrong]).full.tp == 1


def test_evaluation_denial_links_count_only_refers_to_matched_statements(tmp_path: Path) -> None:
    gold = _anaphoric_gold(tmp_path)
    accusation = pred(sid="p1")
    # Matched through the denied claim's words, but with no refers_to: not linked.
    by_text = pred("Turkey", "DENIES", (), CLAIM, sid="p2")
    links = score_gold(gold, [accusation, by_text]).denial_links
    assert (links.linked, links.total, links.unlinked) == (0, 1, ("G3",))
    # refers_to a prediction matched to a statement G3 does not deny: not linked.
    observatory = pred("Syrian Observatory", claim="300 fighters moved from Afrin to Karabakh", sid="p3")
    pointing_elsewhere = pred("Turkey", "DENIES", (), CLAIM, sid="p2", refers_to=("p3",))
    assert score_gold(gold, [accusation, observatory, pointing_elsewhere]).denial_links.linked == 0
    # refers_to a prediction that is not matched at all: not linked.
    stray = pred("Armenia", claim="something else entirely happened", sid="p4")
    pointing_at_stray = pred("Turkey", "DENIES", (), CLAIM, sid="p2", refers_to=("p4",))
    assert score_gold(gold, [accusation, stray, pointing_at_stray]).denial_links.linked == 0
    # No matched prediction at all: counted, not linked.
    assert score_gold(gold, []).denial_links.as_dict() == {"linked": 0, "total": 1, "ratio": 0.0, "unlinked": ["G3"]}


def test_evaluation_ignores_articles_without_gold(tmp_path: Path) -> None:
    scores = score_gold(gold_of(tmp_path, gold_record()), [pred(), pred(article="elsewhere")])
    assert (scores.full.tp, scores.full.n_pred, scores.full.precision) == (1, 1, 1.0)
    assert scores.ignored_predictions == 1
    assert list(scores.per_article) == ["a1"]


def test_evaluation_per_relation_and_per_article(tmp_path: Path) -> None:
    gold = gold_of(
        tmp_path,
        gold_record(id="G1", relation=["ACCUSES", "REPORTS"], target=[TURKEY, None]),
        gold_record(id="G2", article="a2", speaker=["Russia"], relation=["REPORTS"], target=[None], claim="fighting resumed near Shusha"),
    )
    scores = score_gold(gold, [pred(relation="REPORTS", targets=()), pred("Russia", "SUPPORTS", (), "fighting resumed", article="a2")])
    accuses, reports, supports = (scores.per_relation[r] for r in ("ACCUSES", "REPORTS", "SUPPORTS"))
    # Recall goes by the gold's preferred relation, precision by the predicted one. The gold
    # accusation found as a report is a full match, but no accusation: only its accepted recall counts it.
    assert (accuses.tp_gold, accuses.n_gold, accuses.recall, accuses.n_pred) == (0, 1, 0.0, 0)
    assert (accuses.tp_gold_accepted, accuses.accepted_recall) == (1, 1.0)
    assert scores.full.tp == 1
    found_as_accusation = score_gold(gold, [pred()]).per_relation["ACCUSES"]
    assert (found_as_accusation.tp_gold, found_as_accusation.tp_gold_accepted, found_as_accusation.recall) == (1, 1, 1.0)
    assert (reports.tp_pred, reports.n_pred, reports.precision, reports.tp_gold, reports.n_gold) == (1, 1, 1.0, 0, 1)
    assert (supports.tp_pred, supports.n_pred) == (0, 1)
    assert scores.per_article["a1"].full.f1 == 1.0
    assert (scores.per_article["a2"].full.tp, scores.per_article["a2"].attribution.tp) == (0, 1)


def test_evaluation_as_dict_and_report(tmp_path: Path) -> None:
    scores = score_gold(_anaphoric_gold(tmp_path), [pred(sid="p1"), pred("Armenia", claim="something else entirely")])
    data = json.loads(json.dumps(scores.as_dict()))
    assert data["full"] == {"precision": 0.5, "recall": 0.3333, "f1": 0.4, "tp": 1, "n_pred": 2, "n_gold": 3}
    assert [g["id"] for g in data["errors"]["unmatched_gold"]] == ["G2", "G3"]
    assert data["errors"]["unmatched_predictions"][0]["speaker"] == "Armenia"
    text = format_gold_report(scores, show_errors=True)
    assert "denial links   0/1" in text and "unmatched gold: 2" in text and "a1/G2" in text


# --- the real seed gold -----------------------------------------------------------------------


@pytest.mark.skipif(not SEED_GOLD.exists(), reason="needs /work/shared/eval/dev")
def test_evaluation_seed_gold_scores_itself_perfectly() -> None:
    gold = load_gold(SEED_GOLD)
    statements = gold_to_statements(gold)
    anaphoric = next(s for s in statements if s.statement_id == "G13")
    assert anaphoric.claim.refers_to == ["G10", "G11", "G12"]
    scores = score_gold(gold, statements)
    assert scores.full.f1 == 1.0 and scores.attribution.f1 == 1.0
    assert (scores.denial_links.linked, scores.denial_links.total) == (3, 3)


# --- PolNeAR -----------------------------------------------------------------------------------


def test_evaluation_polnear_reads_brat_with_one_annotator() -> None:
    articles = read_polnear(POLNEAR_SAMPLE)
    assert [a.id for a in articles] == ["bridge-vote", "city_budget"]  # "unannotated" skipped
    bridge, budget = articles
    assert bridge.annotation.name == "bridge-vote_a1.ann"  # first by sorted filename
    assert [p.name for p in bridge.other_annotations] == ["bridge-vote_b2.ann"]
    assert [a.id for a in bridge.attributions] == ["E1", "E2", "E3"]
    assert [a.id for a in bridge.scored] == ["E1", "E2"]  # E3 has no Source

    quote = bridge.attributions[1].contents[0]
    assert quote.fragments == ((84, 107), (142, 164))
    assert " ".join(bridge.text[s:e] for s, e in quote.fragments) == quote.text
    assert bridge.attributions[1].source is not None and bridge.attributions[1].source.text == "council member Ana Ruiz"

    denial = budget.attributions[1]
    assert [c.id for c in denial.contents] == ["T7", "T9"]  # Content and Content2
    assert (denial.contents[1].start, denial.contents[1].end) == (119, 146)  # fragments out of order
    assert budget.attributions[2].source is None and budget.attributions[2].contents == ()

    assert [a.id for a in read_polnear(POLNEAR_SAMPLE, limit=1)] == ["bridge-vote"]


def test_evaluation_polnear_reads_a_text_field_that_runs_over_lines(tmp_path: Path) -> None:
    """brat copies annotated words verbatim, line breaks included (PolNeAR train has one such
    line): the lines after it carry no offsets and are not taken for a malformed T line."""
    text = "3.\n\nThe number of people vetted, The Post reported."
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "vetting.txt").write_text(text, encoding="utf-8")
    (tmp_path / "attributions" / "vetting_a1.ann").write_text(
        "T1\tSource 34 42\tThe Post\n"
        "T2\tCue 43 51\treported\n"
        "T3\tContent 0 32\t3.\n\nThe number of people vetted\n"
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n", encoding="utf-8")
    [article] = read_polnear(tmp_path)
    [attribution] = article.scored
    assert attribution.source is not None and attribution.source.text == "The Post"
    assert (attribution.contents[0].start, attribution.contents[0].end) == (0, 32)
    (tmp_path / "attributions" / "vetting_a1.ann").write_text("T1\tSource 34\tThe Post\n", encoding="utf-8")
    with pytest.raises(ValueError, match="vetting_a1.ann:1: not a brat text-bound line"):
        read_polnear(tmp_path)


def _span_pred(article: str, speaker: tuple[int, int] | None, claim: tuple[int, int] | None, text: str) -> Statement:
    def span(offsets: tuple[int, int] | None) -> dict[str, Any]:
        return {} if offsets is None else {"start": offsets[0], "end": offsets[1], "text": text[offsets[0] : offsets[1]]}

    return Statement(
        article_id=article,
        relation="REPORTS",
        speaker=ActorRef(name="someone", **span(speaker)),
        claim=Claim(**({"text": "something"} | span(claim))),
    )


def test_evaluation_polnear_overlap_and_exact() -> None:
    articles = read_polnear(POLNEAR_SAMPLE)
    bridge, budget = (a.text for a in articles)
    predictions = [
        _span_pred("bridge-vote", (21, 30), (51, 81), bridge),  # mayor: exact
        _span_pred("bridge-vote", (21, 30), (51, 81), bridge),  # the same again: one to one
        _span_pred("bridge-vote", (124, 132), (142, 164), bridge),  # "Ana Ruiz", second fragment: overlap
        _span_pred("bridge-vote", (166, 178), (179, 204), bridge),  # the no-source attribution: not gold
        _span_pred("city_budget", (69, 78), (108, 141), budget),  # claim only in the gap: no match
        _span_pred("city_budget", (69, 78), (119, 146), budget),  # Content2's extent: exact
        _span_pred("city_budget", None, None, budget),  # no offsets: never matches
        _span_pred("elsewhere", (0, 3), (0, 3), "abc"),  # article not read: ignored
    ]
    scores = score_polnear(articles, predictions)
    assert (scores.overlap.tp, scores.overlap.n_pred, scores.overlap.n_gold) == (3, 7, 4)
    assert scores.exact.tp == 2
    assert (scores.excluded_no_source, scores.predictions_without_offsets, scores.ignored_predictions) == (2, 1, 1)
    assert scores.unmatched_gold == [("city_budget", "E1")]
    assert json.loads(json.dumps(scores.as_dict()))["overlap"]["recall"] == 0.75
    assert "2 attributions without a Source" in format_polnear_report(scores)


def test_evaluation_polnear_malformed_ann_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "x.txt").write_text("Someone said so.", encoding="utf-8")
    ann = tmp_path / "attributions" / "x_a1.ann"
    ann.write_text("T1\tSource 0 7\tSomeone\nE1\tAttribution:T1 Source:T1 Content:T9\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"x_a1\.ann:2: Content names T9"):
        read_polnear(tmp_path)
    ann.write_text("T1\tSource zero 7\tSomeone\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"x_a1\.ann:1:"):
        read_polnear(tmp_path)
