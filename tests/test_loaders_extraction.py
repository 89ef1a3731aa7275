"""The rules of the extractor on the seed article and on sentences written for each rule,
and the shipped extractor (rules, attribution tagger and relation model) on the seed.

No database: extraction is pure code (style.md). The spaCy model loads once per module.
"""

from __future__ import annotations

import json

import pytest
from conftest import REPO
from spacy.tokens import Doc

from claimgraph.evaluation.gold import load_gold, score_gold
from claimgraph.graph.claim_identity import is_local_claim
from claimgraph.graph.types import ActorRef, Article, Statement
from claimgraph.loaders.actors import ActorResolver
from claimgraph.loaders.extraction import RuleExtractor
from claimgraph.loaders.extraction.extractor import addressee, learned_attributions
from claimgraph.loaders.extraction.quotes import QuoteIndex, find_quotes
from claimgraph.loaders.extraction.relation_model import NOT_STATEMENT, RelationModel
from claimgraph.loaders.extraction.rules import Attribution, AttributionFinder
from claimgraph.loaders.extraction.stance import _doers as doers
from claimgraph.loaders.extraction.stance import accused_actor, blamed_actor
from claimgraph.loaders.extraction.tagger import TaggedAttribution

SEED_GOLD = REPO / "tests" / "data" / "extraction" / "seed-nk-mercenaries.gold.jsonl"


def learned_from(extractor: RuleExtractor, doc: Doc, tagged: TaggedAttribution) -> list[Attribution]:
    """The tagger's attribution as the extractor takes it in, with no rule finding overlapping it."""
    finder = AttributionFinder(doc, extractor.lexicon, QuoteIndex(find_quotes(doc.text)))
    return learned_attributions(finder, [tagged], [])


@pytest.fixture(scope="module")
def extractor() -> RuleExtractor:
    """The rules alone: what each test below writes a sentence for."""
    return RuleExtractor(relation_model=None, tagger=None)


@pytest.fixture(scope="module")
def shipped() -> RuleExtractor:
    """The extractor ``claimgraph extract`` runs: rules, attribution tagger, relation model."""
    return RuleExtractor()


def extract(extractor: RuleExtractor, text: str, article_id: str = "t") -> list[Statement]:
    [(_, statements)] = list(extractor.extract([Article(id=article_id, text=text)]))
    return statements


def resolved(statements: list[Statement]) -> list[Statement]:
    """Statements with canonical actor names, as ``extract`` prints them."""
    resolver = ActorResolver()
    return [s.model_copy(update={"speaker": resolver.resolve(s.speaker)[0],
                                 "targets": [resolver.resolve(t)[0] for t in s.targets]}) for s in statements]


def summary(statements: list[Statement]) -> list[tuple[str, str, list[str]]]:
    return [(s.speaker.name, s.relation, [t.name for t in s.targets]) for s in statements]


def seed_text() -> str:
    first = (REPO / "samples" / "seed-nk-mercenaries.jsonl").read_text(encoding="utf-8").splitlines()[0]
    return json.loads(first)["article"]["text"]


def test_loaders_extraction_seed_article_statements_match_the_gold(extractor: RuleExtractor) -> None:
    predictions = resolved(extract(extractor, seed_text(), "seed-nk-mercenaries"))
    scores = score_gold(load_gold(SEED_GOLD), predictions)
    assert scores.attribution.tp == 17 and scores.attribution.n_pred == 17
    assert scores.full.f1 >= 0.9
    assert scores.denial_links.linked == scores.denial_links.total == 3


def test_loaders_extraction_shipped_models_keep_the_seed_article(shipped: RuleExtractor) -> None:
    predictions = resolved(extract(shipped, seed_text(), "seed-nk-mercenaries"))
    scores = score_gold(load_gold(SEED_GOLD), predictions)
    assert scores.full.f1 >= 0.9
    assert scores.denial_links.linked == scores.denial_links.total == 3
    assert all(s.extractor == shipped.name for s in predictions)
    assert shipped.name.startswith("rules-1+attribution-2+relations-1/")


def test_loaders_extraction_seed_denials_point_at_the_accusations_they_deny(extractor: RuleExtractor) -> None:
    statements = resolved(extract(extractor, seed_text(), "seed-nk-mercenaries"))
    by_id = {s.statement_id: s for s in statements}
    denials = [s for s in statements if s.relation == "DENIES" and s.claim.refers_to]
    assert [d.speaker.name for d in denials][:2] == ["Turkey", "Azerbaijan"]
    for denial in denials:
        denied = [by_id[i] for i in denial.claim.refers_to]
        assert all(d.relation == "ACCUSES" and "Turkey" in [t.name for t in d.targets] for d in denied)
    celik = next(s for s in statements if s.cue and s.cue.text == "denied" and s.speaker.name == "Omar Celik")
    assert celik.relation == "DENIES" and celik.claim.text.startswith("Turkey is providing weapons")


def test_loaders_extraction_offsets_slice_the_text_exactly(extractor: RuleExtractor) -> None:
    text = seed_text()
    statements = extract(extractor, text)
    assert statements
    for s in statements:
        for span in (s.speaker, s.cue, s.claim, s.sentence, *s.targets):
            if span is not None and span.start is not None:
                assert text[span.start:span.end] == span.text


def test_loaders_extraction_is_deterministic(extractor: RuleExtractor) -> None:
    first = [s.model_dump() for s in extract(extractor, seed_text())]
    again = [s.model_dump() for s in extract(extractor, seed_text())]
    assert first == again and len({s["statement_id"] for s in first}) == len(first)


def test_loaders_extraction_passive_agents_are_each_a_speaker(extractor: RuleExtractor) -> None:
    text = ("The monitor claimed that Turkey had sent fighters to the region. "
            "These claims were denied by Turkey and Azerbaijan.")
    statements = extract(extractor, text)
    assert summary(statements) == [("monitor", "ACCUSES", ["Turkey"]), ("Turkey", "DENIES", ["monitor"]),
                                   ("Azerbaijan", "DENIES", ["monitor"])]
    assert statements[1].claim.refers_to == statements[2].claim.refers_to == [statements[0].statement_id]


def test_loaders_extraction_coordinated_speakers_and_cues(extractor: RuleExtractor) -> None:
    text = ("Greece and Cyprus said that the talks had failed. "
            "The agency reported that prices rose, and reported that wages fell.")
    statements = extract(extractor, text)
    assert [(s.speaker.name, s.claim.text) for s in statements] == [
        ("Greece", "the talks had failed"), ("Cyprus", "the talks had failed"),
        ("agency", "prices rose"), ("agency", "wages fell")]


def test_loaders_extraction_relative_clause_holds_a_second_statement(extractor: RuleExtractor) -> None:
    text = ("The observatory claimed that Turkey had sent mercenaries to the front. "
            "The Defense Ministry, which rejected the claims, claimed that Armenian mercenaries were brought to the front.")
    statements = resolved(extract(extractor, text))
    assert summary(statements)[1:] == [("Defense Ministry", "DENIES", ["observatory"]),
                                       ("Defense Ministry", "ACCUSES", ["Armenia"])]


def test_loaders_extraction_direct_quotes_across_sentences_and_unclosed(extractor: RuleExtractor) -> None:
    text = ("“We did not send anyone. The reports are invented,” the minister said.\n\n"
            "The mayor said: “Nobody was evacuated and nobody will be.\n")
    statements = extract(extractor, text)
    assert [(s.speaker.text, s.claim.text) for s in statements] == [
        ("the minister", "We did not send anyone. The reports are invented"),
        ("The mayor", "Nobody was evacuated and nobody will be.")]
    assert statements[0].relation == "DENIES"


def test_loaders_extraction_a_quote_after_the_frame_is_the_same_speakers(extractor: RuleExtractor) -> None:
    text = '"You will see it in a week," Smith said at a rally. "Jones is guilty of fraud."'
    statements = extract(extractor, text)
    assert [(s.speaker.name, s.relation) for s in statements] == [("Smith", "REPORTS"), ("Smith", "ACCUSES")]
    assert [t.name for t in statements[1].targets] == ["Jones"]


def test_loaders_extraction_pronouns_and_descriptions_name_who_they_stand_for(extractor: RuleExtractor) -> None:
    text = ("League commissioner Bill Daly denied that the league would expand. "
            "He said the owners had not discussed it.\n\n"
            "In a statement from the Interior Ministry of Ruritania, “the border stays open for trade,” the statement said. "
            "Daly added that no vote was planned.")
    statements = extract(extractor, text)
    assert [s.speaker.name for s in statements] == [
        "League commissioner Bill Daly", "League commissioner Bill Daly", "Interior Ministry of Ruritania",
        "League commissioner Bill Daly"]
    assert [s.speaker.text for s in statements] == ["League commissioner Bill Daly", "He", "the statement", "Daly"]


def test_loaders_extraction_they_is_not_one_person_and_it_is_not_many(extractor: RuleExtractor) -> None:
    """ "they" stands for a body or for several people who spoke before, not for the one
    person who spoke last, and with no such speaker names nobody; "it" is not "officials"."""
    spoken = 'Barack Obama said the border would stay open. "We need more tents," they said.'
    texts = ["The Red Cross said the camp was full. " + spoken, "Local officials said the camp was full. " + spoken, spoken,
             'The ministry said the camp was full. Local officials said the border would stay open. '
             '"We need more tents," it said.']
    found = [[s.speaker.name for s in extract(extractor, text)] for text in texts]
    assert found == [["Red Cross", "Barack Obama", "Red Cross"], ["Local officials", "Barack Obama", "Local officials"],
                     ["Barack Obama"], ["ministry", "Local officials", "ministry"]]


def test_loaders_extraction_the_one_prompted_to_speak_speaks(extractor: RuleExtractor) -> None:
    """ "This prompted Snopes.com to label it false", "The uproar forced the ministry to deny
    the report": the object of the prompting verb speaks, not what prompted it."""
    report = "The Daily Star reported that the mayor had resigned. "
    texts = [report + "This prompted Snopes.com to label it false.",
             report + "The uproar forced the ministry to deny the report."]
    for text in texts:
        star, denial = extract(extractor, text)
        assert denial.relation == "DENIES" and denial.claim.refers_to == [star.statement_id]
    assert [extract(extractor, text)[1].speaker.name for text in texts] == ["Snopes.com", "ministry"]


def test_loaders_extraction_a_quote_continued_under_one_cue_is_one_statement(extractor: RuleExtractor) -> None:
    text = ('"We have bodies. Come and examine them," Alhakim said at the briefing. "It is clear they are missing parts." '
            '"We do not want to build up expectations," Daly said. "We are not in a position to expand."')
    statements = extract(extractor, text)
    assert [(s.speaker.name, s.claim.text) for s in statements] == [
        ("Alhakim", "We have bodies. Come and examine them"),
        ("Daly", "We do not want to build up expectations")]


def test_loaders_extraction_one_claim_under_two_cues_of_one_speaker_is_one_statement(extractor: RuleExtractor) -> None:
    texts = ['"The ministry has sent two convoys of food to the region," Foreign Minister Anna Berg said, '
             'adding in a statement.',
             '"Farming is the main activity of the valley," said Maria Lopez, the mayor, said in a statement.']
    found = [[(s.speaker.name, s.cue.text, s.claim.text) for s in extract(extractor, text)] for text in texts]
    assert found == [[("Foreign Minister Anna Berg", "said", "The ministry has sent two convoys of food to the region")],
                     [("Maria Lopez", "said", "Farming is the main activity of the valley")]]


def test_loaders_extraction_a_quote_split_by_its_cue_claims_its_first_part(extractor: RuleExtractor) -> None:
    text = '“The harvest was the worst in a decade,” farmer Ana Ruiz said, “and prices will rise before the winter.”'
    assert [(s.speaker.name, s.claim.text) for s in extract(extractor, text)] == [
        ("farmer Ana Ruiz", "The harvest was the worst in a decade")]


def test_loaders_extraction_said_that_and_that_is_two_statements(extractor: RuleExtractor) -> None:
    text = "The ministry said that the convoy had crossed the border at dawn, and that two of its trucks were missing."
    assert [s.claim.text for s in extract(extractor, text)] == [
        "the convoy had crossed the border at dawn", "two of its trucks were missing"]


def test_loaders_extraction_a_relayed_speech_act_is_the_inner_speakers_alone(extractor: RuleExtractor) -> None:
    text = "The Daily Courier reported that the mayor said the bridge would close in May for repairs."
    assert [(s.speaker.name, s.claim.text) for s in extract(extractor, text)] == [
        ("mayor", "the bridge would close in May for repairs")]


def test_loaders_extraction_a_cited_source_says_what_the_reporter_says(extractor: RuleExtractor) -> None:
    texts = ["The bridge will close in May for repairs, the Daily Courier reported on Monday, citing a city official.",
             'Citing "a source close to the city council," the Daily Courier reports that the bridge will close in May.']
    found = [[(s.speaker.name, s.cue.text, s.claim.text) for s in extract(extractor, text)] for text in texts]
    assert found == [
        [("Daily Courier", "reported", "The bridge will close in May for repairs"),
         ("city official", "citing", "The bridge will close in May for repairs")],
        [("source close to the city council", "Citing", "the bridge will close in May"),
         ("Daily Courier", "reports", "the bridge will close in May")]]


def test_loaders_extraction_he_and_she_stand_for_someone_of_their_gender(extractor: RuleExtractor) -> None:
    # The newest subject is who a pronoun stands for, unless the first name, an honorific or
    # the article's own pronouns tell another gender.
    texts = ["Bill Jensen met Maria Costa at the station on Friday. “The trains were late all week,” she said.",
             "Bill Jensen met Maria Costa at the station on Friday. “The trains were late all week,” he said.",
             "Mrs Rowe thanked the council. Tom Baker opened the meeting. “The library will stay open,” she said.",
             "Sam Ortiz said she would run again. Tom Park spoke next. “The budget is wrong,” she said."]
    assert [[s.speaker.name for s in extract(extractor, text)] for text in texts] == [
        ["Maria Costa"], ["Bill Jensen"], ["Mrs Rowe"], ["Sam Ortiz", "Sam Ortiz"]]


def test_loaders_extraction_he_and_she_never_stand_for_a_document(extractor: RuleExtractor) -> None:
    texts = ["Tom Reyes wrote a long letter to the council. The letter said the park would close. “I will fight this,” she said.",
             "Maria Costa waited at the airport on Friday. She spoke to 9 News. The station said the flight was late. "
             '"I cried all night long," she said.',
             'Maria Costa waited at the airport. Her son told reporters that he was safe. "I cried all night long," she said.',
             "Tom Baker arrived late on Monday. The information center of the council said the road was closed. "
             '"We will reopen it within a week," he said.']
    assert [[s.speaker.name for s in extract(extractor, text)] for text in texts] == [
        ["letter"], ["station", "Maria Costa"], ["Her son", "Maria Costa"],
        ["information center of the council", "Tom Baker"]]


def test_loaders_extraction_an_accusing_cue_blames_its_object_whatever_the_claim(extractor: RuleExtractor) -> None:
    texts = ['The union leader criticized the port authority as "a disgrace to every worker in this city."',
             "Some have criticized Nora Vale for chasing fame."]
    found = [[(s.speaker.name, s.relation, [t.name for t in s.targets]) for s in extract(extractor, text)] for text in texts]
    # "Some" stands for unnamed critics, not for anyone named before.
    assert found == [[("union leader", "ACCUSES", ["port authority"])], [("Some", "ACCUSES", ["Nora Vale"])]]


def test_loaders_extraction_accused_forces_are_those_forces_not_their_nation(extractor: RuleExtractor) -> None:
    """A group named by its nation is the accused as named: the actor resolution makes
    "Ukrainian forces" Ukraine's armed forces (part of Ukraine) and keeps "Syrian rebels" as
    described, instead of accusing Syria of what rebels did."""
    texts = ["Russia's defence ministry accused Ukrainian forces of shelling the plant on Saturday.",
             "The ministry accused Syrian rebels of shelling the town.",
             "The governor accused her own parents of lying to the court."]
    found = [[(s.relation, [t.name for t in s.targets]) for s in extract(extractor, text)] for text in texts]
    assert found[:2] == [[("ACCUSES", ["Ukrainian forces"])], [("ACCUSES", ["Syrian rebels"])]]
    resolver = ActorResolver()
    forces, forces_actor = resolver.resolve(ActorRef(name="Ukrainian forces"))
    rebels, _ = resolver.resolve(ActorRef(name="Syrian rebels"))
    assert (forces.actor_id, [p.actor_id for p in forces_actor.part_of]) == ("country:ukr/military", ["country:ukr"])
    assert rebels.actor_id == "syrian-rebels"
    # Someone's relatives are no actor's forces, and no name: the accused as described (the
    # annotation conventions, 9), as "accused her devout Christian parents" is in the gold.
    assert found[2] == [("ACCUSES", ["her own parents"])]
    # Someone's things are nobody: "criticised his remarks" accuses no one.
    assert [s.relation for s in extract(extractor, "The governor criticised his remarks.")] != ["ACCUSES"]


def test_loaders_extraction_whom_a_learned_accusation_blames_is_a_doer(extractor: RuleExtractor) -> None:
    """When the relation model makes a report an accusation, whom it blames is an actor the
    claim has doing something (stance.accused_actor), main clause first, a named one before
    one the text only describes: not a place, not whom it was done to, not a doctor's patient."""
    def accused(claim: str) -> list[str]:
        text = f"The source said {claim}."
        tagged = TaggedAttribution(source=(0, 10), cue=(11, 15), content=(16, len(text) - 1), confidence=0.9,
                                   sentence=0)
        doc = extractor.nlp(text)
        [attribution] = learned_from(extractor, doc, tagged)
        content = doc.char_span(*attribution.content, alignment_mode="expand")
        return [span.text for span in accused_actor(attribution, content, extractor.lexicon)]

    assert accused("Dr. Korovin took a selfie while Joan Rivers was under anesthesia")[0] == "Korovin"
    assert accused("Joan Rivers' doctor took a selfie in the procedure room") == ["Joan Rivers' doctor"]
    assert accused("the company broke ground on a site in Storey County") == ["the company"]
    assert accused("the plant was shelled by Ukrainian forces") == ["Ukrainian forces"]
    # Whoever is only in a state in a side clause, or has something done to them, did nothing;
    # a doer the text only describes is kept as described.
    assert accused("the doctor took a selfie while Joan Rivers was under anesthesia") == ["the doctor"]
    assert accused("Joan Rivers underwent a biopsy performed by a physician") == ["a physician"]
    assert accused("the militants were robbing Muslims' money") == ["the militants"]
    assert accused("four masked men put a bag over his head")[0] == "four masked men"
    assert accused("the witnesses watched as Russian troops shelled the plant")[0] == "Russian troops"
    # Not the speaker's own, nor those who only believe or feel something, nor a noun for no one.
    assert accused("my son broke the window") == []
    assert accused("the soldiers believed that the war was over") == []
    assert accused("the storm destroyed the village") == []
    assert accused("no Apple Store took the money") == [] and accused("nobody at the ministry took the money") == []
    assert accused("the files would be open to the agency if the owners paid") == []
    # Nor what may yet be done, nor what a mind wants.
    assert accused("Lenovo could make an offer for the company this week") == []
    assert accused("Apple will sell two million watches in March") == []
    assert accused("Melissa Rivers wants to wait for the autopsy") == []
    # A main clause's state can be the blame itself.
    assert accused("the NSA has an agent inside every home") == ["NSA"]
    # Fighting those named as wrongdoers is no blame.
    assert accused("Rehana has killed more than 100 ISIS fighters in Kobane") == []
    # A clitic the small model tags a proper noun is nobody.
    assert accused("it’s an excuse by the Democrats for having lost an election that they should’ve won") == []
    # The doer of a blameworthy act comes first, named or not.
    assert accused("when terrorists have murdered our citizens, the United States held them accountable") == [
        "terrorists", "the United States"]
    # An organisation the text only describes is kept as described.
    assert accused("the coalition dropped weapons for the militants") == ["the coalition"]
    # Helping those named as wrongdoers is blame: whoever helps, a country by the things it owns,
    # an organisation as described; by a verb or by a noun. Harming them is not.
    assert accused("a US plane supplied the ISIL terrorist organization with arms") == ["US"]
    assert accused("the international coalition airplanes dropped aid to the terrorist militants") == ["coalition"]
    assert accused("there is evidence of the US-led coalition's military aid to ISIL terrorists") == [
        "the US-led coalition's"]
    assert accused("the coalition bombed the terrorist militants") == []
    # A country's things do its deeds; its people stay themselves.
    assert accused("the US air strikes killed ten civilians") == ["US"]
    assert accused("Russian troops shelled the plant") == ["Russian troops"]


def test_loaders_extraction_whom_a_relative_clause_accuses_is_its_antecedent(extractor: RuleExtractor) -> None:
    """ "Moscow, which US intelligence agencies have accused of ...": the cue's object is "which",
    and the accused is what it stands for, in the active and the passive."""
    texts = ["Moscow, which US intelligence agencies have accused of waging a campaign to interfere in the "
             "election, denied it.",
             "North Korea, which is regularly condemned by Washington over human rights abuses, said it would "
             "not change."]
    found = [[(s.speaker.name, [t.name for t in s.targets]) for s in extract(extractor, text) if s.relation == "ACCUSES"]
             for text in texts]
    assert found == [[("US intelligence agencies", ["Moscow"])], [("Washington", ["North Korea"])]]


def test_loaders_extraction_a_known_actor_the_parser_calls_a_common_noun_is_named(extractor: RuleExtractor) -> None:
    """In an article's context the small model can tag "Isis" (as several British papers write
    ISIS) a common noun with no entity; a well-known actor's name still names it as a doer.
    Case counts: "who" is no WHO. The parse is set by hand, as the model gave it."""
    def doc(first: str) -> Doc:
        return Doc(extractor.nlp.vocab, words=[first, "has", "forced", "the", "merchants", "to", "pay"],
                   pos=["NOUN", "AUX", "VERB", "DET", "NOUN", "PART", "VERB"],
                   heads=[2, 2, 2, 4, 2, 6, 2], deps=["nsubj", "aux", "ROOT", "det", "dobj", "aux", "xcomp"])

    assert [span.text for span in doers(doc("Isis")[:], extractor.lexicon)] == ["Isis"]
    assert [span.text for span in doers(doc("who")[:], extractor.lexicon)] == []


def test_loaders_extraction_news_words_for_attacking_and_playing_down(extractor: RuleExtractor) -> None:
    """Cues of condemnation that go at their target through a preposition ("lashed out at
    Moscow") or name it as their object ("berated the police"), and denials that play a claim
    down ("downplayed the reports")."""
    texts = ["Zelensky lashed out at Moscow over the shelling.",
             "Activists lashed out at the government over the arrests.",
             "The minister berated the police for their failures.",
             "Kyiv said Moscow shelled the plant. Moscow downplayed the reports."]
    found = [[(s.speaker.name, s.relation, [t.name for t in s.targets], s.claim.text) for s in extract(extractor, text)]
             for text in texts]
    assert found[:3] == [[("Zelensky", "ACCUSES", ["Moscow"], "the shelling")],
                         [("Activists", "ACCUSES", ["government"], "the arrests")],
                         [("minister", "ACCUSES", ["police"], "their failures")]]
    accusation, denial = extract(extractor, texts[3])
    assert (denial.speaker.name, denial.relation, denial.claim.refers_to) == ("Moscow", "DENIES", [accusation.statement_id])
    # A particle makes another verb: "played down" denies as "downplayed" does, "backed up"
    # supports; "showed up" is no "showed".
    accusation, denial = extract(extractor, "Kyiv said Moscow shelled the plant. Moscow played down the reports.")
    assert (denial.relation, denial.claim.refers_to) == ("DENIES", [accusation.statement_id])
    assert [s.relation for s in extract(extractor, "Kyiv's claims were backed up by Washington.")] == ["SUPPORTS"]
    assert extract(extractor, "Five days later, the cat showed up in a neighbor's yard.") == []
    # More words of condemnation: railing against, hitting out at, faulting; and "critical of",
    # an adjective no cue verb finds. Not critical is no speech act.
    texts = ["The senator railed against the administration for its handling of the crisis.",
             "The senator hit out at the administration over its handling of the crisis.",
             "The report faulted the agency for failing to act.",
             "Republicans were sharply critical of Obama's handling of the crisis.",
             "Persson has also been critical of large corporations in general."]
    def found(texts: list[str]) -> list[list[tuple[str, list[str], str]]]:
        return [[(s.relation, [t.name for t in s.targets], s.claim.text) for s in extract(extractor, text)] for text in texts]

    assert found(texts) == [
        [("ACCUSES", ["administration"], "its handling of the crisis")],
        [("ACCUSES", ["administration"], "its handling of the crisis")],
        [("ACCUSES", ["agency"], "failing to act")],
        [("ACCUSES", ["Obama"], "Obama's handling of the crisis")],
        [("ACCUSES", ["large corporations"], "large corporations in general")]]
    assert extract(extractor, "Republicans were not critical of Obama's handling of the crisis.") == []
    assert extract(extractor, "The patient was in critical condition on Monday.") == []
    # Condemnation by a feeling voiced ("the annotation conventions", 8); the for-phrase of the
    # last of coordinated objects; a thing condemned accuses no one.
    texts = ["Abbas voiced his displeasure with Hamas's leadership of Gaza.",
             "The minister expressed outrage at Russia's shelling of the plant.",
             "The president expressed anger over the killing of the journalist by ISIS.",
             "Tarmouz lashed out at the western countries and their regional allies for supporting terrorists.",
             "Bettman voiced disapproval of such a move."]
    assert found(texts) == [
        [("ACCUSES", ["Hamas"], "Hamas's leadership of Gaza")],
        [("ACCUSES", ["Russia"], "Russia's shelling of the plant")],
        [("ACCUSES", ["ISIS"], "the killing of the journalist by ISIS")],
        [("ACCUSES", ["western countries"], "supporting terrorists")],
        [("REPORTS", [], "such a move")]]
    assert extract(extractor, "The mayor did not express anger at the police.") == []


def test_loaders_extraction_harm_to_oneself_and_acts_called_wrong_blame_no_one(extractor: RuleExtractor) -> None:
    """A suicide is nobody's crime; "called the protests illegal" condemns an act and names no
    actor; the doer of a condemned act can be the subject of a relative clause on it, unless
    it suffered the act."""
    def found(text: str) -> list[tuple[str, list[str]]]:
        return [(s.relation, [t.name for t in s.targets]) for s in extract(extractor, text)]

    assert found("France 3 reported that Commissioner Helric Fredou shot himself in his office.") == [("REPORTS", [])]
    assert found("China called the protests illegal.") == [("REPORTS", [])]
    assert found("The senator called Oz a quack.") == [("ACCUSES", ["Oz"])]
    assert found("Biden issued a statement condemning the brutality that ISIS has shown against humanity.") == [
        ("ACCUSES", ["ISIS"])]
    assert found("Kyiv condemned the attacks Russia carried out on Monday.") == [("ACCUSES", ["Russia"])]
    assert found("Kyiv condemned the attack that Ukraine suffered on Monday.") == [("REPORTS", [])]


def test_loaders_extraction_whom_a_cue_calls_names_or_accuses_by_pronoun(extractor: RuleExtractor) -> None:
    """ "called Jang a traitor ... for all ages" calls for nothing (the for-phrase comes after
    its objects); "called him a traitor" and "accused him of treason" accuse whom the pronoun
    stands for: never the speaker ("he accused him"), and no one when the article names no one
    before it."""
    def found(text: str) -> list[tuple[str, str, list[str]]]:
        return [(s.relation, s.speaker.name, [t.name for t in s.targets]) for s in extract(extractor, text)]

    assert found("Pyongyang called Jang Song Thaek a 'traitor to the nation for all ages'.") == [
        ("ACCUSES", "Pyongyang", ["Jang Song Thaek"])]
    assert [s.claim.text for s in extract(extractor, "The senator called for an investigation into the deal.")] == [
        "an investigation into the deal"]
    executed = "Jang Song Thaek was executed on Friday. "
    assert found(executed + "North Korea called him a traitor.") == [("ACCUSES", "North Korea", ["Jang Song Thaek"])]
    assert found(executed + "North Korea accused him of treason.") == [("ACCUSES", "North Korea", ["Jang Song Thaek"])]
    assert found("Obama met Putin on Friday. He accused him of lying.") == [("ACCUSES", "Obama", ["Putin"])]
    assert found("North Korea accused him of treason.") == [("REPORTS", "North Korea", [])]


def test_loaders_extraction_what_was_shared_and_claims_made_by_someone(extractor: RuleExtractor) -> None:
    """ "X shared that ..." is a speech act; "The claim was made by X" makes X the speaker of what
    the sentence before told, the clause after its claim noun when it has one."""
    report, denial = extract(extractor, "A tabloid reported that Bill Cosby molested Raven Symone. "
                                        "Snopes has also shared that this is a fake story.")
    assert (denial.speaker.name, denial.relation, denial.claim.refers_to) == ("Snopes", "DENIES", [report.statement_id])
    text = ("Police are investigating claims a doctor took a selfie with Joan Rivers while she was unconscious. "
            "The shocking claim was made by a staff member at the clinic.")
    assert [(s.speaker.name, s.claim.text) for s in extract(extractor, text)] == [
        ("staff member at the clinic", "a doctor took a selfie with Joan Rivers while she was unconscious")]
    text = "Joan Rivers' doctor took a selfie in the procedure room.\n\nThe claim was made by a nurse at the clinic."
    assert [(s.speaker.name, s.claim.text) for s in extract(extractor, text)] == [
        ("nurse at the clinic", "Joan Rivers' doctor took a selfie in the procedure room")]
    assert extract(extractor, "The minister resigned on Friday. The decision was made by the cabinet.") == []


def test_loaders_extraction_a_cue_the_tagger_calls_a_noun_still_frames_its_clause(extractor: RuleExtractor) -> None:
    # The small model tags "reports" here a plural noun, with a subject and a reported clause.
    text = "Weeks later, the stolen bicycle turned up in a neighbor's garden, KTV 5 reports."
    assert [(s.speaker.name, s.claim.text) for s in extract(extractor, text)] == [
        ("KTV 5", "Weeks later, the stolen bicycle turned up in a neighbor's garden")]


def test_loaders_extraction_an_embedded_post_is_its_posters_statement(extractor: RuleExtractor) -> None:
    """Scraped pages print an embedded tweet as its text, then "— Name (@handle) Date", on the
    same line or the next; a "Follow X (@handle) on Twitter" byline is no post."""
    text = ("The river is open again and the bridge is safe to cross. pic.twitter.com/AbCdEf123\n\n"
            "— Ana Lopez (@analopez) March 3, 2015\n\n"
            "The water is gone from the square http://t.co/xyz — Tom Reyes (@tomreyes) March 3, 2015\n\n"
            ">> Follow Evan Hart (@evanhart) on Twitter")
    assert [(s.speaker.name, s.cue.text, s.claim.text) for s in extract(extractor, text)] == [
        ("Ana Lopez", "Ana Lopez (@analopez)", "The river is open again and the bridge is safe to cross."),
        ("Tom Reyes", "Tom Reyes (@tomreyes)", "The water is gone from the square")]


def test_loaders_extraction_a_cue_with_its_own_clause_does_not_take_the_quote_before_it(extractor: RuleExtractor) -> None:
    texts = ['Farmers were angry. "The harvest was the worst we have seen." The ministry confirmed that it was buying grain abroad.',
             # Cue before its subject: the quote is what Maria Costa explained, whatever her aside says.
             '"The harvest was the worst we have seen," explained Maria Costa, who estimates she is between 50 and 60.']
    found = [[(s.speaker.name, s.claim.text) for s in extract(extractor, text)] for text in texts]
    assert found[0] == [("ministry", "it was buying grain abroad")]
    assert found[1][0] == ("Maria Costa", "The harvest was the worst we have seen")


def test_loaders_extraction_each_outlet_a_group_includes_speaks(extractor: RuleExtractor) -> None:
    text = ("Other media outlets, including the New York Daily News, BuzzFeed and HuffPost UK, reported that the "
            "president adopted the boy.")
    assert [s.speaker.name for s in extract(extractor, text)] == [
        "Other media outlets", "New York Daily News", "BuzzFeed", "HuffPost UK"]


def test_loaders_extraction_a_quoted_source_phrase_speaks(extractor: RuleExtractor) -> None:
    text = 'The company could be sold as early as this week, "a source familiar with the talks" told the Daily Courier.'
    assert [(s.speaker.name, s.claim.text) for s in extract(extractor, text)] == [
        ("source familiar with the talks", "The company could be sold as early as this week")]


def test_loaders_extraction_a_speakers_name_ends_before_a_nested_aside(extractor: RuleExtractor) -> None:
    texts = ['"The students were always polite," said a head teacher at the La Villette school, who recalled '
             "her surprise when they arrived.",
             "A spokesman for the ministries of defence and interior said the border was closed."]
    assert [[s.speaker.name for s in extract(extractor, text)] for text in texts] == [
        # "who recalled" tells of the teacher: no statement of the school with her quote.
        ["head teacher at the La Villette school"], ["spokesman for the ministries of defence and interior"]]


def test_loaders_extraction_descriptions_and_surnames_join_the_person_named(extractor: RuleExtractor) -> None:
    text = ("Tridevil claims she found a surgeon. Fisherman Igor Vorozhbitsyn caught the fish on Monday. "
            "The man told reporters that it weighed 20 kilograms. Jasmine Tridevil said she was happy.")
    statements = extract(extractor, text)
    assert [(s.speaker.text, s.speaker.name) for s in statements] == [
        ("Tridevil", "Jasmine Tridevil"), ("The man", "Igor Vorozhbitsyn"),
        ("Jasmine Tridevil", "Jasmine Tridevil")]


def test_loaders_extraction_the_company_and_the_paper_are_the_organisations_named(extractor: RuleExtractor) -> None:
    """ "The company said" is the company named before, "the newspaper" the newest medium (not a
    company that spoke after it), "the paper" the one introduced as a daily; with none named, it
    stays a description."""
    texts = ["Hewlett-Packard posted its results on Monday. The company said revenue fell. The Wall Street Journal "
             "reported that the talks had stalled. Apple said it was not involved. The newspaper said a deal was near.",
             "The Saudi daily Ajel reported the plan on Sunday. The paper said staff would be told.",
             "Apple declined to comment. The site said a deal was near."]
    found = [[(s.speaker.text, s.speaker.name) for s in extract(extractor, text)] for text in texts]
    assert found == [
        [("The company", "Hewlett-Packard"), ("The Wall Street Journal", "Wall Street Journal"), ("Apple", "Apple"),
         ("The newspaper", "Wall Street Journal")],
        [("The Saudi daily Ajel", "Saudi daily Ajel"), ("The paper", "Ajel")],
        [("The site", "site")]]


def test_loaders_extraction_unnamed_speakers_belong_to_their_article(extractor: RuleExtractor) -> None:
    text = "A source told the newspaper that the deal was off. Sources said the talks would resume. Reuters said the talks had failed."
    first, second = extract(extractor, text, "first"), extract(extractor, text, "second")
    assert [(s.speaker.name, s.speaker.actor_id) for s in first] == [
        ("source", "first/unnamed/source"), ("Sources", "first/unnamed/sources"), ("Reuters", None)]
    assert [s.speaker.actor_id for s in second][:2] == ["second/unnamed/source", "second/unnamed/sources"]
    # The id survives actor resolution, so the graph keeps one "source" per article.
    assert [s.speaker.actor_id for s in resolved(first)][:2] == ["first/unnamed/source", "first/unnamed/sources"]


def test_loaders_extraction_datelines_are_not_speakers(extractor: RuleExtractor) -> None:
    text = "BAKU, Azerbaijan – Russia has claimed that fighters were moved to the region."
    [statement] = extract(extractor, text)
    assert statement.speaker.name == "Russia" and statement.relation == "REPORTS"
    for dateline in ("WASHINGTON (Reuters) - ", "BEIRUT — ", "Tampa, Fla. – "):
        assert [s.speaker.name for s in extract(extractor, dateline + "Police said the man had fled.")] == ["Police"]


def test_loaders_extraction_a_dash_aside_opening_a_paragraph_is_no_dateline(extractor: RuleExtractor) -> None:
    """ "At least 15 women — including ... — have come forward": a dateline's shape, but words in
    lower case and no place: its speakers speak."""
    text = ("At least 15 women — including model Janice Dickinson — have come forward to accuse "
            "the 77-year-old comedian of being a sexual predator.")
    found = [(s.speaker.name, s.relation, [t.name for t in s.targets]) for s in extract(extractor, text)]
    assert ("At least 15 women", "ACCUSES", ["77-year-old comedian"]) in found
    text = "Sotloff — a journalist who wrote for Time — told friends that he feared for his life."
    assert [s.speaker.name for s in extract(extractor, text)] == ["Sotloff"]


def test_loaders_extraction_names_keep_no_invisible_characters(extractor: RuleExtractor) -> None:
    # Web text carries soft hyphens and zero-width spaces: the offsets keep them, names do not.
    text = "Several women accused the 77-year-old \u00adcomedian of lying. The Inte\u00adrior Ministry said the border would reopen."
    accusation, report = extract(extractor, text)
    assert [(t.name, t.text) for t in accusation.targets] == [("comedian", "\u00adcomedian")]
    assert report.speaker.name == "Interior Ministry"
    assert text[report.speaker.start:report.speaker.end] == report.speaker.text == "The Inte\u00adrior Ministry"


def test_loaders_extraction_negated_assertions_are_denials(extractor: RuleExtractor) -> None:
    text = ("The airline said there are no plans to separate passengers. "
            "The spokesman said the base will not close. The agency said prices rose.")
    assert [s.relation for s in extract(extractor, text)] == ["DENIES", "DENIES", "REPORTS"]


def test_loaders_extraction_a_negation_that_rejects_no_claim_is_no_denial(extractor: RuleExtractor) -> None:
    """Negated cognition, a verification the speaker cannot make, an order, and a negation past
    the first sentence of a quote report; they reject nobody's claim (train/README.md, 6)."""
    text = ("“I couldn’t believe my luck,” the fisherman said. "
            "The White House said it could not confirm the authenticity of the video. "
            "“Don’t ever call me again,” she told him. "
            "“They ask for $1 million. They will not wait long,” a former rebel said. "
            "“We don’t know how the scorpion got on the plane,” the airline said. "
            "“She had no other option but to pick up a weapon,” her father said. "
            "The ministry said it did not send troops.")
    assert [s.relation for s in extract(extractor, text)] == ["REPORTS"] * 6 + ["DENIES"]


def test_loaders_extraction_earlier_reports_point_back_at_what_was_reported(extractor: RuleExtractor) -> None:
    text = ("The Daily Courier reported that the mayor had sold the harbour land to his brother. "
            "On Monday the city council denied earlier reports of the sale.")
    report, denial = extract(extractor, text)
    assert (denial.relation, denial.claim.text, denial.claim.refers_to) == (
        "DENIES", "earlier reports of the sale", [report.statement_id])


def test_loaders_extraction_a_negated_claim_points_back_only_through_a_claim_noun(extractor: RuleExtractor) -> None:
    """ "Such a trade cannot be sustained" rejects no earlier statement; "denied that such
    arrangements are considered" and "these reports are false" do."""
    text = ("The governor said the traders sell organs in Mosul. "
            "A surgeon said such a trade cannot be sustained without hospitals. "
            "The minister said these reports are false.")
    report, negation, denial = extract(extractor, text)
    assert (negation.relation, negation.claim.refers_to) == ("DENIES", [])
    assert (denial.relation, denial.claim.refers_to) == ("DENIES", [report.statement_id])


def test_loaders_extraction_a_speakers_own_findings_are_not_what_it_denies(extractor: RuleExtractor) -> None:
    """A possessive that agrees with the speaker is the speaker's own ("their findings", "its
    own findings"); one whose clause calls the claims false is another's."""
    text = ("The ministry said that Ruritania shelled the plant. "
            "The authors argue that their findings should quell doubts over the link. "
            "The agency admitted that its own findings were not reliable. "
            "The critics said their claims were not true.")
    accusation, own_findings, own_data, denial = extract(extractor, text)
    assert [s.relation for s in (own_findings, own_data, denial)] == ["DENIES"] * 3
    assert (own_findings.claim.refers_to, own_data.claim.refers_to) == ([], [])
    assert denial.claim.refers_to == [accusation.statement_id]


def test_loaders_extraction_whose_claims_a_pronoun_names_the_sentence_says_first(extractor: RuleExtractor) -> None:
    """ "the Houthis had the intelligence and their claims were untrue": the actor named before
    the pronoun, not the newest speaker."""
    text = ("The Houthis said that the plant was shelled by rebels. The monitors said the plant was damaged. "
            "The envoy insisted that the Houthis had the intelligence and that their claims were untrue.")
    houthis, _, intelligence, denial = extract(extractor, text)
    assert intelligence.claim.text == "the Houthis had the intelligence"
    assert denial.relation == "DENIES" and denial.claim.refers_to == [houthis.statement_id]


def test_loaders_extraction_a_denied_publication_stands_for_what_it_said(extractor: RuleExtractor) -> None:
    """ "this study does not give the whole picture", "the Courier article is not true": the
    claims of the study or the Courier, not the newest claim; "the video" someone did not mean
    to show is no claim at all."""
    texts = ["A recent study in the journal Heartbeat said eggs are as bad as cigarettes. Dr Lena Ortiz said the "
             "mayor likes eggs. Professor Ann Blake said this study does not give the whole picture.",
             "The Daily Courier reported that the mayor had resigned. Tom Reyes said the budget was late. "
             "The mayor's aide said the Courier article is not true.",
             "Tom Reyes said the budget was late. Ana Lopez said she did not intend to show anyone the video."]
    denied = []
    for text in texts:
        statements = extract(extractor, text)
        speaker_of = {s.statement_id: s.speaker.name for s in statements}
        denied.append([speaker_of[i] for i in statements[-1].claim.refers_to])
    assert denied == [["recent study in the journal"], ["Daily Courier"], []]


def test_loaders_extraction_a_pronoun_called_false_stands_for_what_was_said(extractor: RuleExtractor) -> None:
    """ "this is a fake story", "that is not true", "it was a hoax": the pronoun is the claim
    before; a plain negative ("it is not open on Sundays") denies no claim."""
    lead = "The Daily Courier reported that the mayor had resigned. "
    denials = ["The council said that this is a fake story.", "The council said that is not true.",
               "The council said it was a hoax.", "The council called it false.",
               "The council said it is not open on Sundays."]
    found = []
    for denial in denials:
        report, answer = extract(extractor, lead + denial)
        found.append((answer.relation, answer.claim.refers_to == [report.statement_id]))
    # "called it false" was a report whose claim was "it false".
    assert found == [("DENIES", True)] * 4 + [("DENIES", False)]
    # "this" is one claim, the newest, not every claim of the paragraph.
    first, newest, answer = extract(extractor, "Analysts said the reactor was damaged. Moscow said the reactor was "
                                               "damaged twice. \"This is a lie,\" Kyiv said.")
    assert (answer.relation, answer.claim.refers_to, [t.name for t in answer.targets]) == (
        "DENIES", [newest.statement_id], ["Moscow"])


def test_loaders_extraction_nothing_true_denies(extractor: RuleExtractor) -> None:
    """ "Nothing in these reports is true": a subject that says nothing negates as "not" does."""
    claim, denial = extract(extractor, "Moscow said Kyiv shelled the plant. "
                                       "\"Nothing in these reports is true,\" a Ukrainian official said.")
    assert (denial.relation, denial.claim.refers_to) == ("DENIES", [claim.statement_id])


def test_loaders_extraction_a_curly_apostrophe_negates(extractor: RuleExtractor) -> None:
    """The small model attaches "n’t" (curly) as punctuation here; it negates all the same."""
    text = ("A recent study said eggs are as bad as cigarettes. "
            "The study also didn’t control for what else participants ate, Dr. Ann Lee says.")
    study, critique = extract(extractor, text)
    assert critique.relation == "DENIES" and critique.claim.refers_to == [study.statement_id]


def test_loaders_extraction_a_denial_does_not_deny_a_counter_version(extractor: RuleExtractor) -> None:
    """ "However, an officer said ...": on the denier's side; the allegation is before it."""
    text = ("The governor said the troops handed over their rifles to the rebels.\n\n"
            "However, an officer said the troops destroyed their rifles.\n\nThe army denied the allegations.")
    allegation, _, denial = extract(extractor, text)
    assert denial.relation == "DENIES" and denial.claim.refers_to == [allegation.statement_id]


def test_loaders_extraction_the_allegations_are_the_accusations_not_a_report_beside_them(extractor: RuleExtractor) -> None:
    """ "denied the allegations" after two accusations and a neutral report denies the
    accusations (issue 8: Peskov's denial was linked to the IAEA's report); "denied the
    reports" still stands for every claim before it."""
    text = ("Kyiv said Russian troops shelled the plant. Ukraine's army accused Russia of looting the town. "
            "The IAEA said it could not determine who was responsible. The Kremlin denied the allegations.")
    kyiv, army, iaea, denial = extract(extractor, text)
    assert (kyiv.relation, army.relation, iaea.relation) == ("ACCUSES", "ACCUSES", "REPORTS")
    assert denial.relation == "DENIES" and denial.claim.refers_to == [kyiv.statement_id, army.statement_id]
    *_, reports_denial = extract(extractor, text.replace("denied the allegations", "denied the reports"))
    assert len(reports_denial.claim.refers_to) == 3


def test_loaders_extraction_a_state_does_not_deny_its_own_claims(extractor: RuleExtractor) -> None:
    """ "Kremlin spokesman Dmitry Peskov denied the allegations": the other side's, not those of
    Russia's own defence ministry (actors.state_of: Peskov serves the Kremlin, part of Russia)."""
    text = ("Russia's defence ministry accused Ukraine of shelling the plant. "
            "Ukrainian President Volodymyr Zelensky said Russian troops shelled the plant. "
            "Kremlin spokesman Dmitry Peskov denied the allegations.")
    ministry, zelensky, peskov = extract(extractor, text)
    assert peskov.relation == "DENIES" and peskov.claim.refers_to == [zelensky.statement_id]
    *_, kyiv = extract(extractor, text.replace("Kremlin spokesman Dmitry Peskov", "Ukraine's foreign ministry"))
    assert kyiv.claim.refers_to == [ministry.statement_id]


def test_loaders_extraction_an_account_is_a_version_of_events_only_when_someones(extractor: RuleExtractor) -> None:
    text = ("The tabloid reported that the actress posted the tweet. "
            "“That is not her Twitter account and we had the account suspended,” her manager said. "
            "The guard said that the prisoner escaped at night. The warden said her account of the night was not accurate.")
    statements = {s.speaker.name: s for s in extract(extractor, text)}
    assert statements["her manager"].relation == "DENIES" and statements["her manager"].claim.refers_to == []
    assert statements["warden"].claim.refers_to == [statements["guard"].statement_id]


def test_loaders_extraction_a_relative_clause_is_no_frame_around_its_sentence(extractor: RuleExtractor) -> None:
    text = ("The video showed the murder of Sotloff, a 31-year-old freelance journalist who had written for Time. "
            "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt in 1999.")
    assert [(s.speaker.text, s.cue.text) for s in extract(extractor, text)] == [("Mr. Clarke", "said")]


def test_loaders_extraction_a_phrasal_denial_cue_denies_only_a_claim(extractor: RuleExtractor) -> None:
    """ "shut down these allegations" denies; "shutting down “several prominent” services" is
    something Apple does, whatever quote stands near it."""
    text = ("Senator Jane Roe said that Acme hid losses. Acme shut down these allegations. "
            "Apple is shutting down “several prominent” services.")
    assert [(s.speaker.name, s.relation, s.cue.text) for s in extract(extractor, text)] == [
        ("Senator Jane Roe", "REPORTS", "said"), ("Acme", "DENIES", "shut down")]


def test_loaders_extraction_who_is_spoken_to_is_not_what_is_said(extractor: RuleExtractor) -> None:
    """The tagger's content is dropped when it is the addressee of the cue."""
    doc = extractor.nlp("He was speaking to the UN council about Iraq. The minister briefed the council on the "
                        "situation. He told reporters the talks failed.")
    first, second, third = doc.sents
    assert addressee(first[5:], first[2:4])  # "the UN council about Iraq" after "speaking to"
    assert addressee(second[3:-4], second[2:3])  # "the council" briefed
    assert not addressee(third[3:-1], third[1:2])  # "the talks failed" told


def test_loaders_extraction_a_first_name_or_title_and_surname_is_the_person_named_in_full(extractor: RuleExtractor) -> None:
    text = ("Fisherman Igor Vorozhbitsyn was attacked by a bear. Igor, 42, said he was lucky. "
            "Ambassador Mohamed Alhakim spoke to the council. Ambassador Alhakim said bodies were found.")
    assert [(s.speaker.text, s.speaker.name) for s in extract(extractor, text)] == [
        ("Igor", "Igor Vorozhbitsyn"), ("Ambassador Alhakim", "Ambassador Mohamed Alhakim")]


def test_loaders_extraction_an_employer_before_a_name_is_no_first_name(extractor: RuleExtractor) -> None:
    """"Tesla" and "Fox" open "Tesla CEO Elon Musk" and "Fox News host Eric Bolling", but they are
    the company and the channel speaking, not the person: a first name opens a name proper."""
    text = ("Tesla CEO Elon Musk said the plant would open in 2016. Later, Tesla said it had broken ground near Reno. "
            "Fox News host Eric Bolling said the joke was a mistake. Fox said it had received complaints.")
    assert [s.speaker.name for s in extract(extractor, text)] == ["Tesla CEO Elon Musk", "Tesla", "Eric Bolling", "Fox"]


def test_loaders_extraction_a_speaker_phrase_built_around_a_name_is_that_name(extractor: RuleExtractor) -> None:
    """What follows the name, and words before it that hold no role, make other ids of one person."""
    text = ("Bill Daly of the NHL said the league is not looking to expand. "
            "Lt. Col. James Sahady of the Massachusetts National Guard said the soldiers were vetted. "
            "KGI Securities analyst Ming-Chi Kuo said the watch would ship in April.")
    statements = resolved(extract(extractor, text))
    assert [s.speaker.name for s in statements][:2] == ["Bill Daly", "James Sahady"]
    assert [s.speaker.actor_id for s in statements] == ["bill-daly", "james-sahady", "ming-chi-kuo"]


def test_loaders_extraction_a_name_in_apposition_is_the_speaker_wherever_the_parse_hangs_it(shipped: RuleExtractor) -> None:
    """The name, not the phrase around it, when the parse hangs the name on the role's employer
    ("Argentina", "newspaper"), runs it on into the employer, or reads "think tank" as a verb
    (only the attribution tagger finds that one, so the shipped extractor runs), or names the
    person as the author of a tweet; and a surname later joins that name."""
    text = ("The president of Argentina, Cristina Kirchner, said she had adopted a godson. Kirchner said the tradition was old. "
            "Meanwhile, Charlie Winter, programs officer at counter-extremism think tank the Quilliam Foundation, "
            "said he isn't surprised by the news. "
            "Howard Bloom of SportsBusinessNews.com said the league would fold. "
            "A reporter for the Oregonian newspaper, Tyson Alger, who was on the flight, said the plane landed safely.")
    assert [s.speaker.name for s in extract(shipped, text)] == [
        "Cristina Kirchner", "Cristina Kirchner", "Charlie Winter", "Howard Bloom", "Tyson Alger"]
    # Who a tweet is from speaks, by name; "the tweet" and his surname are him.
    tweeted = ("Seattle and Quebec City will add franchises, according to a tweet from SportsBusinessNews' Howard Bloom. "
               "The tweet said the fees would be high. Bloom said the deal was close.")
    assert [s.speaker.name for s in extract(shipped, tweeted)] == ["Howard Bloom"] * 3


def test_loaders_extraction_a_denial_never_points_at_a_report_of_itself(extractor: RuleExtractor) -> None:
    text = ("TVA Sports reported that the NHL will expand to Quebec City. "
            "An update said NHL deputy commissioner Bill Daly denied the report on Wednesday. "
            "Bill Daly denied the report.")
    statements = extract(extractor, text)
    report = statements[0]
    # The update only relays Daly's denial: his is the statement (the annotation conventions, 3).
    assert not any("denied the report" in (s.claim.text or "") for s in statements)
    denials = [s for s in statements if s.relation == "DENIES"]
    assert len(denials) == 2 and all(d.claim.refers_to == [report.statement_id] for d in denials)


def test_loaders_extraction_blame_makes_an_accusation_of_the_blamed(extractor: RuleExtractor) -> None:
    text = ("The governor said that Ruritania attacked the convoy. "
            "The mayor said that the convoy arrived late. "
            "The senator accused the 70-year-old mayor of hiding the figures.")
    assert summary(extract(extractor, text)) == [("governor", "ACCUSES", ["Ruritania"]), ("mayor", "REPORTS", []),
                                                 ("senator", "ACCUSES", ["70-year-old mayor"])]


def test_loaders_extraction_blame_needs_a_blameworthy_act_or_thing_handed_over(extractor: RuleExtractor) -> None:
    """A blame word that only modifies a noun ("assault rifles") blames nobody; weapons blame
    who sends or uses them, not who disables their own."""
    text = ("The spokesman said the Marines were carrying assault rifles. The governor said the Houthis launched an assault on the town. "
            "The official said the Marines disabled their weapons. The minister said Iran sent weapons to the rebels.")
    assert summary(extract(extractor, text)) == [("spokesman", "REPORTS", []), ("governor", "ACCUSES", ["Houthis"]),
                                                 ("official", "REPORTS", []), ("minister", "ACCUSES", ["Iran"])]


def test_loaders_extraction_declining_to_speak_is_no_statement(extractor: RuleExtractor) -> None:
    text = "The clinic declined to respond to “the selfie comments”. The clinic refused to comment. The clinic said the doctor left."
    assert [(s.cue.text, s.claim.text) for s in extract(extractor, text)] == [("said", "the doctor left")]


def test_loaders_extraction_anaphoric_claims_refer_to_what_they_deny(extractor: RuleExtractor) -> None:
    text = ("Senator Jane Roe accused Acme Corp of hiding losses. "
            "Acme Corp rejected these allegations.\n\n"
            "The airline dismissed claims made by some local media outlets that the carrier is planning to segregate passengers.")
    statements = extract(extractor, text)
    accusation, denial, dismissal, roe_claim = statements
    assert (denial.relation, denial.claim.text, denial.claim.refers_to) == ("DENIES", "these allegations", [accusation.statement_id])
    assert dismissal.relation == "DENIES" and [t.name for t in dismissal.targets] == ["some local media outlets"]
    assert (roe_claim.speaker.name, roe_claim.relation, roe_claim.cue.text) == ("some local media outlets", "REPORTS", "claims made by")
    assert roe_claim.claim.text == dismissal.claim.text == "the carrier is planning to segregate passengers"


def test_loaders_extraction_a_denial_of_claims_the_article_never_gives_stands_unlinked(extractor: RuleExtractor) -> None:
    # The annotation conventions (5): some denials have nothing in the article to link to; they
    # are denials all the same, of whoever the text says made the claims.
    [unnamed] = extract(extractor, "The ministry rejected these claims.")
    [named] = extract(extractor, "Ukraine's foreign ministry rejected Russia's claims as propaganda.")
    assert (unnamed.relation, unnamed.claim.text, unnamed.claim.refers_to, unnamed.targets) == ("DENIES", "these claims", [], [])
    assert (named.relation, named.claim.text, named.claim.refers_to) == ("DENIES", "Russia's claims", [])
    assert [t.name for t in named.targets] == ["Russia"]
    # Too few words to stand for the same claim in another article: each is its statement's own.
    assert is_local_claim(unnamed.claim.text) and is_local_claim(named.claim.text)


def test_loaders_extraction_what_could_not_be_determined_is_reported_not_denied(extractor: RuleExtractor) -> None:
    # The annotation conventions (6): "said they cannot confirm" is REPORTS; so is not being
    # able to tell who did it. Denying what was said is still a denial.
    text = ("The IAEA said it could not determine who was responsible. "
            "The agency said it was unable to verify the footage. The ministry said the plant was not shelled. "
            "\"I'm not in a position to confirm the authenticity of that video,\" the spokesman said. "
            "The governor said the police were not able to verify the reports. "
            "The mayor said the council had no way to establish who was responsible.")
    assert [(s.speaker.name, s.relation) for s in extract(extractor, text)] == [
        ("IAEA", "REPORTS"), ("IAEA", "REPORTS"), ("ministry", "DENIES"), ("spokesman", "REPORTS"),
        ("governor", "REPORTS"), ("mayor", "REPORTS")]


def test_loaders_extraction_condemning_a_deed_accuses_whoever_did_it(extractor: RuleExtractor) -> None:
    texts = ["The ministry condemned the shelling of the plant by Ukrainian forces.",
             "Kyiv denounced Russia's invasion of its territory.",
             "The UN condemned the killing of civilians.",
             "The senator condemned Acme for hiding losses.",
             "Ban Ki-moon called Sotloff's murder a despicable crime.",
             "Ban Ki-moon condemned Sotloff's murder by the Islamic State."]
    found = [[(s.relation, [t.name for t in s.targets], s.claim.text) for s in extract(extractor, text)] for text in texts]
    assert found == [
        [("ACCUSES", ["Ukrainian forces"], "the shelling of the plant by Ukrainian forces")],
        [("ACCUSES", ["Russia"], "Russia's invasion of its territory")],
        # Nobody is named as the killer: no one to accuse.
        [("REPORTS", [], "the killing of civilians")],
        # An actor as the object is the accused, as before; the for-phrase is the claim.
        [("ACCUSES", ["Acme"], "hiding losses")],
        # Whose murder it was names the victim, not the murderer.
        [("REPORTS", [], "Sotloff's murder a despicable crime")],
        [("ACCUSES", ["Islamic State"], "Sotloff's murder by the Islamic State")]]


def test_loaders_extraction_who_did_it_by_a_passive_or_a_gerund(extractor: RuleExtractor) -> None:
    """The by-phrase of a blameworthy passive, also on a deed ("attacks carried out by"), is its
    doer, named by whose they are ("Russian troops"); a gerund after a preposition is done by
    its clause's subject ("is known for crucifying")."""
    texts = ["The minister said the plant was shelled by Russian troops.",
             "The ministry condemned the attacks carried out by Ukrainian forces.",
             "The minister said the massacre was committed by ISIS fighters.",
             "Isis is known for crucifying those who rebel against them, Charlie Winter told The Independent.",
             "The minister said the photos were published by Ukrainian media.",
             "The soldier was praised for killing the terrorists, the officer said."]
    found = [[(s.relation, [t.name for t in s.targets]) for s in extract(extractor, text)] for text in texts]
    assert found == [[("ACCUSES", ["Russian troops"])], [("ACCUSES", ["Ukrainian forces"])], [("ACCUSES", ["ISIS"])],
                     [("ACCUSES", ["Isis"])], [("REPORTS", [])], [("REPORTS", [])]]


def test_loaders_extraction_troops_named_by_whose_they_are_are_that_actors_doing(extractor: RuleExtractor) -> None:
    """ "Russian troops themselves shelled the plant": an accusation of Russia's troops (the
    issue's example; Russia's armed forces, part of Russia, in the graph). Shooting or killing those the claim names as wrongdoers is fighting them, not blame."""
    texts = ['"Russian troops themselves shelled the plant," Zelensky said.',
             "Officials said Israeli soldiers killed three militants.",
             "Officials said Saudi security forces shot dead a member of an armed group that killed five people.",
             "Officials said Israel killed three militants."]
    found = [[(s.relation, [t.name for t in s.targets]) for s in extract(extractor, text)] for text in texts]
    assert found == [[("ACCUSES", ["Russian troops"])], [("REPORTS", [])], [("REPORTS", [])], [("REPORTS", [])]]


def test_loaders_extraction_a_claim_renamed_for_another_speaker_is_that_speakers_to_answer(extractor: RuleExtractor) -> None:
    """ "..., a claim that Moscow denied": Moscow's denial of what was just said, which keeps
    its own words; also where the small model parses the claim noun as a second subject."""
    texts = ["Zelensky said Russian troops shelled the plant, a claim that Moscow denied.",
             "Zelensky said Russian troops shelled the plant, an accusation the Kremlin rejected on Monday.",
             '"Russian troops themselves shelled the plant," Zelensky said, '
             "a charge Ukraine's foreign ministry swiftly rejected as absurd propaganda."]
    for text, (denier, renamed) in zip(texts, [("Moscow", "a claim"), ("Kremlin", "an accusation"),
                                               ("Ukraine's foreign ministry", "a charge")], strict=True):
        said, denial = extract(extractor, text)
        assert (said.speaker.name, said.relation) == ("Zelensky", "ACCUSES")
        assert said.claim.text in ("Russian troops shelled the plant", "Russian troops themselves shelled the plant")
        assert (denial.speaker.name, denial.relation, denial.claim.text) == (denier, "DENIES", renamed)
        assert denial.claim.refers_to == [said.statement_id]


def test_loaders_extraction_backing_an_actors_account_supports_that_actor(shipped: RuleExtractor) -> None:
    # Nothing of Ukraine's is in the article to link to; the relation model must not drop the
    # rules' statement for that.
    [backing] = extract(shipped, "The United States backed Ukraine's account.")
    assert (backing.speaker.name, backing.relation, [t.name for t in backing.targets]) == ("United States", "SUPPORTS", ["Ukraine"])
    assert backing.claim.text == "Ukraine's account" and backing.claim.refers_to == []


def test_loaders_extraction_headlines_and_negated_cues_are_not_statements(extractor: RuleExtractor) -> None:
    text = ("Minister Accuses Rivals Of Fraud In Vote Count\n"
            "The ministry did not confirm that the vote was delayed. "
            "Officials said the vote was delayed.")
    assert [(s.speaker.name, s.claim.text) for s in extract(extractor, text)] == [("Officials", "the vote was delayed")]
    # A subject that says nobody did it: no accusation was made.
    for nobody in ("Nobody accused Russia of the attack.", "No official has accused Russia of the attack.",
                   "Neither Cohen nor the doctor has been accused of wrongdoing by investigators."):
        assert extract(extractor, nobody) == [], nobody
    assert [s.relation for s in extract(extractor, "Kyiv accused Russia of the attack.")] == ["ACCUSES"]


def test_loaders_extraction_a_paragraph_that_lost_its_full_stop_is_no_headline(extractor: RuleExtractor) -> None:
    # Copied news often drops a paragraph's last full stop; a headline is short, and a caption
    # opens with a label and a colon.
    text = ("Groom Collapses At Wedding, Bride Weds A Guest\n\n"
            "Apple to launch a bigger iPhone next year, analysts say\n\n"
            "Jugal Kishore, 25, was rushed to hospital in India after suffering a seizure on his wedding "
            "day, the Times of India reports\n\n"
            "Prisoner: al-Baghdadi, shown before his rise to power, was held by the U.S. during the war, "
            "officials said\n")
    assert [(s.speaker.name, s.claim.text) for s in extract(extractor, text)] == [
        ("Times of India", "Jugal Kishore, 25, was rushed to hospital in India after suffering a seizure on his "
                           "wedding day")]


def test_loaders_extraction_frames_without_a_clause(extractor: RuleExtractor) -> None:
    text = ("Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt in 1999.\n\n"
            "Limbaugh added:\n\nAnd from a supposed front-runner, this reeks of fear.\n\n"
            "“Maybe we can build a wall around him.” ― Steve Quinlan\n\n"
            "PENCE: Well, look, the debate is serious business.\n")
    assert [(s.speaker.text, s.cue.text, s.claim.text) for s in extract(extractor, text)] == [
        ("Mr. Clarke", "said", "Lenox was a juggernaut"),
        ("Limbaugh", "added", "And from a supposed front-runner, this reeks of fear."),
        ("Steve Quinlan", "―", "Maybe we can build a wall around him."),
        ("PENCE", ":", "Well, look, the debate is serious business.")]


def test_loaders_extraction_a_frame_before_its_clause_is_no_part_of_the_claim(extractor: RuleExtractor) -> None:
    texts = ["As the Daily Courier noted, the bridge is the oldest in the county.",
             "During the storm, the mayor says, the bridge stayed open.",
             # What follows the frame has no subject of its own: the sentence is the claim.
             "The bridge, the mayor said, would stay open all winter.",
             # A frame opened by "as" attributes the clause it hangs on, before it or after it.
             "As the ministry said on Monday, the troops shelled the plant twice.",
             "There were attacks on the border (as Reuters reported).",
             "As previously reported by the Courier, the bridge closed in May.",
             # The medium relays what the mayor says: the mayor speaks (train/README.md, 3).
             "As reported by the Courier, the mayor says the bridge will close.",
             # "As" telling when: nobody says that the crowd cheered.
             "As the mayor spoke, the crowd cheered."]
    assert [[(s.speaker.name, s.claim.text) for s in extract(extractor, text)] for text in texts] == [
        [("Daily Courier", "the bridge is the oldest in the county")],
        [("mayor", "the bridge stayed open.")],
        [("mayor", "The bridge, the mayor said, would stay open all winter.")],
        [("ministry", "the troops shelled the plant twice")],
        [("Reuters", "There were attacks on the border")],
        [("Courier", "the bridge closed in May")],
        [("mayor", "the bridge will close")],
        []]


def test_loaders_extraction_what_a_speaker_calls_someone(extractor: RuleExtractor) -> None:
    text = ("The senator called Jones a liar and a crook.\n\n"
            "Former employees accused Acme Corp of fraud. The campaign called the charges unsubstantiated. "
            "The mayor called the bridge a landmark.")
    statements = extract(extractor, text)
    assert summary(statements) == [("senator", "ACCUSES", ["Jones"]), ("Former employees", "ACCUSES", ["Acme Corp"]),
                                   ("campaign", "DENIES", ["Former employees"]), ("mayor", "REPORTS", [])]
    assert statements[2].claim.refers_to == [statements[1].statement_id]


def test_loaders_extraction_supposing_claims_true_to_refute_them(extractor: RuleExtractor) -> None:
    text = ("The ambassador claimed that militants are harvesting organs. "
            "A fighter said: “If these claims were true, this would be a policy that could not be hidden.”")
    claim, denial = extract(extractor, text)
    assert denial.relation == "DENIES" and denial.claim.refers_to == [claim.statement_id]


def test_loaders_extraction_speech_about_a_topic(extractor: RuleExtractor) -> None:
    text = "The GOP nominee complained about his microphone. Activists spoke of the plight faced by citizens."
    assert [(s.speaker.name, s.relation, s.claim.text) for s in extract(extractor, text)] == [
        ("GOP nominee", "REPORTS", "his microphone"), ("Activists", "REPORTS", "the plight faced by citizens")]


def test_loaders_extraction_a_report_speaks_for_whoever_wrote_it(extractor: RuleExtractor) -> None:
    text = ("A CNN report said the plant was shelled. "
            "The Monday report of the information center of the Islamic Supreme Council of Iraq said the planes landed. "
            "Reuters reported the talks failed. The report said the ministers left early. "
            "According to reports, the border was closed.")
    assert [s.speaker.name for s in extract(extractor, text)] == [
        "CNN", "information center of the Islamic Supreme Council of Iraq", "Reuters", "Reuters", "reports"]


def test_loaders_extraction_dates_numbers_and_headings_are_not_speakers(extractor: RuleExtractor) -> None:
    text = ("The 19th century saw the city grow, historians say.\n"
            "Two weeks said nothing about it.\n"
            "MORE: The mayor said the bridge would reopen.\n"
            "Screen Shot 2015-01-30 at 9.40.33 AMA Facebook page has also used the photo, suggesting that it shows teachers.")
    assert [s.speaker.name for s in extract(extractor, text)] == ["historians", "mayor"]


def test_loaders_extraction_another_is_someone_unnamed_not_the_last_speaker(extractor: RuleExtractor) -> None:
    text = ('John Smith said the photo was real. "You get them ladies," wrote one user. '
            '"I find their lack of weapons troubling," said another.')
    assert [(s.speaker.text, s.speaker.actor_id) for s in extract(extractor, text)][1:] == [
        ("one user", "t/unnamed/one-user"), ("another", "t/unnamed/another")]


def test_loaders_extraction_a_participle_before_the_speaker_is_not_the_speaker(extractor: RuleExtractor) -> None:
    """The small model parses "Speaking of ..., a journalist ... said" with the participle as the
    subject and the journalist as its apposition (here, after the paragraph before it)."""
    text = ("Friends of Rehana said she escaped.\n\nSpeaking of ISIS' sickening propaganda photograph, a journalist who "
            "was based in Kobane as recently as last week said the dead woman is not Rehana but another Kurdish "
            "resistance fighter.")
    said = [(s.speaker.text, s.relation) for s in extract(extractor, text) if s.claim.text.startswith("the dead woman")]
    assert said == [("a journalist", "DENIES")]


def test_loaders_extraction_in_two_processes_gives_the_same_statements_in_order(shipped: RuleExtractor) -> None:
    articles = [Article(id=f"a{n}", text=text) for n, text in enumerate([
        "The ministry said Armenia shelled the village. Armenia denied the claims.",
        "Nothing was said here.",
        "“The bridge will reopen in May,” the mayor said on Monday.",
        "Officials told reporters the talks had failed, according to Reuters.",
        "The agency reported that the harvest was larger than expected.",
    ])]
    one = [(article.id, [s.model_dump() for s in found]) for article, found in shipped.extract(articles)]
    two = [(article.id, [s.model_dump() for s in found]) for article, found in shipped.extract(articles, n_process=2)]
    assert [article_id for article_id, _ in two] == ["a0", "a1", "a2", "a3", "a4"]
    assert two == one
    assert sum(len(found) for _, found in one) >= 4


def test_loaders_extraction_a_quote_inside_the_reported_clause_is_part_of_its_claim(extractor: RuleExtractor) -> None:
    text = ("The minister said the plan was “a disaster for farmers”. "
            "Officials said the talks were “not inside my portfolio.” Then they left.")
    assert [s.claim.text for s in extract(extractor, text)] == [
        "the plan was “a disaster for farmers”", "the talks were “not inside my portfolio.”"]


def test_loaders_extraction_a_participle_cue_in_the_reported_clause_is_the_speakers_own(extractor: RuleExtractor) -> None:
    text = ("Josh Earnest said the administration would work to confirm the video, adding that the president had "
            "been briefed.")
    assert [(s.speaker.name, s.cue.text, s.claim.text) for s in extract(extractor, text)] == [
        ("Josh Earnest", "said", "the administration would work to confirm the video"),
        ("Josh Earnest", "adding", "the president had been briefed")]


def test_loaders_extraction_a_pronoun_speaker_is_not_someone_named_in_what_was_said(extractor: RuleExtractor) -> None:
    text = "Morgan Lee said Jordan Blake had tricked her. “I had to do something,” she said."
    assert [s.speaker.name for s in extract(extractor, text)] == ["Morgan Lee", "Morgan Lee"]


def test_loaders_extraction_acts_done_unlawfully_or_abusively_accuse_their_doer(extractor: RuleExtractor) -> None:
    text = ("Sessions said Comey improperly moved to usurp the attorney general's authority. "
            "Janice Dickinson said Bill Cosby molested her.")
    assert summary(extract(extractor, text)) == [("Sessions", "ACCUSES", ["Comey"]),
                                                 ("Janice Dickinson", "ACCUSES", ["Bill Cosby"])]


def test_loaders_extraction_blame_in_what_another_said_is_theirs_not_the_speakers(extractor: RuleExtractor) -> None:
    text = ("Trump said he acted on the advice of Jeff Sessions, who found that Comey improperly moved to usurp "
            "the attorney general's authority.")
    assert summary(extract(extractor, text)) == [("Trump", "REPORTS", []), ("Jeff Sessions", "ACCUSES", ["Comey"])]


def test_loaders_extraction_a_cue_the_model_drops_leaves_its_claim_to_the_next_cue() -> None:
    # A relation model that takes "confirmed" for no statement and anything else for a report.
    drops_confirmed = RelationModel("test", ["REPORTS", NOT_STATEMENT], {"cue_lemma=confirm": 0}, [[0.0], [10.0]],
                                    [1.0, 0.0])
    text = "The clinic confirmed his departure, stating, Dr. Cohen “is not currently performing procedures.”"
    statements = extract(RuleExtractor(relation_model=drops_confirmed, tagger=None), text)
    assert [(s.speaker.name, s.cue.text) for s in statements] == [("clinic", "stating")]


def test_loaders_extraction_being_asked_is_no_speech_act(extractor: RuleExtractor) -> None:
    text = ("Mary Kamara spoke to reporters on Monday. "
            "When asked about her son, she said: “I have always been angry.”")
    assert [(s.speaker.name, s.cue.text, s.claim.text) for s in extract(extractor, text)] == [
        ("Mary Kamara", "said", "I have always been angry.")]


def test_loaders_extraction_abusive_deeds_accuse_their_doer_not_who_undergoes_them(extractor: RuleExtractor) -> None:
    text = ("The group said Exxon had made illegal payments to officials. "
            "The observatory said ISIS forced the merchants to pay a tax. "
            "CNN said Joan Rivers underwent an unauthorized biopsy.")
    assert summary(extract(extractor, text)) == [("group", "ACCUSES", ["Exxon"]), ("observatory", "ACCUSES", ["ISIS"]),
                                                 ("CNN", "REPORTS", [])]


def test_loaders_extraction_speech_a_quote_reports_is_a_statement_too(extractor: RuleExtractor) -> None:
    told = [(s.speaker.name, s.claim.text) for s in extract(extractor, (
        "“I can’t remember much but the doctor said he talked to me about cats,” Jasica Smith said. "
        "“My neighbor came to the door with the cat. She said, ‘Bart is not dead.’ I said, ‘That’s impossible.’” "
        "Ellis Hutson said."))]
    assert ("doctor", "he talked to me about cats") in told and ("Ellis Hutson", "That’s impossible") in told
    # The quote that is one speech act already, and what only should have been said, add nothing.
    for text in ("“I answered: we are trying to find a solution,” Abdul Rahman Al-Fahd said.",
                 "“At most, the director should have said the FBI had finished its work,” Rod Rosenstein wrote."):
        assert len(extract(extractor, text)) == 1


def test_loaders_extraction_a_dateline_is_no_part_of_a_claim_and_does_nothing_in_it(extractor: RuleExtractor) -> None:
    """The claim starts after the dateline; and where the parse makes "TEHRAN" a second subject
    of what the claim tells, only who the claim itself names can be blamed."""
    [statement] = extract(extractor, "TEHRAN (FNA)- Iraq's army has shot down two British planes carrying weapons "
                                     "for the ISIL terrorists, a senior lawmaker disclosed on Monday.")
    assert statement.claim.text == "Iraq's army has shot down two British planes carrying weapons for the ISIL terrorists"
    text = ("TEHRAN (FNA)- Iraq's army has shot down two British planes as they were carrying weapons for the ISIL "
            "terrorists in Al-Anbar province, a senior lawmaker disclosed on Monday.")
    doc = extractor.nlp(text)
    claim = doc.char_span(text.index("Iraq's"), text.index(", a senior"), alignment_mode="expand")
    assert doc[0].head == claim.root  # the parse's second subject, outside the claim
    assert [span.text for span in doers(claim, extractor.lexicon)] == ["Iraq"]
    assert blamed_actor(claim, extractor.lexicon).text == "Iraq"  # type: ignore[union-attr]


def test_loaders_extraction_reports_said_to_be_untrue_are_denied_for_what_they_say(extractor: RuleExtractor) -> None:
    """ "said reports that X were not true" denies X, as "denied reports that X" does; reports
    said to be something else are reported."""
    text = ("The ministry said reports that its troops shelled the plant were not true. "
            "The agency said reports that the plant was shelled were published on Monday.")
    assert [(s.relation, s.claim.text) for s in extract(extractor, text)] == [
        ("DENIES", "its troops shelled the plant"),
        ("REPORTS", "reports that the plant was shelled were published on Monday")]


def test_loaders_extraction_nobody_is_blamed_for_what_no_one_did(extractor: RuleExtractor) -> None:
    doc = extractor.nlp("No Marine handed a weapon to the rebels. Marines handed weapons to the rebels.")
    denied, told = doc.sents
    assert blamed_actor(denied, extractor.lexicon) is None
    assert blamed_actor(told, extractor.lexicon).text == "Marines"  # type: ignore[union-attr]


def test_loaders_extraction_whom_a_cue_accuses_is_named_without_the_words_after_the_name(extractor: RuleExtractor) -> None:
    """The recogniser runs "ISIS" on into "of '": the accused is ISIS."""
    text = ("Mr Alhakim briefed the UN Security Council on the situation in Iraq and accused ISIS of "
            "'crimes of genocide' in targeting certain ethnic groups.")
    assert [(s.relation, [t.name for t in s.targets]) for s in extract(extractor, text)] == [("ACCUSES", ["ISIS"])]


def test_loaders_extraction_a_label_before_a_colon_is_no_speaker(extractor: RuleExtractor) -> None:
    text = ("The plant will move to Nevada.\n\nUpdate: Reuters reports that the talks failed.\n\n"
            "Per MarketWatch: “Tesla said it had broken ground on a site in Nevada.”\n\nPENCE: Well, look, we will win."
            "\n\nBottom Line: Saturated fats do not harm the blood lipid profile like previously believed.")
    assert [(s.speaker.name, s.claim.text) for s in extract(extractor, text)] == [
        ("Reuters", "the talks failed"), ("Tesla", "it had broken ground on a site in Nevada"),
        ("PENCE", "Well, look, we will win.")]


def test_loaders_extraction_pronoun_speakers_named_beside_a_subject_or_by_honorific(extractor: RuleExtractor) -> None:
    texts = [
        "Barack Obama spoke on Monday. His mother, Shirley Sotloff, pleaded with the group. "
        "“I am sending this message to you,” she said.",
        "BBC correspondent Frank Gardner says the video is revenge. Mr Earnest urged caution about the video. "
        "“We will look at it,” he said.",
        "Hakem al-Zameli said the planes crashed, according to a report of the information center of the Islamic "
        "Supreme Council of Iraq. He said the parliament has asked London for explanations.",
    ]
    last_speakers = [extract(extractor, text)[-1].speaker.name for text in texts]
    assert last_speakers == ["Shirley Sotloff", "Mr Earnest", "Hakem al-Zameli"]


def test_loaders_extraction_web_sites_and_some_of_a_group_speak(extractor: RuleExtractor) -> None:
    text = ("RadarOnline.com reported that the doctor took a selfie. "
            "In a poll, 96 percent of more than 45,000 respondents said that the food should be labeled. "
            "Whitman would be chairman, according to one of the sources. "
            "Two weeks said nothing about it.")
    assert [s.speaker.name for s in extract(extractor, text)] == [
        "RadarOnline.com", "96 percent of more than 45,000 respondents", "one of the sources"]


def test_loaders_extraction_according_to_covers_what_it_closes_or_opens(extractor: RuleExtractor) -> None:
    text = ("Police searched for the man but turned up nothing, according to TNT Magazine.\n\n"
            "According to an article on the Uprooted Palestinians blog:\n\n"
            "He was deputy director of the regional police service since 2012.\n\n"
            "According to rumours, the plant will close.")
    assert [(s.speaker.name, s.claim.text) for s in extract(extractor, text)] == [
        ("TNT Magazine", "Police searched for the man but turned up nothing"),
        ("article on the Uprooted Palestinians blog", "He was deputy director of the regional police service since 2012."),
        ("rumours", "the plant will close")]


def test_loaders_extraction_a_quote_finishing_a_clause_begun_outside_it(extractor: RuleExtractor) -> None:
    text = ("The Florida woman told a radio station that she “called like 50 or 60 doctors” in order to have the surgery. "
            "Meanwhile, “Melissa has been telling friends that the doctor is a monster,” the source said.")
    claims = [s.claim.text for s in extract(extractor, text)]
    assert claims[0] == "she “called like 50 or 60 doctors” in order to have the surgery"
    assert not any(claim.startswith("Meanwhile") for claim in claims)


def test_loaders_extraction_a_tagged_relative_pronoun_source_is_the_noun_it_stands_for(extractor: RuleExtractor) -> None:
    text = "Columnist Miss Manners, who says the greeting is understandable, disagreed."
    doc = extractor.nlp(text)
    tagged = TaggedAttribution(source=(text.index("who"), text.index("who") + 3),
                               cue=(text.index("says"), text.index("says") + 4),
                               content=(text.index("the greeting"), text.index(", disagreed")), confidence=0.9,
                               sentence=0)
    [learned] = learned_from(extractor, doc, tagged)
    assert learned.speaker.text == "Columnist Miss Manners"


def test_loaders_extraction_a_tagged_source_is_who_speaks_without_the_clause_around_it(extractor: RuleExtractor) -> None:
    """The CRF's source spans run on into the clause around them: a dateline, an adverbial, a
    preposition or relative pronoun of the next clause, a relative clause. The speaker is the
    phrase of who speaks, as the rules' speakers are; a phrase with none of those stays whole."""
    def speaker(text: str, source: str) -> str:
        start = text.index(source)
        cue = text.index(" said ", start + len(source)) + 1
        tagged = TaggedAttribution(source=(start, start + len(source)), cue=(cue, cue + 4),
                                   content=(cue + 5, len(text) - 1), confidence=0.9, sentence=0)
        [found] = learned_from(extractor, extractor.nlp(text), tagged)
        return found.speaker.text

    assert speaker("More than three weeks later, U.S. President Barack Obama said the talks had failed.",
                   "More than three weeks later, U.S. President Barack Obama") == "U.S. President Barack Obama"
    assert speaker("Mr Nash later said the invoice was a joke.", "Mr Nash later") == "Mr Nash"
    assert speaker("BUENOS AIRES, Argentina (JTA) — Argentina's president said the law would be signed.",
                   "BUENOS AIRES, Argentina (JTA) — Argentina's president") == "Argentina's president"
    assert speaker("Mark Gurman, who writes for 9to5Mac, said the watch would ship in March.",
                   "Mark Gurman, who writes for 9to5Mac,") == "Mark Gurman"
    assert speaker("A spokesman for the ministry said the talks had failed.",
                   "A spokesman for the ministry") == "A spokesman for the ministry"
    # The day the parse runs into a name is no part of it; a name that holds a day keeps it.
    assert speaker("On Friday Yorkville Endoscopy said Dr. Cohen had left.", "Friday Yorkville Endoscopy") == "Yorkville Endoscopy"
    assert speaker("The Sunday Times said the talks had failed.", "The Sunday Times") == "The Sunday Times"


def test_loaders_extraction_the_one_a_paper_quotes_speaks(extractor: RuleExtractor) -> None:
    text = ("Abdul Rahman Al Fahd spoke to the paper. "
            "\"We will soon enforce rules that will satisfy all passengers,\" Saudi daily Ajel quoted him as saying.")
    assert [(s.speaker.name, s.claim.text) for s in extract(extractor, text)] == [
        ("Abdul Rahman Al Fahd", "We will soon enforce rules that will satisfy all passengers")]
