"""Actor ids: one stable id for each actor, whatever loader named it.

Countries come from the gazetteer in ``data/countries.tsv`` and get ``country:<iso3>``, so
"Azerbaijan" in a statement and ``AZE`` in a GDELT row are the same actor. Actors declared in
an input file keep their declared id. Any other name becomes the slug of the name
("Syrian Observatory for Human Rights" -> ``syrian-observatory-for-human-rights``).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from claimgraph.graph.types import Actor, ActorKind, ActorRef, normalize_claim_text, slugify, stable_id


def country_id(iso3: str) -> str:
    return f"country:{iso3.lower()}"


def _name_key(name: str) -> str:
    # Same folding as claim texts: case, quote style and spacing do not count.
    return normalize_claim_text(name)


@cache
def load_countries() -> dict[str, Actor]:
    """The country gazetteer, keyed by ISO 3166-1 alpha-3 code (upper case)."""
    countries: dict[str, Actor] = {}
    with resources.files("claimgraph.loaders").joinpath("data/countries.tsv").open(encoding="utf-8") as lines:
        rows = csv.reader((line for line in lines if not line.startswith("#")), delimiter="\t")
        for iso3, name, aliases in rows:
            countries[iso3] = Actor(
                id=country_id(iso3),
                name=name,
                kind="country",
                aliases=[alias for alias in aliases.split("|") if alias],
            )
    return countries


def country_by_id(actor_id: str) -> Actor | None:
    """The country with this actor id (``country:aze``), if it is one."""
    if not actor_id.startswith("country:"):
        return None
    return load_countries().get(actor_id.removeprefix("country:").upper())


@dataclass
class ActorResolver:
    """Gives each actor reference its canonical id and collects the Actor records to write.

    Args:
        declared: actors declared by the input (``{"actor": {...}}`` lines), by id.
    """

    declared: dict[str, Actor] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._resolved: dict[tuple[str | None, str, str | None], Actor] = {}
        self._by_name: dict[str, Actor] = {}
        for country in load_countries().values():
            for name in (country.name, *country.aliases):
                self._by_name.setdefault(_name_key(name), country)
        # A declared actor never takes a country's name: GDELT declares "UNITED STATES" for the
        # US government (USAGOV), and "United States" in a statement still means the country.
        for actor in self.declared.values():
            for name in (actor.name, *actor.aliases):
                self._by_name.setdefault(_name_key(name), actor)

    def known(self, actor_id: str) -> Actor | None:
        """A declared actor or a country, by id."""
        return self.declared.get(actor_id) or country_by_id(actor_id)

    def _actor_for(self, actor_id: str | None, name: str, kind: ActorKind | None) -> Actor:
        actor = self.known(actor_id) if actor_id else self._by_name.get(_name_key(name))
        if actor is None:
            return Actor(id=actor_id or slugify(name) or stable_id("actor", name), name=name, kind=kind or "unknown")
        if name != actor.name and name not in actor.aliases:
            # Remember the name this input used, so a search for it finds the actor.
            return actor.model_copy(update={"aliases": [*actor.aliases, name]})
        return actor

    def resolve(self, ref: ActorRef) -> tuple[ActorRef, Actor]:
        """The reference with ``actor_id`` and ``kind`` filled in, and the actor it names."""
        key = (ref.actor_id, ref.name, ref.kind)
        actor = self._resolved.get(key)
        if actor is None:
            # The same few names recur through a corpus: resolve each once (half of preparing, measured).
            actor = self._resolved[key] = self._actor_for(ref.actor_id, ref.name, ref.kind)
        if ref.actor_id == actor.id and ref.kind is not None:
            return ref, actor
        return ref.model_copy(update={"actor_id": actor.id, "kind": ref.kind or actor.kind}), actor
