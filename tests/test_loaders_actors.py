"""Canonical actors: mentions as news writes them -> one actor with a stable id, kind, aliases
and PART_OF links. No database: sentences and files written for the test."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimgraph.graph.types import Actor, ActorRef, PartOf
from claimgraph.loaders.actors import ActorResolver, canonical_actor, load_alias_file, load_lexicon, state_of
from claimgraph.loaders.prepare import prepare_articles
from claimgraph.loaders.statements import read_statements


def ids(*mentions: str, hint: str | None = None) -> set[str]:
    return {canonical_actor(m, hint).actor.id for m in mentions}


def links(actor: Actor) -> list[tuple[str, str | None]]:
    return [(link.actor_id, link.role) for link in actor.part_of]


def test_loaders_actors_lexicons_load_and_agree() -> None:
    lexicon = load_lexicon()
    # Every PART_OF of the gazetteer leads to an actor the lexicons know.
    for actor in lexicon.gazetteer.values():
        assert all(lexicon.actor_by_id(link.actor_id) for link in actor.part_of), actor.id
    assert lexicon.adjectives["RUS"] == "Russian" and lexicon.adjectives["AZE"] == "Azerbaijani"


def test_loaders_actors_country_by_name_demonym_and_capital() -> None:
    assert ids("Turkey", "Türkiye", "Turkiye", "Turkish", "the Republic of Turkey", "Ankara", "Turkey's") == {"country:tur"}
    assert ids("Russian", "Moscow", "the Russian Federation") == {"country:rus"}
    assert ids("Azerbaijani", "Azeri") == {"country:aze"}
    assert ids("American", "US", "U.S.", "the United States", "Washington") == {"country:usa"}
    assert ids("British", "UK", "Britain") == {"country:gbr"}
    turkish = canonical_actor("Turkish")
    assert (turkish.actor.name, turkish.actor.kind, turkish.parents) == ("Turkey", "country", ())
    assert "Turkish" in turkish.actor.aliases


def test_loaders_actors_foreign_ministry_variants_are_one_body_of_the_country() -> None:
    mentions = ["The Russian Foreign Ministry", "Russia's Foreign Ministry", "Russia’s Ministry of Foreign Affairs",
                "the Ministry of Foreign Affairs of Russia", "Russian Foreign Affairs Ministry",
                "the Ministry of Foreign Affairs of the Russian Federation"]
    for mention in mentions:
        found = canonical_actor(mention, "organization")
        assert found.actor.id == "country:rus/foreign-ministry", mention
        assert (found.actor.name, found.actor.kind) == ("Russian Foreign Ministry", "government_body")
        assert found.actor.part_of == [PartOf(actor_id="country:rus")]
        assert [p.id for p in found.parents] == ["country:rus"]
        assert mention in found.actor.aliases


def test_loaders_actors_defence_and_defense_fold() -> None:
    assert ids("Azerbaijan's Defense Ministry", "the Azerbaijani Defence Ministry", "Azerbaijan Ministry of Defense",
               "the Ministry of Defence of Azerbaijan") == {"country:aze/defense-ministry"}
    assert canonical_actor("Azerbaijan's Defense Ministry").actor.name == "Azerbaijani Defense Ministry"


def test_loaders_actors_bodies_with_their_own_names() -> None:
    assert ids("the Pentagon", "the US Defense Ministry", "the Department of Defense") == {"country:usa/defense-ministry"}
    assert ids("the State Department", "the U.S. State Department", "the US Foreign Ministry") == {"country:usa/foreign-ministry"}
    kremlin = canonical_actor("the Kremlin")
    assert (kremlin.actor.id, kremlin.actor.kind, links(kremlin.actor)) == ("country:rus/presidency", "government_body", [("country:rus", None)])
    assert ids("the US government", "the American government") == {"country:usa/government"}
    assert ids("the Turkish army", "the Turkish military", "Turkish armed forces", "Turkish troops") == {"country:tur/military"}
    fbi = canonical_actor("FBI")
    assert [p.id for p in fbi.parents] == ["country:usa/justice-ministry", "country:usa"]


def test_loaders_actors_embassy_is_one_body_per_place() -> None:
    embassy = canonical_actor("the Russian embassy in Ankara")
    assert (embassy.actor.id, embassy.actor.name) == ("country:rus/embassy-in-ankara", "Russian Embassy in Ankara")
    assert links(embassy.actor) == [("country:rus", None)]


def test_loaders_actors_department_is_part_of_its_ministry() -> None:
    found = canonical_actor("the Russian Foreign Ministry's information and press department")
    assert found.actor.id == "country:rus/foreign-ministry/information-and-press-department"
    assert found.actor.name == "Russian Foreign Ministry's information and press department"
    assert (found.actor.kind, links(found.actor)) == ("government_body", [("country:rus/foreign-ministry", None)])
    assert [p.id for p in found.parents] == ["country:rus/foreign-ministry", "country:rus"]
    # Both word orders are one unit.
    assert ids("the information and press department of the Russian Foreign Ministry") == {found.actor.id}


def test_loaders_actors_spokesman_of_a_party_is_a_person_part_of_it() -> None:
    found = canonical_actor("AKP spokesman Omar Celik", "person")
    assert (found.actor.id, found.actor.name, found.actor.kind) == ("omar-celik", "Omar Celik", "person")
    assert (found.role, links(found.actor)) == ("spokesman", [("akp", "spokesman")])
    assert [p.id for p in found.parents] == ["akp", "country:tur"]
    assert found.actor.aliases == ["AKP spokesman Omar Celik"]
    # The bare name is the same person.
    assert ids("Omar Celik") == {"omar-celik"}


def test_loaders_actors_state_roles_link_the_person_to_the_country() -> None:
    putin = canonical_actor("Russian President Vladimir Putin", "person")
    assert (putin.actor.id, links(putin.actor)) == ("vladimir-putin", [("country:rus", "president")])
    lavrov = canonical_actor("Foreign Minister Sergei Lavrov", "person")
    assert (lavrov.actor.id, lavrov.role, lavrov.actor.part_of) == ("sergei-lavrov", "foreign minister", [])
    # With a country, a minister belongs to the ministry the role names.
    lavrov = canonical_actor("Russian Foreign Minister Sergei Lavrov", "person")
    assert links(lavrov.actor) == [("country:rus/foreign-ministry", "foreign minister")]
    aliyev = canonical_actor("President of Azerbaijan Ilham Aliyev", "person")
    assert (aliyev.actor.id, links(aliyev.actor)) == ("ilham-aliyev", [("country:aze", "president")])
    deputy = canonical_actor("Deputy Attorney General Rod Rosenstein")
    assert (deputy.actor.name, deputy.role) == ("Rod Rosenstein", "deputy attorney general")
    zakharova = canonical_actor("Russian Foreign Ministry spokeswoman Maria Zakharova")
    assert links(zakharova.actor) == [("country:rus/foreign-ministry", "spokeswoman")]


def test_loaders_actors_state_of_is_the_country_an_actor_is_or_serves() -> None:
    states = {mention: state_of(canonical_actor(mention).actor) for mention in (
        "Russia", "Russian Defense Ministry", "Kremlin spokesman Dmitry Peskov", "Russian Foreign Minister Sergei Lavrov",
        "Russian opposition leader Alexei Navalny", "Ukrainian journalist Anna Ivanova", "IAEA")}
    assert states == {"Russia": "country:rus", "Russian Defense Ministry": "country:rus",
                      "Kremlin spokesman Dmitry Peskov": "country:rus",
                      "Russian Foreign Minister Sergei Lavrov": "country:rus",
                      "Russian opposition leader Alexei Navalny": None, "Ukrainian journalist Anna Ivanova": None,
                      "IAEA": None}


def test_loaders_actors_role_with_an_unknown_body_has_no_parent() -> None:
    found = canonical_actor("the airline's spokesman Abdullah Al-Ajhar", "person")
    assert (found.actor.id, found.actor.kind, found.role, found.actor.part_of, found.parents) == (
        "abdullah-al-ajhar", "person", "spokesman", [], ())
    appositive = canonical_actor("Mohamed Alhakim, Iraq's ambassador to the United Nations", "person")
    assert (appositive.actor.name, links(appositive.actor)) == ("Mohamed Alhakim", [("country:irq", "ambassador")])


def test_loaders_actors_nationality_is_not_an_affiliation() -> None:
    journalist = canonical_actor("Turkish journalist Ahmet Yilmaz", "person")
    assert (journalist.actor.id, journalist.role, journalist.actor.part_of) == ("ahmet-yilmaz", "journalist", [])
    sohr = canonical_actor("the Syrian Observatory for Human Rights", "organization")
    assert (sohr.actor.id, sohr.actor.kind, sohr.actor.part_of, sohr.parents) == (
        "syrian-observatory-for-human-rights", "organization", [], ())
    crescent = canonical_actor("the Turkish Red Crescent", "organization")
    assert (crescent.actor.id, crescent.actor.part_of) == ("turkish-red-crescent", [])


def test_loaders_actors_bare_role_stands_for_the_named_body() -> None:
    found = canonical_actor("a spokesman for the Russian Foreign Ministry")
    assert (found.actor.id, found.role, found.rule) == ("country:rus/foreign-ministry", "spokesman", "role_of_body")
    assert canonical_actor("Turkish officials").actor.id == "country:tur/government"
    # A fighter does not speak for the group: an unnamed member, PART_OF it.
    fighter = canonical_actor("An Isis fighter")
    assert (fighter.actor.id, fighter.actor.kind, fighter.rule) == ("isis-fighter", "person", "member_of_body")
    assert fighter.actor.part_of == [PartOf(actor_id="islamic-state", role="fighter")]
    plain = canonical_actor("a spokesman for the ministry")
    assert (plain.actor.id, plain.actor.name, plain.actor.kind, plain.rule) == (
        "spokesman-for-the-ministry", "spokesman for the ministry", "unknown", "unknown")


def test_loaders_actors_descriptors_are_dropped_and_the_mention_kept() -> None:
    found = canonical_actor("The London-based Syrian Observatory for Human Rights")
    assert (found.actor.id, found.actor.name) == ("syrian-observatory-for-human-rights", "Syrian Observatory for Human Rights")
    assert found.actor.aliases == ["The London-based Syrian Observatory for Human Rights"]


def test_loaders_actors_gazetteer_parties_organisations_media() -> None:
    assert ids("the UN", "U.N.", "the United Nations") == {"un"}
    assert ids("ISIS", "ISIL", "Daesh", "the Islamic State group") == {"islamic-state"}
    assert ids("the Justice and Development Party", "AKP", "AK Party") == {"akp"}
    assert (canonical_actor("Reuters").actor.kind, canonical_actor("the Taliban").actor.kind) == ("media", "armed_group")
    assert links(canonical_actor("UN Security Council").actor) == [("un", None)]


def test_loaders_actors_unknown_names_keep_the_slug_and_the_hint() -> None:
    assert canonical_actor("Saudi Arabian Airlines", "organization").actor.model_dump() == {
        "id": "saudi-arabian-airlines", "name": "Saudi Arabian Airlines", "kind": "organization", "aliases": [], "part_of": []}
    assert canonical_actor("Nagorno-Karabakh administration").actor.kind == "unknown"
    # An organisation hint keeps the person rule out: "General" is a role, "Motors" no name.
    assert canonical_actor("General Motors", "organization").actor.id == "general-motors"
    assert canonical_actor("UN General Assembly").actor.id == "un-general-assembly"


ALIASES_YAML = """\
- id: erdogan
  name: Recep Tayyip Erdogan
  kind: person
  aliases: [Erdogan, Erdoğan]
  part_of:
    - {actor_id: country:tur, role: president}
- id: akp
  name: AKP
  kind: party
  aliases: [Adalet ve Kalkınma Partisi]
  part_of: [country:tur:governing party]
- id: saudia
  name: Saudi Arabian Airlines
  kind: organization
  aliases: [Saudia, Saudi Airlines]
"""

ALIASES_CSV = """\
id,name,kind,aliases,part_of
erdogan,Recep Tayyip Erdogan,person,Erdogan|Erdoğan,country:tur:president
akp,AKP,party,Adalet ve Kalkınma Partisi,country:tur:governing party
saudia,Saudi Arabian Airlines,organization,Saudia|Saudi Airlines,
"""


@pytest.mark.parametrize("name, text", [("aliases.yaml", ALIASES_YAML), ("aliases.csv", ALIASES_CSV)])
def test_loaders_actors_alias_file_merges_names_and_adds_part_of(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    resolver = ActorResolver(alias_file=path)

    # Any alias resolves to the entry's id, and a rule's canonical name finds it too.
    for mention in ("Erdogan", "Erdoğan", "Recep Tayyip Erdogan", "Turkish President Recep Tayyip Erdogan"):
        ref, actor = resolver.resolve(ActorRef(name=mention, kind="person"))
        assert (ref.actor_id, ref.name, actor.kind) == ("erdogan", "Recep Tayyip Erdogan", "person"), mention
        assert links(actor) == [("country:tur", "president")]

    # It wins over the gazetteer: the file's link replaces the shipped one, names add up.
    _, akp = resolver.resolve(ActorRef(name="Adalet ve Kalkınma Partisi"))
    assert (akp.id, links(akp)) == ("akp", [("country:tur", "governing party")])
    assert {"Justice and Development Party", "Adalet ve Kalkınma Partisi"} <= set(akp.aliases)
    spokesman = resolver.canonical("AKP spokesman Omar Celik", "person")
    assert [(p.id, links(p)) for p in spokesman.parents] == [("akp", [("country:tur", "governing party")]), ("country:tur", [])]

    # A user name for an actor the rules would leave unknown.
    ref, _ = resolver.resolve(ActorRef(name="Saudi Airlines"))
    assert (ref.actor_id, ref.kind) == ("saudia", "organization")
    assert resolver.canonical("a Saudia official").actor.id == "saudia"


def test_loaders_actors_alias_file_yaml_and_csv_read_alike(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(ALIASES_YAML, encoding="utf-8")
    (tmp_path / "a.csv").write_text(ALIASES_CSV, encoding="utf-8")
    assert load_alias_file(tmp_path / "a.yaml") == load_alias_file(tmp_path / "a.csv")


@pytest.mark.parametrize("name, text, message", [
    ("a.csv", "id,name,kind\nakp,AKP,party\nchp,,party\n", "{path}:3: name: Field required"),
    ("a.csv", "id,name,kind\nakp,AKP,party\nakp,AKP2,party\n", "{path}:3: id: 'akp' is also declared at {path}:2"),
    ("a.csv", "id,name,kind\nakp,AKP,bloc\n",
     "{path}:2: kind: Input should be 'country', 'government_body', 'party', 'organization', 'armed_group', 'media', 'person' or 'unknown'"),
    ("a.csv", "id,name,part_of\nx,X,akp|:spokesman\n", "{path}:2: part_of[1].actor_id: String should have at least 1 character"),
    # Names are compared as the resolver compares them: case does not count.
    ("a.csv", "id,name,aliases\nx,X,Sultan\ny,Y,sultan\n", "{path}:3: aliases: 'sultan' also names 'x' at {path}:2"),
    ("a.csv", "name,kind\nX,party\n", "{path}:1: id: the header has no 'id' column (columns: id, name, kind, aliases, part_of)"),
    ("a.csv", "id,name\nx,X,extra\n", "{path}:2: 3 cells for 2 columns"),
    ("a.yaml", "- id: x\n  name: X\n- id: y\n  name: Y\n  role: spokesman\n",
     "{path}: entry 2 (line 3): role: not a field of an actor (fields: id, name, kind, aliases, part_of)"),
    ("a.yaml", "- id: x\n  name: X\n  part_of: [{actor_id: akp, role: [1]}]\n",
     "{path}: entry 1 (line 1): part_of[0].role: Input should be a valid string"),
    ("a.yaml", "id: x\n", "{path}: expected a list of actors, got dict"),
    ("a.yaml", "- id: x\n  name: [unclosed\n", "{path}: not valid YAML (line 3)"),
    ("a.txt", "x", "{path}: an alias file is .yaml, .yml or .csv, not '.txt'"),
])
def test_loaders_actors_bad_alias_file_names_file_line_and_field(tmp_path: Path, name: str, text: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError) as error:
        load_alias_file(path)
    assert str(error.value).startswith(message.format(path=path))
    with pytest.raises(ValueError):
        ActorResolver(alias_file=path)


def test_loaders_actors_resolver_gives_canonical_names_and_knows_parents() -> None:
    resolver = ActorResolver()
    ref, actor = resolver.resolve(ActorRef(name="Russia's Foreign Ministry", text="Russia's Foreign Ministry", start=0, end=25))
    assert (ref.actor_id, ref.kind, ref.name, ref.text) == (
        "country:rus/foreign-ministry", "government_body", "Russian Foreign Ministry", "Russia's Foreign Ministry")
    assert actor.aliases == ["Russia's Foreign Ministry"]
    ref, person = resolver.resolve(ActorRef(name="Russian Foreign Ministry spokeswoman Maria Zakharova", kind="person"))
    assert (ref.actor_id, ref.name) == ("maria-zakharova", "Maria Zakharova")
    # Every parent met on the way is known, so the loader can write it.
    assert resolver.known("country:rus/foreign-ministry").name == "Russian Foreign Ministry"
    assert resolver.known("country:rus").name == "Russia"
    unit = resolver.canonical("the Russian Foreign Ministry's information and press department")
    assert resolver.known(unit.actor.id) is not None
    # A reference that carries its id keeps its name, as before.
    ref, _ = resolver.resolve(ActorRef(name="RUSSIA", actor_id="country:rus"))
    assert (ref.name, ref.kind) == ("RUSSIA", "country")


def test_loaders_actors_declared_actor_wins_by_id_and_by_canonical_name() -> None:
    declared = {
        "russian-foreign-ministry": Actor(id="russian-foreign-ministry", name="Russian Foreign Ministry", kind="government_body",
                                          part_of=[PartOf(actor_id="country:rus", role="foreign ministry")]),
        "akp": Actor(id="akp", name="AKP", kind="party", part_of=[PartOf(actor_id="country:tur", role="governing party")]),
    }
    resolver = ActorResolver(declared=declared)
    _, ministry = resolver.resolve(ActorRef(name="the Ministry of Foreign Affairs of Russia"))
    assert (ministry.id, links(ministry)) == ("russian-foreign-ministry", [("country:rus", "foreign ministry")])
    _, akp = resolver.resolve(ActorRef(name="Justice and Development Party"))
    assert (akp.id, links(akp)) == ("akp", [("country:tur", "governing party")])


def test_loaders_actors_prepare_writes_the_parents(tmp_path: Path) -> None:
    text = "AKP spokesman Omar Celik denied it. Azerbaijan's Defense Ministry said so."
    lines = [
        {"article": {"id": "a", "text": text}},
        {"article_id": "a", "relation": "DENIES", "speaker": {"name": "AKP spokesman Omar Celik", "kind": "person", "start": 0, "end": 24},
         "claim": {"text": "it"}},
        {"article_id": "a", "relation": "REPORTS", "speaker": {"name": "Azerbaijan's Defense Ministry", "start": 36, "end": 65},
         "claim": {"text": "so"}},
        {"article_id": "a", "relation": "REPORTS", "speaker": {"name": "Omar Celik"}, "claim": {"text": "more"}},
    ]
    path = tmp_path / "s.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    parsed = read_statements([path])
    [article] = prepare_articles(parsed)
    assert [str(p) for p in parsed.problems] == []
    actors = {actor.id: actor for actor in article.actors}
    assert set(actors) == {"omar-celik", "akp", "country:tur", "country:aze/defense-ministry", "country:aze"}
    assert links(actors["omar-celik"]) == [("akp", "spokesman")]
    speakers = [(s.speaker.actor_id, s.speaker.name, s.speaker.text) for s in article.statements]
    assert speakers == [("omar-celik", "Omar Celik", "AKP spokesman Omar Celik"),
                        ("country:aze/defense-ministry", "Azerbaijani Defense Ministry", "Azerbaijan's Defense Ministry"),
                        ("omar-celik", "Omar Celik", None)]


MENTIONS = ["Turkish", "Russia's Ministry of Foreign Affairs", "AKP spokesman Omar Celik", "the Kremlin",
            "The London-based Syrian Observatory for Human Rights", "Some Unknown Group", "Россия"]


def test_loaders_actors_same_mention_same_id_across_runs() -> None:
    here = [canonical_actor(m).actor.model_dump() for m in MENTIONS]
    assert here == [canonical_actor(m).actor.model_dump() for m in MENTIONS]
    assert [ActorResolver().resolve(ActorRef(name=m))[0].actor_id for m in MENTIONS] == [a["id"] for a in here]
    # Another interpreter, another hash seed: the same ids.
    script = ("import json, sys; from claimgraph.loaders.actors import canonical_actor; "
              "print(json.dumps([canonical_actor(m).actor.model_dump() for m in json.loads(sys.argv[1])]))")
    run = subprocess.run([sys.executable, "-c", script, json.dumps(MENTIONS)], capture_output=True, text=True, check=True,
                         env={"PYTHONHASHSEED": "12345", "PATH": ""})
    assert json.loads(run.stdout) == here
    # A name with no ASCII letters still gets an id, the same each time.
    assert here[-1]["id"].startswith("actor-")


def test_loaders_actors_a_country_hint_for_an_unknown_name_is_not_trusted() -> None:
    # The tagger calls "Saudi Arabian Airlines" a place; only the gazetteer makes countries.
    assert canonical_actor("Saudi Arabian Airlines", "country").actor.kind == "unknown"
    assert canonical_actor("Türkiye", "country").actor.id == "country:tur"
