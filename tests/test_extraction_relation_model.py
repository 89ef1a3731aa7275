"""The relation model: trained on a tiny fixture written here, saved, loaded, and used by the
extractor; and how its probabilities become a decision (margin, drop threshold)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimgraph.graph.types import Article
from claimgraph.loaders.extraction.extractor import RuleExtractor
from claimgraph.loaders.extraction.relation_model import NEVER, NOT_STATEMENT, RelationModel
from claimgraph.loaders.extraction.tagger import TaggedAttribution
from claimgraph.loaders.extraction.training import (
    RememberedTags,
    Setting,
    article_folds,
    choose_setting,
    mean_figures,
    remembering_tags,
    selection_score,
    with_thresholds,
)

# Sentences the rules find a speech act in, with the relation a reader gives each. "torch" is
# in no blame list: what makes those accusations has to be learned.
TRAINING = [
    ("The ministry said Armenia torched the village of Tartar overnight.", "ACCUSES"),
    ("The spokesman said rebels torched a school in the north.", "ACCUSES"),
    ("Officials said the army torched houses near the border.", "ACCUSES"),
    ("The governor said militants torched four farms on Sunday.", "ACCUSES"),
    ("The mayor said the bridge would reopen in May.", "REPORTS"),
    ("The agency said the harvest was larger than expected.", "REPORTS"),
    ("Officials said the talks would resume next week.", "REPORTS"),
    ("The company said its profits rose in the third quarter.", "REPORTS"),
    # Narrated actions, not speech: the rules take "rejected" for a denial.
    ("The council rejected the offer of a new stadium.", NOT_STATEMENT),
    ("The club rejected the bid for its striker.", NOT_STATEMENT),
]


@pytest.fixture(scope="module")
def rules_only() -> RuleExtractor:
    return RuleExtractor(relation_model=None, tagger=None)


def _features(extractor: RuleExtractor, text: str) -> list[dict[str, float]]:
    extraction = extractor.run(extractor.nlp(text), Article(id="t", text=text))
    return [extraction.features[s.statement_id] for s in extraction.statements]


def test_relation_model_trains_saves_loads_and_decides_in_the_extractor(rules_only: RuleExtractor,
                                                                       tmp_path: Path) -> None:
    examples = []
    for text, label in TRAINING:
        found = _features(rules_only, text)
        assert len(found) == 1, f"the rules should find one speech act in {text!r}"
        examples.append((found[0], label))
    model = RelationModel.fit(examples, version="relations-test", c=10.0)
    path = tmp_path / "relations.json"
    model.save(path)
    loaded = RelationModel.load(path)
    assert loaded.labels == model.labels
    for features, _ in examples:
        assert loaded.predict(features).probabilities == pytest.approx(model.predict(features).probabilities, abs=1e-3)

    learned = rules_only.with_models(relation_model=loaded)
    assert learned.name.startswith("rules-1+relations-test/")
    text = "The ministry said Azerbaijan torched the town of Stepanakert."
    [rules_statement] = rules_only.statements(rules_only.nlp(text), Article(id="a", text=text))
    [statement] = learned.statements(learned.nlp(text), Article(id="a", text=text))
    assert rules_statement.relation == "REPORTS"
    assert statement.relation == "ACCUSES"
    assert [t.name for t in statement.targets] == ["Azerbaijan"]
    assert statement.extractor == learned.name
    calm = "The ministry said the weather would improve."
    assert [s.relation for s in learned.statements(learned.nlp(calm), Article(id="b", text=calm))] == ["REPORTS"]
    narrated = "The union rejected the pay offer from the company."
    assert rules_only.statements(rules_only.nlp(narrated), Article(id="c", text=narrated))
    assert learned.statements(learned.nlp(narrated), Article(id="c", text=narrated)) == []


def test_relation_model_learns_from_who_speaks(rules_only: RuleExtractor) -> None:
    # The same words, said by a spokesman or "shown" by a study: only the speaker's words tell
    # a statement from a finding the annotation leaves out.
    examples = []
    for claim in ("the rate rose last year", "prices fell in May", "the vote was delayed", "exports grew"):
        for speaker, label in (("The spokesman", "REPORTS"), ("The study", NOT_STATEMENT)):
            [features] = _features(rules_only, f"{speaker} said {claim}.")
            assert features["speaker_head=" + speaker.split()[1].lower()] == 1.0
            examples.append((features, label))
    model = RelationModel.fit(examples, version="relations-test", c=10.0)
    model.drop_threshold = 0.5
    learned = rules_only.with_models(relation_model=model)
    for speaker, kept in (("The spokesman", True), ("The study", False)):
        text = f"{speaker} said the bridge would reopen."
        assert bool(learned.statements(learned.nlp(text), Article(id="s", text=text))) is kept
    # Cross-validation applies one fitted model under many thresholds without changing it.
    applied = with_thresholds(model, Setting(1.0, "none", accuse_threshold=0.3, drop_threshold=0.9, report_threshold=0.7))
    assert (applied.drop_threshold, applied.accuse_threshold, applied.report_threshold, model.drop_threshold) == (0.9, 0.3, 0.7, 0.5)
    assert applied.weights is model.weights


def test_relation_features_tell_whether_the_tagger_found_the_speech_act_too(rules_only: RuleExtractor) -> None:
    text = "The ministry said Armenia torched the village. The mayor said the bridge would reopen."
    said = text.index("said")

    class FixedTags:
        """A tagger that finds one attribution, at the first cue only."""

        def tag(self, doc: object) -> list[TaggedAttribution]:
            return [TaggedAttribution(source=(0, 12), cue=(said, said + 4), content=(said + 5, text.index(".")),
                                      confidence=0.9, sentence=0)]

    tagged = rules_only.with_models(tagger=FixedTags())  # type: ignore[arg-type]
    ministry, mayor = _features(tagged, text)
    assert (ministry["tagger_found"], ministry["tagger_confidence"]) == (1.0, 0.9)
    assert (mayor["tagger_missed"], mayor["tagger_confidence"]) == (1.0, 0.0)
    # Without a tagger the features say nothing either way.
    assert not [name for features in _features(rules_only, text) for name in features if name.startswith("tagger_")]


def _hand_model(drop_threshold: float, accuse_threshold: float, report_threshold: float = NEVER) -> RelationModel:
    # "said" favours REPORTS, "blamed" ACCUSES, "wants" says it is no statement.
    return RelationModel("relations-hand", [NOT_STATEMENT, "ACCUSES", "DENIES", "REPORTS"],
                         {"said": 0, "wants": 1, "blamed": 2},
                         [[0.0, 3.0, 0.0], [0.0, 0.0, 2.0], [0.0, 0.0, 0.0], [1.0, 0.0, 0.0]], [0.0, 0.0, 0.0, 0.0],
                         accuse_threshold=accuse_threshold, drop_threshold=drop_threshold,
                         report_threshold=report_threshold)


def test_relation_model_turns_a_denial_into_a_report_only_above_its_report_threshold(tmp_path: Path) -> None:
    said = {"said": 1.0}
    p_reports = _hand_model(0.5, 0.5).predict(said).probabilities["REPORTS"]
    assert 0.3 < p_reports < 0.9
    assert _hand_model(0.5, 0.5, p_reports - 0.01).decide(said, "DENIES") == ["REPORTS"]
    assert _hand_model(0.5, 0.5, p_reports + 0.01).decide(said, "DENIES") == ["DENIES"]
    # Only a denial: the rules' reports and accusations stand, the tagger's finds are ranked.
    assert _hand_model(0.5, 0.5, 0.0).decide(said, "ACCUSES") == ["ACCUSES"]
    assert _hand_model(0.5, 0.5, 0.0).decide(said, None)[0] == "REPORTS"
    # Saved and loaded with the model; a model saved before the threshold existed never applies it.
    model = _hand_model(0.5, 0.5, 0.7)
    model.save(tmp_path / "relations.json")
    assert RelationModel.load(tmp_path / "relations.json").report_threshold == 0.7
    payload = json.loads((tmp_path / "relations.json").read_text())
    del payload["report_threshold"]
    (tmp_path / "relations.json").write_text(json.dumps(payload))
    assert RelationModel.load(tmp_path / "relations.json").report_threshold == NEVER


def test_relation_model_decides_alone_for_the_tagger_and_overrules_the_rules_only_toward_accuses() -> None:
    said, wants, blamed = {"said": 1.0}, {"wants": 1.0}, {"blamed": 1.0}
    p_accuses = _hand_model(0.5, 0.5).predict(blamed).probabilities["ACCUSES"]
    assert 0.5 < p_accuses < 0.9
    # Found by the tagger alone: the model's order.
    assert _hand_model(0.5, 0.5).decide(said, None)[0] == "REPORTS"
    assert _hand_model(0.5, 0.5).decide(blamed, None)[0] == "ACCUSES"
    # Found by the rules: their DENIES stands against a likelier REPORTS or ACCUSES ...
    assert _hand_model(0.5, 0.5).decide(said, "DENIES") == ["DENIES"]
    assert _hand_model(0.5, 0.5).decide(blamed, "DENIES") == ["DENIES"]
    # ... and their REPORTS gives way to ACCUSES as likely as the threshold.
    assert _hand_model(0.5, p_accuses - 0.01).decide(blamed, "REPORTS") == ["ACCUSES", "REPORTS"]
    assert _hand_model(0.5, p_accuses + 0.01).decide(blamed, "REPORTS") == ["REPORTS"]
    # No statement above the drop threshold, whoever found it.
    assert _hand_model(0.5, 0.5).decide(wants, "REPORTS") == []
    assert _hand_model(0.5, 0.5).decide(wants, None) == []
    assert _hand_model(1.01, 0.5).decide(wants, "REPORTS") == ["REPORTS"]


def test_training_folds_split_articles_not_statements() -> None:
    articles = [f"a{n}" for n in range(11)]
    folds = article_folds(articles + articles, 5, seed=0)
    assert sorted(a for fold in folds for a in fold) == sorted(articles)
    assert all(len(fold) in (2, 3) for fold in folds)
    assert folds == article_folds(articles, 5, seed=0)
    assert folds != article_folds(articles, 5, seed=1)


def test_training_cross_validation_averages_its_cuts() -> None:
    """Cross-validation's figures are the mean over its ways of cutting the folds, number by
    number, a relation one cut never predicted counting 0 there; denial links add up."""
    cuts = [{"full_f1": 0.70, "relation_f1": {"ACCUSES": 0.4}, "relations": {"REPORTS": 10}, "denial_links": [1, 2]},
            {"full_f1": 0.72, "relation_f1": {"ACCUSES": 0.5}, "relations": {"REPORTS": 12, "ACCUSES": 3},
             "denial_links": [2, 2]}]
    assert mean_figures(cuts) == {"full_f1": 0.71, "relation_f1": {"ACCUSES": 0.45},
                                  "relations": {"REPORTS": 11, "ACCUSES": 1.5}, "denial_links": [3, 4]}
    assert mean_figures(cuts[:1]) == cuts[0]


def test_training_chooses_the_setting_that_gives_up_neither_full_f1_nor_the_relations() -> None:
    # Two settings as cross-validation measured them on FNC-1 train: the first wins on the
    # relations' mean F1 by about a statement and loses 0.022 of full F1.
    more_accusations = {"full_f1": 0.624, "mean_relation_f1": 0.533}
    balanced = {"full_f1": 0.646, "mean_relation_f1": 0.524}
    reports_only = {"full_f1": 0.660, "mean_relation_f1": 0.300}
    ranked = sorted([more_accusations, balanced, reports_only], key=selection_score, reverse=True)
    assert ranked == [balanced, more_accusations, reports_only]


def test_training_breaks_a_near_tie_toward_overruling_the_rules_least() -> None:
    # As cross-validation measured them in the sixth pass: 0.45 led 1.01 by one statement.
    accuse_at_45 = Setting(0.3, "none", 0.45, 0.5)
    never_accuse = Setting(0.3, "none", 1.01, 0.5)
    weaker = Setting(1.0, "none", 1.01, 0.5)
    validated = {accuse_at_45: {"full_f1": 0.678, "mean_relation_f1": 0.552},
                 never_accuse: {"full_f1": 0.678, "mean_relation_f1": 0.549},
                 weaker: {"full_f1": 0.680, "mean_relation_f1": 0.535}}
    assert choose_setting(validated) == never_accuse
    # A clear lead is no tie: the model may overrule the rules then.
    validated[accuse_at_45] = {"full_f1": 0.690, "mean_relation_f1": 0.560}
    assert choose_setting(validated) == accuse_at_45
    # Tied on accusations, the setting that turns fewer denials into reports wins.
    reports_at_70 = Setting(0.3, "none", 0.45, 0.5, report_threshold=0.7)
    validated[reports_at_70] = {"full_f1": 0.692, "mean_relation_f1": 0.560}
    assert choose_setting(validated) == accuse_at_45
    validated[reports_at_70] = {"full_f1": 0.700, "mean_relation_f1": 0.570}
    assert choose_setting(validated) == reports_at_70


def test_training_counts_a_gap_of_exactly_the_tolerance_as_a_tie() -> None:
    # As the twenty-first pass measured them: 1.321 against 1.316, a gap the float sum makes
    # 0.00500000000000012.
    square_root = Setting(1.0, "sqrt", 0.25, 0.5, report_threshold=0.7)
    unweighted = Setting(1.0, "none", 0.25, 0.5, report_threshold=0.8)
    validated = {square_root: {"full_f1": 0.750, "mean_relation_f1": 0.571},
                 unweighted: {"full_f1": 0.753, "mean_relation_f1": 0.563}}
    assert choose_setting(validated) == unweighted
    validated[unweighted] = {"full_f1": 0.753, "mean_relation_f1": 0.562}
    assert choose_setting(validated) == square_root


def test_cross_validation_tags_each_doc_once_whatever_the_settings(rules_only: RuleExtractor) -> None:
    """The tagger's finds do not depend on the relation model, so cross-validation tags each
    article once for all its settings."""
    class CountingTagger:
        calls = 0

        def tag(self, doc: object) -> list[str]:
            CountingTagger.calls += 1
            return [f"found in {len(doc)} tokens"]  # type: ignore[arg-type]

    remembered = RememberedTags(CountingTagger())  # type: ignore[arg-type]
    first, second = rules_only.nlp("The ministry said so."), rules_only.nlp("The ministry said so.")
    assert remembered.tag(first) == remembered.tag(first) == ["found in 5 tokens"]
    assert CountingTagger.calls == 1
    remembered.tag(second)  # the same text in another doc is tagged anew
    assert CountingTagger.calls == 2
    # Cross-validation wraps its extractor's tagger once, however many cuts it makes.
    extractor = remembering_tags(rules_only.with_models(tagger=CountingTagger()))  # type: ignore[arg-type]
    assert isinstance(extractor.tagger, RememberedTags)
    assert remembering_tags(extractor).tagger is extractor.tagger
    assert remembering_tags(rules_only).tagger is None
