"""Records shared between the loaders and the graph: articles, actors and statements.

A statement is one speech act in one article: SPEAKER --RELATION--> CLAIM, where the claim
may be ABOUT target actors (the contract is ../shared/docs/relations.md). Every statement
keeps its evidence: the article, the sentence and the character offsets of the speaker, the
cue and the claim, so that ``article_text[start:end]`` gives back the words as written.

These models are what a statements JSONL file holds, one record a line, and what the text
extractor and the GDELT loader produce.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date, datetime, time, timezone
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

Relation = Literal["ACCUSES", "DENIES", "REPORTS", "SUPPORTS"]
RELATIONS: tuple[Relation, ...] = ("ACCUSES", "DENIES", "REPORTS", "SUPPORTS")

# Targets of these relations are what the claim is about (relations.md); a DENIES target is
# the actor whose claim is denied and a SUPPORTS target the actor backed, so neither makes
# the claim ABOUT them.
ABOUT_RELATIONS: frozenset[str] = frozenset({"ACCUSES", "REPORTS"})

ActorKind = Literal[
    "country",
    "government_body",
    "party",
    "organization",
    "armed_group",
    "media",
    "person",
    "unknown",
]

# Ids travel in URLs and CSV cells: printable, no surrounding blanks, bounded.
Identifier = Annotated[str, Field(min_length=1, max_length=300, pattern=r"^[^\s\x00-\x1f\x7f](?:[^\x00-\x1f\x7f]*[^\s\x00-\x1f\x7f])?$")]
Name = Annotated[str, Field(min_length=1, max_length=500)]


class Record(BaseModel):
    """Base of every record: unknown fields are errors, so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


class Span(Record):
    """Words as written in the article, with their character offsets (end exclusive)."""

    text: str | None = Field(default=None, max_length=100_000)
    start: int | None = Field(default=None, ge=0)
    end: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _offsets_are_a_range(self) -> Span:
        if (self.start is None) != (self.end is None):
            raise ValueError("start and end go together: give both or neither")
        if self.start is not None and self.end is not None:
            if self.end < self.start:
                raise ValueError(f"end ({self.end}) is before start ({self.start})")
            if self.text is not None and len(self.text) != self.end - self.start:
                raise ValueError(
                    f"text is {len(self.text)} characters long but end - start is {self.end - self.start}"
                )
        return self


class ActorRef(Span):
    """An actor as named in a statement: the speaker or a target."""

    name: Name
    actor_id: Identifier | None = None
    kind: ActorKind | None = None


class Claim(Span):
    """What was said. ``refers_to`` lists earlier statements of the same article whose claims
    this one stands for ("these claims"): the statement then points at those Claim nodes
    instead of a new one."""

    claim_id: Identifier | None = None
    refers_to: list[Identifier] = Field(default_factory=list)

    @model_validator(mode="after")
    def _has_content(self) -> Claim:
        if not self.refers_to and not (self.text and self.text.strip()):
            raise ValueError("a claim needs its text, or refers_to naming the statements it stands for")
        return self


class Cue(Span):
    """The words that mark the speech act ("denied", "according to", "the statement said")."""


class Sentence(Span):
    """The sentence that holds the statement, kept as evidence."""


def _utc(value: datetime) -> datetime:
    try:
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)
    except OverflowError:  # 0001-01-01T00:00:00+01:00 is before year 1 in UTC: a ValueError, so pydantic reports it
        raise ValueError(f"{value.isoformat()} is out of range in UTC (years 1 to 9999)") from None


def _as_utc_datetime(value: object) -> object:
    """Dates become midnight UTC; datetimes without a zone are taken as UTC."""
    if isinstance(value, datetime):
        return _utc(value)
    if isinstance(value, date):
        return datetime.combine(value, time(0), tzinfo=timezone.utc)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return datetime.combine(date.fromisoformat(value.strip()), time(0), tzinfo=timezone.utc)
    return value


# A time in UTC: a date is its first moment, a time without a zone is taken as UTC.
UtcDateTime = Annotated[datetime, BeforeValidator(_as_utc_datetime), AfterValidator(_utc)]


class Statement(Record):
    """One speech act: who said what about whom, with its evidence.

    Example:
        >>> Statement(article_id="a1", relation="DENIES",
        ...           speaker=ActorRef(name="Turkey"), claim=Claim(text="Turkey sent fighters"))
    """

    article_id: Identifier
    statement_id: Identifier | None = None
    relation: Relation
    speaker: ActorRef
    targets: list[ActorRef] = Field(default_factory=list, validate_default=True)
    claim: Claim
    cue: Cue | None = None
    sentence: Sentence | None = None
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    extractor: str = Field(default="manual", min_length=1, max_length=100)
    stated_at: UtcDateTime | None = None
    # Where the statement came from in its source, e.g. a GDELT GLOBALEVENTID and CAMEO code.
    origin_id: str | None = Field(default=None, max_length=300)
    origin_code: str | None = Field(default=None, max_length=50)

    @field_validator("relation", mode="before")
    @classmethod
    def _upper_relation(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("targets")
    @classmethod
    def _accusation_has_target(cls, targets: list[ActorRef], info: ValidationInfo) -> list[ActorRef]:
        if info.data.get("relation") == "ACCUSES" and not targets:
            raise ValueError("an ACCUSES statement needs at least one target: the blamed actor")
        return targets


class PartOf(Record):
    """A link from an actor to the body it belongs to, with the role it holds there."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    actor_id: Identifier
    role: str | None = Field(default=None, max_length=200)


class Actor(Record):
    """A canonical actor: countries, ministries, parties, organisations, armed groups, media
    and persons. ``part_of`` builds the hierarchy (spokesman -> party -> country)."""

    id: Identifier
    name: Name
    kind: ActorKind = "unknown"
    aliases: list[Name] = Field(default_factory=list)
    part_of: list[PartOf] = Field(default_factory=list)


class Article(Record):
    """An article: where statements were found. ``text``, when given, lets the loader check
    every offset and is kept on the node for highlighting; ``text_sha256`` is derived from it."""

    id: Identifier
    url: str | None = Field(default=None, max_length=4000)
    title: str | None = Field(default=None, max_length=2000)
    source: str | None = Field(default=None, max_length=500)
    published_at: UtcDateTime | None = None
    language: str | None = Field(default=None, max_length=20)
    text: str | None = None
    text_sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")

    @model_validator(mode="after")
    def _hash_matches_text(self) -> Article:
        if self.text is not None:
            digest = hashlib.sha256(self.text.encode("utf-8")).hexdigest()
            if self.text_sha256 is not None and self.text_sha256 != digest:
                raise ValueError("text_sha256 does not match the text")
            self.text_sha256 = digest
        return self


class ArticleStatements(Record):
    """The unit of loading: one article and all its statements, written in one transaction
    so that a bad article writes nothing."""

    article: Article
    statements: list[Statement]
    # Every actor the statements name, with its PART_OF links.
    actors: list[Actor] = Field(default_factory=list)
    # Where the article came from, for messages: "file.jsonl" or "file.jsonl:12".
    origin: str | None = None


def stable_id(prefix: str, *parts: object) -> str:
    """A short deterministic id from its parts: the same input always gives the same id."""
    digest = hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8"))
    return f"{prefix}-{digest.hexdigest()[:20]}"


_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"'})


def normalize_claim_text(text: str) -> str:
    """The form of a claim's text that decides whether two claims are the same words:
    case, quote style, spacing and closing punctuation do not count."""
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return re.sub(r"\s+", " ", folded).strip(" \t\n.,;:!?\"'")


def slugify(name: str) -> str:
    """Lower-case ASCII words joined by hyphens: "Azerbaijan's Defense Ministry" ->
    "azerbaijans-defense-ministry". Empty when the name has no letters or digits."""
    ascii_name = unicodedata.normalize("NFKD", name.translate(_QUOTES)).encode("ascii", "ignore").decode()
    ascii_name = ascii_name.replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
