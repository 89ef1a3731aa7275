"""Read GDELT 2.0 Event files into statements.

GDELT codes each event as Actor1 --CAMEO action--> Actor2 and names the article it found the
event in. The few CAMEO actions that are speech acts about another actor (accuse, criticise,
deny responsibility, praise, defend, rally support) become statements; every other event is
counted as skipped. GDELT rows carry no article text, so a statement has no offsets and its
claim is the CAMEO description of the action ("Accuse of aggression").

Two layouts are read, told apart by their first line, not by the file name:
- the raw GDELT 2.0 export (``*.export.CSV``): tab-separated, no header, the 61 columns of
  ``EVENT_COLUMNS`` in that order;
- a CSV with a header line naming GDELT's columns, comma- or tab-separated, extra columns
  allowed (gdeltPyR adds ``CAMEOCodeDescription``).

Problems are reported as ``file:line: field: message``. A bad row is skipped alone (GDELT
events are independent of each other); a file that is not a GDELT event file is refused whole.
An article's rows are scattered through an export: the rows wait in a spool on disk
(``loaders/spool.py``), grouped by article, so memory stays flat however large the files.
"""

from __future__ import annotations

import csv
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cache
from importlib import resources
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from pydantic import ValidationError

from claimgraph.graph.types import (
    Actor,
    ActorKind,
    ActorRef,
    Article,
    Claim,
    PartOf,
    Relation,
    Statement,
    slugify,
    stable_id,
)
from claimgraph.loaders.actors import country_id, load_countries
from claimgraph.loaders.parsed import InputProblem, ParsedInput, RawArticle, SpooledArticles
from claimgraph.loaders.spool import Spool, SpooledLine
from claimgraph.loaders.statements import validation_problems

# The GDELT 2.0 Event table, in the column order of the raw export (GDELT 2.0 Event codebook;
# /work/shared/eval/gdelt-sample/schema_events2.csv).
EVENT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)

# The columns a header file must have for its rows to become statements.
REQUIRED_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code",
    "EventCode", "DATEADDED", "SOURCEURL",
)

# CAMEO event code -> relation, from the label mapping in eval/gdelt-sample/SOURCE.md. 111
# (criticize or denounce) is a weaker accusation; the code stays on the statement as
# origin_code. 12x (reject) is left out on purpose: it rejects requests, not factual claims.
# 010-015 (make statement ...) would be REPORTS but are not mapped yet.
RELATION_BY_CAMEO: dict[str, Relation] = {
    "111": "ACCUSES",
    "112": "ACCUSES",
    "1121": "ACCUSES",
    "1122": "ACCUSES",
    "1123": "ACCUSES",
    "1124": "ACCUSES",
    "1125": "ACCUSES",
    "016": "DENIES",
    "051": "SUPPORTS",
    "052": "SUPPORTS",
    "053": "SUPPORTS",
}

# An accusation needs the blamed actor, and a SUPPORTS with nobody backed says nothing; a
# denial of responsibility may stand alone.
NEEDS_TARGET: frozenset[str] = frozenset({"ACCUSES", "SUPPORTS"})

# CAMEO actor type (Actor*Type1Code) -> actor kind; any other type (CVL, ELI, OPP, CRM ...) is
# "unknown". MNC, a multinational corporation, is a business like BUS.
KIND_BY_CAMEO_TYPE: dict[str, ActorKind] = {
    **dict.fromkeys(("GOV", "MIL", "COP", "JUD", "LEG", "SPY"), "government_body"),
    **dict.fromkeys(("REB", "INS", "SEP", "UAF"), "armed_group"),
    **dict.fromkeys(("MED", "JRN"), "media"),
    "PTY": "party",
    **dict.fromkeys(("NGO", "IGO", "BUS", "MNC", "EDU", "LAB", "HLH", "REL", "NGM"), "organization"),
}


@cache
def load_cameo_descriptions() -> dict[str, str]:
    """CAMEO event code (as a string, leading zeros kept) -> description, from
    ``data/cameo_eventcodes.tsv``."""
    descriptions: dict[str, str] = {}
    with resources.files("claimgraph.loaders").joinpath("data/cameo_eventcodes.tsv").open(encoding="utf-8") as lines:
        rows = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(rows)  # the header line
        for code, description in rows:
            descriptions[code.strip()] = description.strip()
    return descriptions


@dataclass(frozen=True)
class _Layout:
    """How a file's rows are split into columns."""

    columns: tuple[str, ...]
    delimiter: str
    has_header: bool

    def split(self, line: str) -> list[str]:
        # Raw exports are never quoted; a header CSV quotes cells holding commas.
        quoting = csv.QUOTE_NONE if self.delimiter == "\t" else csv.QUOTE_MINIMAL
        return next(csv.reader([line], delimiter=self.delimiter, quoting=quoting), [])


def _detect_layout(first_line: str) -> _Layout | str:
    """The file's layout, found from its first line, or why it is not a GDELT event file."""
    for delimiter in (",", "\t"):
        names = next(csv.reader([first_line], delimiter=delimiter), [])
        if "GLOBALEVENTID" in names and "SOURCEURL" in names:
            missing = [name for name in REQUIRED_COLUMNS if name not in names]
            if missing:
                return f"the header has no column {', '.join(missing)}"
            return _Layout(tuple(names), delimiter, has_header=True)
    fields = first_line.split("\t")
    if len(fields) == len(EVENT_COLUMNS) and fields[0].isdigit():
        return _Layout(EVENT_COLUMNS, "\t", has_header=False)
    return (
        "the first line is neither a header naming GLOBALEVENTID and SOURCEURL nor a row of "
        f"{len(EVENT_COLUMNS)} tab-separated fields starting with an event id"
    )


class _BadValue(ValueError):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column


def _parse_time(row: dict[str, str], column: str, pattern: str) -> datetime:
    try:
        return datetime.strptime(row[column], pattern).replace(tzinfo=timezone.utc)
    except ValueError:
        raise _BadValue(column, f"expected a date as {pattern}, got {row[column]!r}") from None


def _display_name(gdelt_name: str) -> str:
    """GDELT names are upper case ("THE WHITE HOUSE"); capitalise each word for display. Not
    str.title(), which capitalises after apostrophes ("Don'T")."""
    return re.sub(r"(?<![\w'])\w", lambda m: m[0].upper(), gdelt_name.strip().lower())


def _actor(row: dict[str, str], side: str) -> tuple[ActorRef, Actor | None]:
    """The reference for Actor1 or Actor2 of a row, and the actor to declare for it (None for a
    country, which the gazetteer already knows)."""
    code = row[f"{side}Code"].strip()
    countries = load_countries()
    # A pure country actor: its code is a country code ("USA", or "ROU" with no country
    # affiliation given). Regions like AFR or EUR are not in the gazetteer and fall through.
    country = countries.get(code)
    if country is not None:
        return ActorRef(name=country.name, actor_id=country.id, kind="country"), None
    name = _display_name(row[f"{side}Name"]) or code
    role = row[f"{side}Type1Code"].strip() or None
    affiliation = row[f"{side}CountryCode"].strip()
    # "USAGOV"/"BARACK OBAMA" is PART_OF the United States, in the role GOV.
    part_of = [PartOf(actor_id=country_id(affiliation), role=role)] if affiliation in countries else []
    actor = Actor(
        # The name is in the id because one code covers many actors (USAGOV: Obama, the White House ...).
        id=f"gdelt:{code}:{slugify(name) or code.lower()}",
        name=name,
        kind=KIND_BY_CAMEO_TYPE.get(role or "", "unknown"),
        part_of=part_of,
    )
    return ActorRef(name=actor.name, actor_id=actor.id, kind=actor.kind), actor


def _host(url: str) -> str | None:
    """The site an article is from, without "www."; None when SOURCEURL is a citation rather
    than a URL ("Shamshad TV, Kabul/BBC Monitoring/(c) BBC")."""
    try:
        host = urlsplit(url).hostname if "://" in url else None
    except ValueError:  # e.g. a malformed IPv6 host
        return None
    return host.removeprefix("www.") if host else None


@dataclass
class _Event:
    """A row that became a statement, with what it adds besides the statement."""

    event_id: str
    statement: Statement
    article: Article
    actors: list[Actor] = field(default_factory=list)


def _event(row: dict[str, str], relation: Relation) -> _Event:
    """The statement one mapped row makes, its article and the actors it names.

    Raises:
        _BadValue: a column's value cannot be read.
        ValidationError: the records refuse a value.
    """
    event_id = row["GLOBALEVENTID"].strip()
    if not event_id.isdigit():
        raise _BadValue("GLOBALEVENTID", f"expected an integer, got {event_id!r}")
    stated_at = _parse_time(row, "SQLDATE", "%Y%m%d").date()
    added_at = _parse_time(row, "DATEADDED", "%Y%m%d%H%M%S")
    code = row["EventCode"].strip()
    url = row["SOURCEURL"].strip()

    speaker, speaker_actor = _actor(row, "Actor1")
    target, target_actor = _actor(row, "Actor2") if row["Actor2Code"].strip() else (None, None)
    article = Article(
        id=stable_id("gdelt-url", url),
        url=url,
        source=_host(url),
        published_at=added_at,  # when GDELT saw the article: the closest it gives to publication
    )
    # One claim per article, code and target: a claim shared by every article that GDELT coded
    # "Accuse of aggression" would join unrelated stories.
    claim = Claim(
        text=load_cameo_descriptions().get(code) or f"CAMEO {code}",
        claim_id=stable_id("gdelt-claim", url, code, target.actor_id if target else ""),
    )
    statement = Statement(
        article_id=article.id,
        statement_id=stable_id("gdelt", event_id),
        relation=relation,
        speaker=speaker,
        targets=[target] if target else [],
        claim=claim,
        confidence=1.0,  # GDELT gives no per-event confidence
        extractor="gdelt",
        stated_at=stated_at,
        origin_id=event_id,
        origin_code=code,
    )
    return _Event(event_id, statement, article, [a for a in (speaker_actor, target_actor) if a is not None])


def _open_events(path: Path) -> IO[bytes]:
    """The file's bytes; for a zip (GDELT publishes ``*.export.CSV.zip``), its only member's."""
    if path.suffix.lower() != ".zip":
        return path.open("rb")
    archive = zipfile.ZipFile(path)
    members = [info for info in archive.infolist() if not info.is_dir()]
    if len(members) != 1:
        archive.close()
        raise zipfile.BadZipFile(f"expected one file in the zip archive, found {len(members)}")
    member = archive.open(members[0])
    archive.close()  # the archive's file stays open until the member is closed
    return member


class _Reader:
    """Reads files one after another and keeps each event's row in a spool under its article
    (SOURCEURL), so that an export of any size is read in flat memory."""

    def __init__(self) -> None:
        self.parsed = ParsedInput()
        self.spool = Spool()
        self.layouts: dict[str, _Layout] = {}
        self.actors: dict[str, tuple[str, Actor]] = {}

    def problem(self, location: str, message: str, field: str | None = None) -> None:
        self.parsed.problems.append(InputProblem(location, message, field))

    def refuse(self, file: str, message: str) -> None:
        self.problem(file, message)
        self.parsed.refused_files.add(file)

    def read_file(self, path: Path) -> None:
        file = str(path)
        try:
            handle = _open_events(path)
        except (OSError, zipfile.BadZipFile) as e:
            self.refuse(file, f"cannot read: {getattr(e, 'strerror', None) or e}")
            return
        layout: _Layout | None = None
        with handle:
            for line_no, raw in enumerate(handle, start=1):
                location = f"{file}:{line_no}"
                try:
                    line = _decoded(raw)
                except UnicodeDecodeError as e:
                    if layout is None:
                        self.refuse(file, f"not a GDELT 2.0 event file: line 1 is not UTF-8 text (byte {e.start})")
                        return
                    self.problem(location, f"not UTF-8 text (byte {e.start})")
                    self.parsed.skipped["malformed row"] += 1
                    continue
                if layout is None:
                    found = _detect_layout(line.removeprefix("\ufeff"))
                    if isinstance(found, str):
                        self.refuse(file, f"not a GDELT 2.0 event file: {found}")
                        return
                    layout = self.layouts[file] = found
                    if layout.has_header:
                        continue
                if line.strip():
                    self.read_row(file, line_no, layout, raw, line)
        if layout is None:
            self.refuse(file, "not a GDELT 2.0 event file: the file is empty")

    def read_row(self, file: str, line_no: int, layout: _Layout, raw: bytes, line: str) -> None:
        location = f"{file}:{line_no}"
        row = _columns(layout, line)
        if row is None:
            self.problem(location, f"expected {len(layout.columns)} fields, got {len(layout.split(line))}")
            self.parsed.skipped["malformed row"] += 1
            return

        relation = RELATION_BY_CAMEO.get(row["EventCode"].strip())
        if relation is None:
            self.parsed.skipped["event code not mapped"] += 1
            return
        if not row["SOURCEURL"].strip():
            self.parsed.skipped["no SOURCEURL"] += 1
            return
        if not row["Actor1Code"].strip():
            self.parsed.skipped["no Actor1 (speaker)"] += 1
            return
        if relation in NEEDS_TARGET and not row["Actor2Code"].strip():
            self.parsed.skipped["no Actor2 (target)"] += 1
            return

        try:
            event = _event(row, relation)
        except _BadValue as e:
            self.problem(location, str(e), e.column)
            self.parsed.skipped["malformed row"] += 1
            return
        except ValidationError as e:
            self.parsed.problems.extend(validation_problems(e, location, None))
            self.parsed.skipped["malformed row"] += 1
            return
        earlier = self.spool.add_unique(f"event:{event.event_id}", event.article.id, "event", file, line_no, raw)
        if earlier is not None:
            # The same event read twice, e.g. from a day's export and from a sample of it.
            if self.event_of(earlier).statement != event.statement:
                self.problem(location, f"event {event.event_id} was read at {earlier.location} with different values",
                             "GLOBALEVENTID")
            self.parsed.skipped["duplicate event"] += 1
            return
        for actor in event.actors:
            self.actors.setdefault(actor.id, (location, actor))

    def event_of(self, kept: SpooledLine) -> _Event:
        """The event of a kept row, read again as it was when it was kept."""
        layout = self.layouts[kept.file]
        row = _columns(layout, _decoded(kept.content))
        assert row is not None  # the row was checked before it was kept
        return _event(row, RELATION_BY_CAMEO[row["EventCode"].strip()])

    def assemble(self, article_id: str, lines: list[SpooledLine]) -> RawArticle:
        """An article's statements in file order; the article as its earliest update describes it."""
        raw: RawArticle | None = None
        for line in lines:
            event = self.event_of(line)
            if raw is None:
                raw = RawArticle(article=event.article, origin=line.location)
            elif event.article.published_at and raw.article.published_at and event.article.published_at < raw.article.published_at:
                # The same article in several updates: it was published by the first.
                raw.article = event.article
            raw.statements.append((line.location, event.statement))
        assert raw is not None  # the spool hands on articles that have lines
        return raw

    def result(self) -> ParsedInput:
        self.parsed.spooled.append(SpooledArticles(self.spool, "event", self.assemble))
        self.parsed.declared_actors = list(self.actors.values())
        return self.parsed


def _decoded(raw: bytes) -> str:
    return raw.decode("utf-8").rstrip("\r\n")


def _columns(layout: _Layout, line: str) -> dict[str, str] | None:
    """A row's values by column name; None when it has too few or too many fields."""
    fields = layout.split(line)
    return dict(zip(layout.columns, fields)) if len(fields) == len(layout.columns) else None


def read_gdelt(paths: list[Path]) -> ParsedInput:
    """Read GDELT 2.0 Event files (raw exports or CSVs with a header) into statements.

    Args:
        paths: the files, in any mix of the two layouts; one event read from two files is kept once.

    Returns:
        One article per distinct SOURCEURL with its statements, the non-country actors declared
        with their PART_OF links, the problems found, and the rows skipped by reason.

    Example:
        >>> parsed = read_gdelt([Path("20170701234500.export.CSV")])
        >>> parsed.skipped["event code not mapped"]
    """
    reader = _Reader()
    for path in paths:
        reader.read_file(path)
    return reader.result()
