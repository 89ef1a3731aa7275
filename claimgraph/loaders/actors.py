"""Actor ids: one canonical actor, with a stable id, a kind and its place in a hierarchy, for
each way the news names it.

An extractor hands over mentions as written ("AKP spokesman Omar Celik", "the Ministry of
Foreign Affairs of Azerbaijan", "Turkish", "The London-based Syrian Observatory for Human
Rights"). ``canonical_actor`` turns one mention into a ``CanonicalActor``: the actor, the bodies
above it (ministry -> country) and the role it holds there. ``ActorResolver`` does this for the
loaders, with the actors an input declares and a user alias file on top.

The rules, tried in this order on the mention without leading articles and descriptors
("the", "London-based"):

1. A known name: a user alias or declared actor, a country (name, alias, demonym such as
   "Turkish", or a capital used for its government such as "Moscow"), or an actor of the
   shipped gazetteer (parties, international organisations, armed groups, media, government
   bodies with a name of their own such as "the Pentagon").
2. A government body: a country or demonym with a government word ("the Russian Foreign
   Ministry", "Russia's Ministry of Foreign Affairs", "the Ministry of Foreign Affairs of
   Russia", "the Turkish army"). Synonyms are folded, so all three ministries are
   ``country:rus/foreign-ministry``, PART_OF ``country:rus``.
3. A unit of a known body: "the Russian Foreign Ministry's information and press department"
   is its own government body, PART_OF the ministry.
4. A person with a role: "[affiliation] role Name" ("AKP spokesman Omar Celik", "Russian
   President Vladimir Putin", "President of Azerbaijan Ilham Aliyev") or "Name, role" and
   "role, Name". The person is PART_OF the affiliation in that role when the affiliation is a
   known actor; a country counts only for a state role (president, minister, ambassador ...),
   because a nationality is not an affiliation ("Turkish journalist X" is not PART_OF Turkey).
   An affiliation no rule knows ("the airline's", "NHL") gives no parent: no actor is made up
   for it. With a person hint, words outside the role lexicon can be the role ("Panthers
   goalie Roberto Luongo"); with a non-person hint the rule is not tried.
5. A role without a name ("a spokesman for the Russian Foreign Ministry", "Turkish officials")
   stands for the known body it names.
6. Anything else keeps its name: its id is the slug of the name, its kind the hint. A body
   named without its country ("the Foreign Ministry") is one of these: which country's it is,
   the article says, not the mention.

A nationality word inside an organisation's own name is not an affiliation: "Syrian
Observatory for Human Rights" and "Turkish Red Crescent" match no rule above and stay
organisations of their own, PART_OF nothing.

Ids:

- countries ``country:<iso3>`` (``country:tur``);
- government bodies ``country:<iso3>/<body>`` (``country:rus/foreign-ministry``,
  ``country:usa/defense-ministry`` for the Pentagon, ``country:rus/embassy-in-ankara``);
- units of a body ``<body id>/<slug of the unit>``;
- gazetteer actors the id in ``data/actors.tsv`` (``akp``, ``un``, ``islamic-state``);
- persons and every other actor the slug of the canonical name (``omar-celik``), the id an
  unknown name always had, so "Omar Celik" and "AKP spokesman Omar Celik" are one actor.

The lexicons are data files in ``data/`` (see its README): ``demonyms.tsv``,
``government_bodies.tsv``, ``roles.tsv``, ``actors.tsv`` and small word lists.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, get_args

import yaml
from pydantic import ValidationError

from claimgraph.graph.types import Actor, ActorKind, ActorRef, PartOf, normalize_claim_text, slugify, stable_id

ACTOR_KINDS: frozenset[str] = frozenset(get_args(ActorKind))
# A hint of one of these kinds comes from NER seeing an organisation or a place: the person rule
# is not tried, since "General Motors" is exactly what it would misread.
_NOT_PERSON_KINDS = ACTOR_KINDS - {"person", "unknown"}
# Capitalised function words are never part of a person's name ("Reporters Without Borders").
_FUNCTION_WORDS = frozenset({"of", "for", "the", "and", "without", "with", "in", "on", "at", "to", "from", "against", "by", "&"})
# "a spokesman for the ministry", "the head of the AKP": what follows a bare role names its body
# ("ambassador to the UN" does not: the UN is where, not whose).
_ROLE_PREPOSITIONS = frozenset({"of", "for", "at"})
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "`": "'", "“": '"', "”": '"', "„": '"', "‟": '"'})
# Characters web text carries that show nothing: a soft hyphen ("77-year-old \xadcomedian"), zero-
# width spaces and joiners, a byte-order mark. A name keeps none of them.
_INVISIBLE = str.maketrans(dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_COUNTRY_BODY_ID = re.compile(r"country:([a-z]{3})/([a-z0-9-]+)")


def visible(text: str) -> str:
    """The text without the characters that show nothing."""
    return text.translate(_INVISIBLE)


def country_id(iso3: str) -> str:
    """The actor id of a country: ``country:<alpha-3 in lower case>``."""
    return f"country:{iso3.lower()}"


def name_key(name: str) -> str:
    """The form of a name that decides whether two names are the same: case, quote style,
    accents, spacing and closing punctuation do not count ("Türkiye" = "turkiye")."""
    folded = unicodedata.normalize("NFKD", normalize_claim_text(name))
    return "".join(c for c in folded if not unicodedata.combining(c))


def _data_rows(filename: str) -> Iterator[tuple[int, list[str]]]:
    """The rows of a tab-separated data file with their line numbers, comments left out."""
    with resources.files("claimgraph.loaders").joinpath(f"data/{filename}").open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if line.strip() and not line.startswith("#"):
                yield number, line.rstrip("\n").split("\t")


# Roles whose holder speaks for the body: their words are the body's.
SPEAKING_ROLES = frozenset({"spokesman", "spokeswoman", "spokesperson", "press secretary", "official", "representative"})


def _data_words(filename: str) -> frozenset[str]:
    return frozenset(row[0].strip().lower() for _, row in _data_rows(filename))


def _split_list(cell: str) -> list[str]:
    return [item.strip() for item in cell.split("|") if item.strip()]


@cache
def load_countries() -> dict[str, Actor]:
    """The country gazetteer, keyed by ISO 3166-1 alpha-3 code (upper case)."""
    return {
        iso3: Actor(id=country_id(iso3), name=name, kind="country", aliases=_split_list(aliases))
        for _, (iso3, name, aliases) in _data_rows("countries.tsv")
    }


def country_by_id(actor_id: str) -> Actor | None:
    """The country with this actor id (``country:aze``), if it is one."""
    if not actor_id.startswith("country:"):
        return None
    return load_countries().get(actor_id.removeprefix("country:").upper())


def state_of(actor: Actor) -> str | None:
    """The id of the country whose state an actor is or serves: the country itself, a
    government body of it ("country:rus/defense-ministry"), or someone PART_OF one ("Kremlin
    spokesman Dmitry Peskov"); None for anyone else (a journalist, an opposition leader, a
    company)."""
    for actor_id in (actor.id, *(link.actor_id for link in actor.part_of)):
        if actor_id.startswith("country:"):
            return actor_id.split("/")[0]
    return None


# --- The lexicons ---------------------------------------------------------------------------


@dataclass(frozen=True)
class BodyTerm:
    """A kind of government body ("foreign-ministry") and the words that name it."""

    key: str
    name: str
    parent: str | None
    by_place: bool


@dataclass(frozen=True)
class RoleTerm:
    """A role a person holds ("foreign minister"); ``state`` says whether a country before it
    makes the holder part of that country's state, ``body`` in which of its bodies."""

    name: str
    state: bool
    body: str | None


@dataclass(frozen=True)
class Lexicon:
    """Everything the rules know, read once from ``data/``."""

    countries: dict[str, Actor]
    country_names: dict[str, str]  # name key -> ISO alpha-3, from names, aliases, demonyms, capitals
    adjectives: dict[str, str]  # ISO alpha-3 -> the word used in bodies' names ("Russian")
    bodies: dict[str, BodyTerm]  # name key of a synonym -> term
    body_by_key: dict[str, BodyTerm]
    roles: dict[str, RoleTerm]  # name key of a variant -> role
    role_words: int  # the most words a role variant has
    role_starts: frozenset[str]  # first words of role variants
    modifiers: frozenset[str]
    descriptors: frozenset[str]
    particles: frozenset[str]
    org_nouns: frozenset[str]
    gazetteer: dict[str, Actor]
    gazetteer_names: dict[str, str]  # name key -> gazetteer id

    def body_actor(self, iso3: str, key: str, place: str | None = None) -> Actor:
        """The government body ``key`` of a country: its gazetteer entry when it has a name of
        its own (the Pentagon), else "<adjective> <body>" ("Russian Foreign Ministry")."""
        term = self.body_by_key[key]
        actor_id = f"{country_id(iso3)}/{key}" + (f"-in-{slugify(place)}" if place else "")
        if actor_id in self.gazetteer:
            return self.gazetteer[actor_id]
        parent = f"{country_id(iso3)}/{term.parent}" if term.parent else country_id(iso3)
        return Actor(
            id=actor_id,
            name=f"{self.adjectives.get(iso3, self.countries[iso3].name)} {term.name}" + (f" in {place}" if place else ""),
            kind="government_body",
            part_of=[PartOf(actor_id=parent)],
        )

    def actor_by_id(self, actor_id: str) -> Actor | None:
        """A country, gazetteer actor or government body (``country:rus/foreign-ministry``) by id."""
        if actor_id in self.gazetteer:
            return self.gazetteer[actor_id]
        country = country_by_id(actor_id)
        if country is not None:
            return country
        match = _COUNTRY_BODY_ID.fullmatch(actor_id)
        if match and match[1].upper() in self.countries and match[2] in self.body_by_key:
            return self.body_actor(match[1].upper(), match[2])
        return None


def _add_name(names: dict[str, str], name: str, value: str, where: str) -> None:
    key = name_key(name)
    if names.setdefault(key, value) != value:
        raise ValueError(f"{where}: '{name}' names both {names[key]} and {value}")


@cache
def load_lexicon() -> Lexicon:
    """The lexicons in ``data/``, checked: a name that names two actors is an error."""
    countries = load_countries()
    country_names: dict[str, str] = {}
    for iso3, country in countries.items():
        for name in (country.name, *country.aliases):
            _add_name(country_names, name, iso3, "countries.tsv")
    adjectives = {}
    for number, (iso3, demonyms, capitals) in _data_rows("demonyms.tsv"):
        if iso3 not in countries:
            raise ValueError(f"demonyms.tsv:{number}: '{iso3}' is not in countries.tsv")
        words = _split_list(demonyms)
        adjectives[iso3] = words[0]
        for name in words + _split_list(capitals):
            _add_name(country_names, name, iso3, f"demonyms.tsv:{number}")

    bodies: dict[str, BodyTerm] = {}
    body_by_key: dict[str, BodyTerm] = {}
    for number, (key, name, synonyms, parent, by_place) in _data_rows("government_bodies.tsv"):
        term = body_by_key[key] = BodyTerm(key, name, parent or None, by_place == "yes")
        for synonym in (name, *_split_list(synonyms)):
            if bodies.setdefault(name_key(synonym), term) != term:
                raise ValueError(f"government_bodies.tsv:{number}: '{synonym}' is also {bodies[name_key(synonym)].key}")

    roles: dict[str, RoleTerm] = {}
    for number, (role, variants, state, body) in _data_rows("roles.tsv"):
        if body and body not in body_by_key:
            raise ValueError(f"roles.tsv:{number}: body '{body}' is not in government_bodies.tsv")
        term = RoleTerm(role, state == "yes", body or None)
        for variant in (role, *_split_list(variants)):
            if roles.setdefault(name_key(variant), term) != term:
                raise ValueError(f"roles.tsv:{number}: '{variant}' is also {roles[name_key(variant)].name}")

    gazetteer: dict[str, Actor] = {}
    gazetteer_names: dict[str, str] = {}
    for number, row in _data_rows("actors.tsv"):
        actor = _actor_from_cells(dict(zip(("id", "name", "kind", "aliases", "part_of"), row)), f"actors.tsv:{number}")
        gazetteer[actor.id] = actor
        for name in (actor.name, *actor.aliases):
            if name_key(name) in country_names:
                raise ValueError(f"actors.tsv:{number}: '{name}' is a country's name")
            _add_name(gazetteer_names, name, actor.id, f"actors.tsv:{number}")

    return Lexicon(
        countries=countries,
        country_names=country_names,
        adjectives=adjectives,
        bodies=bodies,
        body_by_key=body_by_key,
        roles=roles,
        role_words=max(len(key.split()) for key in roles),
        role_starts=frozenset(key.split()[0] for key in roles),
        modifiers=_data_words("role_modifiers.txt"),
        descriptors=_data_words("descriptors.txt"),
        particles=_data_words("name_particles.txt"),
        org_nouns=_data_words("org_nouns.txt"),
        gazetteer=gazetteer,
        gazetteer_names=gazetteer_names,
    )


def actor_by_id(actor_id: str) -> Actor | None:
    """A country, shipped gazetteer actor or government body by id, if the lexicons know it."""
    return load_lexicon().actor_by_id(actor_id)


# --- User alias files -----------------------------------------------------------------------

ALIAS_FIELDS = ("id", "name", "kind", "aliases", "part_of")


def _part_of_item(item: str) -> dict[str, str | None]:
    """``actor_id`` or ``actor_id:role``. The role follows the last colon, except after a
    ``country:`` id with no other colon; an id with colons of its own ends in ``:`` or ``:role``."""
    item = item.strip()
    country = re.fullmatch(r"(country:[a-z]{3}(?:/[^:\s]+)?)(?::(.*))?", item, re.IGNORECASE)
    if country:
        actor_id, role = country[1], country[2]
    elif ":" in item:
        actor_id, _, role = item.rpartition(":")
    else:
        actor_id, role = item, None
    return {"actor_id": actor_id.strip(), "role": role.strip() if role and role.strip() else None}


def _as_list(value: Any) -> Any:
    """A ``|``-separated cell as a list; lists and anything else as they are (pydantic judges)."""
    if value is None:
        return []
    return _split_list(value) if isinstance(value, str) else value


def _field_path(location: tuple[int | str, ...]) -> str:
    path = ""
    for part in location:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def _actor_from_cells(entry: Mapping[str, Any], where: str) -> Actor:
    """An actor from an alias entry (YAML mapping or CSV/TSV row), or a ``ValueError`` naming
    ``where`` and the field."""
    unknown = sorted(set(entry) - set(ALIAS_FIELDS))
    if unknown:
        raise ValueError(f"{where}: {unknown[0]}: not a field of an actor (fields: {', '.join(ALIAS_FIELDS)})")
    data = {key: value for key, value in entry.items() if value not in (None, "")}
    data["aliases"] = _as_list(data.get("aliases"))
    part_of = _as_list(data.get("part_of"))
    if isinstance(part_of, list):
        part_of = [_part_of_item(item) if isinstance(item, str) else item for item in part_of]
    data["part_of"] = part_of
    try:
        return Actor.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        raise ValueError(f"{where}: {_field_path(first['loc']) or 'entry'}: {first['msg']}") from None


def _yaml_entries(path: Path, text: str) -> Iterator[tuple[str, Any]]:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" (line {mark.line + 1})" if mark is not None else ""
        raise ValueError(f"{path}: not valid YAML{line}: {getattr(error, 'problem', None) or error}") from None
    if data is None:
        return
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        raise ValueError(f"{path}: expected a list of actors, got {type(data).__name__}")
    for number, (item_node, item) in enumerate(zip(node.value, data), start=1):
        where = f"{path}: entry {number} (line {item_node.start_mark.line + 1})"
        if not isinstance(item, dict):
            raise ValueError(f"{where}: expected a mapping with {', '.join(ALIAS_FIELDS)}, got {type(item).__name__}")
        yield where, item


def _csv_entries(path: Path, text: str) -> Iterator[tuple[str, Any]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    for column in ("id", "name"):
        if column not in header:
            raise ValueError(f"{path}:1: {column}: the header has no '{column}' column (columns: {', '.join(ALIAS_FIELDS)})")
    for row in reader:
        where = f"{path}:{reader.line_num}"
        if None in row:
            raise ValueError(f"{where}: {len(header) + len(row[None])} cells for {len(header)} columns")
        if not any((cell or "").strip() for cell in row.values()) or (row.get("id") or "").startswith("#"):
            continue
        yield where, {key: (value.strip() if isinstance(value, str) else value) for key, value in row.items()}


def load_alias_file(path: Path) -> list[Actor]:
    """Actors from a user alias file: YAML (``.yaml``/``.yml``) or CSV (``.csv``).

    Each entry has ``id``, ``name``, optional ``kind`` (default ``unknown``), ``aliases`` and
    ``part_of``. YAML: a list of mappings; ``aliases`` a list of names, ``part_of`` a list of
    ``{actor_id, role}`` mappings or ``actor_id[:role]`` strings. CSV: a header with the columns
    ``id,name,kind,aliases,part_of``; lists separated by ``|``, ``part_of`` items
    ``actor_id`` or ``actor_id:role``.

    Example:
        A CSV file with the line ``erdogan,Recep Tayyip Erdogan,person,Erdogan|Erdoğan,country:tur:president``
        under its header gives::

            Actor(id="erdogan", name="Recep Tayyip Erdogan", kind="person", aliases=["Erdogan", "Erdoğan"],
                  part_of=[PartOf(actor_id="country:tur", role="president")])

    Args:
        path: the file.

    Returns:
        The actors, in file order.

    Raises:
        ValueError: the file cannot be read, or an entry is malformed; the message names the
            file, the line or entry, and the field.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(f"{path}: not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise ValueError(f"{path}: cannot read the alias file: {error.strerror}") from None
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        entries = _yaml_entries(path, text)
    elif suffix == ".csv":
        entries = _csv_entries(path, text)
    else:
        raise ValueError(f"{path}: an alias file is .yaml, .yml or .csv, not '{suffix or path.name}'")

    actors: list[Actor] = []
    seen_ids: dict[str, str] = {}
    seen_names: dict[str, tuple[str, str]] = {}
    for where, entry in entries:
        actor = _actor_from_cells(entry, where)
        if actor.id in seen_ids:
            raise ValueError(f"{where}: id: '{actor.id}' is also declared at {seen_ids[actor.id]}")
        seen_ids[actor.id] = where
        for name in (actor.name, *actor.aliases):
            other = seen_names.setdefault(name_key(name), (actor.id, where))
            if other[0] != actor.id:
                raise ValueError(f"{where}: aliases: '{name}' also names '{other[0]}' at {other[1]}")
        actors.append(actor)
    return actors


def merge_actor(base: Actor, over: Actor) -> Actor:
    """``over`` laid on ``base`` (same id): its name and kind win, names and PART_OF links add
    up; a link of ``over`` to a parent replaces ``base``'s link to that parent."""
    names = [over.name, *over.aliases, base.name, *base.aliases]
    return over.model_copy(update={
        "kind": over.kind if over.kind != "unknown" else base.kind,
        "aliases": [n for n in dict.fromkeys(names) if n != over.name],
        "part_of": over.part_of + [p for p in base.part_of if p.actor_id not in {q.actor_id for q in over.part_of}],
    })


# --- Canonical actors -----------------------------------------------------------------------


@dataclass(frozen=True)
class CanonicalActor:
    """What a mention names.

    Attributes:
        actor: the canonical actor; the mention is among its aliases when it differs from the name.
        parents: every actor above it through PART_OF, nearest first (ministry, then country).
        role: the role the mention gives ("spokesman"), also when it names no parent.
        rule: which rule decided: ``known``, ``government_body``, ``unit``, ``person``,
            ``role_of_body``, ``member_of_body`` or ``unknown``.
    """

    actor: Actor
    parents: tuple[Actor, ...] = ()
    role: str | None = None
    rule: str = "unknown"


def _clean(mention: str) -> str:
    """The mention with straight quotes, single spaces and no surrounding punctuation."""
    text = re.sub(r"\s+", " ", visible(unicodedata.normalize("NFKC", mention)).translate(_QUOTES)).strip()
    text = text.strip(" \"“”()[]{},;:!?").lstrip("'")
    # A closing full stop is not part of the name, unless it ends an abbreviation ("U.S.").
    if text.endswith(".") and not re.search(r"(?:^|[\s.])[A-Za-z]\.$", text):
        text = text[:-1]
    return text


def _without_possessive(word: str) -> str:
    return re.sub(r"(?:'s|(?<=s)')$", "", word)


class _Rules:
    """The rules of ``canonical_actor`` over one lexicon and one set of user names."""

    def __init__(self, lexicon: Lexicon, names: Mapping[str, Actor], ids: Mapping[str, Actor]) -> None:
        self.lex = lexicon
        self.names = names
        self.ids = ids

    # Lookups ------------------------------------------------------------------------------

    def by_id(self, actor_id: str) -> Actor | None:
        return self.ids.get(actor_id) or self.lex.actor_by_id(actor_id)

    def override(self, actor: Actor) -> Actor:
        """The user's actor with this id, when there is one (it wins, keeping new links)."""
        user = self.ids.get(actor.id)
        return merge_actor(actor, user) if user is not None and user is not actor else actor

    def parents_of(self, actor: Actor) -> tuple[Actor, ...]:
        """Every actor above ``actor`` that the lexicons or the user know, nearest first."""
        found: dict[str, Actor] = {}
        todo = [link.actor_id for link in actor.part_of]
        while todo:
            parent_id = todo.pop(0)
            parent = self.by_id(parent_id)
            if parent is None or parent_id in found or parent_id == actor.id:
                continue
            found[parent_id] = parent
            todo.extend(link.actor_id for link in parent.part_of)
        return tuple(found.values())

    def strip_descriptors(self, words: list[str]) -> list[str]:
        """Drop leading articles and descriptors ("the", "London-based"); "the coach" keeps "coach"."""
        while len(words) > 1:
            word = words[0].lower()
            if word in self.lex.descriptors or any(
                d.startswith("*") and word.endswith(d[1:]) and len(word) > len(d) for d in self.lex.descriptors
            ):
                words = words[1:]
            else:
                break
        return words

    def known(self, words: list[str]) -> Actor | None:
        """The user actor, country or gazetteer actor these words name (rule 1)."""
        words = self.strip_descriptors(list(words))
        if not words:
            return None
        for text in dict.fromkeys((" ".join(words), " ".join([*words[:-1], _without_possessive(words[-1])]))):
            key = name_key(text)
            if key in self.names:
                return self.names[key]
            if key in self.lex.country_names:
                return self.override(self.lex.countries[self.lex.country_names[key]])
            if key in self.lex.gazetteer_names:
                return self.override(self.lex.gazetteer[self.lex.gazetteer_names[key]])
        return None

    def country_of(self, words: list[str]) -> str | None:
        """The ISO code of the country these words name ("Russia's", "the Russian Federation", "Turkish")."""
        found = self.known(words)
        return found.id.removeprefix("country:").upper() if found is not None and found.kind == "country" and country_by_id(found.id) else None

    def body_term(self, words: list[str]) -> tuple[BodyTerm, str | None] | None:
        """The government-body term these words are, with the place for "embassy in Ankara"."""
        term = self.lex.bodies.get(name_key(" ".join(words)))
        if term is not None:
            return term, None
        for end in range(1, len(words) - 1):
            term = self.lex.bodies.get(name_key(" ".join(words[:end])))
            if term is not None and term.by_place and words[end].lower() in ("in", "to"):
                place = " ".join(self.strip_descriptors(words[end + 1 :]))
                return (term, place) if place else None
        return None

    # Rules --------------------------------------------------------------------------------

    def government_body(self, words: list[str]) -> CanonicalActor | None:
        """Rule 2: "<country> <body>" or "<body> of <country>"."""
        for split in range(1, len(words)):
            iso3 = self.country_of(words[:split])
            found = self.body_term(words[split:]) if iso3 else None
            if found:
                return self.body(iso3, *found)
        for index, word in enumerate(words):
            if word.lower() == "of" and 0 < index < len(words) - 1:
                found = self.body_term(words[:index])
                iso3 = self.country_of(words[index + 1 :]) if found else None
                if iso3:
                    return self.body(iso3, *found)
        return None

    def body(self, iso3: str, term: BodyTerm, place: str | None) -> CanonicalActor:
        actor = self.override(self.lex.body_actor(iso3, term.key, place))
        return CanonicalActor(actor, self.parents_of(actor), rule="government_body")

    def owner(self, words: list[str]) -> CanonicalActor | None:
        """A known actor other than a country, named by these words (rules 1-3)."""
        words = self.strip_descriptors(list(words))
        found = self.known(words)
        if found is not None:
            return None if found.kind == "country" else CanonicalActor(found, self.parents_of(found), rule="known")
        return self.government_body(words) or self.unit(words)

    def unit(self, words: list[str]) -> CanonicalActor | None:
        """Rule 3: "<known body>'s <... department>" or "<... department> of <known body>"."""
        candidates = []
        for index in range(len(words) - 1, 0, -1):
            if words[index - 1] != _without_possessive(words[index - 1]):
                candidates.append((words[:index], words[index:]))
                break
        for index, word in enumerate(words):
            if word.lower() == "of" and 0 < index < len(words) - 1:
                candidates.append((words[index + 1 :], words[:index]))
        for owner_words, unit_words in candidates:
            if unit_words[-1].lower() not in self.lex.org_nouns:
                continue
            owner = self.owner([*owner_words[:-1], _without_possessive(owner_words[-1])])
            if owner is None:
                continue
            # A unit named in lower case is written in lower case, so both word orders give one name.
            proper = all(w[:1].isupper() or w.lower() in _FUNCTION_WORDS for w in unit_words)
            unit_name = " ".join(unit_words) if proper else " ".join(unit_words).lower()
            parent = owner.actor
            actor = self.override(Actor(
                id=f"{parent.id}/{slugify(unit_name) or stable_id('unit', unit_name)}",
                name=f"{parent.name}'s {unit_name}",
                kind=parent.kind if parent.kind in ("government_body", "media", "armed_group") else "organization",
                part_of=[PartOf(actor_id=parent.id)],
            ))
            return CanonicalActor(actor, (parent, *owner.parents), rule="unit")
        return None

    def is_name(self, words: list[str]) -> bool:
        """Whether these words can be a person's name: capitalised words (and particles such as
        "al" or "von"), not starting with a role word, not ending with an organisation noun."""
        if not 1 <= len(words) <= 6:
            return False
        first = words[0].lower()
        if first in self.lex.particles or first in self.lex.modifiers or first in self.lex.role_starts:
            return False
        if words[-1].lower().strip(".,") in self.lex.org_nouns:
            return False
        for word in words:
            lower = word.lower()
            if lower in _FUNCTION_WORDS or any(c.isdigit() for c in word):
                return False
            if not (word[:1].isupper() or lower in self.lex.particles or re.match(r"[a-z]{1,3}-[A-Z]", word)):
                return False
        return True

    def role_ending_at(self, words: list[str], end: int) -> tuple[int, RoleTerm] | None:
        """The longest role that ends just before ``words[end]``, and where it starts."""
        for start in range(max(0, end - self.lex.role_words), end):
            term = self.lex.roles.get(name_key(" ".join(words[start:end])))
            if term is not None:
                return start, term
        return None

    def said_role(self, words: list[str], start: int, term: RoleTerm) -> tuple[int, str]:
        """Where a role starts with its modifiers ("deputy", "former"), and the role as said
        ("deputy foreign minister")."""
        first = start
        while first > 0 and words[first - 1].lower() in self.lex.modifiers:
            first -= 1
        return first, " ".join([*(w.lower() for w in words[first:start]), term.name])

    @staticmethod
    def affiliation_words(words: list[str]) -> list[str]:
        return [*words[:-1], _without_possessive(words[-1])] if words else []

    def role_phrase(self, words: list[str]) -> tuple[str, RoleTerm, list[str]] | None:
        """A role without a name: "[affiliation] role [of/for/at affiliation]" -> the role as
        said, its term, and the words of the affiliation (may be empty)."""
        for start in range(len(words) - 1, -1, -1):
            for end in range(min(len(words), start + self.lex.role_words), start, -1):
                term = self.lex.roles.get(name_key(" ".join(words[start:end])))
                if term is None:
                    continue
                rest = words[end:]
                if rest and rest[0].lower() not in _FUNCTION_WORDS:
                    return None
                first, role = self.said_role(words, start, term)
                before = self.affiliation_words(words[:first])
                # "Iraq's ambassador to the UN" is Iraq's; "a spokesman for the ministry" the ministry's.
                return role, term, before or (rest[1:] if rest and rest[0].lower() in _ROLE_PREPOSITIONS else [])
        return None

    def affiliation(self, words: list[str], term: RoleTerm | None) -> CanonicalActor | None:
        """The known body a role holder belongs to. A country counts only for a state role,
        and then the role's body in it ("Russian foreign minister" -> the Foreign Ministry)."""
        words = self.strip_descriptors(list(words))
        if not words:
            return None
        iso3 = self.country_of(words)
        if iso3 is not None:
            if term is None or not term.state:
                return None  # a nationality, not an affiliation
            if term.body:
                return self.body(iso3, self.lex.body_by_key[term.body], None)
            country = self.override(self.lex.countries[iso3])
            return CanonicalActor(country, self.parents_of(country), rule="known")
        return self.owner(words)

    def person(self, name_words: list[str], role: str, term: RoleTerm | None, affiliation: list[str]) -> CanonicalActor:
        # "spokesman Lt. Col. James Sahady": the rank is no part of the name.
        name = " ".join(w.rstrip(",") for w in self.strip_descriptors(name_words))
        parent = self.affiliation(affiliation, term)
        actor = self.override(Actor(
            id=slugify(name) or stable_id("actor", name),
            name=name,
            kind="person",
            part_of=[PartOf(actor_id=parent.actor.id, role=role)] if parent else [],
        ))
        parents = (parent.actor, *parent.parents) if parent else self.parents_of(actor)
        return CanonicalActor(actor, parents, role=role, rule="person")

    def person_rule(self, words: list[str], hint: ActorKind | None) -> CanonicalActor | None:
        """Rule 4: a named person with a role."""
        text = " ".join(words)
        if "," in text:
            left, _, right = (part.strip() for part in text.partition(","))
            for name_part, role_part in ((left, right), (right, left)):
                name_words, role_words = name_part.split(), self.strip_descriptors(role_part.split())
                found = self.role_phrase(role_words) if self.is_name(name_words) and role_words else None
                if found:
                    return self.person(name_words, *found)
            return None
        names = [end for end in range(1, len(words)) if self.is_name(words[end:])]
        for end in names:
            found = self.role_ending_at(words, end)
            if found is not None:
                first, role = self.said_role(words, *found)
                return self.person(words[end:], role, found[1], self.affiliation_words(words[:first]))
            # "President of Azerbaijan Ilham Aliyev": a role, "of", and a known affiliation.
            for index in range(1, end - 1):
                found = self.role_ending_at(words, index) if words[index].lower() == "of" else None
                if found is not None and self.affiliation(words[index + 1 : end], found[1]) is not None:
                    first, role = self.said_role(words, *found)
                    return self.person(words[end:], role, found[1], words[index + 1 : end])
        if hint == "person":
            for end in names:
                found = self.described_person(words, end)
                if found is not None:
                    return found
        return None

    def described_person(self, words: list[str], end: int) -> CanonicalActor | None:
        """A person (so the NER said) after words that describe them but are not in the role
        lexicon: "Panthers goalie Roberto Luongo" -> Roberto Luongo, role "goalie"."""
        start = end
        while start > 0 and words[start - 1].islower() and words[start - 1] not in _FUNCTION_WORDS:
            start -= 1
        if start == end or words[end - 1] in self.lex.particles:
            return None
        return self.person(words[end:], " ".join(words[start:end]), None, self.affiliation_words(words[:start]))

    def role_of_body(self, words: list[str]) -> CanonicalActor | None:
        """Rule 5: a role without a name. A spokesperson stands for the known body it names ("a
        ministry spokesman" speaks for the ministry); any other member ("an Isis fighter") is
        an unnamed person PART_OF that body, whose words are not the body's."""
        found = self.role_phrase(words)
        if found is None:
            return None
        role, term, affiliation = found
        body = self.affiliation(affiliation, term)
        if body is None:
            return None
        if role in SPEAKING_ROLES:
            return CanonicalActor(body.actor, body.parents, role=role, rule="role_of_body")
        name = " ".join(words)
        member = self.override(Actor(id=slugify(name) or stable_id("actor", name), name=name, kind="person",
                                     part_of=[PartOf(actor_id=body.actor.id, role=role)]))
        return CanonicalActor(member, [body.actor, *body.parents], role=role, rule="member_of_body")

    def unknown(self, words: list[str], mention: str, hint: ActorKind | None) -> CanonicalActor:
        """Rule 6: the name without leading articles and descriptors; the slug is the id."""
        name = " ".join(words) or _clean(mention) or mention
        # A "country" hint for a name the gazetteer does not know is the tagger's guess (it tags
        # "Saudi Arabian Airlines" as a place): every real country is in the gazetteer.
        hint = None if hint == "country" else hint
        kind = hint or ("government_body" if name_key(name) in self.lex.bodies else "unknown")
        actor = self.override(Actor(id=slugify(name) or stable_id("actor", name), name=name, kind=kind))
        return CanonicalActor(actor, self.parents_of(actor), rule="unknown")

    def canonical(self, mention: str, hint: ActorKind | None) -> CanonicalActor:
        words = self.strip_descriptors(_clean(mention).split())
        found = None
        if words:
            actor = self.known(words)
            if actor is not None:
                found = CanonicalActor(actor, self.parents_of(actor), rule="known")
            else:
                found = self.government_body(words) or self.unit(words)
                if found is None and hint not in _NOT_PERSON_KINDS:
                    found = self.person_rule(words, hint)
                found = found or self.role_of_body(words)
        found = found or self.unknown(words, mention, hint)
        actor = found.actor
        user = self.names.get(name_key(actor.name)) if found.rule != "known" else None
        if user is not None and user.id != actor.id:
            # The input declares this actor under another id ("russian-foreign-ministry"): theirs.
            actor = merge_actor(actor, user)
        # Links a user actor adds lead to parents the rule did not see.
        parents = {p.id: p for p in (*found.parents, *self.parents_of(actor)) if p.id != actor.id}
        if mention != actor.name and mention not in actor.aliases:
            # Remember the name as written, so a search for it finds the actor.
            actor = actor.model_copy(update={"aliases": [*actor.aliases, mention]})
        return CanonicalActor(actor, tuple(parents.values()), found.role, found.rule)


def canonical_actor(
    mention: str,
    kind_hint: ActorKind | None = None,
    *,
    names: Mapping[str, Actor] | None = None,
    ids: Mapping[str, Actor] | None = None,
) -> CanonicalActor:
    """The canonical actor a mention names, with the bodies above it and the role it holds.

    Pure: the same arguments always give the same result.

    Example:
        >>> found = canonical_actor("AKP spokesman Omar Celik", "person")
        >>> found.actor.id, found.role, [p.id for p in found.parents]
        ('omar-celik', 'spokesman', ['akp', 'country:tur'])

    Args:
        mention: the actor as the text names it.
        kind_hint: the kind the extractor guesses (from NER); used for names no rule knows, and
            a non-person kind keeps the person rule out. Not trusted over the lexicons.
        names: extra actors by ``name_key`` of their names, tried before the lexicons (user
            aliases, declared actors).
        ids: extra actors by id; one with the id a rule gives is merged over the rule's actor.

    Returns:
        The actor (with ``mention`` among its aliases when it is not its name), its parents
        nearest first, the role and the rule that decided.
    """
    return _Rules(load_lexicon(), names or {}, ids or {}).canonical(mention, kind_hint)


# --- The resolver ---------------------------------------------------------------------------


@dataclass
class ActorResolver:
    """Gives each actor reference its canonical id and collects the Actor records to write.

    Precedence: a user alias file wins over everything (its names even over a country's); then
    countries; then actors declared by the input (which never take a country's name); then the
    rules of ``canonical_actor``. An actor a rule finds whose id is declared or in the alias
    file is that actor, with the links the mention adds.

    Example:
        >>> resolver = ActorResolver(alias_file=Path("aliases.yaml"))
        >>> ref, actor = resolver.resolve(ActorRef(name="Russia's Ministry of Foreign Affairs"))
        >>> ref.actor_id, ref.name, resolver.known("country:rus").name
        ('country:rus/foreign-ministry', 'Russian Foreign Ministry', 'Russia')

    Args:
        declared: actors declared by the input (``{"actor": {...}}`` lines), by id.
        alias_file: a user alias file (see ``load_alias_file``).

    Raises:
        ValueError: the alias file is malformed.
    """

    declared: dict[str, Actor] = field(default_factory=dict)
    alias_file: Path | None = None

    def __post_init__(self) -> None:
        lexicon = load_lexicon()
        entries = load_alias_file(Path(self.alias_file)) if self.alias_file is not None else []
        self._fixed: dict[str, Actor] = dict(self.declared)
        for entry in entries:
            base = self._fixed.get(entry.id) or lexicon.actor_by_id(entry.id)
            self._fixed[entry.id] = merge_actor(base, entry) if base is not None else entry
        self._names: dict[str, Actor] = {}
        for entry in entries:
            actor = self._fixed[entry.id]
            for name in (actor.name, *actor.aliases):
                self._names.setdefault(name_key(name), actor)
        # A declared actor never takes a country's name: GDELT declares "UNITED STATES" for the
        # US government (USAGOV), and "United States" in a statement still means the country.
        for actor_id in self.declared:
            actor = self._fixed[actor_id]
            for name in (actor.name, *actor.aliases):
                if name_key(name) not in lexicon.country_names:
                    self._names.setdefault(name_key(name), actor)
        self._created: dict[str, Actor] = {}
        self._resolved: dict[tuple[str | None, str, str | None], tuple[Actor, bool]] = {}

    def known(self, actor_id: str) -> Actor | None:
        """An actor by id: declared or from the alias file, a country, a gazetteer actor or
        government body, or one met while resolving (a unit, a person)."""
        return self._fixed.get(actor_id) or load_lexicon().actor_by_id(actor_id) or self._created.get(actor_id)

    def canonical(self, mention: str, kind_hint: ActorKind | None = None) -> CanonicalActor:
        """``canonical_actor`` with this resolver's declared actors and aliases."""
        found = canonical_actor(mention, kind_hint, names=self._names, ids=self._fixed)
        for actor in (*found.parents, found.actor):
            # Parents must be found by ``known`` so that the loader writes them too.
            self._created.setdefault(actor.id, actor)
        return found

    def _actor_for(self, actor_id: str | None, name: str, kind: ActorKind | None) -> tuple[Actor, bool]:
        if actor_id is None:
            return self.canonical(name, kind).actor, True
        actor = self.known(actor_id)
        if actor is None:
            return Actor(id=actor_id, name=name, kind=kind or "unknown"), False
        if name != actor.name and name not in actor.aliases:
            # Remember the name this input used, so a search for it finds the actor.
            actor = actor.model_copy(update={"aliases": [*actor.aliases, name]})
        return actor, False

    def resolve(self, ref: ActorRef) -> tuple[ActorRef, Actor]:
        """The reference with ``actor_id`` and ``kind`` filled in, and the actor it names.

        A reference with an ``actor_id`` keeps its name; one resolved from its name gets the
        canonical name and kind (the words as written stay in ``text`` and in the actor's aliases).
        """
        key = (ref.actor_id, ref.name, ref.kind)
        cached = self._resolved.get(key)
        if cached is None:
            # The same few names recur through a corpus: resolve each once (half of preparing, measured).
            cached = self._resolved[key] = self._actor_for(ref.actor_id, ref.name, ref.kind)
        actor, from_mention = cached
        if from_mention:
            return ref.model_copy(update={"actor_id": actor.id, "kind": actor.kind, "name": actor.name}), actor
        if ref.actor_id == actor.id and ref.kind is not None:
            return ref, actor
        return ref.model_copy(update={"actor_id": actor.id, "kind": ref.kind or actor.kind}), actor
